package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.Golden;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugboard validate} and {@code plugboard inspect --summary}. */
class BinaryCommandsTest {
  private final CliRunner cli = new CliRunner();
  private final java.io.StringWriter out = cli.out;
  private final java.io.StringWriter err = cli.err;

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void validateReportsOneLinePerFileAndFailsIfAnyFails(@TempDir Path dir) throws Exception {
    Path hello = SharedData.require("fixtures/components/hello.wasm");
    Path truncated = dir.resolve("truncated.wasm");
    byte[] bytes = Files.readAllBytes(hello);
    Files.write(truncated, Arrays.copyOf(bytes, 40));
    Path text = dir.resolve("text.wasm");
    Files.writeString(text, "not wasm at all");

    assertThat(run("validate", hello.toString())).isZero();
    assertThat(out.toString()).isEqualTo(hello + ": ok" + System.lineSeparator());

    out.getBuffer().setLength(0);
    assertThat(run("validate", hello.toString(), truncated.toString(), text.toString(), dir.resolve("gone.wasm")
        .toString())).isEqualTo(1);
    assertThat(out.toString().lines()).containsExactly(
        hello + ": ok",
        truncated + ": error: section length 358 exceeds the 29 remaining bytes (at byte 9)",
        text + ": error: magic header not detected: bad magic number (at byte 0)",
        dir.resolve("gone.wasm") + ": error: no such file");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void validateRejectsAnInvalidComponentWithItsOffset() throws Exception {
    Path invalid = SharedData.require("conformance/cm-wast/wasm/validation/abi-0.wasm");
    assertThat(run("validate", invalid.toString())).isEqualTo(1);
    assertThat(out.toString()).contains(": error: canonical option `memory` is required (at byte ");
  }

  @Test
  void inspectSummary() {
    Path c = SharedData.require("fixtures/components/composed-app-upper.wasm");
    assertThat(run("inspect", "--summary", c.toString())).isZero();
    Golden.assertMatches(Path.of("src/test/resources/cli/inspect/composed-app-upper.summary.txt"), out.toString());
  }

  @Test
  void inspectPrintsTheComponentAsWit() throws Exception {
    Path c = SharedData.require("fixtures/components/app.wasm");
    assertThat(run("inspect", c.toString())).isZero();
    Golden.assertMatches(Path.of("src/test/resources/cli/inspect/app.wit"), out.toString());
    assertThat(out.toString()).startsWith(Files.readString(c.resolveSibling("app.expected.wit")).strip());
  }

  @Test
  void witOfAComponentBinaryPrintsWhatInspectPrints() {
    Path c = SharedData.require("fixtures/components/app.wasm");
    assertThat(run("inspect", c.toString())).isZero();
    String inspected = out.toString();
    out.getBuffer().setLength(0);
    assertThat(run("wit", c.toString())).isZero();
    assertThat(out.toString()).isEqualTo(inspected);
    assertThat(run("wit", "--format", c.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--format rewrites WIT source").contains("is a WebAssembly binary");
  }

  @Test
  void inspectJsonIsTheResolveOfTheView() throws Exception {
    Path c = SharedData.require("fixtures/components/hello.wasm");
    assertThat(run("inspect", "--json", c.toString())).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertThat(json.get("worlds").get(0).get("name").asText()).isEqualTo("root");
    assertThat(json.get("worlds").get(0).get("exports").get("greet").get("function").get("name").asText())
        .isEqualTo("greet");
    assertThat(json.get("packages").get(0).get("name").asText()).isEqualTo("root:component");
  }

  @Test
  void inspectOfAMalformedFileIsOneLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 0x07, (byte) 0xff, 0x7f});
    assertThat(run("inspect", "--summary", bad.toString())).isEqualTo(1);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("exceeds the 0 remaining bytes (at byte 9)");
  }
}
