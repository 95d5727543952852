package dev.plugboard.bench;

import dev.plugboard.binary.BinarySummary;
import dev.plugboard.binary.MalformedBinaryException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Section framing of a component, what the IDE does when it opens a {@code .wasm} file. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BinarySummaryBenchmark {
  @Param({"types.wasm", "c-hello.wasm"})
  public String component;

  private byte[] bytes;

  @Setup
  public void load() {
    bytes = SharedFiles.bytes("fixtures/components/" + component);
  }

  @Benchmark
  public BinarySummary summary() throws MalformedBinaryException {
    return BinarySummary.read(bytes);
  }
}
