package dev.plugboard.runtime.abi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.abi.FlatType;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import dev.plugboard.types.WitTypes;
import dev.plugboard.wave.Wave;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs every line of {@code vectors.jsonl} and {@code traps.jsonl} in the folder named by the
 * system property {@code plugboard.abi.vectors} (default {@code ../shared/conformance/canonical-abi}):
 * lowering and storing must give the reference's flat values, memory bytes and realloc calls with
 * the README's bump allocator; lifting and loading the recorded bytes must give the value back;
 * trap cases must trap (or give the reference's value).
 */
class CanonicalAbiConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private static Path folder() {
    String configured = System.getProperty("plugboard.abi.vectors");
    Path dir;
    if (configured != null && !configured.isBlank()) {
      dir = Path.of(configured);
    } else {
      String shared = System.getProperty("plugboard.shared", "../shared");
      dir = Path.of(shared, "conformance", "canonical-abi");
    }
    Assumptions.assumeTrue(Files.isDirectory(dir), "Canonical ABI vectors not found at " + dir.toAbsolutePath()
        + " (set -Dplugboard.abi.vectors or put shared/ beside the checkout); skipping");
    return dir;
  }

  /** The README's bump allocator, recording each call. */
  static final class Bump implements Realloc {
    final AbiMemory memory;
    int last;
    final List<long[]> calls = new ArrayList<>();

    Bump(AbiMemory memory, int start) {
      this.memory = memory;
      this.last = start;
    }

    @Override
    public int realloc(int oldPtr, int oldSize, int align, int newSize) {
      int ret = AbiType.alignTo(last, align);
      int n = Math.min(oldSize, newSize);
      byte[] copy = memory.readBytes(oldPtr, n);
      memory.write(ret, copy, 0, n);
      last = ret + newSize;
      calls.add(new long[] {oldPtr, oldSize, align, newSize, ret});
      return ret;
    }
  }

  /** One check of a JSON line; throws on a mismatch. */
  @FunctionalInterface
  interface Check {
    void run(JsonNode line) throws Exception;
  }

  @Test
  void vectors() throws IOException {
    runFile("vectors.jsonl", CanonicalAbiConformanceTest::checkVector,
        v -> v.get("type").asText() + " = " + v.get("value").asText());
  }

  @Test
  void traps() throws IOException {
    runFile("traps.jsonl", CanonicalAbiConformanceTest::checkTrapCase,
        v -> v.get("type").asText() + ", " + v.path("note").asText());
  }

  private static void runFile(String name, Check check, java.util.function.Function<JsonNode, String> label)
      throws IOException {
    int passed = 0;
    List<String> failures = new ArrayList<>();
    for (String line : Files.readAllLines(folder().resolve(name))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode v = JSON.readTree(line);
      try {
        check.run(v);
        passed++;
      } catch (Exception | AssertionError e) {
        failures.add(v.get("id").asText() + " (" + label.apply(v) + "): " + e.getMessage());
      }
    }
    System.out.println(name + ": " + passed + " passed, " + failures.size() + " failed");
    failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
    assertThat(failures).isEmpty();
  }

  private static void checkVector(JsonNode v) throws Exception {
    ValueType type = WitTypes.fromText(v.get("defs").asText(), v.get("type").asText());
    AbiType t = AbiType.of(type);
    Value value = Wave.parse(v.get("value").asText(), type);
    StringEncoding encoding = StringEncoding.of(v.get("encoding").asText());
    StringEncoding source = v.get("src_encoding").isNull() ? StringEncoding.UTF8
        : StringEncoding.of(v.get("src_encoding").asText());

    assertThat(t.size()).as("elem_size").isEqualTo(v.get("elem_size").asInt());
    assertThat(t.alignment()).as("alignment").isEqualTo(v.get("alignment").asInt());
    assertThat(Arrays.stream(t.flat()).map(FlatType::wat).toList()).as("flat_types")
        .isEqualTo(strings(v.get("flat_types")));

    // lower_flat on a fresh memory, allocator from 0
    ByteArrayMemory mem = new ByteArrayMemory(new byte[1 << 20]);
    Bump bump = new Bump(mem, 0);
    Context cx = new Context(new CanonOptions(mem, bump, encoding), new InstanceState("test"), null)
        .sourceEncoding(source);
    Abi.FlatWriter out = new Abi.FlatWriter();
    Abi.lowerFlat(cx, value, t, out);
    long[] flat = out.toArray();
    assertThat(formatFlat(flat, t.flat())).as("lowered_flat").isEqualTo(strings(v.get("lowered_flat")));
    JsonNode lowered = v.get("lowered");
    assertThat(HEX.formatHex(Arrays.copyOf(mem.bytes(), bump.last))).as("lowered memory")
        .isEqualTo(lowered.get("memory_hex").asText());
    assertThat(allocs(bump.calls)).as("lowered allocs").isEqualTo(lowered.get("allocs").toString());

    // store at 16, allocator from 16 + elem_size
    JsonNode stored = v.get("stored");
    ByteArrayMemory mem2 = new ByteArrayMemory(new byte[1 << 20]);
    int allocStart = stored.get("alloc_start").asInt();
    Bump bump2 = new Bump(mem2, allocStart);
    Context cx2 = new Context(new CanonOptions(mem2, bump2, encoding), new InstanceState("test"), null)
        .sourceEncoding(source);
    Abi.store(cx2, value, t, 16);
    assertThat(HEX.formatHex(Arrays.copyOfRange(mem2.bytes(), 16, 16 + t.size()))).as("slot")
        .isEqualTo(stored.get("slot_hex").asText());
    assertThat(HEX.formatHex(Arrays.copyOf(mem2.bytes(), Math.max(bump2.last, allocStart)))).as("stored memory")
        .isEqualTo(stored.get("memory_hex").asText());
    assertThat(allocs(bump2.calls)).as("stored allocs").isEqualTo(stored.get("allocs").toString());

    // lift_flat over exactly the lowered bytes, load(16) over exactly the stored bytes
    long[] serialized = parseFlat(v.get("lowered_flat"));
    Context lift = new Context(new CanonOptions(new ByteArrayMemory(HEX.parseHex(lowered.get("memory_hex").asText())),
        null, encoding), new InstanceState("test"), null);
    assertThat(Abi.liftFlat(lift, new Abi.FlatReader(serialized), t)).as("lift_flat").isEqualTo(value);
    Context load = new Context(new CanonOptions(new ByteArrayMemory(HEX.parseHex(stored.get("memory_hex").asText())),
        null, encoding), new InstanceState("test"), null);
    assertThat(Abi.load(load, 16, t)).as("load").isEqualTo(value);
  }

  private static void checkTrapCase(JsonNode v) throws Exception {
    ValueType type = WitTypes.fromText(v.get("defs").asText(), v.get("type").asText());
    AbiType t = AbiType.of(type);
    StringEncoding encoding = StringEncoding.of(v.get("encoding").asText());
    Context cx = new Context(new CanonOptions(new ByteArrayMemory(HEX.parseHex(v.get("memory_hex").asText())), null,
        encoding), new InstanceState("test"), null);
    Value got;
    try {
      if (v.get("op").asText().equals("lift_flat")) {
        got = Abi.liftFlat(cx, new Abi.FlatReader(parseFlat(v.get("flat"))), t);
      } else {
        got = Abi.load(cx, v.get("ptr").asInt(), t);
      }
    } catch (Trap trap) {
      assertThat(v.get("expect").asText()).as("trapped: " + trap.getMessage()).isEqualTo("trap");
      return;
    }
    assertThat(v.get("expect").asText()).as("gave " + Wave.print(got) + " instead of trapping").isEqualTo("value");
    assertThat(got).isEqualTo(Wave.parse(v.get("value").asText(), type));
    if (v.has("value_bits")) {
      String bits = v.get("value_bits").asText();
      String actual = got instanceof Value.F32 f ? "f32:0x%08x".formatted(Float.floatToRawIntBits(f.value()))
          : "f64:0x%016x".formatted(Double.doubleToRawLongBits(((Value.F64) got).value()));
      assertThat(actual).isEqualTo(bits);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static long[] parseFlat(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      String s = array.get(i).asText();
      if (s.startsWith("f32:0x")) {
        out[i] = Long.parseLong(s.substring(6), 16);
      } else if (s.startsWith("f64:0x")) {
        out[i] = Long.parseUnsignedLong(s.substring(6), 16);
      } else {
        out[i] = Long.parseUnsignedLong(s);
      }
    }
    return out;
  }

  private static List<String> formatFlat(long[] flat, FlatType[] types) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < flat.length; i++) {
      out.add(switch (types[i]) {
        case F32 -> "f32:0x%08x".formatted((int) flat[i]);
        case F64 -> "f64:0x%016x".formatted(flat[i]);
        case I32 -> Long.toUnsignedString(flat[i] & 0xffffffffL);
        case I64 -> Long.toUnsignedString(flat[i]);
      });
    }
    return out;
  }

  private static String allocs(List<long[]> calls) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < calls.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      long[] c = calls.get(i);
      sb.append('[').append(c[0]).append(',').append(c[1]).append(',').append(c[2]).append(',').append(c[3])
          .append(',').append(c[4]).append(']');
    }
    return sb.append(']').toString();
  }
}
