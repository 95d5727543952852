package dev.plugboard.bench;

import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.types.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Host calls of async-lifted exports, each a task on a guest thread of its own (a {@link
 * dev.plugboard.runtime.abi} fiber): a callback-lifted function that returns at once, a stackful
 * one that yields twice before task.return (three hand-overs between the host and the fiber),
 * and one that makes a second thread and switches to it. Inputs are the encoded spec cases of
 * component-model ({@code spec-cases/wasm}), so no {@code ../shared} is needed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AsyncCallBenchmark {
  @State(Scope.Benchmark)
  public static class Calls {
    ComponentFunction callback;
    ComponentFunction stackful;
    ComponentFunction spawn;
    final Value[] x = {Value.u32(21)};

    @Setup
    public void setup() throws Exception {
      callback = function("run-async-callback/0.wasm", "f");
      stackful = function("run-async-stackful/0.wasm", "add-one");
      spawn = function("run-async-threads/0.wasm", "spawn");
    }

    private static ComponentFunction function(String wasm, String name) throws Exception {
      Path p = Path.of(System.getProperty("plugboard.specCases", "../component-model/src/test/resources/spec-cases"))
          .resolve("wasm").resolve(wasm);
      return LoadedComponent.load(Files.readAllBytes(p), wasm)
          .instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED))
          .function(name);
    }
  }

  /** µs per host call of a callback-lifted function that calls task.return and exits. */
  @Benchmark
  public Value callbackReturnsAtOnce(Calls c) {
    return c.callback.call(c.x);
  }

  /** µs per host call of a stackful function that yields twice, then calls task.return. */
  @Benchmark
  public Value stackfulYieldsTwice(Calls c) {
    return c.stackful.call(c.x);
  }

  /** µs per host call of a stackful function that makes a thread and switches to it. */
  @Benchmark
  public Value stackfulSpawnsThread(Calls c) {
    return c.spawn.call(c.x);
  }
}
