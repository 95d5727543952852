package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.testing.SharedData;
import dev.plugboard.wit.json.ResolveJson;
import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.SourceMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of the wasm-tools wit-parser UI suite in {@code ../shared} (feature
 * {@code active} on, as the reference ran them): each {@code ok} case must resolve to the
 * expected JSON exactly; each {@code fail} case must be rejected with its first error on
 * the reference's file and line. Prints {@code N passed, M failed} per group.
 */
class WitParserUiConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WitResolver.Options ACTIVE = new WitResolver.Options(Set.of("active"), false);
  private static final Pattern LOCATION = Pattern.compile("-->\\s+tests/ui/parse-fail/(\\S+):(\\d+):(\\d+)");

  private static List<Path> cases(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".wit")
              || p.getFileName().toString().endsWith(".wit.md"))
          .sorted()
          .toList();
    }
  }

  @Test
  void okCasesResolveToTheReferenceJson() throws IOException {
    Path dir = SharedData.require("conformance/wit-parser-ui/ok");
    List<String> failures = new ArrayList<>();
    int passed = 0;
    for (Path c : cases(dir)) {
      String name = c.getFileName().toString();
      WitResolver.Result r = WitResolver.resolvePath(c, ACTIVE);
      if (!r.ok()) {
        failures.add(name + ": rejected: " + render(r.sources(), r.diagnostics().getFirst()));
        continue;
      }
      JsonNode expected = JSON.readTree(expectation(dir, name, ".json").toFile());
      JsonNode actual = ResolveJson.toJson(r.resolve());
      if (expected.equals(actual)) {
        passed++;
      } else {
        failures.add(name + ": JSON differs: " + firstDifference("", expected, actual));
      }
    }
    report("wit-parser-ui ok", passed, failures);
  }

  @Test
  void failCasesAreRejectedAtTheReferenceLine() throws IOException {
    Path dir = SharedData.require("conformance/wit-parser-ui/fail");
    List<String> failures = new ArrayList<>();
    int passed = 0;
    for (Path c : cases(dir)) {
      String name = c.getFileName().toString();
      String expected = Files.readString(expectation(dir, name, ".result"));
      WitResolver.Result r = WitResolver.resolvePath(c, ACTIVE);
      if (r.ok()) {
        failures.add(name + ": accepted, expected: " + expected.lines().findFirst().orElse(""));
        continue;
      }
      Diagnostic first = r.diagnostics().getFirst();
      Matcher m = LOCATION.matcher(expected);
      if (!m.find()) {
        passed++; // the reference gives no location; being rejected is what is checked
        continue;
      }
      if (first.span().isNone()) {
        failures.add(name + ": error without a location: " + first.message() + "; expected " + m.group(1) + ":"
            + m.group(2));
        continue;
      }
      SourceMap.Location at = r.sources().locate(first.span().start());
      String file = dir.relativize(Path.of(at.file().path())).toString();
      if (file.equals(m.group(1)) && at.line() == Integer.parseInt(m.group(2))) {
        passed++;
      } else {
        failures.add(name + ": first error at " + file + ":" + at.line() + ":" + at.column() + " (" + first.message()
            + "), expected " + m.group(1) + ":" + m.group(2) + " (" + expected.lines().findFirst().orElse("") + ")");
      }
    }
    report("wit-parser-ui fail", passed, failures);
  }

  /**
   * The reference's expectation beside a case: {@code x.wit.json} for {@code x.wit} and a folder
   * {@code x}, {@code x.wit.md.json} for WIT in Markdown (as wit-parser's runner names them).
   */
  private static Path expectation(Path dir, String name, String suffix) {
    return dir.resolve((name.endsWith(".wit") || name.endsWith(".wit.md") ? name : name + ".wit") + suffix);
  }

  private static String render(SourceMap sources, Diagnostic d) {
    return sources.files().isEmpty() ? d.message() : sources.render(d).lines().findFirst().orElse("");
  }

  private static void report(String group, int passed, List<String> failures) {
    failures.forEach(f -> System.out.println("  FAILED " + f));
    System.out.println(group + ": " + passed + " passed, " + failures.size() + " failed");
    assertThat(failures).as(group).isEmpty();
  }

  /** The path and values of the first place two JSON trees differ. */
  static String firstDifference(String path, JsonNode a, JsonNode b) {
    if (a.equals(b)) {
      return null;
    }
    if (a.isObject() && b.isObject()) {
      for (var it = a.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!b.has(k)) {
          return path + "." + k + ": missing";
        }
        String d = firstDifference(path + "." + k, a.get(k), b.get(k));
        if (d != null) {
          return d;
        }
      }
      for (var it = b.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!a.has(k)) {
          return path + "." + k + ": unexpected " + b.get(k);
        }
      }
    }
    if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        String d = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
        if (d != null) {
          return d;
        }
      }
      return path + ": " + a.size() + " elements expected, got " + b.size();
    }
    return path + ": expected " + a + ", got " + b;
  }
}
