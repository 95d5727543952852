package dev.plugboard.bench;

import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.types.Value;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The runtime on the fixtures the peer measured with jco on Node: {@code pump(n, size)} on
 * {@code composed-bench-echo.wasm} (n cross-component calls of {@code echo(list<u8>)} inside one
 * call; reported per inner call), {@code run("hello")} on {@code composed-app-upper.wasm}, and
 * instantiating {@code hello.wasm} once its modules are compiled (warm).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuntimeBenchmark {
  static final int CALLS = 1000;

  @State(Scope.Benchmark)
  public static class Pump {
    @Param({"0", "16", "1024", "65536"})
    public int size;
    ComponentFunction pump;
    Value[] args;

    @Setup
    public void setup() throws Exception {
      ComponentInstance c = LoadedComponent.load(SharedFiles.bytes("fixtures/components/composed-bench-echo.wasm"),
          "composed-bench-echo.wasm").instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(
              RuntimeConfig.Engine.COMPILED));
      pump = c.function("pump");
      args = new Value[] {Value.u32(size == 65536 ? 10 : CALLS), Value.u32(size)};
    }
  }

  /** ns per cross-component echo call (n = 1000 per invocation, 10 at 64 KiB). */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public Value pumpSmall(Pump p) {
    if (p.size == 65536) {
      return pumpLargeAsSmall(p);
    }
    return p.pump.call(p.args);
  }

  private static Value pumpLargeAsSmall(Pump p) {
    Value v = null;
    for (int i = 0; i < CALLS / 10; i++) {
      v = p.pump.call(p.args);
    }
    return v;
  }

  @State(Scope.Benchmark)
  public static class Hello {
    ComponentFunction run;
    LoadedComponent hello;
    Value arg = Value.string("hello");

    @Setup
    public void setup() throws Exception {
      RuntimeConfig compiled = RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED);
      run = LoadedComponent.load(SharedFiles.bytes("fixtures/components/composed-app-upper.wasm"),
          "composed-app-upper.wasm").instantiate(Imports.none(), compiled).function("run");
      hello = LoadedComponent.load(SharedFiles.bytes("fixtures/components/hello.wasm"), "hello.wasm");
      hello.instantiate(Imports.none(), compiled);
    }
  }

  /** {@code run("hello")}: host to component, one cross-component call inside. */
  @Benchmark
  public Value runHello(Hello h) {
    return h.run.call(h.arg);
  }

  /** Instantiating {@code hello.wasm} with its module already compiled. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ComponentInstance instantiateHelloWarm(Hello h) {
    return h.hello.instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED));
  }
}
