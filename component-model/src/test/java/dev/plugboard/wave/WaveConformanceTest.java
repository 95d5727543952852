package dev.plugboard.wave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import dev.plugboard.types.WitTypes;
import dev.plugboard.wit.resolve.Function;
import dev.plugboard.wit.resolve.Interface;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The wasm-wave UI suite ({@code conformance/wave/ui}): every {@code accept-*} case must print
 * exactly the reference writer's text; every {@code reject-*} case must be rejected (the
 * message and span are compared and counted, since wording is the reference's own).
 */
class WaveConformanceTest {

  @TestFactory
  Stream<DynamicTest> uiCases() throws IOException {
    Path dir = SharedData.require("conformance/wave/ui");
    WitResolver.Result r = WitResolver.resolvePath(dir.resolve("ui.wit"), WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
    Interface ui = r.resolve().interfaces.stream().filter(i -> "ui".equals(i.name)).findFirst().orElseThrow();
    WitTypes types = new WitTypes(r.resolve());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".waves")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> runFile(file, ui, types)));
    }
    return tests.stream();
  }

  private static void runFile(Path file, Interface ui, WitTypes types) throws IOException {
    String input = Files.readString(file);
    String expectedOut = Files.readString(Path.of(file.toString().replace(".waves", ".out")));
    boolean reject = file.getFileName().toString().startsWith("reject");
    String[] cases = input.split(";\n", -1);
    List<String> expected = new ArrayList<>(List.of(expectedOut.split("\n", -1)));
    List<String> actual = new ArrayList<>();
    int exactErrors = 0;
    int errors = 0;
    for (String raw : cases) {
      if (raw.isBlank()) {
        continue;
      }
      StringBuilder comments = new StringBuilder();
      String body = raw;
      while (body.startsWith("//")) {
        int nl = body.indexOf('\n');
        comments.append(body, 0, nl + 1);
        body = body.substring(nl + 1);
      }
      String stripped = body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
      actual.add(comments + run(stripped, ui, types));
    }
    List<String> actualLines = List.of(String.join("\n", actual).split("\n"));
    List<String> expectedLines = expected.stream().filter(l -> !l.isEmpty()).toList();
    assertThat(actualLines).hasSameSizeAs(expectedLines);
    for (int i = 0; i < expectedLines.size(); i++) {
      String want = expectedLines.get(i);
      String got = actualLines.get(i);
      if (want.startsWith("//")) {
        assertThat(got).isEqualTo(want);
      } else if (reject) {
        errors++;
        assertThat(got).as("case %d of %s must be rejected", i, file.getFileName()).startsWith("ERROR ");
        if (got.substring(6).equals(want)) {
          exactErrors++;
        }
      } else {
        assertThat(got).as("case %d of %s", i, file.getFileName()).isEqualTo(want);
      }
    }
    if (reject) {
      System.out.printf("%s: %d rejected, %d with the reference's message and span%n",
          file.getFileName(), errors, exactErrors);
    }
  }

  private static String run(String text, Interface ui, WitTypes types) {
    try {
      Wave.Call call = Wave.parseCall(text);
      String name = call.name();
      String plain = name.replaceFirst("^ui:tests/ui\\.", "").replaceFirst("^ui\\.", "");
      String bare = plain.replace("@0.1.0", "");
      boolean versionOk = !name.contains("@") || name.contains("@0.1.0");
      Function f = versionOk && (name.equals(plain) || name.startsWith("ui.") || name.startsWith("ui:tests/ui."))
          ? ui.functions.get(bare) : null;
      if (f == null || (name.startsWith("ui:tests/ui.") && name.contains("@") && !name.endsWith("@0.1.0")
          && !name.contains("@0.1.0"))) {
        return "ERROR unknown test func \"" + name + "\"";
      }
      List<ValueType> params = f.params().stream().map(p -> types.convert(p.type())).toList();
      List<Value> values = call.arguments().typed(params);
      StringBuilder sb = new StringBuilder(name).append('(');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(f.params().get(i).name()).append(": ").append(Wave.print(values.get(i)));
      }
      return sb.append(')').toString();
    } catch (WaveException e) {
      return "ERROR " + e.getMessage();
    }
  }
}
