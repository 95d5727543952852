package dev.plugboard.bench;

import dev.plugboard.wit.resolve.WitResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + resolve of WIT, warm: the WASI 0.2.9 http package with its deps (texts read
 * once; also from disk), and a generated package of 10,000 lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WitResolveBenchmark {
  private Path httpDir;
  private WitResolver.Group http;
  private List<WitResolver.Group> httpDeps;
  private WitResolver.Group generated;

  @Setup
  public void load() {
    httpDir = SharedFiles.path("conformance/wasi-wit/0.2.9/http");
    http = group(httpDir);
    httpDeps = new ArrayList<>();
    try (Stream<Path> s = Files.list(httpDir.resolve("deps"))) {
      for (Path d : s.sorted().toList()) {
        httpDeps.add(group(d));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = generatedPackage(10_000);
    generated = new WitResolver.Group(List.of(new WitResolver.SourceFile("generated.wit", text)));
    WitResolver.Result check = WitResolver.resolve(generated, List.of(), WitResolver.Options.DEFAULT);
    if (!check.ok() || text.lines().count() < 10_000) {
      throw new IllegalStateException("generated package does not resolve: " + check.diagnostics());
    }
  }

  private static WitResolver.Group group(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<WitResolver.SourceFile> files = new ArrayList<>();
      for (Path p : s.filter(p -> p.toString().endsWith(".wit")).sorted().toList()) {
        files.add(new WitResolver.SourceFile(p.toString(), Files.readString(p)));
      }
      return new WitResolver.Group(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A package of about {@code lines} lines: interfaces of records, variants, resources and functions. */
  static String generatedPackage(int lines) {
    StringBuilder sb = new StringBuilder("package bench:generated@1.0.0;\n\n");
    int i = 0;
    while (sb.chars().filter(c -> c == '\n').count() < lines) {
      sb.append("/// Interface number ").append(i).append(".\n");
      sb.append("interface api").append(i).append(" {\n");
      if (i > 0) {
        sb.append("  use api").append(i - 1).append(".{thing as prev-thing};\n");
      }
      sb.append("  record thing {\n    id: u64,\n    name: string,\n    tags: list<string>,\n    score: option<f64>,\n  }\n");
      sb.append("  variant event {\n    created(thing),\n    renamed(tuple<u64, string>),\n    deleted(u64),\n  }\n");
      sb.append("  enum level {\n    low,\n    mid,\n    high,\n  }\n");
      sb.append("  resource store {\n    constructor(capacity: u32);\n    put: func(t: thing) -> result<_, string>;\n"
          + "    get: func(id: u64) -> option<thing>;\n    all: static func() -> list<thing>;\n  }\n");
      sb.append("  handle: func(e: event, l: level) -> result<list<thing>, string>;\n");
      sb.append("  count: func() -> u32;\n}\n\n");
      i++;
    }
    sb.append("world app {\n");
    for (int k = 0; k < i; k += 10) {
      sb.append("  import api").append(k).append(";\n");
    }
    sb.append("  export run: func() -> u32;\n}\n");
    return sb.toString();
  }

  @Benchmark
  public WitResolver.Result wasiHttpInMemory() {
    return WitResolver.resolve(http, httpDeps, WitResolver.Options.DEFAULT);
  }

  @Benchmark
  public WitResolver.Result wasiHttpFromDisk() {
    return WitResolver.resolvePath(httpDir, WitResolver.Options.DEFAULT);
  }

  @Benchmark
  public WitResolver.Result generated10kLines() {
    return WitResolver.resolve(generated, List.of(), WitResolver.Options.DEFAULT);
  }
}
