package dev.plugboard.app.ui;

import dev.plugboard.app.run.RunSession;
import java.time.LocalTime;
import java.util.Locale;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.collections.ObservableList;

/** The Run history tool window: every call made on any Run page, with its result, time and ABI cost. */
final class RunHistory {
  /** One call: the component's file name, when, and what it gave. */
  record Entry(String component, LocalTime at, RunSession.Outcome outcome) {}

  private RunHistory() {}

  static ListView<Entry> view(ObservableList<Entry> entries) {
    ListView<Entry> list = new ListView<>(entries);
    list.setId("run-history");
    list.setPlaceholder(new javafx.scene.control.Label("No calls yet: run one on a component's Run page."));
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(Entry e, boolean empty) {
        super.updateItem(e, empty);
        getStyleClass().removeAll("run-ok", "run-failed");
        if (empty || e == null) {
          setText(null);
          return;
        }
        getStyleClass().add(e.outcome().ok() ? "run-ok" : "run-failed");
        setText(String.format(Locale.ROOT, "%s  %s  %s → %s", e.at().withNano(0), e.component(), e.outcome().call(),
            e.outcome().text()) + (e.outcome().nanos() > 0 ? "  (" + e.outcome().timing() + ")" : ""));
      }
    });
    return list;
  }
}
