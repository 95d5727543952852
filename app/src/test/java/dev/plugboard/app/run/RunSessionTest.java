package dev.plugboard.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.cli.WasiGuests;
import dev.plugboard.runtime.wasi.Grants;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Run page's session gives a WASI component what its run configuration grants, and streams its output. */
class RunSessionTest {
  @RegisterExtension final WasiGuests guests = new WasiGuests();
  @TempDir Path workspace;

  private static RunSession session(String path) throws Exception {
    return RunSession.of(Files.readAllBytes(Path.of(path)), Path.of(path).getFileName().toString(), null);
  }

  @Test
  void aWasiCommandRunsAndItsOutputComesBackWithTheCall() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.require("fixtures/components/c-hello.wasm"));
    try (RunSession session = RunSession.of(bytes, "c-hello.wasm", Duration.ofSeconds(60))) {
      RunSession.Outcome o = session.call("wasi:cli/run#run()");
      assertThat(o.text()).as(o.output()).isEqualTo("ok");
      assertThat(o.output()).contains("Hello from C, world!\n").contains("this line goes to stderr\n");
      assertThat(session.isCommand()).isTrue();
      RunSession.Outcome run = session.runCommand();
      assertThat(run.call()).isEqualTo(RunSession.COMMAND);
      assertThat(run.text()).isEqualTo("exit: 0");
      assertThat(run.ok()).isTrue();
      assertThat(run.output()).contains("Hello from C, world!\n");
      List<GuestOutput.Chunk> streamed = session.output().drain();
      assertThat(streamed).anySatisfy(c -> assertThat(c).isEqualTo(new GuestOutput.Chunk(true,
          "this line goes to stderr\n")));
    }
  }

  @Test
  void theConfiguredArgumentsAndEnvironmentReachTheGuestAndNothingElse() throws Exception {
    String printenv = guests.build("printenv", "printenv");
    try (RunSession session = session(printenv)) {
      assertThat(session.runCommand().output()).as("the sandbox: its name, no environment")
          .isEqualTo("arg printenv.wasm\n");
      RunConfiguration c = new RunConfiguration(List.of("one", "two words"),
          new Grants(List.of(), List.of(), List.of("GREETING=hi", "PASSED", "ABSENT"), List.of(), List.of()), "", "");
      session.configure(c, workspace, Map.of("PASSED", "from the host", "OTHER", "secret")::get);
      RunSession.Outcome o = session.runCommand();
      assertThat(o.text()).isEqualTo("exit: 0");
      assertThat(o.output()).isEqualTo("arg printenv.wasm\narg one\narg two words\nenv GREETING=hi\n"
          + "env PASSED=from the host\n");
    }
  }

  @Test
  void aConfigurationThatCannotBeGrantedIsAnErrorOfTheRun() throws Exception {
    String printenv = guests.build("printenv", "printenv");
    try (RunSession session = session(printenv)) {
      session.configure(RunConfiguration.DEFAULT.withGrants(new Grants(List.of("missing"), List.of(), List.of(),
          List.of(), List.of())), workspace, n -> null);
      assertThat(session.functions()).as("the exports are still listed").isNotEmpty();
      assertThat(session.runCommand().text()).isEqualTo("error: run configuration: --dir: missing: not a directory");
      session.configure(RunConfiguration.DEFAULT.withTimeout("soon"), workspace, n -> null);
      assertThat(session.runCommand().text()).startsWith("error: run configuration: timeout: expected a duration");
    }
  }

  @Test
  void anEndlessWriterStreamsUntilItIsStoppedAndTheSessionGoesOn() throws Exception {
    String flood = guests.build("flood", "guest");
    try (RunSession session = session(flood)) {
      CompletableFuture<RunSession.Outcome> run = CompletableFuture.supplyAsync(session::runCommand);
      StringBuilder seen = new StringBuilder();
      long waited = 0;
      while (seen.length() < 10_000 && waited < 60_000) {
        session.output().drain().forEach(c -> seen.append(c.text()));
        Thread.sleep(20);
        waited += 20;
      }
      assertThat(run).as("still running while its output streams").isNotDone();
      assertThat(seen.toString()).startsWith("y\ny\ny\n");
      session.stop();
      RunSession.Outcome o = run.get(30, TimeUnit.SECONDS);
      assertThat(o.text()).isEqualTo("stopped (the instance was discarded)");
      assertThat(o.ok()).isFalse();
      session.stop(); // nothing runs: nothing happens
      // a new run starts on a fresh instance, and a timeout from the configuration ends it
      session.configure(RunConfiguration.DEFAULT.withTimeout("300ms"), workspace, n -> null);
      assertThat(session.runCommand().text()).startsWith("trap: timed out after 300 ms");
    }
  }
}
