package dev.plugboard.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Atomic saves: write a temporary file beside the target, then rename it over the target,
 * so a crash or a full disk leaves either the old file or the new one, never half of each.
 *
 * <p>Only regular files are replaced: a symbolic link is written through to the file it
 * points at (the link stays a link), and a directory, FIFO or device is refused rather than
 * replaced by a regular file. An existing file keeps its permissions. A temporary file is
 * removed when the JVM stops (Ctrl+C, SIGTERM) mid-write, and temporaries left by a process
 * that was killed outright are removed by the next write beside them.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  private static final String SUFFIX = ".plugboard-tmp";
  private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path p : IN_FLIGHT) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort while the JVM stops
        }
      }
    }, "plugboard-temp-cleanup"));
  }

  /** Writes {@code text} as UTF-8, creating missing parent folders (for settings and workspace files). */
  public static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Writes {@code content}, creating missing parent folders (for settings and workspace files). */
  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, true);
  }

  /**
   * Writes {@code content} to {@code target}; with {@code createParents} false, a missing
   * parent folder is an error (what a command's {@code -o} wants).
   */
  public static void write(Path target, byte[] content, boolean createParents) throws IOException {
    Path file = resolveLinks(target.toAbsolutePath());
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IOException(target + ": " + (Files.isDirectory(file) ? "is a directory" : "is not a regular file")
          + "; refusing to replace it");
    }
    Path dir = file.getParent();
    if (createParents) {
      Files.createDirectories(dir);
    } else if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "the folder does not exist");
    }
    removeStaleTemporaries(dir, file.getFileName().toString());
    Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + SUFFIX);
    IN_FLIGHT.add(temp);
    try {
      Files.write(temp, content, java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
      keepPermissions(file, temp);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
      IN_FLIGHT.remove(temp);
    }
  }

  /** Follows symbolic links (also dangling ones, to the path they name), at most 40 deep. */
  private static Path resolveLinks(Path p) throws IOException {
    Path at = p;
    for (int i = 0; i < 40 && Files.isSymbolicLink(at); i++) {
      Path link = Files.readSymbolicLink(at);
      at = at.getParent().resolve(link).normalize();
    }
    if (Files.isSymbolicLink(at)) {
      throw new IOException(p + ": too many levels of symbolic links");
    }
    return at;
  }

  private static void keepPermissions(Path existing, Path temp) throws IOException {
    if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    PosixFileAttributeView from = Files.getFileAttributeView(existing, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (from != null && to != null) {
      Set<PosixFilePermission> perms = from.readAttributes().permissions();
      to.setPermissions(perms);
    }
  }

  /** Temporaries of this naming for {@code name} whose writing process is gone. */
  private static void removeStaleTemporaries(Path dir, String name) {
    String prefix = "." + name + ".";
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*" + SUFFIX)) {
      for (Path p : entries) {
        String middle = p.getFileName().toString().substring(prefix.length());
        int dot = middle.indexOf('.');
        long pid;
        try {
          pid = dot < 0 ? -1 : Long.parseLong(middle.substring(0, dot));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid > 0 && ProcessHandle.of(pid).isEmpty()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // a folder we cannot list: nothing to clean
    }
  }
}
