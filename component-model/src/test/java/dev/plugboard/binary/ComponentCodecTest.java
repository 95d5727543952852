package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ComponentCodecTest {
  static List<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(SharedData.require("fixtures/components"))) {
      return s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
    }
  }

  @Test
  void everyFixtureEncodesBackByteIdentical() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Path p : fixtures()) {
      byte[] bytes = Files.readAllBytes(p);
      Component c = ComponentDecoder.decode(bytes);
      byte[] again = ComponentEncoder.encode(c);
      if (!Arrays.equals(bytes, again)) {
        failures.add(p.getFileName() + ": " + bytes.length + " bytes in, " + again.length + " out, first difference at "
            + Arrays.mismatch(bytes, again));
      }
      assertThat(ComponentDecoder.decode(again)).isEqualTo(c);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyFixtureValidates() throws Exception {
    for (Path p : fixtures()) {
      ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(Files.readAllBytes(p));
      try {
        ComponentValidator.validate(d.component(), d.offsets());
      } catch (InvalidComponentException e) {
        throw new AssertionError(p.getFileName() + ": " + e.describe(), e);
      }
    }
  }

  @Test
  void everyTruncationIsAnErrorWithAnOffset() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.require("fixtures/components/kv.wasm"));
    java.util.Set<Integer> boundaries = sectionBoundaries(bytes);
    int decoded = 0;
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] prefix = Arrays.copyOf(bytes, cut);
      try {
        ComponentDecoder.decode(prefix);
        decoded++;
        // only a prefix that ends between two top-level sections is itself a component
        assertThat(boundaries).as("a cut at byte " + cut + " decoded").contains(cut);
      } catch (MalformedBinaryException e) {
        assertThat(e.offset()).isBetween(0L, (long) cut);
        assertThat(boundaries).as("a cut at a section boundary (" + cut + ") is a whole component")
            .doesNotContain(cut);
      }
    }
    assertThat(decoded).isEqualTo(boundaries.size());
  }

  /** Offsets where a top-level section ends (and the preamble's end): the valid prefixes. */
  private static java.util.Set<Integer> sectionBoundaries(byte[] bytes) {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    int at = 8;
    out.add(at);
    while (at < bytes.length) {
      at++; // section id
      long size = 0;
      int shift = 0;
      int b;
      do {
        b = bytes[at++] & 0xff;
        size |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      at += (int) size;
      if (at < bytes.length) {
        out.add(at);
      }
    }
    return out;
  }

  @Test
  void aCoreModuleIsNotAComponent() {
    assertThatThrownBy(() -> ComponentDecoder.decode(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}))
        .hasMessageContaining("core module");
  }
}
