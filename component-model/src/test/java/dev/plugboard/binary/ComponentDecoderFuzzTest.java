package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the binary pipeline with Jazzer. Under {@code mvn verify} it runs
 * the seed inputs in {@code src/test/resources/.../ComponentDecoderFuzzTestInputs} (regression
 * mode); with {@code JAZZER_FUZZ=1} it fuzzes for a bounded time, as CI does. Every input is
 * decoded, re-encoded, validated and shown as WIT: each step succeeds or fails with its own
 * exception and an offset; nothing else may escape.
 */
class ComponentDecoderFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void decodeValidateAndShow(byte[] input) {
    ComponentDecoder.Decoded d;
    try {
      d = ComponentDecoder.decodeWithOffsets(input);
    } catch (MalformedBinaryException expected) {
      assertThat(expected.offset()).isBetween(0L, (long) input.length);
      return;
    }
    try {
      assertThat(ComponentDecoder.decode(ComponentEncoder.encode(d.component()))).isEqualTo(d.component());
    } catch (MalformedBinaryException e) {
      throw new AssertionError("re-encoding a decoded component gave a malformed binary", e);
    }
    try {
      ComponentValidator.validate(d.component(), d.offsets());
      ComponentWit.of(d.component());
    } catch (InvalidComponentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
