package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real IDE headless (JavaFX's Headless glass platform) with a fresh settings folder per
 * test, and opens the sample workspace (a first run shows the welcome page; {@link #openSample()}
 * false keeps it).
 */
abstract class IdeTest extends FxRobot {
  @TempDir Path config;
  PlugboardApp app;
  Stage stage;

  /** The workspace the IDE opened by itself on its first start (before the test's own set-up). */
  Workspace firstStartWorkspace;

  /** Whether the test starts in the sample workspace rather than on the welcome page. */
  boolean openSample() {
    return true;
  }

  @BeforeEach
  void start() throws Exception {
    System.setProperty("plugboard.config.dir", config.toString());
    stage = FxToolkit.registerPrimaryStage();
    app = (PlugboardApp) FxToolkit.setupApplication(PlugboardApp::new);
    interact(() -> {});
    firstStartWorkspace = window().workspaceProperty().get();
    if (openSample()) {
      interact(() -> window().openSampleWorkspace());
    } else {
      interact(() -> window().closeWorkspace());
    }
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  MainWindow window() {
    return app.window();
  }

  /** Opens a file as a user would and waits until its tab is there (or its failure reported). */
  void openAndWait(Path file) throws Exception {
    await(() -> window().open(file));
  }

  /** Runs {@code start} on the FX thread and waits for the future it returns. */
  <T> T await(java.util.function.Supplier<CompletableFuture<T>> start) throws Exception {
    AtomicReference<CompletableFuture<T>> f = new AtomicReference<>();
    interact(() -> f.set(start.get()));
    T value = f.get().get(120, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    return value;
  }
}
