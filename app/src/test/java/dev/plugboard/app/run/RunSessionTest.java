package dev.plugboard.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Run page's session gives a WASI component the sandboxed host and returns what it printed. */
class RunSessionTest {
  @Test
  void aWasiCommandRunsAndItsOutputComesBackWithTheCall() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.require("fixtures/components/c-hello.wasm"));
    try (RunSession session = RunSession.of(bytes, "c-hello.wasm", Duration.ofSeconds(60))) {
      RunSession.Outcome o = session.call("wasi:cli/run#run()");
      assertThat(o.text()).as(o.output()).isEqualTo("ok");
      assertThat(o.output()).contains("Hello from C, world!\n").contains("this line goes to stderr\n");
    }
  }
}
