package dev.plugboard.app.ui;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Starts the real IDE headless (JavaFX's Headless glass platform) with a fresh settings folder per test. */
abstract class IdeTest extends FxRobot {
  @TempDir Path config;
  PlugboardApp app;
  Stage stage;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("plugboard.config.dir", config.toString());
    stage = FxToolkit.registerPrimaryStage();
    app = (PlugboardApp) FxToolkit.setupApplication(PlugboardApp::new);
    interact(() -> {});
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  MainWindow window() {
    return app.window();
  }
}
