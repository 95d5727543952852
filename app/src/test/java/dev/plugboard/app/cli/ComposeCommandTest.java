package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.Golden;
import dev.plugboard.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code plugboard compose}: golden outputs for a composition that works (the WAC Plugboard
 * understood, and the result run) and for each kind of error (stderr, exit 1).
 */
class ComposeCommandTest {
  private static final Path CASES = Path.of("src/test/resources/cli/compose");
  private final CliRunner cli = new CliRunner();

  private int compose(String wac, Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("compose", CASES.resolve(wac).toString(),
        "--dep", "example:app=" + SharedData.require("fixtures/components/app.wasm"),
        "--dep", "example:upper=" + SharedData.require("fixtures/components/upper.wasm"),
        "--dep", "example:echo=" + SharedData.require("fixtures/components/echo.wasm"),
        "-o", out.toString()));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void composesRunsAndPrintsWhatItUnderstood(@TempDir Path dir) {
    Path out = dir.resolve("c.wasm");
    assertThat(compose("app-upper.wac", out, "--print-wac")).as(cli.err()).isZero();
    Golden.assertMatches(CASES.resolve("app-upper.out"), cli.out().replace(out.toString(), "OUT"));
    cli.clear();
    assertThat(cli.run("run", out.toString(), "--invoke", "run(\"wac\")")).isZero();
    assertThat(cli.out()).isEqualTo("\"WAC!\"\n");
  }

  @Test
  void implicitImportsAreLeftToTheHost(@TempDir Path dir) {
    Path out = dir.resolve("c.wasm");
    assertThat(compose("implicit-import.wac", out, "--print-wac")).as(cli.err()).isZero();
    Golden.assertMatches(CASES.resolve("implicit-import.out"), cli.out().replace(out.toString(), "OUT"));
    cli.clear();
    assertThat(cli.run("run", out.toString(), "--invoke", "run(\"x\")")).isEqualTo(1);
    assertThat(cli.err()).contains("import \"example:text/transform@0.1.0\" (instance) was not given");
  }

  @ParameterizedTest
  @ValueSource(strings = {"missing-argument", "type-mismatch", "unknown-package", "no-such-export", "no-such-import",
      "syntax", "redefined", "targets"})
  void errorsAreReportedWithTheirPlace(String name, @TempDir Path dir) {
    Path out = dir.resolve("x.wasm");
    assertThat(compose(name + ".wac", out)).isEqualTo(1);
    Golden.assertMatches(CASES.resolve(name + ".err"), cli.err());
    assertThat(out).doesNotExist();
  }
}
