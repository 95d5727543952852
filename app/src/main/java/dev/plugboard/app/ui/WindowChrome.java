package dev.plugboard.app.ui;

import dev.plugboard.app.Version;
import dev.plugboard.app.settings.Settings.WindowBounds;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The window's bounds as the settings keep them, and Help › About. */
final class WindowChrome {
  private WindowChrome() {}

  /** Puts the window where it was, if that is still on a screen; else centres it. */
  static void restoreBounds(Stage stage, WindowBounds b) {
    stage.setWidth(b.width());
    stage.setHeight(b.height());
    if (b.x() != null && b.y() != null && onSomeScreen(b)) {
      stage.setX(b.x());
      stage.setY(b.y());
    } else {
      stage.centerOnScreen();
    }
    stage.setMaximized(b.maximized());
  }

  private static boolean onSomeScreen(WindowBounds b) {
    Rectangle2D titleBar = new Rectangle2D(b.x(), b.y(), Math.max(1, b.width()), 30);
    return Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(titleBar));
  }

  /** The bounds to remember: a maximised window keeps the bounds it had before. */
  static WindowBounds boundsOf(Stage stage, WindowBounds previous) {
    return stage.isMaximized()
        ? new WindowBounds(previous.x(), previous.y(), previous.width(), previous.height(), true)
        : new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
  }

  /** Help › About: the version and every version Plugboard runs on. */
  static void showAbout(Stage stage) {
    GridPane grid = new GridPane();
    grid.getStyleClass().add("facts");
    int row = 0;
    for (Map.Entry<String, String> e : Version.components().entrySet()) {
      grid.addRow(row++, new Label(e.getKey()), new Label(e.getValue()));
    }
    Alert about = new Alert(Alert.AlertType.INFORMATION);
    about.initOwner(stage);
    about.setTitle("About Plugboard");
    about.setHeaderText("Plugboard " + Version.plugboard()
        + "\nAn IDE for building software out of WebAssembly components.");
    about.getDialogPane().setContent(grid);
    about.showAndWait();
  }
}
