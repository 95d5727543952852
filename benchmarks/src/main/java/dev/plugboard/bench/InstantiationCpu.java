package dev.plugboard.bench;

import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.wasi.WasiConfig;
import dev.plugboard.runtime.wasi.WasiHost;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time per warm instantiation, read from the thread's CPU clock: on a machine that other
 * work keeps busy, JMH's wall-clock figures vary several-fold between runs, while the CPU an
 * instantiation takes varies much less. Instantiates for SECONDS (warm-up), then again for
 * SECONDS, measured. Run: {@code java -cp <benchmarks classpath> dev.plugboard.bench.InstantiationCpu
 * FILE.wasm [SECONDS] [wasi]} ({@code wasi}: each instance with a fresh sandboxed WASI host).
 */
public final class InstantiationCpu {
  private InstantiationCpu() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
    boolean wasi = args.length > 2 && args[2].equals("wasi");
    LoadedComponent c = LoadedComponent.load(Files.readAllBytes(file), file.getFileName().toString());
    RuntimeConfig compiled = RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 2; round++) {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      int n = 0;
      while (System.nanoTime() < end) {
        if (wasi) {
          WasiHost host = new WasiHost(WasiConfig.sandbox());
          c.instantiate(host.imports(c), compiled);
        } else {
          c.instantiate(Imports.none(), compiled);
        }
        n++;
      }
      if (round == 1) {
        System.out.printf("%s%s: %d instances, %.1f us CPU each (%.1f us wall)%n", c.name(),
            wasi ? " with a WASI host" : "", n, (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n,
            (System.nanoTime() - wall0) / 1e3 / n);
      }
    }
  }
}
