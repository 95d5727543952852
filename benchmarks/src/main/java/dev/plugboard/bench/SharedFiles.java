package dev.plugboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads benchmark inputs from {@code ../shared} (system property {@code plugboard.shared}). */
final class SharedFiles {
  private SharedFiles() {}

  static Path path(String relative) {
    Path p = Path.of(System.getProperty("plugboard.shared", "../shared")).resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("benchmark input not found: " + p + " (the ../shared folder is absent)");
    }
    return p;
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
