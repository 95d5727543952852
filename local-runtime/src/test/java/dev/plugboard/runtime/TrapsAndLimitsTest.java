package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.binary.ComponentNew;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guest faults become traps that name the component and function; a trap poisons the instance;
 * runaway loops stop at the deadline; deep recursion and memory beyond the cap are traps.
 * The component is a hand-encoded core module wrapped by {@link ComponentNew}.
 */
class TrapsAndLimitsTest {
  private static final String WIT = """
      package test:limits;
      world limits {
        export spin: func();
        export deep: func();
        export grow: func(pages: u32) -> s32;
        export boom: func();
      }
      """;

  /** (module (memory (export "memory") 1) spin: loop br 0; deep: call self; grow: memory.grow; boom: unreachable) */
  private static byte[] coreModule() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(HexFormat.of().parseHex("0061736d01000000"));
    b.writeBytes(HexFormat.of().parseHex("0109026000006001" + "7f017f"));
    b.writeBytes(HexFormat.of().parseHex("03050400000100"));
    b.writeBytes(HexFormat.of().parseHex("0503010001"));
    b.writeBytes(HexFormat.of().parseHex("0726" + "05"
        + "04" + hex("spin") + "0000" + "04" + hex("deep") + "0001" + "04" + hex("grow") + "0002"
        + "04" + hex("boom") + "0003" + "06" + hex("memory") + "0200"));
    b.writeBytes(HexFormat.of().parseHex("0a19" + "04" + "07" + "0003400c000b0b" + "04" + "0010010b"
        + "06" + "002000400" + "00b" + "03" + "00000b"));
    return b.toByteArray();
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  static LoadedComponent component() throws Exception {
    WitResolver.Result r = WitResolver.resolve(new WitResolver.Group(List.of(new WitResolver.SourceFile("l.wit", WIT))),
        List.of(), WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
    int world = r.resolve().packages.get(r.mainPackage()).worlds.get("limits");
    return LoadedComponent.load(ComponentNew.wrap(coreModule(), r.resolve(), world), "limits.wasm");
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeConfig.Engine.class, names = {"INTERP", "COMPILED"})
  void unreachableIsATrapNamingTheFunctionAndPoisonsTheInstance(RuntimeConfig.Engine engine) throws Exception {
    ComponentInstance c = component().instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(engine));
    assertThat(c.call("grow", Value.u32(0))).isEqualTo(Value.s32(1));
    assertThatThrownBy(() -> c.call("boom")).isInstanceOf(Trap.class)
        .hasMessageContaining("limits.wasm").hasMessageContaining("boom").hasMessageContaining("unreachable");
    assertThat(c.poisoned()).isTrue();
    assertThatThrownBy(() -> c.call("grow", Value.u32(0))).isInstanceOf(Trap.class)
        .hasMessageContaining("cannot enter component instance");
    // a fresh instance of the same component is fine
    ComponentInstance again = component().instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(engine));
    assertThat(again.call("grow", Value.u32(1))).isEqualTo(Value.s32(1));
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeConfig.Engine.class, names = {"INTERP", "COMPILED"})
  void deepRecursionIsATrapNotACrash(RuntimeConfig.Engine engine) throws Exception {
    ComponentInstance c = component().instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(engine));
    try (Deadline worker = new Deadline()) {
      assertThatThrownBy(() -> worker.run(() -> c.call("deep"), Duration.ofSeconds(60))).isInstanceOf(Trap.class)
          .hasMessageContaining("call stack exhausted");
    }
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeConfig.Engine.class, names = {"INTERP", "COMPILED"})
  void runawayLoopStopsAtTheDeadline(RuntimeConfig.Engine engine) throws Exception {
    ComponentInstance c = component().instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(engine));
    try (Deadline worker = new Deadline()) {
      assertThatThrownBy(() -> worker.run(() -> c.call("spin"), Duration.ofMillis(200))).isInstanceOf(Trap.class)
          .hasMessageContaining("timed out after 200 ms");
    }
  }

  @Test
  void memoryCapMakesGrowFail() throws Exception {
    ComponentInstance capped = component().instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.INTERP).withMaxMemoryPages(4));
    assertThat(capped.call("grow", Value.u32(3))).isEqualTo(Value.s32(1));
    assertThat(capped.call("grow", Value.u32(1))).as("beyond the cap: memory.grow returns -1").isEqualTo(Value.s32(-1));
    ComponentInstance free = component().instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.INTERP));
    assertThat(free.call("grow", Value.u32(10))).isEqualTo(Value.s32(1));
  }

  @Test
  void wrongArgumentsAreRejectedBeforeTheCall() throws Exception {
    ComponentInstance c = component().instantiate();
    assertThatThrownBy(() -> c.call("grow", Value.string("x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected u32");
    assertThat(c.poisoned()).isFalse();
  }
}
