package dev.plugboard.bench;

import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.wasi.WasiConfig;
import dev.plugboard.runtime.wasi.WasiHost;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm instantiation (core modules already compiled) of the fixtures, and of a WASI component
 * together with its sandboxed host, as {@code plugboard serve} makes one per request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InstantiationBenchmark {

  @State(Scope.Benchmark)
  public static class Plain {
    @Param({"hello", "composed-app-upper"})
    public String fixture;
    LoadedComponent component;
    final RuntimeConfig compiled = RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED);

    @Setup
    public void setup() throws Exception {
      component = LoadedComponent.load(SharedFiles.bytes("fixtures/components/" + fixture + ".wasm"),
          fixture + ".wasm");
      component.instantiate(dev.plugboard.runtime.Imports.none(), compiled);
    }
  }

  /** A component with no imports, its modules compiled. */
  @Benchmark
  public ComponentInstance instantiateWarm(Plain p) {
    return p.component.instantiate(dev.plugboard.runtime.Imports.none(), p.compiled);
  }

  @State(Scope.Benchmark)
  public static class Wasi {
    LoadedComponent component;
    final RuntimeConfig compiled = RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED);
    final WasiConfig grants = WasiConfig.sandbox();

    @Setup
    public void setup() throws Exception {
      component = LoadedComponent.load(SharedFiles.bytes("fixtures/components/c-hello.wasm"), "c-hello.wasm");
      try (WasiHost host = new WasiHost(grants)) {
        component.instantiate(host.imports(component), compiled);
      }
    }
  }

  /** {@code c-hello.wasm} (wasi-sdk + the preview1 adapter) with a fresh sandboxed WASI host. */
  @Benchmark
  public ComponentInstance instantiateWasiWarm(Wasi w) {
    WasiHost host = new WasiHost(w.grants);
    return w.component.instantiate(host.imports(w.component), w.compiled);
  }
}
