package dev.plugboard.app.ui;

import dev.plugboard.profile.Profile;
import dev.plugboard.profile.ui.ProfilerView;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/**
 * The Profiler tool window: a {@link ProfilerView} of the component whose calls were traced last
 * (each Run page feeds it through {@link Shell#profiled} after every call), or of the component
 * shown when it has been run. Keeps the newest profile per file; holds no logic of its own.
 */
final class ProfilerTool {
  private final ProfilerView view = new ProfilerView();
  private final Label hint = new Label("Run a function on a component's Run page: what its calls cost shows here.");
  private final BorderPane root = new BorderPane();
  private final Map<Path, Profile> profiles = new HashMap<>();
  private Path shown;

  ProfilerTool() {
    root.setId("profiler-tool");
    hint.setId("profiler-tool-hint");
    hint.getStyleClass().add("placeholder");
    hint.setWrapText(true);
    hint.setPadding(new javafx.geometry.Insets(12));
    root.setCenter(hint);
    // a bottom tool window is wide and short: the table beside the histogram and the other details
    if (view.getCenter() instanceof javafx.scene.control.SplitPane split) {
      split.setOrientation(javafx.geometry.Orientation.HORIZONTAL);
      split.setDividerPositions(0.6);
    }
  }

  BorderPane node() {
    return root;
  }

  ProfilerView view() {
    return view;
  }

  /** The newest profile of {@code file}'s calls: shown at once (keeping the selected function when it is still there). */
  void update(Path file, Profile profile) {
    profiles.put(file, profile);
    show(file);
  }

  /** Shows {@code file}'s profile if its calls were traced; otherwise leaves what is shown. */
  void follow(Path file) {
    if (profiles.containsKey(file) && !file.equals(shown)) {
      show(file);
    }
  }

  private void show(Path file) {
    var selected = view.functionTable().selectedProperty().get();
    shown = file;
    view.setProfile(profiles.get(file));
    if (selected != null) {
      view.functionTable().getItems().stream().filter(s -> s.key().equals(selected.key())).findFirst()
          .ifPresent(s -> view.functionTable().getSelectionModel().select(s));
    }
    root.setCenter(view);
  }
}
