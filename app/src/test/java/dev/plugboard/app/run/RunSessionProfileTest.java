package dev.plugboard.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.profile.Profile;
import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.runtime.trace.TraceRecorder;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The profile a Run page session keeps of its calls (what the Profiler tool window shows). */
class RunSessionProfileTest {
  private static CallStats greet(Profile p) {
    return p.functions().stream().filter(s -> s.function().equals("greet")).findFirst().orElseThrow();
  }

  @Test
  void everyCallIsTracedInExactModeAndOnlyTheCalls() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.require("fixtures/components/hello.wasm"));
    try (RunSession session = RunSession.of(bytes, "hello.wasm", Duration.ofSeconds(60))) {
      assertThat(session.profile().calls()).isZero();
      assertThat(session.profile().functions()).isEmpty();

      RunSession.Outcome a = session.call("greet(\"a\")");
      RunSession.Outcome b = session.call("greet(\"bb\")");
      assertThat(a.ok()).as(a.text()).isTrue();
      assertThat(session.call("greet(").ok()).as("a call that does not parse is not traced").isFalse();
      Profile p = session.profile();
      assertThat(p.mode()).isEqualTo(TraceRecorder.Mode.EXACT);
      assertThat(p.source()).isEqualTo("hello.wasm");
      assertThat(p.workload()).isEqualTo("2 calls from the Run page");
      assertThat(greet(p).calls()).isEqualTo(2);
      assertThat(p.wallNanos()).isEqualTo(a.nanos() + b.nanos());
      assertThat(p.events()).hasSize(a.crossings().size() + b.crossings().size());
      assertThat(greet(p).bytesIn()).as("the argument strings' bytes").isGreaterThanOrEqualTo(3);

      // a fresh instance keeps the session's profile; instantiating it adds nothing
      session.reset();
      session.call("greet(\"c\")");
      assertThat(greet(session.profile()).calls()).isEqualTo(3);
      assertThat(session.profile().functions()).extracting(CallStats::function).containsOnly("greet");
    }
  }
}
