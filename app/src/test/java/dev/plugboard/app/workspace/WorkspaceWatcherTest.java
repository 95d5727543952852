package dev.plugboard.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceWatcherTest {
  @TempDir Path root;

  @Test
  void reportsTheFolderWhoseEntriesChangedAndWatchesNewFolders() throws Exception {
    Files.createDirectories(root.resolve("wit"));
    Files.createDirectories(root.resolve("target"));
    LinkedBlockingQueue<Path> changed = new LinkedBlockingQueue<>();
    try (WorkspaceWatcher w = new WorkspaceWatcher(new Workspace(root), changed::add)) {
      assertThat(w.watched()).contains(root.toAbsolutePath().normalize(), root.resolve("wit").toAbsolutePath().normalize())
          .doesNotContain(root.resolve("target").toAbsolutePath().normalize());
      Files.writeString(root.resolve("wit/a.wit"), "package a:b;\n");
      assertThat(changed.poll(20, TimeUnit.SECONDS)).isEqualTo(root.resolve("wit"));
      Files.createDirectories(root.resolve("new-folder"));
      assertThat(changed.poll(20, TimeUnit.SECONDS)).isEqualTo(root);
      changed.clear();
      Files.writeString(root.resolve("new-folder/b.wat"), "(module)\n");
      assertThat(changed.poll(20, TimeUnit.SECONDS)).isEqualTo(root.resolve("new-folder"));
    }
  }
}
