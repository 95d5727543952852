package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugboard plug}: results validate, run on Plugboard, and (with jco installed) run on jco/Node. */
class PlugCommandTest {
  private final CliRunner cli = new CliRunner();

  private static String fixture(String name) {
    return SharedData.require("fixtures/components/" + name + ".wasm").toString();
  }

  private Path plug(Path dir, String out, String socket, String... plugs) {
    Path o = dir.resolve(out + ".wasm");
    List<String> args = new java.util.ArrayList<>(List.of("plug", fixture(socket)));
    for (String p : plugs) {
      args.add("--plug");
      args.add(fixture(p));
    }
    args.add("-o");
    args.add(o.toString());
    assertThat(cli.run(args.toArray(String[]::new))).as(cli.err()).isZero();
    return o;
  }

  @Test
  void plugsAndRuns(@TempDir Path dir) {
    Path au = plug(dir, "app-upper", "app", "upper");
    assertThat(cli.out()).contains("app-upper.wasm: ").contains("1 export(s), 0 import(s) left to the host");
    cli.clear();
    assertThat(cli.run("validate", au.toString())).isZero();
    cli.clear();
    assertThat(cli.run("run", au.toString(), "--invoke", "run(\"plug\")")).isZero();
    assertThat(cli.out()).isEqualTo("\"PLUG!\"\n");
    Path be = plug(dir, "bench-echo", "bench-caller", "echo");
    cli.clear();
    assertThat(cli.run("run", be.toString(), "--invoke", "pump(3, 100)")).isZero();
    assertThat(cli.out()).isEqualTo("300\n");
  }

  @Test
  void errorsAreOneLine(@TempDir Path dir) throws Exception {
    assertThat(cli.run("plug", fixture("app"), "--plug", fixture("echo"), "-o", dir.resolve("x.wasm").toString()))
        .isEqualTo(1);
    assertThat(cli.err()).isEqualTo("plugboard: error: plug: no plug exports anything plugboard:app imports "
        + "(example:text/transform@0.1.0)\n");
    cli.clear();
    Path bad = dir.resolve("bad.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 9});
    assertThat(cli.run("plug", bad.toString(), "--plug", fixture("upper"), "-o", dir.resolve("y.wasm").toString()))
        .isEqualTo(1);
    assertThat(cli.err()).startsWith("plugboard: error: ").contains("bad.wasm").contains("byte");
    assertThat(dir.resolve("y.wasm")).doesNotExist();
  }

  @Test
  void composedComponentsRunOnJco(@TempDir Path dir) throws Exception {
    String jcoDir = System.getProperty("plugboard.jco", "");
    Path jco = Path.of(jcoDir, "node_modules", ".bin", "jco");
    assumeTrue(!jcoDir.isEmpty() && Files.isExecutable(jco),
        "skipped: jco not installed (CI installs it and passes -Dplugboard.jco=DIR)");
    Path transpiled = dir.resolve("transpiled");
    for (String[] c : new String[][] {{"app-upper", "app", "upper"}, {"bench-echo", "bench-caller", "echo"}}) {
      Path out = plug(dir, c[0], c[1], c[2]);
      Processes.exec(List.of(jco.toString(), "transpile", out.toString(), "--instantiation", "async", "-q", "-o",
          transpiled.resolve(c[0]).toString()));
    }
    Path wac = dir.resolve("app-upper-wac.wasm");
    assertThat(cli.run("compose", "src/test/resources/cli/compose/app-upper.wac",
        "--dep", "example:app=" + fixture("app"), "--dep", "example:upper=" + fixture("upper"), "-o", wac.toString()))
        .as(cli.err()).isZero();
    Processes.exec(List.of(jco.toString(), "transpile", wac.toString(), "--instantiation", "async", "-q", "-o",
        transpiled.resolve("app-upper-wac").toString()));
    Files.createSymbolicLink(transpiled.resolve("node_modules"), Path.of(jcoDir, "node_modules").toAbsolutePath());
    Path script = Path.of("src/test/resources/interop/run-composed.mjs").toAbsolutePath();
    String result = Processes.exec(List.of("node", script.toString(), transpiled.toString()));
    System.out.print(result);
    assertThat(result).contains("3 passed, 0 failed");
  }

}
