package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.abi.Abi;
import dev.plugboard.runtime.abi.AbiType;
import dev.plugboard.runtime.abi.ByteArrayMemory;
import dev.plugboard.runtime.abi.CanonOptions;
import dev.plugboard.runtime.abi.Context;
import dev.plugboard.runtime.abi.FusedTransfer;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.Realloc;
import dev.plugboard.runtime.abi.Store;
import dev.plugboard.runtime.abi.StringEncoding;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.trace.CallEvent;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fused adapter against the generic one ({@link Instantiator#lower} with {@link FusedCall}
 * on and off), on every Canonical ABI vector shape of {@code ../shared/conformance/canonical-abi}
 * and on shapes of our own: a caller passes a value (once, and twice so that more shapes spill
 * to memory) to a callee that returns a value of the same type. Both paths must give the callee
 * the same flat arguments, leave both memories the same to the byte, call {@code realloc} the
 * same way on each side, give the caller the same result, trap for the same reason, and report
 * the same trace counts. The values must also arrive intact (lifted again on the other side).
 */
class FusedCallTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final int MEMORY = 1 << 16;

  /** Shapes that need no ../shared: padding, joined variant slots, nesting, spilling, NaNs, non-ASCII text. */
  private static final List<Shape> OWN = List.of(
      new Shape("record with padding", "record point { x: f32, y: f64, tag: u8 }", "point",
          "{x: 1.5, y: -2.25, tag: 7}"),
      new Shape("list of padded records", "record point { x: f32, y: f64, tag: u8 }", "list<point>",
          "[{x: 1.5, y: nan, tag: 7}, {x: -0.0, y: inf, tag: 255}]"),
      new Shape("variant, joined slots", "variant shape { circle(f32), rect(tuple<u32, u64>), text(string), empty }",
          "list<shape>", "[circle(nan), rect((3, 18446744073709551615)), text(\"hé😀\"), empty]"),
      new Shape("variant case f32 in an i64 slot", "variant shape { circle(f32), rect(tuple<u32, u64>), text(string), "
          + "empty }", "shape", "circle(-1.5)"),
      new Shape("variant case without payload", "variant shape { circle(f32), rect(tuple<u32, u64>), text(string), "
          + "empty }", "shape", "empty"),
      new Shape("option of list of strings", "", "option<list<string>>", "some([\"a\", \"bé\", \"\"])"),
      new Shape("option none", "", "option<list<string>>", "none"),
      new Shape("result ok list", "enum e { a, b, c }", "result<list<u16>, e>", "ok([1, 2, 65535])"),
      new Shape("result err enum", "enum e { a, b, c }", "result<list<u16>, e>", "err(c)"),
      new Shape("flags", "flags perms { read, write, exec }", "perms", "{read, exec}"),
      new Shape("list of flags", "flags perms { read, write, exec }", "list<perms>", "[{read, exec}, {}, {write}]"),
      new Shape("scalars", "", "tuple<char, bool, s8, s16, u64, f64>",
          "('λ', false, -1, -32768, 18446744073709551615, -0.0)"),
      new Shape("nested lists", "", "list<list<u8>>", "[[1, 2], [], [3]]"),
      new Shape("list of options of strings", "", "list<option<string>>", "[some(\"x\"), none, some(\"\")]"),
      new Shape("list of results", "", "list<result<_, string>>", "[ok, err(\"no\"), ok]"),
      new Shape("string", "", "string", "\"ünïcödé 😀\""),
      new Shape("empty string", "", "string", "\"\""),
      new Shape("many fields (spills with two arguments)", "",
          "tuple<u32, u32, u32, u32, u32, u32, u32, u32, u32>", "(1, 2, 3, 4, 5, 6, 7, 8, 9)"),
      new Shape("bytes", "", "list<u8>", "[0, 1, 2, 255]"),
      new Shape("list of tuples, no padding", "", "list<tuple<u32, u32>>", "[(1, 2), (3, 4)]"),
      new Shape("list of tuples with padding", "", "list<tuple<u8, u32, u16>>", "[(1, 2, 3), (4, 5, 6)]"));

  record Shape(String id, String defs, String type, String value) {}

  @AfterEach
  void fusedBackOn() {
    FusedCall.enabled = true;
  }

  /** The README's bump allocator, recording each call. */
  static final class Bump implements Realloc {
    final ByteArrayMemory memory;
    int last;
    final List<String> calls = new ArrayList<>();

    Bump(ByteArrayMemory memory, int start) {
      this.memory = memory;
      this.last = start;
    }

    @Override
    public int realloc(int oldPtr, int oldSize, int align, int newSize) {
      int ret = AbiType.alignTo(last, align);
      if (ret + (long) newSize > memory.size()) {
        throw new Trap("test allocator out of memory");
      }
      int n = Math.min(oldSize, newSize);
      memory.write(ret, memory.readBytes(oldPtr, n), 0, n);
      last = ret + newSize;
      calls.add(oldPtr + "," + oldSize + "," + align + "," + newSize + "->" + ret);
      return ret;
    }
  }

  /** Everything one call showed; equal for both paths. */
  record Outcome(String trap, List<String> calleeArgs, String results, String callerMemory, String calleeMemory,
      List<String> callerAllocs, List<String> calleeAllocs, String counts, int postReturns) {}

  @Test
  void ownShapesGiveTheSameOnBothPaths() throws Exception {
    for (Shape s : OWN) {
      for (StringEncoding enc : List.of(StringEncoding.UTF8, StringEncoding.UTF16)) {
        for (int arity = 1; arity <= 2; arity++) {
          compare(s, enc, arity);
        }
      }
    }
  }

  /** Every shape of vectors.jsonl, in UTF-8 and in UTF-16 on both sides, with one and two arguments. */
  @Test
  void canonicalAbiVectorShapesGiveTheSameOnBothPaths() throws Exception {
    Set<Shape> shapes = new LinkedHashSet<>();
    for (JsonNode v : lines("vectors.jsonl")) {
      shapes.add(new Shape(v.get("id").asText(), v.get("defs").asText(), v.get("type").asText(),
          v.get("value").asText()));
    }
    assertThat(shapes).hasSizeGreaterThan(100);
    for (Shape s : shapes) {
      for (StringEncoding enc : List.of(StringEncoding.UTF8, StringEncoding.UTF16)) {
        compare(s, enc, 1);
        compare(s, enc, 2);
      }
    }
  }

  /**
   * traps.jsonl: bad flat values from a caller (lift_flat cases) trap for the same reason on both
   * paths (or give the same); bad memory (load cases) does the same in a fused load-then-store.
   */
  @Test
  void canonicalAbiTrapCasesTrapAlikeOnBothPaths() throws Exception {
    int flat = 0;
    int load = 0;
    for (JsonNode v : lines("traps.jsonl")) {
      ValueType type = WitTypes.fromText(v.get("defs").asText(), v.get("type").asText());
      StringEncoding enc = StringEncoding.of(v.get("encoding").asText());
      byte[] memory = HEX.parseHex(v.get("memory_hex").asText());
      String id = v.get("id").asText() + " " + v.get("type").asText() + " (" + v.path("note").asText() + ")";
      ByteArrayMemory any = new ByteArrayMemory(new byte[8]);
      CanonOptions opts = new CanonOptions(any, (a, b, c, d) -> 0, enc);
      if (FusedTransfer.of(AbiType.of(type), opts, opts) == null) {
        continue; // strings in latin1+utf16: the generic path's
      }
      if (v.get("op").asText().equals("lift_flat")) {
        long[] args = parseFlat(v.get("flat"));
        FuncType ft = new FuncType(List.of(new FuncType.Param("a", type)), null);
        Outcome generic = call(ft, enc, memory.clone(), args, null, false);
        Outcome fused = call(ft, enc, memory.clone(), args, null, true);
        assertThat(fused).as(id).isEqualTo(generic);
        assertThat(generic.trap() != null).as(id + ": " + generic).isEqualTo(v.get("expect").asText().equals("trap"));
        flat++;
      } else {
        AbiType t = AbiType.of(type);
        int ptr = v.get("ptr").asInt();
        CanonOptions from = new CanonOptions(new ByteArrayMemory(memory.clone()), null, enc);
        String generic = loadStore(t, from, enc, ptr, false);
        String fused = loadStore(t, from, enc, ptr, true);
        assertThat(fused).as(id).isEqualTo(generic);
        assertThat(generic.startsWith("trap")).as(id + ": " + generic).isEqualTo(v.get("expect").asText()
            .equals("trap"));
        load++;
      }
    }
    assertThat(flat).isPositive();
    assertThat(load).isPositive();
  }

  /** {@code load} then {@code store} (generic) or {@link FusedTransfer#move}: the trap, or the bytes stored and allocations. */
  private static String loadStore(AbiType t, CanonOptions from, StringEncoding enc, int ptr, boolean fused) {
    ByteArrayMemory out = new ByteArrayMemory(new byte[MEMORY]);
    Bump bump = new Bump(out, 1024);
    CanonOptions to = new CanonOptions(out, bump, enc);
    Context cx = new Context(to, new InstanceState("to"), null).sourceEncoding(enc);
    try {
      if (fused) {
        FusedTransfer transfer = FusedTransfer.of(t, from, to);
        assertThat(transfer).isNotNull();
        transfer.move(from.memory(), ptr, cx, 16);
      } else {
        Value v = Abi.load(new Context(from, new InstanceState("from"), null), ptr, t);
        Abi.store(cx, v, t, 16);
      }
    } catch (Trap trap) {
      return "trap: " + trap.reason();
    }
    return used(out.bytes()) + " " + bump.calls + " " + cx.bytes;
  }

  private static void compare(Shape s, StringEncoding enc, int arity) throws Exception {
    ValueType type = WitTypes.fromText(s.defs(), s.type());
    Value value = Wave.parse(s.value(), type);
    List<FuncType.Param> params = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      params.add(new FuncType.Param("a" + i, type));
    }
    FuncType ft = new FuncType(params, type);
    FuncType.Lowered lw = FuncType.Lowered.of(ft);
    String id = s.id() + " " + s.type() + " = " + s.value() + " (" + enc.spelling() + ", " + arity + " argument(s))";

    // the caller's arguments, lowered into its memory before the call (over bytes that are not
    // zero, so that a copy of padding would show)
    byte[] callerBytes = new byte[MEMORY];
    Arrays.fill(callerBytes, (byte) 0xaa);
    ByteArrayMemory mem = new ByteArrayMemory(callerBytes);
    Bump bump = new Bump(mem, 1024);
    Value[] args = new Value[arity];
    Arrays.fill(args, value);
    long[] flat = Abi.lowerFlatValues(new Context(new CanonOptions(mem, bump, enc), new InstanceState("c"), null)
        .sourceEncoding(enc), Abi.MAX_FLAT_PARAMS, args, lw.params(), lw.paramTuple(), null);
    int retptr = -1;
    if (Abi.flatCount(lw.results()) > Abi.MAX_FLAT_RESULTS) {
      retptr = bump.realloc(0, 0, 8, lw.resultTuple().size());
      flat = Arrays.copyOf(flat, flat.length + 1);
      flat[flat.length - 1] = retptr;
    }

    Outcome generic = call(ft, enc, callerBytes.clone(), flat, value, false);
    Outcome fused = call(ft, enc, callerBytes.clone(), flat, value, true);
    assertThat(fused).as(id).isEqualTo(generic);
    assertThat(generic.trap()).as(id).isNull();
    assertThat(generic.postReturns()).as(id).isEqualTo(1);
  }

  /**
   * One call through a fresh adapter: a caller whose memory holds {@code callerBytes} passes
   * {@code args} to a callee that returns {@code result} (lowered into its own memory first).
   */
  private static Outcome call(FuncType ft, StringEncoding enc, byte[] callerBytes, long[] args, Value result,
      boolean fused) throws Exception {
    FuncType.Lowered lw = FuncType.Lowered.of(ft);
    Store store = new Store();
    InstanceState caller = new InstanceState("caller", store, null);
    InstanceState callee = new InstanceState("callee", store, null);
    ByteArrayMemory callerMemory = new ByteArrayMemory(callerBytes);
    Bump callerBump = new Bump(callerMemory, 1024 + MEMORY / 2);
    CanonOptions callerOpts = new CanonOptions(callerMemory, callerBump, enc);
    ByteArrayMemory calleeMemory = new ByteArrayMemory(new byte[MEMORY]);
    Bump calleeBump = new Bump(calleeMemory, 1024);
    CanonOptions calleeOpts = new CanonOptions(calleeMemory, calleeBump, enc);

    long[] calleeResult = new long[0];
    if (result != null) {
      calleeResult = Abi.lowerFlatValues(new Context(calleeOpts, callee, null).sourceEncoding(enc),
          Abi.MAX_FLAT_RESULTS, new Value[] {result}, lw.results(), lw.resultTuple(), null);
      calleeBump.calls.clear();
    }
    long[] returned = calleeResult;
    List<String> received = new ArrayList<>();
    int[] posts = {0};
    CoreFunc core = new CoreFunc("f", null, a -> {
      received.add(Arrays.toString(a));
      // the arguments arrived intact
      Value[] got = Abi.liftFlatValues(new Context(calleeOpts, callee, null), Abi.MAX_FLAT_PARAMS,
          new Abi.FlatReader(a), lw.params(), lw.paramTuple());
      received.add(Arrays.stream(got).map(Wave::print).toList().toString());
      return returned.clone();
    });
    CoreFunc post = new CoreFunc("post", null, a -> {
      posts[0]++;
      return new long[0];
    });
    List<CallEvent> events = new ArrayList<>();
    LiftedFunction lifted = new LiftedFunction("f", callee, core, calleeOpts, post, ft, events::add);
    FusedCall.enabled = fused;
    CoreFunc adapter = Instantiator.lower(caller, lifted, callerOpts, "f", events::add);
    String trap = null;
    String results = null;
    try {
      long[] out = adapter.call(args.clone());
      results = Arrays.toString(out);
      if (result != null) {
        // the caller gets the value back
        Context cx = new Context(callerOpts, caller, null);
        Value got = Abi.flatCount(lw.results()) > Abi.MAX_FLAT_RESULTS
            ? Abi.load(cx, (int) args[args.length - 1], lw.results()[0])
            : Abi.liftFlat(cx, new Abi.FlatReader(out), lw.results()[0]);
        assertThat(Wave.print(got)).isEqualTo(Wave.print(result));
      }
    } catch (Trap t) {
      trap = t.reason();
    }
    if (trap == null) {
      assertThat(received).hasSize(2);
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().fused()).isEqualTo(fused);
    }
    String counts = events.stream().map(e -> "in " + e.bytesIn() + "/" + e.reallocsIn() + " out " + e.bytesOut()
        + "/" + e.reallocsOut() + " transcodes " + e.transcodes() + " trap " + e.trapped()).toList().toString();
    return new Outcome(trap, received, results, used(callerMemory.bytes()), used(calleeMemory.bytes()), callerBump.calls, calleeBump.calls, counts, posts[0]);
  }

  /** The bytes up to the last non-zero one, in hex (the rest of a memory is zero). */
  private static String used(byte[] bytes) {
    int n = bytes.length;
    while (n > 0 && bytes[n - 1] == 0) {
      n--;
    }
    return HEX.formatHex(bytes, 0, n);
  }

  private static List<JsonNode> lines(String name) throws IOException {
    Path dir = Path.of(System.getProperty("plugboard.shared", "../shared"), "conformance", "canonical-abi");
    Assumptions.assumeTrue(Files.isDirectory(dir), "Canonical ABI vectors not found at " + dir.toAbsolutePath()
        + " (put shared/ beside the checkout); skipping");
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(name))) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static long[] parseFlat(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      String s = array.get(i).asText();
      if (s.startsWith("f32:0x") || s.startsWith("f64:0x")) {
        out[i] = Long.parseUnsignedLong(s.substring(6), 16);
      } else {
        out[i] = Long.parseUnsignedLong(s);
      }
    }
    return out;
  }
}
