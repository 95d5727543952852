package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.TextMutator;
import org.junit.jupiter.api.Test;

/**
 * Mutated WAC documents (seeded, bounded): reading one either works or fails with a
 * {@link Wac.WacException} that renders; nothing else may escape.
 */
class WacFuzzTest {
  private static final String[] SEEDS = {WacTest.APP_UPPER, """
      package example:c targets example:c/w;
      interface text { apply: func(s: string) -> string; }
      world w { import text; export run: func(s: string) -> string; }
      import t as "example:c/text": text;
      let app = new example:app { "example:text/transform@0.1.0": t, ... };
      let u = new example:upper {};
      export (app).run;
      export u["example:text/transform@0.1.0"] as "x";
      export u...;
      """};
  private static final String PIECES = " \n{}()[];:,.=\"...@/<>-%abcxyz0123456789letnewimportexport";

  @Test
  void mutatedDocumentsFailCleanly() {
    TextMutator mutator = new TextMutator(0xfeed, PIECES);
    Wac.Packages packages = WacTest.fixtures();
    int ok = 0;
    for (int i = 0; i < 1500; i++) {
      String text = mutator.mutate(SEEDS[mutator.random().nextInt(SEEDS.length)], 4);
      try {
        Wac.read("f.wac", text, packages);
        ok++;
      } catch (Wac.WacException expected) {
        assertThat(expected.rendered()).startsWith("f.wac");
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("case " + i + ": " + e + "\n" + text, e);
      }
    }
    assertThat(ok).isGreaterThan(0);
  }
}
