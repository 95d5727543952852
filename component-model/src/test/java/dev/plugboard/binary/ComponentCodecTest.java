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
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] prefix = Arrays.copyOf(bytes, cut);
      try {
        ComponentDecoder.decode(prefix);
      } catch (MalformedBinaryException e) {
        assertThat(e.offset()).isBetween(0L, (long) cut);
      }
    }
  }

  @Test
  void aCoreModuleIsNotAComponent() {
    assertThatThrownBy(() -> ComponentDecoder.decode(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}))
        .hasMessageContaining("core module");
  }
}
