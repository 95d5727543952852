package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.ComponentWit;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugboard new --adapt}: WASI preview1 core modules built from C ({@code
 * src/test/resources/adapt}, rebuilt by its {@code build.sh}) made components with the preview1
 * adapters of jco's npm package (found under {@code -Dplugboard.jco=DIR}, where CI installs jco;
 * the tests skip without it), then run with {@code plugboard run} and, where jco runs them, with
 * {@code jco run}.
 */
class NewAdaptTest {
  private static final String NAME = "wasi_snapshot_preview1";
  private final CliRunner cli = new CliRunner();
  @TempDir Path dir;

  private static Path jcoDir() {
    return Path.of(System.getProperty("plugboard.jco", ""), "node_modules");
  }

  private static Path adapter(String kind) {
    Path a = jcoDir().resolve("@bytecodealliance/jco/lib/wasi_snapshot_preview1." + kind + ".wasm");
    assumeTrue(Files.isRegularFile(a), "skipped: no preview1 adapter (jco's npm package; -Dplugboard.jco=DIR)");
    return a;
  }

  private static String resource(String name) throws Exception {
    return Path.of(NewAdaptTest.class.getResource("/adapt/" + name).toURI()).toString();
  }

  /** {@code new CORE [--wit WIT] --adapt NAME=ADAPTER -o OUT}, which must succeed; returns OUT. */
  private String adapt(String core, String wit, String kind) throws Exception {
    Path out = dir.resolve(Path.of(core).getFileName().toString().replace(".core", ""));
    List<String> args = new ArrayList<>(List.of("new", core, "--adapt", NAME + "=" + adapter(kind), "-o",
        out.toString()));
    if (wit != null) {
      args.addAll(List.of("--wit", wit));
    }
    assertThat(cli.run(args.toArray(String[]::new))).as(cli.err()).isZero();
    cli.clear();
    return out.toString();
  }

  private String hello() throws Exception {
    return adapt(resource("hello-args.core.wasm"), null, "command");
  }

  private WasiGuests.Child plugboard(byte[] stdin, String... args) throws Exception {
    return WasiGuests.exec(new ProcessBuilder(WasiGuests.plugboardCommand(args)), stdin, dir);
  }

  @Test
  void aPreview1CommandRunsWithItsArgumentsEnvironmentPreopensAndStdin() throws Exception {
    String hello = hello();
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(data.resolve("input.txt"), "first line\nsecond line\n");
    WasiGuests.Child run = plugboard("typed in".getBytes(StandardCharsets.UTF_8), "run", hello, "--env",
        "GREETING=bonjour", "--dir", data + "::/data", "--", "ada", "lovelace");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(new String(run.out(), StandardCharsets.UTF_8)).isEqualTo("arg[0] = " + hello + "\n" + """
        arg[1] = ada
        arg[2] = lovelace
        GREETING = bonjour
        file: first line
        file: second line
        stdin: 8 bytes: typed in
        """);
    assertThat(run.err()).isEqualTo("done\n");
  }

  @Test
  void withoutGrantsTheGuestSeesNothingAndItsFailureIsExitStatusOne() throws Exception {
    String hello = hello();
    WasiGuests.Child run = plugboard(new byte[0], "run", hello, "--", "fail");
    // preview1's exit status 3 becomes wasi:cli/exit's `err`, which is status 1
    assertThat(run.code()).isEqualTo(1);
    assertThat(new String(run.out(), StandardCharsets.UTF_8)).isEqualTo("arg[0] = " + hello + "\n" + """
        arg[1] = fail
        GREETING = (unset)
        file: cannot open /data/input.txt
        stdin: 0 bytes:\s
        """);
  }

  @Test
  void theComponentDecodesValidatesAndExportsRun() throws Exception {
    String hello = hello();
    var decoded = ComponentDecoder.decodeWithOffsets(Files.readAllBytes(Path.of(hello)));
    ComponentValidator.validate(decoded.component(), decoded.offsets());
    ComponentWit.View view = ComponentWit.of(decoded.component());
    Resolve r = view.resolve();
    World world = r.worlds.get(r.packages.get(view.rootPackage()).worlds.get("root"));
    List<String> imports = world.imports.keySet().stream().map(r::keyName).toList();
    assertThat(world.exports.keySet().stream().map(r::keyName)).containsExactly("wasi:cli/run@0.2.12");
    assertThat(imports).contains("wasi:cli/environment@0.2.12", "wasi:cli/stdin@0.2.12",
        "wasi:filesystem/preopens@0.2.12", "wasi:io/streams@0.2.12");
    // what the program's preview1 calls cannot reach is not imported
    assertThat(imports).doesNotContain("wasi:sockets/udp@0.2.12", "wasi:sockets/tcp@0.2.12",
        "wasi:random/insecure@0.2.12", "wasi:clocks/monotonic-clock@0.2.12");
    assertThat(cli.run("validate", hello)).as(cli.err()).isZero();
  }

  @Test
  void aReactorExportsItsWorldAndIsInitialisedOnce() throws Exception {
    String counter = adapt(resource("counter-reactor.core.wasm"), resource("counter.wit"), "reactor");
    assertThat(cli.run("run", counter, "--invoke", "add(5)", "--invoke", "add(2)")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("adding 5, total 5\n5\nadding 2, total 7\n7\n");
  }

  @Test
  void jcoTranspilesAndRunsTheComponentAlike() throws Exception {
    Path jco = jcoDir().resolve(".bin/jco");
    assumeTrue(Files.isExecutable(jco), "skipped: jco not installed (-Dplugboard.jco=DIR)");
    String hello = hello();
    String counter = adapt(resource("counter-reactor.core.wasm"), resource("counter.wit"), "reactor");
    for (String component : List.of(hello, counter)) {
      Process p = new ProcessBuilder(jco.toString(), "transpile", component, "-q", "-o", dir.resolve("js")
          .toString()).redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(component + ": " + said).isZero();
    }
    // jco run passes the host's environment and preopens what a module given to --jco-import sets
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(data.resolve("input.txt"), "shared line\n");
    Path shim = jcoDir().resolve("@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js");
    Path setup = Files.writeString(dir.resolve("preopen.mjs"), "import { _setPreopens } from '" + shim.toUri()
        + "';\n_setPreopens({ '/data': " + quoted(data.toString()) + " });\n");
    ProcessBuilder theirs = new ProcessBuilder(jco.toString(), "run", "--jco-import", setup.toString(), hello, "ada");
    theirs.environment().put("GREETING", "hola");
    byte[] stdin = "over the pipe".getBytes(StandardCharsets.UTF_8);
    WasiGuests.Child jcoRun = WasiGuests.exec(theirs, stdin, dir);
    WasiGuests.Child ours = plugboard(stdin, "run", hello, "--env", "GREETING=hola", "--dir", data + "::/data", "--",
        "ada");
    assertThat(afterArg0(ours.out())).isEqualTo(afterArg0(jcoRun.out())).contains("file: shared line");
    assertThat(ours.err()).isEqualTo(jcoRun.err());
    assertThat(ours.code()).isEqualTo(jcoRun.code()).isZero();
  }

  private static String quoted(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Output without its first line: jco names the program after the file without its extension. */
  private static String afterArg0(byte[] out) {
    String s = new String(out, StandardCharsets.UTF_8);
    return s.substring(s.indexOf('\n') + 1);
  }

  /** Runs {@code new} expecting a one-line error containing {@code message} and no output file. */
  private void refused(String message, String... args) {
    Path out = dir.resolve("refused.wasm");
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-o", out.toString()));
    assertThat(cli.run(all.toArray(String[]::new))).as(cli.err()).isEqualTo(1);
    assertThat(cli.err()).contains(message).hasLineCount(1);
    assertThat(out).doesNotExist();
    cli.clear();
  }

  private String wat(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name + ".wat"), text).toString();
  }

  @Test
  void badAdaptersAndModulesAreOneLineErrors() throws Exception {
    String command = NAME + "=" + adapter("command");
    String hello = resource("hello-args.core.wasm");
    String notWasm = Files.writeString(dir.resolve("adapter.wasm"), "not wasm").toString();
    refused("adapter.wasm: not a core module", "new", hello, "--adapt", NAME + "=" + notWasm);
    String component = hello();
    refused("hello-args.wasm: is a component, not a core module", "new", hello, "--adapt", NAME + "=" + component);
    refused("imports nothing from `wasi_unstable`, the adapter's name (it imports from `wasi_snapshot_preview1`)",
        "new", hello, "--adapt", "wasi_unstable=" + adapter("command"));
    refused("--adapt expects NAME=ADAPTER.wasm", "new", hello, "--adapt", adapter("command").toString());
    refused("the core module imports `wasi_snapshot_preview1` `fd_frobnicate`, which the adapter "
        + "`wasi_snapshot_preview1` does not export", "new", wat("frob", """
        (module (import "wasi_snapshot_preview1" "fd_frobnicate" (func))
          (memory (export "memory") 1) (func (export "_start")))"""), "--adapt", command);
    refused("imports `wasi_snapshot_preview1` `fd_write` as (i32) -> (i32), but the adapter exports it as "
        + "(i32 i32 i32 i32) -> (i32)", "new", wat("sig", """
        (module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
          (memory (export "memory") 1) (func (export "_start")))"""), "--adapt", command);
    refused("the core module exports no `memory`, which the adapter `wasi_snapshot_preview1` works in", "new",
        wat("nomem", """
        (module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))) (func (export "_start")))"""),
        "--adapt", command);
    refused("the adapter `wasi_snapshot_preview1` imports `__main_module__` `_start`, but the core module does not "
        + "export `_start` (a reactor needs the reactor adapter)", "new", resource("counter-reactor.core.wasm"),
        "--wit", resource("counter.wit"), "--adapt", command);
  }
}
