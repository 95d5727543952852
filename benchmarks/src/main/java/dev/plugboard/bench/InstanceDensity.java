package dev.plugboard.bench;

import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * How many live {@code hello.wasm} instances fit in a GiB of heap: instantiates N of them (each
 * called once, so its memory is touched), then compares the heap after a full GC with the
 * heap before. Run: {@code java -cp <benchmarks classpath> dev.plugboard.bench.InstanceDensity [N] [maxPages]}.
 */
public final class InstanceDensity {
  private InstanceDensity() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int maxPages = args.length > 1 ? Integer.parseInt(args[1]) : RuntimeConfig.DEFAULT_MAX_MEMORY_PAGES;
    LoadedComponent hello = LoadedComponent.load(SharedFiles.bytes("fixtures/components/hello.wasm"), "hello.wasm");
    RuntimeConfig config = RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.COMPILED).withMaxMemoryPages(maxPages);
    hello.instantiate(Imports.none(), config).call("greet", Value.string("warm"));
    long before = usedAfterGc();
    List<ComponentInstance> live = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ComponentInstance c = hello.instantiate(Imports.none(), config);
      c.call("greet", Value.string("x"));
      live.add(c);
    }
    long after = usedAfterGc();
    double perInstance = (after - before) / (double) n;
    System.out.printf("%d instances: %.1f KiB each, %.0f per GiB (max memory pages %s)%n", live.size(),
        perInstance / 1024, (1L << 30) / perInstance, maxPages == 0 ? "as declared" : maxPages);
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
