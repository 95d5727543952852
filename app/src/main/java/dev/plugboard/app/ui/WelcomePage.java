package dev.plugboard.app.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What the window shows while no workspace is open: open a folder or the sample, the recent
 * workspaces, and the File › New starting points. Each button runs the action of the same name.
 */
final class WelcomePage {
  private final VBox recent = new VBox(4);
  private final ScrollPane root;

  WelcomePage(ActionRegistry actions, Consumer<Path> openWorkspace) {
    Label title = new Label("Welcome to Plugboard");
    title.getStyleClass().add("title-1");
    Label lead = new Label("Build software out of WebAssembly components: edit WIT, compose, run, profile.");
    lead.getStyleClass().add("text-muted");
    lead.setWrapText(true);

    VBox start = column("Start",
        button(actions, "file.open-folder", "welcome-open-folder"),
        button(actions, "file.open-sample", "welcome-open-sample"),
        button(actions, "file.open-file", "welcome-open-file"));
    VBox create = column("New",
        button(actions, "file.new-wit-package", "welcome-new-wit"),
        button(actions, "file.new-composition", "welcome-new-wac"),
        button(actions, "file.new-component", "welcome-new-component"));
    recent.setId("welcome-recent");
    VBox recentColumn = column("Recent workspaces", recent);
    this.openWorkspace = openWorkspace;

    HBox columns = new HBox(48, start, create, recentColumn);
    VBox page = new VBox(16, title, lead, columns,
        new Label("Find any action with " + ActionRegistry.shortcutText(actions.find("view.palette").orElseThrow())
            + "."));
    page.getStyleClass().add("welcome");
    page.setId("welcome");
    page.setAlignment(Pos.TOP_LEFT);
    root = new ScrollPane(page);
    root.setFitToWidth(true);
    root.setFitToHeight(true);
  }

  private final Consumer<Path> openWorkspace;

  /** Lists the recent workspaces that still exist. */
  void showRecent(List<String> paths) {
    recent.getChildren().clear();
    for (String p : paths) {
      Path path = Path.of(p);
      if (!Files.isDirectory(path)) {
        continue;
      }
      Hyperlink link = new Hyperlink(path.getFileName() + "  —  " + path);
      link.getStyleClass().add("welcome-recent-entry");
      link.setOnAction(e -> openWorkspace.accept(path));
      recent.getChildren().add(link);
    }
    if (recent.getChildren().isEmpty()) {
      Label none = new Label("None yet.");
      none.getStyleClass().add("placeholder");
      recent.getChildren().add(none);
    }
  }

  Node node() {
    return root;
  }

  private static VBox column(String heading, Node... items) {
    Label h = new Label(heading);
    h.getStyleClass().add("title-4");
    VBox v = new VBox(8, h);
    v.getChildren().addAll(items);
    v.setMinWidth(220);
    return v;
  }

  private static Button button(ActionRegistry actions, String action, String id) {
    Action a = actions.find(action).orElseThrow(() -> new IllegalArgumentException("no action " + action));
    Button b = new Button(a.title());
    b.setId(id);
    b.setMaxWidth(Double.MAX_VALUE);
    b.setAlignment(Pos.CENTER_LEFT);
    b.setOnAction(e -> a.handler().run());
    return b;
  }
}
