package dev.plugboard.bench;

import dev.plugboard.app.run.RunSession;
import dev.plugboard.profile.Profile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Profiler tool window adds to a Run page call: {@code greet("x")} on {@code hello.wasm}
 * through {@link RunSession#call} (which traces every crossing into the session's exact-mode
 * recorder), alone and followed by {@link RunSession#profile()} (the snapshot the Run page takes after
 * each call to feed the tool window). The session has made more than
 * {@value RunSession#PROFILE_EVENTS} calls before measuring, so the profile holds its full timeline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RunPageProfileBenchmark {
  RunSession session;

  @Setup(Level.Trial)
  public void setup() {
    session = RunSession.of(SharedFiles.bytes("fixtures/components/hello.wasm"), "hello.wasm", Duration.ofSeconds(10));
    for (int i = 0; i <= RunSession.PROFILE_EVENTS; i++) {
      if (!session.call("greet(\"x\")").ok()) {
        throw new IllegalStateException("greet(\"x\") failed on hello.wasm");
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    session.close();
  }

  @Benchmark
  public RunSession.Outcome call() {
    return session.call("greet(\"x\")");
  }

  @Benchmark
  public Profile callAndProfile() {
    session.call("greet(\"x\")");
    return session.profile();
  }
}
