package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plugboard.binary.Component;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugboard new} against the fixtures: each fixture's main core module is wrapped
 * again from its WIT source; the result must validate, show the same WIT as the original,
 * and — where jco is installed (CI installs it; {@code -Dplugboard.jco=DIR}) — run on
 * Node with the same results.
 */
class NewCommandInteropTest {
  private static final List<String> WRAPPED = List.of("hello", "upper", "echo", "types", "kv", "app", "bench-caller");

  private final CliRunner cli = new CliRunner();
  private final java.io.StringWriter out = cli.out;
  private final java.io.StringWriter err = cli.err;

  private int run(String... args) {
    return cli.run(args);
  }

  /** The fixture's main core module: the largest one inside the component. */
  static byte[] mainModule(Path component) throws Exception {
    byte[] best = null;
    for (Component.Section s : ComponentDecoder.decode(Files.readAllBytes(component)).sections()) {
      if (s instanceof Component.CoreModuleSection m && (best == null || m.module().length > best.length)) {
        best = m.module();
      }
    }
    return best;
  }

  private Path wrap(String name, Path dir) throws Exception {
    Path fixture = SharedData.require("fixtures/components/" + name + ".wasm");
    Path core = dir.resolve("core-" + name + ".wasm");
    Files.write(core, mainModule(fixture));
    Path output = dir.resolve(name + ".wasm");
    int code = run("new", core.toString(), "--wit", SharedData.require("fixtures/src/" + name).toString(), "-o",
        output.toString());
    assertThat(code).as(name + ": " + err).isZero();
    return output;
  }

  @Test
  void wrappedFixturesValidateAndShowTheSameWit(@TempDir Path dir) throws Exception {
    for (String name : WRAPPED) {
      Path wrapped = wrap(name, dir);
      out.getBuffer().setLength(0);
      assertThat(run("validate", wrapped.toString())).isZero();
      out.getBuffer().setLength(0);
      run("inspect", wrapped.toString());
      String mine = out.toString();
      out.getBuffer().setLength(0);
      run("inspect", SharedData.require("fixtures/components/" + name + ".wasm").toString());
      assertThat(mine).as(name).isEqualTo(out.toString());
    }
  }

  @Test
  void unknownImportsAreAUserError(@TempDir Path dir) throws Exception {
    Path core = dir.resolve("core.wasm");
    Files.write(core, mainModule(SharedData.require("fixtures/components/app.wasm")));
    Path wit = SharedData.require("fixtures/src/hello");
    assertThat(run("new", core.toString(), "--wit", wit.toString(), "-o", dir.resolve("x.wasm").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("imports `example:text/transform@0.1.0` `apply`, which the world does not "
        + "provide");
    assertThat(dir.resolve("x.wasm")).doesNotExist();
  }

  @Test
  void wrappedFixturesRunOnJco(@TempDir Path dir) throws Exception {
    String jcoDir = System.getProperty("plugboard.jco", "");
    Path jco = Path.of(jcoDir, "node_modules", ".bin", "jco");
    assumeTrue(!jcoDir.isEmpty() && Files.isExecutable(jco),
        "skipped: jco not installed (CI installs it and passes -Dplugboard.jco=DIR)");
    Path transpiled = dir.resolve("transpiled");
    for (String name : WRAPPED) {
      Path wrapped = wrap(name, dir);
      Processes.exec(List.of(jco.toString(), "transpile", wrapped.toString(), "--instantiation", "async", "-q", "-o",
          transpiled.resolve(name).toString()));
    }
    Files.createSymbolicLink(transpiled.resolve("node_modules"), Path.of(jcoDir, "node_modules").toAbsolutePath());
    Path script = Path.of("src/test/resources/interop/run-wrapped.mjs").toAbsolutePath();
    String result = Processes.exec(List.of("node", script.toString(), transpiled.toString()));
    System.out.print(result);
    assertThat(result).contains(WRAPPED.size() + " passed, 0 failed");
  }

}
