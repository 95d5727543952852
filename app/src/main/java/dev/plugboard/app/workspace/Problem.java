package dev.plugboard.app.workspace;

import java.nio.file.Path;

/**
 * One entry of the Problems tool window: a file, where in it (a typed {@link Location}), what is
 * wrong, and who found it (so a producer replaces only its own entries).
 */
public record Problem(Path file, Location location, String message, Source source) {
  /** Who reported a problem. */
  public enum Source { WIT, WAC, BINARY, RUNTIME, WORKSPACE, PROFILE }

  public Problem {
    file = file.toAbsolutePath().normalize();
    location = location == null ? Location.NONE : location;
  }

  @Override
  public String toString() {
    String at = location.toString();
    return file.getFileName() + (at.isEmpty() ? "" : ":" + at) + ": " + message;
  }
}
