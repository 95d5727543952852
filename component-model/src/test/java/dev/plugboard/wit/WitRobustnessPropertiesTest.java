package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.wit.print.WitFormatter;
import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.SourceMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input never breaks the WIT pipeline: random token soup and mutated real files are
 * either resolved or rejected with diagnostics whose spans lie in the sources; nothing
 * throws, and the formatter either formats or refuses with an error. Inputs come from a
 * seeded generator, so a failure names the seed and the case that reproduce it. (Named
 * {@code ...Test} so that Surefire runs it; the mutated corpus includes the in-repo rule cases,
 * so it does not depend on {@code ../shared}.)
 */
class WitRobustnessPropertiesTest {
  private static final String[] PIECES = {
    "package", "a:b", "@1.0.0", ";", "interface", "world", "i", "w", "{", "}", "(", ")", "<", ">", ",", ":",
    "->", "=", ".", "/", "@since(version = 1.0.0)", "@unstable(feature = x)", "use", "import", "export",
    "include", "with", "as", "type", "record", "enum", "flags", "variant", "resource", "constructor", "static",
    "func", "async", "list", "option", "result", "tuple", "map", "future", "stream", "own", "borrow", "u32",
    "string", "_", "%x", "t", "r", "f", "x-y", "Bad_Id", "// c\n", "/* c */", "/// d\n", "\"s\"", "\n", " ",
    "1", "0", "a:b/i@1.0.0", "\t", "é", "\u202e", "/*", "*/"
  };

  private static final List<String> CORPUS = corpus();

  private static List<String> corpus() {
    Path ok = Path.of(System.getProperty("plugboard.shared", "../shared"), "conformance/wit-parser-ui/ok");
    List<String> texts = new ArrayList<>();
    texts.add("package a:b;\ninterface i {\n  record r { a: u32 }\n  f: func(x: r) -> list<string>;\n}\n"
        + "world w { import i; export g: func(); }\n");
    for (Path dir : List.of(ok, WitRulesTest.CASES)) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".wit")).sorted().toList()) {
          texts.add(Files.readString(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(texts);
  }

  private static final long SEED = Long.getLong("plugboard.fuzz.seed", 0x5eed_0f_71L);

  private static String tokenSoup(SplittableRandom random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(121);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]).append(' ');
    }
    return sb.toString();
  }

  private static String mutatedFile(SplittableRandom random) {
    String text = CORPUS.get(random.nextInt(CORPUS.size()));
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int start = text.isEmpty() ? 0 : random.nextInt(text.length());
      int end = Math.min(text.length(), start + random.nextInt(41));
      text = switch (random.nextInt(3)) {
        case 0 -> text.substring(0, start) + text.substring(end);
        case 1 -> text.substring(0, start) + PIECES[random.nextInt(PIECES.length)] + text.substring(start);
        default -> text.substring(0, start) + text.substring(start, end) + text.substring(start);
      };
    }
    return text;
  }

  @Test
  void tokenSoupIsResolvedOrRejectedCleanly() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 1_000; i++) {
      check(tokenSoup(random), "token soup #" + i);
    }
  }

  @Test
  void mutatedFilesAreResolvedOrRejectedCleanly() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 1_500; i++) {
      check(mutatedFile(random), "mutation #" + i);
    }
  }

  @Test
  void deepNestingAndLongChainsAreHandled() {
    check("package a:b; interface i { type t = " + "list<".repeat(5_000) + "u8" + ">".repeat(5_000) + "; }", "deep");
    StringBuilder chain = new StringBuilder("package a:b; interface i { type t0 = u32;\n");
    for (int i = 1; i < 5_000; i++) {
      chain.append("type t").append(i).append(" = t").append(i - 1).append(";\n");
    }
    chain.append("f: func() -> t4999; }\n");
    check(chain.toString(), "alias chain");
    check(chain.toString().replace("type t0 = u32;", "type t0 = t4999;"), "alias cycle");
  }

  private static void check(String text, String what) {
    try {
      checkOne(text);
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      // the corpus includes ../shared's cases when present: say which corpus, so the seed reproduces
      throw new AssertionError(what + " (seed " + SEED + ", corpus of " + CORPUS.size() + " files"
          + (Files.isDirectory(Path.of(System.getProperty("plugboard.shared", "../shared"))) ? ", with ../shared"
          : ", without ../shared") + ") failed on input:\n" + text, e);
    }
  }

  private static void checkOne(String text) {
    WitResolver.Result r = WitResolver.resolve(
        new WitResolver.Group(List.of(new WitResolver.SourceFile("fuzz.wit", text))), List.of(),
        WitResolver.Options.DEFAULT);
    SourceMap.SourceFile file = r.sources().files().getFirst();
    for (Diagnostic d : r.diagnostics()) {
      assertThat(d.message()).isNotBlank();
      if (!d.span().isNone()) {
        assertThat(d.span().start()).isBetween(file.base(), file.end());
        assertThat(d.span().end()).isBetween(d.span().start(), file.end());
        assertThat(r.sources().render(d)).startsWith("fuzz.wit:");
      }
    }
    try {
      String formatted = WitFormatter.format(text);
      assertThat(WitFormatter.format(formatted)).isEqualTo(formatted);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).startsWith("cannot format WIT with syntax errors");
    }
  }
}
