package dev.plugboard.profile.ui;

import dev.plugboard.profile.CallTree;
import dev.plugboard.profile.Hints;
import dev.plugboard.profile.Profile;
import dev.plugboard.profile.ProfileFormatException;
import dev.plugboard.profile.ProfileJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The profiler: a profile's functions in a sortable table, and below it the selected function's
 * latency histogram, the call tree (icicle), the timeline of the calls (exact mode), the wires,
 * and hints that explain costs. A self-contained control: give it a profile
 * ({@link #setProfile}) or a saved one ({@link #open}); it styles itself with {@code profiler.css}
 * (the theme's looked-up colours, so light and dark themes both work).
 */
public final class ProfilerView extends BorderPane {
  /** The stylesheet the profiler's controls use; added by {@link ProfilerView}, add it for the others. */
  public static final String STYLESHEET = ProfilerView.class.getResource("profiler.css").toExternalForm();

  private final ReadOnlyObjectWrapper<Profile> profile = new ReadOnlyObjectWrapper<>(this, "profile");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
  private final Label title = new Label("No profile");
  private final FunctionTable functions = new FunctionTable();
  private final FunctionTable wires = new FunctionTable();
  private final LatencyHistogramView histogram = new LatencyHistogramView();
  private final FlameView flame = new FlameView();
  private final TimelineView timeline = new TimelineView();
  private final ListView<String> hints = new ListView<>();
  private final TabPane details = new TabPane();

  public ProfilerView() {
    setId("profiler");
    getStyleClass().add("profiler");
    getStylesheets().add(STYLESHEET);
    title.setId("profile-title");
    title.getStyleClass().add("profile-title");
    wires.setId("profile-wires");
    wires.getColumns().getFirst().setText("Wire");
    hints.setId("profile-hints");
    hints.setPlaceholder(new Label("No hints: nothing stands out"));
    details.setId("profile-details");
    details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    details.getTabs().addAll(new Tab("Histogram", histogram), new Tab("Call tree", flame),
        new Tab("Timeline", timeline), new Tab("Wires", wires), new Tab("Hints", hints));
    SplitPane split = new SplitPane(functions, details);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.45);
    setTop(title);
    setCenter(split);
    functions.selectedProperty().addListener((o, a, s) -> histogram.setStats(s));
  }

  public ReadOnlyObjectProperty<Profile> profileProperty() {
    return profile.getReadOnlyProperty();
  }

  /** Why the last {@link #open} failed (one line, with the file), or null. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public FunctionTable functionTable() {
    return functions;
  }

  public LatencyHistogramView histogram() {
    return histogram;
  }

  public FlameView flame() {
    return flame;
  }

  public TimelineView timeline() {
    return timeline;
  }

  public TabPane details() {
    return details;
  }

  public void setProfile(Profile p) {
    profile.set(p);
    error.set(null);
    functions.getSelectionModel().clearSelection();
    functions.setProfile(p);
    wires.setRows(p == null ? java.util.List.of() : p.wires());
    histogram.setStats(null);
    flame.setTree(p == null ? null : CallTree.of(p.events()));
    timeline.setEvents(p == null ? java.util.List.of() : p.events());
    hints.getItems().setAll(p == null ? java.util.List.of() : Hints.of(p).stream().map(Hints.Hint::message).toList());
    title.setText(p == null ? "No profile" : String.format(Locale.ROOT, "%s — %s: %,d calls in %s (%s mode)",
        p.source(), p.workload(), p.calls(), ProfileFormat.nanos(p.wallNanos()),
        p.mode().name().toLowerCase(Locale.ROOT)));
    if (!functions.getItems().isEmpty()) {
      functions.getSortOrder().setAll(java.util.List.of(functions.getColumns().get(2)));
      functions.getColumns().get(2).setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
      functions.sort();
    }
  }

  /** Opens a saved profile ({@code .profile.json}); false, with {@link #errorProperty()} set, if it cannot be read. */
  public boolean open(Path file) {
    try {
      setProfile(ProfileJson.load(file));
      return true;
    } catch (IOException e) {
      error.set(file + ": cannot read: " + e.getMessage());
    } catch (ProfileFormatException e) {
      error.set(e.getMessage());
    }
    title.setText(error.get());
    return false;
  }
}
