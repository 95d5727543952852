package dev.plugboard.compose.ui;

import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.Sidecar;
import dev.plugboard.compose.scene.ScenePackages;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Opens the canvas in a real window over the test packages, to look at it by hand (run from
 * {@code graph-composer/} with the test class path; argument {@code dark} for the dark theme).
 */
public final class CanvasDemo {
  private CanvasDemo() {}

  /** The main class is not the Application, so JavaFX runs from the class path. */
  public static void main(String[] args) {
    Application.launch(Window.class, args);
  }

  /** The window. */
  public static final class Window extends Application {
    @Override
    public void start(Stage stage) {
      boolean dark = getParameters().getRaw().contains("dark");
      Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
          : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
      CompositionDocument doc = new CompositionDocument("demo.wac", CanvasTest.TEXT, Sidecar.empty(),
          ScenePackages.packages(), List.of());
      CompositionCanvas canvas = new CompositionCanvas(doc);
      canvas.catalog().addAll("canvas:shout", "canvas:counter", "canvas:echo", "canvas:relay", "canvas:loud-greeter");
      canvas.setOnCompose(d -> System.out.println(d.text()));
      stage.setTitle("Plugboard canvas");
      stage.setScene(new Scene(canvas, 1200, 720));
      stage.show();
    }
  }
}
