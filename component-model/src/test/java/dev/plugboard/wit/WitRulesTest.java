package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.Golden;
import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.SourceMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The WIT rules of WIT.md, one small case per rule, written from the spec text: every
 * {@code src/test/resources/wit-rules/NAME.wit} (or {@code NAME.wit.md}, a binary package
 * {@code NAME.wat}, or a folder {@code NAME/} with its {@code deps/}) is resolved with feature {@code active} on, and the outcome, {@code ok} or
 * the first error as {@code file:line:col: message}, is compared with {@code NAME.result}
 * ({@code -Dbless=true} rewrites them). Cases named {@code bad-*} must fail, the others resolve.
 */
class WitRulesTest {
  static final Path CASES = Path.of("src/test/resources/wit-rules");
  /** A case file: WIT, WIT in Markdown, or a binary package in the component text format. */
  private static final Pattern CASE_FILE = Pattern.compile("\\.(wit|wit\\.md|wat)$");
  private static final WitResolver.Options ACTIVE = new WitResolver.Options(Set.of("active"), false);

  @TestFactory
  Stream<DynamicTest> eachRule() throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(CASES)) {
      cases = s.filter(p -> Files.isDirectory(p) || CASE_FILE.matcher(p.getFileName().toString()).find())
          .sorted().toList();
    }
    assertThat(cases).isNotEmpty();
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  private static void check(Path c) {
    String name = CASE_FILE.matcher(c.getFileName().toString()).replaceAll("");
    WitResolver.Result r = WitResolver.resolvePath(c, ACTIVE);
    String outcome = r.ok() ? "ok\n" : firstError(r.sources(), r.diagnostics().getFirst());
    assertThat(r.ok()).as(name + ": " + outcome).isEqualTo(!name.startsWith("bad-"));
    Golden.assertMatches(CASES.resolve(name + ".result"), outcome);
  }

  /** {@code file:line:col: message} with the file relative to the cases folder, in / form. */
  static String firstError(SourceMap sources, Diagnostic d) {
    if (d.span().isNone()) {
      return d.message() + "\n";
    }
    SourceMap.Location at = sources.locate(d.span().start());
    String file = CASES.toAbsolutePath().relativize(Path.of(at.file().path()).toAbsolutePath()).toString()
        .replace('\\', '/');
    return file + ":" + at.line() + ":" + at.column() + ": " + d.message() + "\n";
  }
}
