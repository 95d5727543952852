package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.Golden;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rules of wac-LANGUAGE.md, one WAC document per rule, written from the spec text: every
 * {@code src/test/resources/wac-rules/NAME.wac} is read against the packages of
 * {@code packages/} (each {@code ns/name.wit} a WIT package whose one world is the type of the
 * component {@code ns:name}), and the outcome, {@code ok} or the first error as
 * {@code line:col: message}, is compared with {@code NAME.result} ({@code -Dbless=true} rewrites
 * them). Documents named {@code bad-*} must be rejected, the others read.
 */
class WacRulesTest {
  static final Path CASES = Path.of("src/test/resources/wac-rules");

  @TestFactory
  Stream<DynamicTest> eachRule() throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(CASES)) {
      cases = s.filter(p -> p.getFileName().toString().endsWith(".wac")).sorted().toList();
    }
    assertThat(cases).isNotEmpty();
    Wac.Packages packages = packages(CASES.resolve("packages"));
    List<WitResolver.Group> witDeps = WitResolver.readDeps(CASES.resolve("deps"));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      String name = c.getFileName().toString().replaceAll("\\.wac$", "");
      String outcome;
      try {
        Wac.Document d = Wac.read(name + ".wac", Files.readString(c), packages, witDeps);
        outcome = "ok\n";
        if (d.graph().instantiationOrder().isEmpty()) {
          encodes(name, d);
        }
      } catch (Wac.WacException e) {
        outcome = e.rendered().lines().findFirst().orElseThrow().replaceFirst("^[^:]*:", "") + "\n";
      }
      assertThat(outcome.equals("ok\n")).as(name + ": " + outcome).isEqualTo(!name.startsWith("bad-"));
      Golden.assertMatches(CASES.resolve(name + ".result"), outcome);
    }));
  }

  /**
   * Valid documents that do not encode yet, with the reason the encoder gives (none now: an
   * entry here fails once the document encodes, so that it is taken off).
   */
  private static final Map<String, String> ENCODING_GAPS = Map.of();

  /**
   * A valid document that instantiates nothing (the packages here are WIT worlds, with no
   * component to embed) encodes: its imports typed by its declarations, its exports. The bytes
   * decode again and pass the validator.
   */
  private static void encodes(String name, Wac.Document d) throws Exception {
    byte[] bytes;
    try {
      bytes = CompositionEncoder.encode(d.graph());
    } catch (CompositionException e) {
      if (ENCODING_GAPS.containsKey(name)) {
        assertThat(e.getMessage()).as(name).contains(ENCODING_GAPS.get(name));
        return;
      }
      throw new AssertionError(name + " reads but does not encode: " + e.getMessage(), e);
    }
    assertThat(ENCODING_GAPS).as(name + " encodes now: take it off ENCODING_GAPS").doesNotContainKey(name);
    dev.plugboard.binary.ComponentValidator.validate(dev.plugboard.binary.ComponentDecoder.decode(bytes));
    Files.createDirectories(ENCODED);
    Path file = ENCODED.resolve(name + ".wasm");
    Files.write(file, bytes);
    transpiles(name, file);
  }

  /** Where {@link #encodes} leaves each document's component, for {@code jco} to read. */
  static final Path ENCODED = Path.of("target/wac-rules-encoded");

  /**
   * Components that {@code jco transpile} refuses for what they are, not for how they are
   * encoded (its translation has no host for these; {@code wac}'s output is refused alike), with
   * jco's reason.
   */
  private static final Map<String, String> JCO_LIMITS = Map.of(
      "import-world-as-component", "root-level component imports are not supported",
      "import-world-by-name", "root-level component imports are not supported",
      "reexport-import", "is a reexport of an imported function which is not implemented",
      "export-spread-imported-instance", "is a reexport of an imported function which is not implemented",
      "import-inline-interface-by-interface-name", "is a reexport of an imported function which is not implemented");

  /** {@code jco transpile} accepts the component (where the interop tests' jco is installed). */
  private static void transpiles(String name, Path file) throws Exception {
    Path jco = Path.of(System.getProperty("plugboard.jco", ""), "node_modules", ".bin", "jco");
    if (!Files.isExecutable(jco)) {
      return; // the interop tests' jco is not installed here (-Dplugboard.jco=DIR): validation alone
    }
    Path out = ENCODED.resolve(name + "-js");
    Process p = new ProcessBuilder(jco.toString(), "transpile", file.toString(), "-o", out.toString())
        .redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (JCO_LIMITS.containsKey(name)) {
      assertThat(said).as(name + ": jco's reason").contains(JCO_LIMITS.get(name));
    } else {
      assertThat(rc).as(name + ": jco transpile says\n" + said).isZero();
    }
  }

  /** What the writer prints reads back to the same graph, with inline import types written out. */
  @org.junit.jupiter.api.Test
  void writtenDocumentsReadBack() throws Exception {
    Wac.Packages packages = packages(CASES.resolve("packages"));
    String text = """
        package test:composition;
        import greeting: interface { greet: func(name: string) -> string; };
        import hello: func() -> string;
        import %list as "list-words": func(%string: list<string>) -> result<tuple<u32, option<s64>>, string>;
        let p = new test:plain { hello, greeting };
        export p.run;
        """;
    Wac.Document first = Wac.read("c.wac", text, packages);
    String written = Wac.write(first.packageName(), first.graph(), first.typeStatements());
    assertThat(written).contains("import greeting: interface { greet: func(name: string) -> string; };")
        .contains("import hello: func() -> string;")
        .contains("func(%string: list<string>) -> result<tuple<u32, option<s64>>, string>");
    Wac.Document again = Wac.read("again.wac", written, packages);
    assertThat(again.graph().nodes()).isEqualTo(first.graph().nodes());
    assertThat(Wac.write(again.packageName(), again.graph(), again.typeStatements())).isEqualTo(written);
  }

  /** Components known by their WIT world: {@code ns:name} is the one world of {@code dir/ns/name.wit}. */
  static Wac.Packages packages(Path dir) {
    Map<String, ComposedPackage> loaded = new HashMap<>();
    return name -> {
      String bare = name.replaceAll("@.*", "");
      if (loaded.containsKey(bare)) {
        return loaded.get(bare);
      }
      Path file = dir.resolve(bare.replace(':', '/') + ".wit");
      if (!Files.isRegularFile(file)) {
        return null;
      }
      WitResolver.Result r = WitResolver.resolvePath(file, WitResolver.Options.DEFAULT);
      assertThat(r.ok()).as(file + ": " + r.diagnostics()).isTrue();
      var main = r.resolve().packages.get(r.mainPackage());
      assertThat(main.worlds).as(file + " must define exactly one world").hasSize(1);
      ComposedPackage pkg = ComposedPackage.ofWorld(bare, r.resolve(), main.worlds.values().iterator().next());
      loaded.put(bare, pkg);
      return pkg;
    };
  }
}
