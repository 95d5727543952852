package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.Workspace;
import dev.plugboard.app.workspace.WorkspaceWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The workspace tree: reloads a folder when the {@link WorkspaceWatcher} reports it changed (no
 * F5 needed), keeps what is expanded and selected when it reloads, and follows the active tab.
 */
final class WorkspaceTree {
  final TreeView<Path> view = new TreeView<>();
  private final Consumer<String> onError;
  private Workspace workspace;
  private WorkspaceWatcher watcher;

  WorkspaceTree(ReadOnlyObjectProperty<Workspace> workspace, Consumer<String> onError) {
    this.onError = onError;
    view.setId("workspace-tree");
    view.setMinWidth(200); // the workspace keeps a readable width however the window starts
    view.setShowRoot(true);
    view.setCellFactory(t -> new WorkspaceTreeCell(workspace));
  }

  /** Shows {@code ws} and watches it for changes. */
  void show(Workspace ws) {
    close();
    workspace = ws;
    TreeItem<Path> root = new WorkspaceTreeItem(ws, ws.root(), onError);
    root.setExpanded(true);
    view.setRoot(root);
    try {
      watcher = new WorkspaceWatcher(ws, dir -> Platform.runLater(() -> reload(dir)));
    } catch (IOException e) {
      onError.accept("cannot watch " + ws.root() + " for changes (" + e.getMessage() + "); use View › Refresh");
    }
  }

  /** Reloads every folder, keeping expansion and selection. */
  void refresh() {
    if (workspace != null && view.getRoot() != null) {
      reload(workspace.root());
    }
  }

  /** Reloads {@code dir} and the folders under it that are loaded, keeping what is expanded and selected. */
  void reload(Path dir) {
    TreeItem<Path> item = find(view.getRoot(), dir);
    if (!(item instanceof WorkspaceTreeItem folder)) {
      return;
    }
    Path selected = view.getSelectionModel().getSelectedItem() == null ? null
        : view.getSelectionModel().getSelectedItem().getValue();
    Set<Path> expanded = new HashSet<>();
    collectExpanded(item, expanded);
    folder.reload();
    restoreExpanded(item, expanded);
    if (selected != null) {
      TreeItem<Path> again = find(view.getRoot(), selected);
      if (again != null) {
        view.getSelectionModel().select(again);
      }
    }
  }

  private static void collectExpanded(TreeItem<Path> item, Set<Path> out) {
    if (item.isExpanded()) {
      out.add(item.getValue());
      if (!(item instanceof WorkspaceTreeItem w) || w.loaded()) {
        for (TreeItem<Path> c : item.getChildren()) {
          collectExpanded(c, out);
        }
      }
    }
  }

  private static void restoreExpanded(TreeItem<Path> item, Set<Path> expanded) {
    if (expanded.contains(item.getValue())) {
      item.setExpanded(true);
      for (TreeItem<Path> c : item.getChildren()) {
        restoreExpanded(c, expanded);
      }
    }
  }

  /** Selects {@code file} in the tree, expanding the folders down to it (the active tab's file). */
  void reveal(Path file) {
    if (workspace == null || view.getRoot() == null) {
      return;
    }
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.startsWith(workspace.root())) {
      view.getSelectionModel().clearSelection();
      return;
    }
    TreeItem<Path> at = view.getRoot();
    for (Path part : workspace.root().relativize(abs)) {
      at.setExpanded(true);
      Path next = at.getValue().resolve(part);
      TreeItem<Path> child = at.getChildren().stream().filter(c -> c.getValue().equals(next)).findFirst().orElse(null);
      if (child == null) {
        return;
      }
      at = child;
    }
    view.getSelectionModel().select(at);
    int row = view.getRow(at);
    if (row >= 0) {
      view.scrollTo(Math.max(0, row - 3));
    }
  }

  /** The item of {@code path}, among the items already loaded. */
  private static TreeItem<Path> find(TreeItem<Path> from, Path path) {
    if (from == null) {
      return null;
    }
    if (from.getValue().equals(path)) {
      return from;
    }
    if (!path.startsWith(from.getValue()) || (from instanceof WorkspaceTreeItem w && !w.loaded())) {
      return null;
    }
    for (TreeItem<Path> c : from.getChildren()) {
      TreeItem<Path> found = find(c, path);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  void close() {
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
  }

  static boolean isFile(TreeItem<Path> item) {
    return item != null && Files.isRegularFile(item.getValue());
  }
}
