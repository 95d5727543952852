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
    run(SEEDS, WacTest.fixtures(), java.util.List.of(), 0xfeed);
  }

  /** The same over the in-repo rule documents, with their packages and WIT deps (needs no ../shared). */
  @Test
  void mutatedRuleDocumentsFailCleanly() throws java.io.IOException {
    java.util.List<String> seeds = new java.util.ArrayList<>();
    try (var files = java.nio.file.Files.list(WacRulesTest.CASES)) {
      for (var f : files.filter(f -> f.toString().endsWith(".wac")).sorted().toList()) {
        seeds.add(java.nio.file.Files.readString(f));
      }
    }
    run(seeds.toArray(String[]::new), WacRulesTest.packages(WacRulesTest.CASES.resolve("packages")),
        dev.plugboard.wit.resolve.WitResolver.readDeps(WacRulesTest.CASES.resolve("deps")), 0xbead);
  }

  private static void run(String[] seeds, Wac.Packages packages, java.util.List<dev.plugboard.wit.resolve.WitResolver
      .Group> deps, long seed) {
    TextMutator mutator = new TextMutator(seed, PIECES);
    int ok = 0;
    for (int i = 0; i < 1500; i++) {
      String text = mutator.mutate(seeds[mutator.random().nextInt(seeds.length)], 4);
      try {
        Wac.read("f.wac", text, packages, deps);
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
