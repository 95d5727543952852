package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinarySummaryTest {

  @Test
  void summarisesAComponentFixture() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.require("fixtures/components/hello.wasm"));
    BinarySummary summary = BinarySummary.read(bytes);
    assertThat(summary.kind()).isEqualTo(BinarySummary.Kind.COMPONENT);
    assertThat(summary.size()).isEqualTo(bytes.length);
    assertThat(summary.count(1)).as("core modules").isGreaterThanOrEqualTo(1);
    assertThat(summary.count(11)).as("exports").isGreaterThanOrEqualTo(1);
    BinarySummary.Section last = summary.sections().getLast();
    assertThat(last.offset() + last.size()).isEqualTo(bytes.length);
  }

  @Test
  void summarisesACoreModule() throws Exception {
    byte[] module = {0, 'a', 's', 'm', 1, 0, 0, 0, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00};
    BinarySummary summary = BinarySummary.read(module);
    assertThat(summary.kind()).isEqualTo(BinarySummary.Kind.CORE_MODULE);
    assertThat(summary.sections()).extracting(BinarySummary.Section::name).containsExactly("type");
  }

  @Test
  void readsCustomSectionNames() throws Exception {
    byte[] module = {0, 'a', 's', 'm', 1, 0, 0, 0, 0x00, 0x05, 0x04, 'n', 'a', 'm', 'e'};
    assertThat(BinarySummary.read(module).sections().getFirst().customName()).isEqualTo("name");
  }

  @Test
  void rejectsWhatIsNotWasm() {
    assertThatThrownBy(() -> BinarySummary.read("hello, world".getBytes()))
        .isInstanceOf(MalformedBinaryException.class)
        .hasMessageContaining("magic header");
    assertThatThrownBy(() -> BinarySummary.read(new byte[3]))
        .hasMessageContaining("shorter than the 8-byte preamble");
  }

  @Test
  void aSectionLengthBeyondTheInputIsAnErrorWithItsOffset() {
    // section id 1, length 0xffffffff: a hostile size that must not be trusted
    byte[] module = {0, 'a', 's', 'm', 1, 0, 0, 0, 0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    assertThatThrownBy(() -> BinarySummary.read(module))
        .isInstanceOfSatisfying(MalformedBinaryException.class, e -> {
          assertThat(e.offset()).isEqualTo(9);
          assertThat(e.describe()).isEqualTo("section length 4294967295 exceeds the 0 remaining bytes (at byte 9)");
        });
  }

  @Test
  void everyTruncationOfAFixtureIsAnErrorNotACrash() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.require("fixtures/components/types.wasm"));
    BinarySummary whole = BinarySummary.read(bytes);
    int ends = 0;
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] prefix = Arrays.copyOf(bytes, cut);
      try {
        BinarySummary partial = BinarySummary.read(prefix);
        // a prefix that ends exactly on a section boundary is itself well framed
        assertThat(partial.sections()).isSubsetOf(whole.sections());
        ends++;
      } catch (MalformedBinaryException e) {
        assertThat(e.offset()).isBetween(0L, (long) cut);
      }
    }
    assertThat(ends).isEqualTo(whole.sections().size());
  }
}
