package dev.plugboard.profile.ui;

import dev.plugboard.profile.Profile;
import dev.plugboard.runtime.trace.CallStats;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * A sortable table of a profile's functions (or wires): calls, total, mean, p50, p99, max, ABI
 * share, bytes, reallocs, transcodes, traps. Columns sort by their numbers; the selection is
 * {@link #selectedProperty()}. Refreshing with new figures keeps the sort and the selection.
 */
public final class FunctionTable extends TableView<CallStats> {
  public FunctionTable() {
    getStyleClass().add("profile-table");
    setId("profile-functions");
    setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    TableColumn<CallStats, String> name = new TableColumn<>("Function");
    name.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().key()));
    name.setPrefWidth(320);
    // Never narrower than what reads: a short tool window scrolls sideways instead of showing "…".
    name.setMinWidth(200);
    getColumns().add(name);
    getColumns().add(number("Calls", s -> s.calls(), FunctionTable::count));
    getColumns().add(number("Total", s -> s.totalNanos(), ProfileFormat::nanos));
    getColumns().add(number("Mean", s -> s.meanNanos(), ProfileFormat::nanos));
    getColumns().add(number("p50", s -> s.percentileNanos(50), ProfileFormat::nanos));
    getColumns().add(number("p99", s -> s.percentileNanos(99), ProfileFormat::nanos));
    getColumns().add(number("Max", s -> s.maxNanos(), ProfileFormat::nanos));
    getColumns().add(number("ABI", s -> s.abiShare(), v -> String.format(Locale.ROOT, "%.0f%%", 100 * v)));
    getColumns().add(number("Bytes", s -> s.bytes(), FunctionTable::count));
    getColumns().add(number("Reallocs", s -> s.reallocs(), FunctionTable::count));
    getColumns().add(number("Transcodes", s -> s.transcodes(), FunctionTable::count));
    getColumns().add(number("Traps", s -> s.traps(), FunctionTable::count));
    setPlaceholder(new javafx.scene.control.Label("No calls across component boundaries yet"));
  }

  private static String count(double v) {
    return String.format(Locale.ROOT, "%,d", (long) v);
  }

  private static TableColumn<CallStats, Number> number(String title, Function<CallStats, Number> value,
      java.util.function.DoubleFunction<String> format) {
    TableColumn<CallStats, Number> c = new TableColumn<>(title);
    c.setId("column-" + title.toLowerCase(Locale.ROOT));
    c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
    c.setComparator((a, b) -> Double.compare(a.doubleValue(), b.doubleValue()));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Number item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : format.apply(item.doubleValue()));
      }
    });
    c.getStyleClass().add("number-column");
    c.setPrefWidth(90);
    c.setMinWidth(Math.max(84, 9 * title.length() + 26)); // "210.3 µs", "12,345,678"
    return c;
  }

  /** Shows the functions of {@code p} (null: nothing). */
  public void setProfile(Profile p) {
    setRows(p == null ? List.of() : p.functions());
  }

  /** Shows these rows, keeping the sort order and the selected row (by key). */
  public void setRows(List<CallStats> rows) {
    CallStats selected = getSelectionModel().getSelectedItem();
    var sorted = FXCollections.observableArrayList(rows);
    getItems().setAll(sorted);
    sort();
    if (selected != null) {
      for (CallStats s : getItems()) {
        if (s.key().equals(selected.key())) {
          getSelectionModel().select(s);
          break;
        }
      }
    }
  }

  public ReadOnlyObjectProperty<CallStats> selectedProperty() {
    return getSelectionModel().selectedItemProperty();
  }
}
