package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/** A folder or file of the workspace tree; a folder lists its entries the first time it opens. */
final class WorkspaceTreeItem extends TreeItem<Path> {
  private final Workspace workspace;
  private final Consumer<String> onError;
  private final boolean folder;
  private boolean loaded;

  WorkspaceTreeItem(Workspace workspace, Path path, Consumer<String> onError) {
    super(path);
    this.workspace = workspace;
    this.onError = onError;
    this.folder = Files.isDirectory(path);
  }

  boolean loaded() {
    return loaded;
  }

  /** Lists the folder again: entries that stay keep their items (and so their own state). */
  void reload() {
    if (!folder || !loaded) {
      return;
    }
    java.util.Map<Path, TreeItem<Path>> old = new java.util.HashMap<>();
    for (TreeItem<Path> c : super.getChildren()) {
      old.put(c.getValue(), c);
    }
    java.util.List<TreeItem<Path>> now = new java.util.ArrayList<>();
    try {
      for (Path child : workspace.children(getValue())) {
        TreeItem<Path> keep = old.get(child);
        if (keep instanceof WorkspaceTreeItem w) {
          w.reload();
        }
        now.add(keep != null ? keep : new WorkspaceTreeItem(workspace, child, onError));
      }
    } catch (IOException e) {
      onError.accept(workspace.relative(getValue()) + ": cannot list folder: " + e.getMessage());
      return;
    }
    if (!now.equals(super.getChildren())) {
      super.getChildren().setAll(now);
    }
  }

  @Override
  public boolean isLeaf() {
    return !folder;
  }

  @Override
  public ObservableList<TreeItem<Path>> getChildren() {
    if (!loaded) {
      loaded = true;
      try {
        for (Path child : workspace.children(getValue())) {
          super.getChildren().add(new WorkspaceTreeItem(workspace, child, onError));
        }
      } catch (IOException e) {
        onError.accept(workspace.relative(getValue()) + ": cannot list folder: " + e.getMessage());
      }
    }
    return super.getChildren();
  }
}
