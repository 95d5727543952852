package dev.plugboard.bench;

import dev.plugboard.binary.Component;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentEncoder;
import dev.plugboard.binary.ComponentValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Component structure: decode; decode + structural validation (core modules contribute their
 * interfaces); decode + full validation (core module code validated by Chicory); encode. On
 * a 12 MB componentize-js component and a small composed one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ComponentDecodeBenchmark {
  @Param({"js-shout-nowasi.wasm", "composed-app-upper.wasm"})
  public String component;

  private byte[] bytes;
  private Component decoded;

  @Setup
  public void load() throws Exception {
    bytes = SharedFiles.bytes("fixtures/components/" + component);
    decoded = ComponentDecoder.decode(bytes);
  }

  @Benchmark
  public Component decode() throws Exception {
    return ComponentDecoder.decode(bytes);
  }

  @Benchmark
  public Component decodeAndValidate() throws Exception {
    ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(bytes);
    ComponentValidator.validate(d.component(), d.offsets());
    return d.component();
  }

  @Benchmark
  public Component decodeAndValidateStructure() throws Exception {
    ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(bytes);
    ComponentValidator.validateStructure(d.component(), d.offsets());
    return d.component();
  }

  @Benchmark
  public byte[] encode() {
    return ComponentEncoder.encode(decoded);
  }
}
