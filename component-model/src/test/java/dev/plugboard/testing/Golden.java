package dev.plugboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. With {@code -Dbless=true} the expected file is (re)written from
 * the actual output instead; line endings are normalised either way.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(Path expected, String actual) {
    String normalized = actual.replace("\r\n", "\n");
    try {
      if (Boolean.getBoolean("bless")) {
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, normalized, StandardCharsets.UTF_8);
        return;
      }
      assertThat(expected).as("golden file missing; run with -Dbless=true to create it").exists();
      String want = Files.readString(expected, StandardCharsets.UTF_8).replace("\r\n", "\n");
      assertThat(normalized).as("output differs from " + expected + " (run with -Dbless=true to accept)")
          .isEqualTo(want);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
