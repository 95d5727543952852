package dev.plugboard.app.workspace;

import java.nio.file.Path;

/** One entry of the Problems panel: a file, where in it (may be empty), and what is wrong. */
public record Problem(Path file, String location, String message) {
  @Override
  public String toString() {
    return file.getFileName() + (location.isEmpty() ? "" : ":" + location) + ": " + message;
  }
}
