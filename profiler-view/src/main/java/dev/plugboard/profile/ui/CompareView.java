package dev.plugboard.profile.ui;

import dev.plugboard.profile.Comparison;
import dev.plugboard.profile.Profile;
import dev.plugboard.runtime.trace.CallStats;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Two runs side by side, a row per function: calls and mean of each, and the change (after /
 * before for times, a difference for the ABI share and bytes per call). Faster rows are styled
 * {@code .better}, slower {@code .worse} (looked-up colours in the stylesheet).
 */
public final class CompareView extends TableView<Comparison.Row> {
  public CompareView() {
    setId("profile-compare");
    getStyleClass().add("profile-table");
    getStylesheets().add(ProfilerView.STYLESHEET);
    setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    TableColumn<Comparison.Row, String> name = new TableColumn<>("Function");
    name.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().function()));
    name.setPrefWidth(300);
    getColumns().add(name);
    getColumns().add(column("Calls before", r -> r.before() == null ? null : (double) r.before().calls(),
        v -> String.format(Locale.ROOT, "%,.0f", v)));
    getColumns().add(column("Calls after", r -> r.after() == null ? null : (double) r.after().calls(),
        v -> String.format(Locale.ROOT, "%,.0f", v)));
    getColumns().add(column("Mean before", r -> mean(r.before()), ProfileFormat::nanos));
    getColumns().add(column("Mean after", r -> mean(r.after()), ProfileFormat::nanos));
    TableColumn<Comparison.Row, Double> ratio = column("Mean ×", r -> nan(r.meanRatio()),
        v -> String.format(Locale.ROOT, "×%.2f", v));
    ratio.setId("column-mean-ratio");
    getColumns().add(ratio);
    getColumns().add(column("p99 ×", r -> nan(r.p99Ratio()), v -> String.format(Locale.ROOT, "×%.2f", v)));
    getColumns().add(column("ABI share Δ", r -> r.abiShareDelta(),
        v -> String.format(Locale.ROOT, "%+.0f pt", 100 * v)));
    getColumns().add(column("Bytes/call Δ", r -> r.bytesPerCallDelta(), v -> String.format(Locale.ROOT, "%+,.0f", v)));
    setPlaceholder(new Label("Open two profiles to compare them"));
  }

  private static Double mean(CallStats s) {
    return s == null ? null : s.meanNanos();
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static TableColumn<Comparison.Row, Double> column(String title, Function<Comparison.Row, Double> value,
      java.util.function.DoubleFunction<String> format) {
    TableColumn<Comparison.Row, Double> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
    c.setComparator((a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : Double.compare(a, b));
    boolean ratioColumn = title.endsWith("×");
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Double item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll("better", "worse");
        setText(empty ? null : item == null ? "—" : format.apply(item));
        if (!empty && item != null && ratioColumn) {
          if (item < 0.95) {
            getStyleClass().add("better");
          } else if (item > 1.05) {
            getStyleClass().add("worse");
          }
        }
      }
    });
    c.getStyleClass().add("number-column");
    c.setPrefWidth(90);
    return c;
  }

  public void setProfiles(Profile before, Profile after) {
    getItems().setAll(before == null || after == null ? java.util.List.of() : Comparison.of(before, after));
  }
}
