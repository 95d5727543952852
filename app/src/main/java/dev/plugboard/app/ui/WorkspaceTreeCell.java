package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.FileKind;
import dev.plugboard.app.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.TreeCell;

/** Shows a file or folder name, styled by kind ({@code .tree-wit}, {@code .tree-wasm}, ...); a file can be dragged out. */
final class WorkspaceTreeCell extends TreeCell<Path> {
  private static final String[] KIND_CLASSES = {"tree-folder", "tree-wit", "tree-wasm", "tree-wac", "tree-profile", "tree-text", "tree-file"};
  private final ReadOnlyObjectProperty<Workspace> workspace;

  WorkspaceTreeCell(ReadOnlyObjectProperty<Workspace> workspace) {
    this.workspace = workspace;
    // a file dragged out of the tree carries its path (a .wasm dropped on a composition's Graph page adds it)
    setOnDragDetected(e -> {
      Path item = getItem();
      if (item != null && Files.isRegularFile(item)) {
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putFiles(java.util.List.of(item.toFile()));
        startDragAndDrop(javafx.scene.input.TransferMode.COPY).setContent(content);
        e.consume();
      }
    });
  }

  @Override
  protected void updateItem(Path item, boolean empty) {
    super.updateItem(item, empty);
    getStyleClass().removeAll(KIND_CLASSES);
    if (empty || item == null) {
      setText(null);
      return;
    }
    Workspace ws = workspace.get();
    boolean isRoot = ws != null && item.equals(ws.root());
    setText(isRoot ? ws.name() : item.getFileName().toString());
    getStyleClass().add(Files.isDirectory(item)
        ? "tree-folder"
        : "tree-" + FileKind.of(item).name().toLowerCase(Locale.ROOT).replace("other", "file"));
  }
}
