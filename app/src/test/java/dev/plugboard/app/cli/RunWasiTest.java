package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plugboard.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugboard run} without {@code --invoke}: small WASI 0.2 commands written in WebAssembly
 * text ({@code src/test/resources/wasi-guests}), made components with {@code plugboard new}
 * against the WASI WIT packages in {@code ../shared}, then run with and without grants.
 */
class RunWasiTest {
  private final CliRunner cli = new CliRunner();
  @TempDir Path dir;
  @RegisterExtension final WasiGuests guests = new WasiGuests();

  private String build(String guest) throws Exception {
    return guests.build(guest, "guest");
  }

  @Test
  void aGuestReadsAGrantedDirectoryAndCannotLeaveIt() throws Exception {
    String cat = build("cat");
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(data.resolve("in.txt"), "granted text\n");
    Files.writeString(dir.resolve("outside.txt"), "not for the guest\n");

    assertThat(cli.run("run", cat, "--dir-ro", data + "::/data")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("denied\ngranted text\n");
    cli.clear();
    assertThat(cli.run("run", cat, "--dir", data.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("denied\ngranted text\n");
    cli.clear();
    // no grant, no preopen: the guest gives up with err, exit status 1
    assertThat(cli.run("run", cat)).isEqualTo(1);
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void exitIsTheGuestsStatusNotATrap() throws Exception {
    String exit = build("exit");
    assertThat(cli.run("run", exit)).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("before exit\n");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void aTimeoutStopsARunawayGuest() throws Exception {
    String spin = build("spin");
    assertThat(cli.run("run", spin, "--timeout", "300ms", "--engine", "interp")).isEqualTo(1);
    assertThat(cli.err()).contains("spin.wasm: trap: timed out after 300 ms").hasLineCount(1);
  }

  @Test
  void aCallAfterATimeoutIsRefusedWithoutWaitingAgain() throws Exception {
    String spin = build("spin");
    assertThat(cli.run("run", spin, "--timeout", "300ms", "--engine", "interp",
        "--invoke", "run()", "--invoke", "run()")).isEqualTo(1);
    assertThat(cli.out()).contains("trap: timed out after 300 ms")
        .contains("trap: cannot enter component instance spin.wasm: it was stopped earlier, when a call ran past "
            + "--timeout");
  }

  @Test
  void aTimeoutStopsAnEndlessWriter() throws Exception {
    String flood = build("flood");
    assertThat(cli.run("run", flood, "--timeout", "300ms")).isEqualTo(1);
    assertThat(cli.out()).startsWith("y\ny\n");
    assertThat(cli.err()).contains("flood.wasm: trap: timed out after 300 ms");
  }

  @Test
  void everyImportTheHostLacksIsNamedBeforeTheGuestStarts() throws Exception {
    String foreign = guests.build("foreign", "foreign");
    assertThat(cli.run("run", foreign)).isEqualTo(1);
    assertThat(cli.err()).contains("foreign.wasm: import \"test:wasi-guest/a\" (instance), "
        + "import \"test:wasi-guest/b\" (instance) were not given").hasLineCount(1);
    assertThat(cli.out()).isEmpty();
  }

  private WasiGuests.Child plugboard(byte[] stdin, String... args) throws Exception {
    return guests.exec(WasiGuests.plugboardCommand(args), stdin);
  }

  @Test
  void theProcessPassesStdioThroughByteForByteAndExitsWithTheGuestsStatus() throws Exception {
    String cHello = SharedData.require("fixtures/components/c-hello.wasm").toString();
    WasiGuests.Child hello = plugboard(new byte[0], "run", cHello, "--", "ada");
    assertThat(hello.code()).as(hello.err()).isZero();
    assertThat(new String(hello.out(), StandardCharsets.UTF_8)).isEqualTo("Hello from C, ada!\nsum(1..100) = 5050\n");
    assertThat(hello.err()).isEqualTo("this line goes to stderr\n");

    byte[] binary = new byte[300_000];
    new Random(42).nextBytes(binary);
    WasiGuests.Child echo = plugboard(binary, "run", build("echo"));
    assertThat(echo.code()).as(echo.err()).isEqualTo(1);
    assertThat(echo.out()).isEqualTo(binary);
    assertThat(echo.err()).isEmpty();
  }

  @Test
  void aGuestWritingIntoAClosedPipeIsToldSo() throws Exception {
    // yes | plugboard run echo.wasm | head -c 4: once the reader is gone, the guest's splice fails
    // (stream-error, not a PrintStream swallowing it), so it stops and exits with its status.
    Process p = new ProcessBuilder(WasiGuests.plugboardCommand("run", build("echo")))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Thread yes = Thread.ofVirtual().start(() -> {
      try (var in = p.getOutputStream()) {
        byte[] line = "y\n".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        while (true) {
          in.write(line);
        }
      } catch (java.io.IOException expected) {
        // the child exited
      }
    });
    try {
      assertThat(p.getInputStream().readNBytes(4)).isEqualTo("y\ny\n".getBytes(StandardCharsets.US_ASCII));
      p.getInputStream().close();
      assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
    } finally {
      p.destroyForcibly();
      yes.join();
    }
  }

  @Test
  void jcoRunGivesTheSameOutputForCHello() throws Exception {
    Path jco = Path.of(System.getProperty("plugboard.jco", ""), "node_modules", ".bin", "jco");
    assumeTrue(Files.isExecutable(jco), "skipped: jco not installed (-Dplugboard.jco=DIR)");
    String hello = SharedData.require("fixtures/components/c-hello.wasm").toString();
    WasiGuests.Child theirs = guests.exec(List.of(jco.toString(), "run", hello, "jco"), new byte[0]);
    WasiGuests.Child ours = plugboard(new byte[0], "run", hello, "--", "jco");
    assertThat(ours.out()).isEqualTo(theirs.out());
    assertThat(ours.err()).isEqualTo(theirs.err());
    assertThat(ours.code()).isEqualTo(theirs.code());
    // (jco run 1.35 does not pass its stdin to the guest, so the echo guest is compared with itself above.)
  }

  @Test
  void badGrantsAreOneLineErrors() throws Exception {
    String exit = build("exit");
    assertThat(cli.run("run", exit, "--dir", dir.resolve("missing").toString())).isEqualTo(1);
    assertThat(cli.err()).contains("--dir: ").contains("missing: not a directory").hasLineCount(1);
    cli.clear();
    assertThat(cli.run("run", exit, "--env", "=x")).isEqualTo(2);
    assertThat(cli.err()).contains("--env: expected NAME=VALUE or NAME").contains("--help").hasLineCount(2);
    cli.clear();
    assertThat(cli.run("run", exit, "--allow-net", "127.0.0.1:http")).isEqualTo(2);
    assertThat(cli.err()).contains("--allow-net: \"127.0.0.1:http\": the port must be a number").hasLineCount(2);
  }
}
