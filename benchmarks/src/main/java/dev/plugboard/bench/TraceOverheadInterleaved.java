package dev.plugboard.bench;

import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.trace.TraceRecorder;
import dev.plugboard.types.Value;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link TraceOverheadBenchmark}'s comparison for a busy machine: the four set-ups (untraced,
 * aggregate sampled, exact, aggregate tracing every call) take turns in one JVM, 50 calls of
 * {@code pump(1000, 1024)} each per round, so load that comes and goes hits them alike; prints
 * the median and quartiles of ns per echo call. {@code java -cp <benchmarks class path>
 * dev.plugboard.bench.TraceOverheadInterleaved [rounds]}.
 */
public final class TraceOverheadInterleaved {
  private TraceOverheadInterleaved() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    byte[] bytes = SharedFiles.bytes("fixtures/components/composed-bench-echo.wasm");
    RuntimeConfig compiled = RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED);
    TraceRecorder[] recorders = {null, new TraceRecorder(TraceRecorder.Mode.AGGREGATE),
        new TraceRecorder(TraceRecorder.Mode.EXACT, 2000), new TraceRecorder(TraceRecorder.Mode.AGGREGATE, 0, 1)};
    String[] names = {"untraced", "aggregate (sampled 1/64)", "exact", "aggregate (every call)"};
    ComponentFunction[] pumps = new ComponentFunction[recorders.length];
    for (int k = 0; k < recorders.length; k++) {
      RuntimeConfig c = recorders[k] == null ? compiled : compiled.withTracer(recorders[k]);
      pumps[k] = LoadedComponent.load(bytes, "composed-bench-echo.wasm").instantiate(Imports.none(), c)
          .function("pump");
    }
    Value[] call = {Value.u32(1000), Value.u32(1024)};
    double[][] perCall = new double[recorders.length][rounds];
    for (int round = -20; round < rounds; round++) {
      for (int k = 0; k < recorders.length; k++) {
        if (recorders[k] != null && recorders[k].mode() == TraceRecorder.Mode.EXACT) {
          recorders[k].reset();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
          pumps[k].call(call);
        }
        if (round >= 0) {
          perCall[k][round] = (System.nanoTime() - t0) / 50_000.0;
        }
      }
    }
    double base = median(perCall[0]);
    for (int k = 0; k < recorders.length; k++) {
      double[] t = perCall[k];
      Arrays.sort(t);
      System.out.printf(Locale.ROOT, "%-26s median %6.1f ns/call (quartiles %.1f–%.1f)  ×%.2f%n", names[k],
          median(t), t[t.length / 4], t[3 * t.length / 4], median(t) / base);
    }
  }

  private static double median(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
