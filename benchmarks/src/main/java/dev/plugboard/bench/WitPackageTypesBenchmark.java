package dev.plugboard.bench;

import dev.plugboard.binary.WitPackageTypes;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What typing WIT packages in the arena's model costs the composer on each read of a WAC
 * document (the Graph and Text pages read on every pause in typing): every interface and world of
 * a resolve through {@link WitPackageTypes} (encode each package to its binary WIT package,
 * validate, read the arena, link interfaces to the ones they use), from a fresh instance as a
 * read makes it. The resolve itself is {@link WitResolveBenchmark}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WitPackageTypesBenchmark {
  private Resolve http;
  private Resolve generated;

  @Setup
  public void load() {
    Path dir = SharedFiles.path("conformance/wasi-wit/0.2.9/http");
    WitResolver.Result r = WitResolver.resolvePath(dir, WitResolver.Options.DEFAULT);
    if (!r.ok()) {
      throw new IllegalStateException("http does not resolve: " + r.diagnostics());
    }
    http = r.resolve();
    WitResolver.Result g = WitResolver.resolve(new WitResolver.Group(List.of(new WitResolver.SourceFile(
        "generated.wit", WitResolveBenchmark.generatedPackage(2_000)))), List.of(), WitResolver.Options.DEFAULT);
    if (!g.ok()) {
      throw new IllegalStateException("generated package does not resolve: " + g.diagnostics());
    }
    generated = g.resolve();
  }

  /** WASI 0.2.9 http and its 5 dependency packages: every interface and world. */
  @Benchmark
  public void httpAll(Blackhole bh) {
    typeAll(http, bh);
  }

  /** One interface with what it uses (an `import x: wasi:http/types@0.2.9;` in a document). */
  @Benchmark
  public void httpOneInterface(Blackhole bh) {
    WitPackageTypes types = new WitPackageTypes(http);
    for (int i = 0; i < http.interfaces.size(); i++) {
      if ("types".equals(http.interfaces.get(i).name)
          && http.packages.get(http.interfaces.get(i).pkg).name.toString().startsWith("wasi:http")) {
        bh.consume(types.instance(i));
        return;
      }
    }
    throw new IllegalStateException("no wasi:http/types");
  }

  /** A generated package of about 2,000 lines (70 interfaces in a `use` chain, resources). */
  @Benchmark
  public void generated2000Lines(Blackhole bh) {
    typeAll(generated, bh);
  }

  private static void typeAll(Resolve r, Blackhole bh) {
    WitPackageTypes types = new WitPackageTypes(r);
    for (int i = 0; i < r.interfaces.size(); i++) {
      if (r.interfaces.get(i).name != null && r.interfaces.get(i).pkg != null) {
        bh.consume(types.instance(i));
      }
    }
    for (int i = 0; i < r.worlds.size(); i++) {
      bh.consume(types.world(i));
    }
  }
}
