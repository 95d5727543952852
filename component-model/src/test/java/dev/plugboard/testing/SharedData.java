package dev.plugboard.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared} (fixtures and conformance suites, read in place). Where it is
 * absent, tests that need it are skipped with a message that says so; every other test
 * still runs.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder: system property {@code plugboard.shared}, else {@code ../shared}. */
  public static Path root() {
    String configured = System.getProperty("plugboard.shared");
    Path root = configured != null ? Path.of(configured) : Path.of("..", "shared");
    return root.toAbsolutePath().normalize();
  }

  /** A path inside the shared folder; skips the calling test when it does not exist. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    assumeTrue(Files.exists(p),
        () -> "skipped: shared test data not found at " + p + " (the ../shared folder is absent)");
    return p;
  }
}
