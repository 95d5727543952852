package dev.plugboard.app.cli;

import java.nio.file.Path;

/** Opens the IDE window; the CLI calls it when no subcommand is given. */
@FunctionalInterface
public interface IdeLauncher {
  /**
   * Opens the IDE and returns when its window closes.
   *
   * @param workspace the folder to open, or {@code null} for the last workspace (or the
   *     bundled sample on a first run)
   * @param file a file to open in it (a desktop's "open with", a file association), or {@code null}
   */
  void open(Path workspace, Path file);
}
