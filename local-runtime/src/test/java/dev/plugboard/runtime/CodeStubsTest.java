package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.OpCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big module whose compiled code is cached is read with only the bodies that code interprets,
 * and runs the same; when the code is gone, it is read whole again before any instance is made.
 */
class CodeStubsTest {
  /** Pairs of {@code i32.const 1; i32.add} in the big function: too many for one JVM method. */
  private static final int PAIRS = 60_000;

  /**
   * (module (func $big (result i32) i32.const 0 (i32.const 1 i32.add)*PAIRS)
   *         (func $small (result i32) call $big i32.const 1 i32.add)
   *         (export "big" (func $big)) (export "small" (func $small)))
   */
  private static byte[] module() {
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    big.write(0x00); // no locals
    big.writeBytes(new byte[] {0x41, 0x00});
    for (int i = 0; i < PAIRS; i++) {
      big.writeBytes(new byte[] {0x41, 0x01, 0x6a});
    }
    big.write(0x0b);
    byte[] small = {0x00, 0x10, 0x00, 0x41, 0x01, 0x6a, 0x0b};
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    code.write(2);
    CodeStubs.writeU32(code, big.size());
    code.writeBytes(big.toByteArray());
    CodeStubs.writeU32(code, small.length);
    code.writeBytes(small);
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    section(m, 1, new byte[] {0x01, 0x60, 0x00, 0x01, 0x7f});
    section(m, 3, new byte[] {0x02, 0x00, 0x00});
    section(m, 7, new byte[] {0x02, 0x03, 'b', 'i', 'g', 0x00, 0x00, 0x05, 's', 'm', 'a', 'l', 'l', 0x00, 0x01});
    section(m, 10, code.toByteArray());
    return m.toByteArray();
  }

  private static void section(ByteArrayOutputStream m, int id, byte[] content) {
    m.write(id);
    CodeStubs.writeU32(m, content.length);
    m.writeBytes(content);
  }

  private static long call(ModuleDef def, String export) {
    WasmModule m = def.ready(false);
    Function<Instance, Machine> factory = def.compiledNow();
    return Instance.builder(m).withMachineFactory(factory).build().export(export).apply()[0];
  }

  private static OpCode firstOp(WasmModule m, int body) {
    return m.codeSection().getFunctionBody(body).instructions().get(0).opcode();
  }

  @Test
  void aCachedModuleIsReadWithOnlyTheBodiesItsCodeInterprets(@TempDir Path dir) {
    byte[] bytes = module();
    CompiledCodeCache cache = new CompiledCodeCache(dir, 1L << 30);

    ModuleDef first = new ModuleDef(bytes, "m", cache);
    assertThat(call(first, "small")).isEqualTo(PAIRS + 1);
    CodeStubs.Plan plan = cache.plan(CompiledCodeCache.digest(bytes));
    assertThat(plan).isNotNull();
    assertThat(plan.keptBodies().stream().toArray()).containsExactly(0);

    ModuleDef second = new ModuleDef(bytes, "m", cache);
    assertThat(firstOp(second.parsed(), 1)).isEqualTo(OpCode.UNREACHABLE);
    assertThat(second.parsed().codeSection().getFunctionBody(0).instructions()).hasSizeGreaterThan(PAIRS);
    assertThat(second.facts()).isEqualTo(CodeStubs.Facts.of(first.parsed()));
    assertThat(second.hasCachedCode()).isTrue();
    assertThat(call(second, "small")).isEqualTo(PAIRS + 1);
    assertThat(call(second, "big")).isEqualTo(PAIRS);
  }

  /** The interpreter runs bodies: an interpreted instance of a module read in part gets the whole module. */
  @Test
  void anInterpretedInstanceOfAModuleReadInPartRunsTheWholeModule(@TempDir Path dir) {
    byte[] bytes = module();
    CompiledCodeCache cache = new CompiledCodeCache(dir, 1L << 30);
    call(new ModuleDef(bytes, "m", cache), "small");

    ModuleDef stubbed = new ModuleDef(bytes, "m", cache);
    assertThat(firstOp(stubbed.parsed(), 1)).isEqualTo(OpCode.UNREACHABLE);
    WasmModule whole = stubbed.ready(true);
    assertThat(firstOp(whole, 1)).isEqualTo(OpCode.CALL);
    long result = Instance.builder(whole).withMachineFactory(com.dylibso.chicory.runtime.InterpreterMachine::new)
        .build().export("small").apply()[0];
    assertThat(result).isEqualTo(PAIRS + 1);
    assertThat(call(stubbed, "small")).isEqualTo(PAIRS + 1); // compiled instances keep the stubbed module
  }

  @Test
  void withItsCodeGoneTheModuleIsReadWholeBeforeAnyInstance(@TempDir Path dir) throws IOException {
    byte[] bytes = module();
    CompiledCodeCache cache = new CompiledCodeCache(dir, 1L << 30);
    call(new ModuleDef(bytes, "m", cache), "small");
    String digest = CompiledCodeCache.digest(bytes);
    Files.delete(cache.file("code " + digest));

    ModuleDef again = new ModuleDef(bytes, "m", cache);
    assertThat(firstOp(again.parsed(), 1)).isEqualTo(OpCode.UNREACHABLE);
    assertThat(firstOp(again.ready(false), 1)).isEqualTo(OpCode.CALL);
    assertThat(again.hasCachedCode()).isFalse();
    assertThat(call(again, "small")).isEqualTo(PAIRS + 1);
    assertThat(cache.hasCode(digest)).isTrue();
  }

  @Test
  void aDamagedCodeEntryIsNeverLoaded(@TempDir Path dir) throws IOException {
    byte[] bytes = module();
    CompiledCodeCache cache = new CompiledCodeCache(dir, 1L << 30);
    call(new ModuleDef(bytes, "m", cache), "small");
    Path entry = cache.file("code " + CompiledCodeCache.digest(bytes));
    byte[] data = Files.readAllBytes(entry);
    data[data.length / 2] ^= 0x5a;
    Files.write(entry, data);

    assertThat(call(new ModuleDef(bytes, "m", cache), "small")).isEqualTo(PAIRS + 1);
  }

  @Test
  void keepOnlyReplacesTheOtherBodiesAndKeepsEverythingElse() {
    byte[] bytes = module();
    byte[] stub = CodeStubs.keepOnly(bytes, new BitSet());
    assertThat(stub).isNotNull();
    assertThat(stub.length).isLessThan(100);
    assertThat(CodeStubs.keepOnly(stub, new BitSet())).isEqualTo(stub);
    BitSet both = new BitSet();
    both.set(0, 2);
    assertThat(CodeStubs.keepOnly(bytes, both)).isEqualTo(bytes);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 10);
    assertThat(CodeStubs.keepOnly(truncated, both)).isNull();
  }

  @Test
  void aBackgroundCompilationOfACachedSizeModuleIsAnnounced(@TempDir Path dir) {
    java.util.List<Compilations.Compilation> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Runnable stop = Compilations.subscribe(seen::add);
    try {
      byte[] bytes = module();
      ModuleDef def = new ModuleDef(bytes, "big.module0", new CompiledCodeCache(dir, 1L << 30));
      def.compile(true).join();
      new ModuleDef(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}, "small.module0", null)
          .compile(true).join();
      assertThat(seen).singleElement().satisfies(c -> {
        assertThat(c.module()).isEqualTo("big.module0");
        assertThat(c.bytes()).isEqualTo(bytes.length);
        assertThat(c.done()).isDone();
      });
    } finally {
      stop.run();
    }
  }
}
