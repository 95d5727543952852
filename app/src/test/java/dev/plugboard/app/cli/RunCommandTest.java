package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugboard run}: WAVE calls on the shared fixtures, errors pointing at the column, traps. */
class RunCommandTest {
  private final CliRunner cli = new CliRunner();

  private static String fixture(String name) {
    return SharedData.require("fixtures/components/" + name + ".wasm").toString();
  }

  @Test
  void greetsInWave() {
    assertThat(cli.run("run", fixture("hello"), "--invoke", "greet(\"ada\")")).isZero();
    assertThat(cli.out()).isEqualTo("\"Hello, ada!\"\n");
  }

  @Test
  void callsRunInOrderOnOneInstanceWithQualifiedNames() {
    int code = cli.run("run", fixture("types"), "--engine", "interp",
        "--invoke", "example:types/api@0.1.0#stats([1.0, 2.0, 6.0])",
        "--invoke", "classify(-2)", "--invoke", "api#next-color(blue)", "--invoke", "swap((1, \"a\"))");
    assertThat(code).isZero();
    assertThat(cli.out()).isEqualTo("{min: 1, max: 6, mean: 3}\nnegative(-2)\nred\n(\"a\", 1)\n");
  }

  @Test
  void composedComponentsRun() {
    assertThat(cli.run("run", fixture("composed-app-upper"), "--invoke", "run(\"hello\")")).isZero();
    assertThat(cli.out()).contains("HELLO");
    cli.clear();
    assertThat(cli.run("run", fixture("composed-bench-echo"), "--engine", "compiled", "--invoke",
        "pump(200001, 0)", "--invoke", "pump(4, 1024)")).isZero();
    assertThat(cli.out()).isEqualTo("0\n4096\n");
  }

  @Test
  void resourcesAreNumberedHandles() {
    int code = cli.run("run", fixture("kv"), "--invoke", "[constructor]store()",
        "--invoke", "[method]store.set(store(1), \"k\", [1, 2, 3])", "--invoke", "[method]store.len(store(1))",
        "--invoke", "[method]store.get(store(1), \"k\")", "--invoke", "[constructor]store()",
        "--invoke", "[method]store.len(store(2))");
    assertThat(cli.out()).isEqualTo("store(1)\n()\n1\nsome([1, 2, 3])\nstore(2)\n0\n");
    assertThat(code).isZero();
    cli.clear();
    assertThat(cli.run("run", fixture("kv"), "--invoke", "[method]store.len(store(7))")).isEqualTo(1);
    assertThat(cli.err()).contains("no live store handle 7");
  }

  @Test
  void aJavaScriptComponentRunsFromTheCli() {
    assertThat(cli.run("run", fixture("js-shout-nowasi"), "--engine", "interp", "--invoke", "shout(\"cli\")"))
        .as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("\"CLI!!\"\n");
  }

  @Test
  void cHelloPrintsItsGreetingThroughWasi() {
    int code = cli.run("run", fixture("c-hello"), "--", "ada");
    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("Hello from C, ada!\nsum(1..100) = 5050\n");
    assertThat(cli.err()).isEqualTo("this line goes to stderr\n");
  }

  @Test
  void invokeSatisfiesWasiImportsToo() {
    assertThat(cli.run("run", fixture("c-hello"), "--invoke", "wasi:cli/run#run()")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("Hello from C, world!\nsum(1..100) = 5050\nok\n");
  }

  @Test
  void listsExportsWithoutInvoke() {
    assertThat(cli.run("run", fixture("types"))).isZero();
    assertThat(cli.out()).contains("example:types/api@0.1.0#parse: func(s: string) -> result<u32, string>");
  }

  @Test
  void waveErrorsPointAtTheColumn() {
    assertThat(cli.run("run", fixture("types"), "--invoke", "stats([1.0, 2.5)")).isEqualTo(1);
    assertThat(cli.err()).contains("--invoke 1: error at column 16: unexpected token: ParenClose")
        .contains("  stats([1.0, 2.5)\n                 ^");
    cli.clear();
    assertThat(cli.run("run", fixture("types"), "--invoke", "classify(\"x\")")).isEqualTo(1);
    assertThat(cli.err()).contains("column 10: invalid value type");
  }

  @Test
  void unknownFunctionsAndMissingImportsAreOneLineErrors() {
    assertThat(cli.run("run", fixture("hello"), "--invoke", "greeet(\"x\")")).isEqualTo(1);
    assertThat(cli.err()).contains("no exported function \"greeet\"; exports: greet").doesNotContain("Exception");
    cli.clear();
    assertThat(cli.run("run", fixture("app"), "--invoke", "run(\"x\")")).isEqualTo(1);
    assertThat(cli.err()).contains("import \"example:text/transform@0.1.0\"").contains("sandbox");
  }

  @Test
  void malformedBinaryNamesTheOffset(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 9});
    assertThat(cli.run("run", bad.toString(), "--invoke", "f()")).isEqualTo(1);
    assertThat(cli.err()).contains("bad.wasm: error:").contains("byte");
  }

  @Test
  void optionsAreCheckedAsUsageErrors() {
    assertThat(cli.run("run", fixture("hello"), "--engine", "jit", "--invoke", "greet(\"a\")")).isEqualTo(2);
    assertThat(cli.err()).contains("--engine: expected interp, compiled or auto");
    cli.clear();
    assertThat(cli.run("run", fixture("hello"), "--max-memory", "lots", "--invoke", "greet(\"a\")")).isEqualTo(2);
    assertThat(cli.err()).contains("--max-memory");
    cli.clear();
    assertThat(cli.run("run", fixture("hello"), "--max-memory", "99999999999999999999999GiB")).isEqualTo(2);
    assertThat(cli.err()).contains("--max-memory: 99999999999999999999999GiB is outside 1B..2GiB")
        .doesNotContain("Exception");
    cli.clear();
    assertThat(cli.run("run", fixture("hello"), "--max-memory", "4GiB")).isEqualTo(2);
    assertThat(cli.err()).contains("at most 2GiB");
    cli.clear();
    assertThat(cli.run("run", fixture("hello"), "--timeout", "99999999999999999999s")).isEqualTo(2);
    assertThat(cli.err()).contains("--timeout: 99999999999999999999s is longer than").doesNotContain("Exception");
    cli.clear();
    assertThat(cli.run("run", fixture("hello"), "--timeout", "0s")).isEqualTo(2);
    assertThat(cli.err()).contains("--timeout: must be longer than 0");
  }

  @Test
  void traceReportsTheCrossComponentCall() {
    assertThat(cli.run("run", fixture("composed-app-upper"), "--trace", "--invoke", "run(\"abc\")")).isZero();
    // instances are named after the composed components (the component-name section)
    assertThat(cli.err()).contains("trace: host -> composed-app-upper.wasm/app run: ")
        .containsPattern("trace: composed-app-upper.wasm/app -> composed-app-upper.wasm/upper "
            // "abc" in, "ABC" out: 3 bytes copied each way, a realloc on each side (through the fused adapter)
            + "example:text/transform@0.1.0#apply: .* 6 bytes, 2 realloc, 0 transcoded");
  }
}
