package dev.plugboard.app.workspace;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Watches a workspace's folders (those the tree shows) with a {@link WatchService} and reports
 * each folder whose entries changed, on its own daemon thread. New folders are watched as they
 * appear. The tree reloads only the folders reported, so nobody has to press F5.
 */
public final class WorkspaceWatcher implements AutoCloseable {
  private final Workspace workspace;
  private final WatchService service;
  private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
  private final Consumer<Path> onChange;
  private final Thread thread;

  /** Starts watching; {@code onChange} gets a changed folder (called on the watcher's thread). */
  public WorkspaceWatcher(Workspace workspace, Consumer<Path> onChange) throws IOException {
    this.workspace = workspace;
    this.onChange = onChange;
    this.service = FileSystems.getDefault().newWatchService();
    registerTree(workspace.root());
    thread = new Thread(this::loop, "plugboard-workspace-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void registerTree(Path dir) throws IOException {
    register(dir);
    for (Path child : workspace.children(dir)) {
      if (Files.isDirectory(child)) {
        registerTree(child);
      }
    }
  }

  private void register(Path dir) throws IOException {
    keys.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
        StandardWatchEventKinds.ENTRY_MODIFY), dir);
  }

  private void loop() {
    while (true) {
      WatchKey key;
      try {
        key = service.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      Path dir = keys.get(key);
      boolean entriesChanged = false;
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
          entriesChanged = true;
          continue;
        }
        if (event.kind() == StandardWatchEventKinds.ENTRY_MODIFY) {
          continue;
        }
        entriesChanged = true;
        Path child = dir == null ? null : dir.resolve((Path) event.context());
        if (child != null && event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)
            && !child.getFileName().toString().startsWith(".")) {
          try {
            registerTree(child);
          } catch (IOException ignored) {
            // the folder went away again, or cannot be listed: the tree will say so when opened
          }
        }
      }
      if (!key.reset()) {
        keys.remove(key);
      }
      if (dir != null && entriesChanged) {
        onChange.accept(dir);
      }
    }
  }

  /** The folders being watched (for tests). */
  public java.util.Set<Path> watched() {
    return java.util.Set.copyOf(keys.values());
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException ignored) {
      // nothing to do: the thread ends either way
    }
    thread.interrupt();
  }

}
