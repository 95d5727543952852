package dev.plugboard.app.ui;

import dev.plugboard.app.cli.UserError;
import dev.plugboard.app.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: loads the settings, builds the {@link MainWindow} and opens the
 * workspace (the one asked for, else the last one, else the bundled sample).
 *
 * <p>With {@code -Dplugboard.startupProbe=true} (or the environment variable
 * {@code PLUGBOARD_STARTUP_PROBE=1}, for launchers that take no JVM options) it prints the time from process start to
 * the first shown frame and exits: the cold-start measurement in docs/benchmarks.md.
 */
public class PlugboardApp extends Application {
  private static volatile Path requestedWorkspace;
  private static volatile Path requestedFile;
  private MainWindow window;

  /** Opens the IDE (on {@code file}, when not null) and blocks until its window is closed. */
  public static void openIde(Path workspace, Path file) {
    if (!displayAvailable()) {
      throw new UserError("cannot open the IDE window: no display (DISPLAY is not set); "
          + "use a subcommand instead, see 'plugboard --help'");
    }
    requestedWorkspace = workspace;
    requestedFile = file;
    Application.launch(PlugboardApp.class);
  }

  private static boolean displayAvailable() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return true;
    }
    if ("headless".equalsIgnoreCase(System.getProperty("glass.platform"))) {
      return true;
    }
    return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
  }

  @Override
  public void start(Stage stage) {
    SettingsStore store = new SettingsStore(SettingsStore.defaultDirectory());
    window = new MainWindow(stage, store);
    if (Boolean.getBoolean("plugboard.startupProbe") || System.getenv("PLUGBOARD_STARTUP_PROBE") != null) {
      stage.setOnShown(e -> Platform.runLater(() -> {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        System.out.println("plugboard: window shown " + Duration.between(started, Instant.now()).toMillis()
            + " ms after process start");
        Platform.exit();
      }));
    }
    window.show();
    window.openInitialWorkspace(requestedWorkspace);
    if (requestedFile != null) {
      window.open(requestedFile);
    }
  }

  @Override
  public void stop() {
    if (window != null) {
      window.dispose();
    }
  }

  /** The main window, for tests that drive the real UI. */
  public MainWindow window() {
    return window;
  }
}
