package dev.plugboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.types.ValueType;
import dev.plugboard.wave.Wave;
import dev.plugboard.wave.WaveException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Small crafted inputs that once hung the tools or overflowed the stack end in a one-line
 * error naming the limit. Work is bounded by construction (limits checked before recursing),
 * so these run quickly without any timing assertion.
 */
class HostileInputTest {
  /** A component whose type section defines {@code t0 = u8} and then {@code t(n) = tuple<t(n-1), t(n-1)>}. */
  static byte[] tupleDag(int levels) {
    ByteArrayOutputStream types = new ByteArrayOutputStream();
    leb(types, levels + 1);
    types.write(0x7d); // u8
    for (int i = 1; i <= levels; i++) {
      types.write(0x6f); // tuple
      types.write(2);
      sleb(types, i - 1);
      sleb(types, i - 1);
    }
    return component(7, types.toByteArray());
  }

  /** {@code l0 = u8}, {@code l(n) = list<l(n-1)>}. */
  static byte[] listChain(int levels) {
    ByteArrayOutputStream types = new ByteArrayOutputStream();
    leb(types, levels + 1);
    types.write(0x7d);
    for (int i = 1; i <= levels; i++) {
      types.write(0x70);
      sleb(types, i - 1);
    }
    return component(7, types.toByteArray());
  }

  private static byte[] component(int section, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
    out.write(section);
    leb(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void leb(ByteArrayOutputStream out, long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v == 0 ? b : b | 0x80);
    } while (v != 0);
  }

  /** A type index inside a value type is an s33: positive indices need a clear sign bit. */
  private static void sleb(ByteArrayOutputStream out, long v) {
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = v == 0 && (b & 0x40) == 0;
      out.write(done ? b : b | 0x80);
      if (done) {
        return;
      }
    }
  }

  private static void validate(byte[] bytes) throws Exception {
    var d = ComponentDecoder.decodeWithOffsets(bytes);
    ComponentValidator.validate(d.component(), d.offsets());
  }

  @Test
  void aTypeThatExpandsExponentiallyIsRejectedBySize() {
    byte[] bomb = tupleDag(40);
    assertThat(bomb.length).isLessThan(200);
    assertThatThrownBy(() -> validate(bomb)).isInstanceOf(InvalidComponentException.class)
        .hasMessageContaining("effective type size exceeds the limit of 1000000");
  }

  @Test
  void aLongChainOfNestedTypesIsRejectedByDepth() {
    assertThatThrownBy(() -> validate(listChain(10_000))).isInstanceOf(InvalidComponentException.class)
        .hasMessageContaining("nesting is too deep");
  }

  @Test
  void typesWithinTheLimitsValidate() throws Exception {
    validate(tupleDag(15));
    validate(listChain(90));
  }

  @Test
  void deeplyNestedWaveIsAnErrorNotAStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    ValueType type = ValueType.Prim.U8;
    for (int i = 0; i < 10; i++) {
      type = new ValueType.ListType(type);
    }
    ValueType t = type;
    assertThatThrownBy(() -> Wave.parse(deep, t)).isInstanceOf(WaveException.class)
        .hasMessageContaining("deeper than 128 levels");
  }
}
