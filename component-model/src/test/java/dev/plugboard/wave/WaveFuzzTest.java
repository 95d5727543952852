package dev.plugboard.wave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import dev.plugboard.types.WitTypes;
import dev.plugboard.testing.TextMutator;
import org.junit.jupiter.api.Test;

/**
 * Mutated WAVE texts against a type with every kind of value (seeded, bounded): parsing works
 * or throws {@link WaveException} with a span inside the text; what parses prints and parses
 * back to the same value.
 */
class WaveFuzzTest {
  private static final String DEFS = """
      record r { a: u8, b: option<string>, c: list<tuple<s64, char>> }
      variant v { none-case, some-case(f64), other(r) }
      enum e { red, green }
      flags f { x, y, z }
      """;
  private static final String TYPE = "tuple<r, v, e, f, result<u32, string>, option<option<bool>>, list<f32>>";
  private static final String SEED = "({a: 1, b: some(\"x\\u{2603}\"), c: [(-5, 'q'), (7, '\\n')]}, other({a: 2, c: []}),"
      + " green, {x, z}, err(\"bad\"), some(none), [1.5, -0, nan, inf])";
  private static final String PIECES = " (){}[],:'\"\\-.0123456789abcefgnorstuxyz%";

  @Test
  void mutatedValuesFailCleanlyAndRoundTrip() throws Exception {
    ValueType type = WitTypes.fromText(DEFS, TYPE);
    Value seed = Wave.parse(SEED, type);
    assertThat(Wave.parse(Wave.print(seed), type)).isEqualTo(seed);
    TextMutator mutator = new TextMutator(0xbeef, PIECES);
    int parsed = 0;
    for (int i = 0; i < 3000; i++) {
      String text = mutator.mutate(SEED, 3);
      try {
        Value v = Wave.parse(text, type);
        parsed++;
        assertThat(Wave.parse(Wave.print(v), type)).as(text).isEqualTo(v);
      } catch (WaveException expected) {
        assertThat(expected.start()).isBetween(0, text.length());
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("case " + i + ": " + e + "\n" + text, e);
      }
    }
    assertThat(parsed).isGreaterThan(0);
  }
}
