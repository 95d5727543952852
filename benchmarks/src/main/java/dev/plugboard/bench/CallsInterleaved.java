package dev.plugboard.bench;

import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.types.Value;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link RuntimeBenchmark}'s call figures for a busy machine, and before/after comparisons of two
 * builds of the runtime in one JVM: {@code pump(1000, 0)} and {@code pump(1000, 16)} on
 * {@code composed-bench-echo.wasm} (ns per cross-component call) and {@code run("hello")} on
 * {@code composed-app-upper.wasm} (ns per call), each build taking turns every round so that load
 * which comes and goes hits them alike; prints the median and quartiles per build, of the
 * thread's CPU time (what the call costs, without the time the thread waited for a core on a
 * loaded machine) and of wall-clock time.
 *
 * <pre>java -cp &lt;benchmarks class path&gt; dev.plugboard.bench.CallsInterleaved [rounds] [other local-runtime classes dir]...</pre>
 *
 * {@code -Dcalls.only=N} runs only workload N (0, 1 or 2), for a profiler. Each extra directory replaces {@code local-runtime/target/classes} on the class path in a class
 * loader of its own (an older build's classes, saved before a change).
 */
public final class CallsInterleaved {
  private static final String[] NAMES = {"pump(1000, 0)", "pump(1000, 16)", "run(\"hello\")"};
  private static final int[] CALLS_PER_TURN = {20_000, 20_000, 20_000};

  private CallsInterleaved() {}

  /** The three workloads of one build; each {@code run} makes {@link #CALLS_PER_TURN} calls. */
  public static final class Workloads implements Supplier<Runnable[]> {
    @Override
    public Runnable[] get() {
      try {
        return workloads();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static Runnable[] workloads() throws Exception {
      RuntimeConfig compiled = RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED);
      ComponentFunction pump = LoadedComponent.load(SharedFiles.bytes("fixtures/components/composed-bench-echo.wasm"),
          "composed-bench-echo.wasm").instantiate(Imports.none(), compiled).function("pump");
      ComponentFunction run = LoadedComponent.load(SharedFiles.bytes("fixtures/components/composed-app-upper.wasm"),
          "composed-app-upper.wasm").instantiate(Imports.none(), compiled).function("run");
      Value[] empty = {Value.u32(1000), Value.u32(0)};
      Value[] small = {Value.u32(1000), Value.u32(16)};
      Value hello = Value.string("hello");
      return new Runnable[] {
          () -> {
            for (int i = 0; i < 20; i++) {
              pump.call(empty);
            }
          },
          () -> {
            for (int i = 0; i < 20; i++) {
              pump.call(small);
            }
          },
          () -> {
            for (int i = 0; i < 20_000; i++) {
              run.call(hello);
            }
          }};
    }
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int only = Integer.getInteger("calls.only", -1);
    List<String> builds = new ArrayList<>();
    builds.add("this build");
    List<Runnable[]> workloads = new ArrayList<>();
    workloads.add(new Workloads().get());
    for (int b = 1; b < args.length; b++) {
      ClassLoader loader = loaderWith(Path.of(args[b]));
      Class<?> c = Class.forName(Workloads.class.getName(), true, loader);
      workloads.add(((Supplier<Runnable[]>) c.getConstructor().newInstance()).get());
      builds.add(args[b]);
    }
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    double[][][] ns = new double[builds.size()][NAMES.length][rounds];
    double[][][] cpu = new double[builds.size()][NAMES.length][rounds];
    for (int round = -10; round < rounds; round++) {
      for (int w = 0; w < NAMES.length; w++) {
        if (only >= 0 && w != only) {
          continue;
        }
        for (int b = 0; b < builds.size(); b++) {
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          workloads.get(b)[w].run();
          if (round >= 0) {
            ns[b][w][round] = (System.nanoTime() - t0) / (double) CALLS_PER_TURN[w];
            cpu[b][w][round] = (threads.getCurrentThreadCpuTime() - c0) / (double) CALLS_PER_TURN[w];
          }
        }
      }
    }
    for (int w = 0; w < NAMES.length; w++) {
      if (only >= 0 && w != only) {
        continue;
      }
      for (int b = 0; b < builds.size(); b++) {
        double[] t = ns[b][w];
        double[] c = cpu[b][w];
        Arrays.sort(t);
        Arrays.sort(c);
        System.out.printf(Locale.ROOT, "%-16s %-40s cpu median %7.1f ns/call (quartiles %.1f–%.1f), wall %7.1f "
            + "(%.1f–%.1f)%n", NAMES[w], builds.get(b), c[c.length / 2], c[c.length / 4], c[3 * c.length / 4],
            t[t.length / 2], t[t.length / 4], t[3 * t.length / 4]);
      }
    }
  }

  /** This class path with the local-runtime classes replaced by {@code runtimeClasses}. */
  private static ClassLoader loaderWith(Path runtimeClasses) throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(runtimeClasses.toUri().toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.replace('\\', '/').contains("local-runtime/target/classes")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }
}
