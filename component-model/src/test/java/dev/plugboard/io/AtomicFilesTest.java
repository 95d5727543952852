package dev.plugboard.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes replace regular files only, follow links, keep permissions and clean up after themselves. */
class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void writesANewFileAndReplacesAnOldOne() throws IOException {
    Path f = dir.resolve("out.wasm");
    AtomicFiles.write(f, "one");
    AtomicFiles.write(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
    Path real = dir.resolve("real.txt");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real.getFileName());
    AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8), false);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
  }

  @Test
  void keepsTheExistingFilesPermissions() throws IOException {
    Path f = dir.resolve("script.sh");
    Files.writeString(f, "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr--"));
    AtomicFiles.write(f, "new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-xr--");
  }

  @Test
  void refusesDirectoriesAndFifosInsteadOfReplacingThem() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertThatThrownBy(() -> AtomicFiles.write(sub, "x")).isInstanceOf(IOException.class)
        .hasMessageContaining("is a directory");
    assertThat(Files.isDirectory(sub)).isTrue();
    Path fifo = dir.resolve("pipe");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(p.waitFor() == 0, "mkfifo is not available");
    assertThatThrownBy(() -> AtomicFiles.write(fifo, "x")).isInstanceOf(IOException.class)
        .hasMessageContaining("not a regular file");
    assertThat(Files.isRegularFile(fifo)).isFalse();
  }

  @Test
  void aMissingFolderIsAnErrorUnlessParentsAreWanted() throws IOException {
    Path f = dir.resolve("missing/out.wasm");
    assertThatThrownBy(() -> AtomicFiles.write(f, new byte[] {1}, false)).isInstanceOf(NoSuchFileException.class);
    AtomicFiles.write(f, new byte[] {1}, true);
    assertThat(Files.size(f)).isEqualTo(1);
  }

  @Test
  void temporariesOfAProcessThatIsGoneAreRemovedByTheNextWrite() throws IOException {
    Path stale = dir.resolve(".out.wasm.999999999.abc.plugboard-tmp");
    Files.writeString(stale, "half");
    Path mine = dir.resolve(".out.wasm." + ProcessHandle.current().pid() + ".abc.plugboard-tmp");
    Files.writeString(mine, "in progress elsewhere in this process");
    AtomicFiles.write(dir.resolve("out.wasm"), "whole");
    assertThat(stale).doesNotExist();
    assertThat(mine).exists();
  }

  private java.util.List<Path> leftovers() throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".plugboard-tmp")).toList();
    }
  }
}
