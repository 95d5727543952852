package dev.plugboard.bench;

import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.trace.TraceRecorder;
import dev.plugboard.types.Value;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What tracing costs on {@code pump(1000, 1024)} of {@code composed-bench-echo.wasm} (1,000
 * cross-component {@code echo} calls through the fused adapter per invocation, reported per
 * call): untraced, traced into a {@link TraceRecorder} in aggregate mode, and in exact mode
 * (every event kept; the recorder is emptied before each invocation so it keeps them all).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TraceOverheadBenchmark {
  static final int CALLS = 1000;

  @State(Scope.Benchmark)
  public static class Pump {
    @Param({"off", "aggregate", "exact"})
    public String trace;
    ComponentFunction pump;
    TraceRecorder recorder;
    final Value[] args = {Value.u32(CALLS), Value.u32(1024)};

    @Setup
    public void setup() throws Exception {
      RuntimeConfig config = RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED);
      recorder = switch (trace) {
        case "aggregate" -> new TraceRecorder(TraceRecorder.Mode.AGGREGATE);
        case "exact" -> new TraceRecorder(TraceRecorder.Mode.EXACT, 2 * CALLS);
        default -> null;
      };
      if (recorder != null) {
        config = config.withTracer(recorder);
      }
      pump = LoadedComponent.load(SharedFiles.bytes("fixtures/components/composed-bench-echo.wasm"),
          "composed-bench-echo.wasm").instantiate(Imports.none(), config).function("pump");
    }

    @Setup(Level.Invocation)
    public void empty() {
      if (recorder != null && recorder.mode() == TraceRecorder.Mode.EXACT) {
        recorder.reset();
      }
    }
  }

  /** ns per cross-component echo call of 1 KiB. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public Value pump1024(Pump p) {
    return p.pump.call(p.args);
  }
}
