package dev.plugboard.app.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder the user works in: WIT packages, component binaries, compositions. Lists what
 * the workspace tree shows, leaving out hidden entries and build output.
 */
public record Workspace(Path root) {
  private static final Set<String> SKIPPED = Set.of("target", "node_modules", "build");

  public Workspace {
    root = root.toAbsolutePath().normalize();
  }

  public String name() {
    Path name = root.getFileName();
    return name == null ? root.toString() : name.toString();
  }

  /** The entries of one folder: folders first, then files, each group by name. */
  public List<Path> children(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Workspace::shown)
          .sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p))
              .thenComparing(p -> p.getFileName().toString(), String.CASE_INSENSITIVE_ORDER))
          .toList();
    }
  }

  private static boolean shown(Path p) {
    String name = p.getFileName().toString();
    if (name.startsWith(".")) {
      return false;
    }
    return !(Files.isDirectory(p) && SKIPPED.contains(name));
  }

  /** The workspace-relative path used in titles and messages. */
  public String relative(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }
}
