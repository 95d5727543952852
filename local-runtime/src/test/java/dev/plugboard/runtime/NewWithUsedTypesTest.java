package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.binary.ComponentNew;
import dev.plugboard.types.Value;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code plugboard new} for an exported interface that {@code use}s a type of an imported
 * interface: the wrapped component validates and runs, the used record crossing as itself.
 */
class NewWithUsedTypesTest {
  private static final String WIT = """
      package test:uses;
      interface types {
        record point { x: u32, y: u32 }
      }
      interface api {
        use types.{point};
        /// x + y
        norm1: func(p: point) -> u32;
      }
      world w {
        import types;
        export api;
      }
      """;

  /** (module (func (export "test:uses/api#norm1") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)) */
  private static byte[] core() {
    byte[] name = "test:uses/api#norm1".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(HexFormat.of().parseHex("0061736d01000000" + "010701600" + "27f7f017f" + "03020100"));
    b.write(0x07);
    b.write(name.length + 4);
    b.write(0x01);
    b.write(name.length);
    b.writeBytes(name);
    b.writeBytes(HexFormat.of().parseHex("0000" + "0a09010700200020016a0b"));
    return b.toByteArray();
  }

  @Test
  void exportedInterfaceUsingAnImportedType() throws Exception {
    WitResolver.Result r = WitResolver.resolve(new WitResolver.Group(List.of(new WitResolver.SourceFile("w.wit", WIT))),
        List.of(), WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
    int world = r.resolve().packages.get(r.mainPackage()).worlds.get("w");
    byte[] component = ComponentNew.wrap(core(), r.resolve(), world);
    ComponentInstance c = LoadedComponent.load(component, "uses.wasm")
        .instantiate(Imports.none().instance("test:uses/types", Map.of()), RuntimeConfig.DEFAULT);
    Value point = new Value.RecordValue(List.of(new Value.Field("x", Value.u32(3)), new Value.Field("y", Value.u32(4))));
    assertThat(c.call("norm1", point)).isEqualTo(Value.u32(7));
  }

  @Test
  void exportedInterfaceUsingAnotherExportedInterface() throws Exception {
    String wit = WIT.replace("import types;", "export types;");
    WitResolver.Result r = WitResolver.resolve(new WitResolver.Group(List.of(new WitResolver.SourceFile("w.wit", wit))),
        List.of(), WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
    int world = r.resolve().packages.get(r.mainPackage()).worlds.get("w");
    byte[] component = ComponentNew.wrap(core(), r.resolve(), world);
    ComponentInstance c = LoadedComponent.load(component, "uses.wasm").instantiate();
    Value point = new Value.RecordValue(List.of(new Value.Field("x", Value.u32(5)), new Value.Field("y", Value.u32(6))));
    assertThat(c.call("norm1", point)).isEqualTo(Value.u32(11));
  }

  @Test
  void worldLevelUse() throws Exception {
    String wit = """
        package test:uses;
        interface types {
          record point { x: u32, y: u32 }
        }
        world w {
          use types.{point};
          export norm1: func(p: point) -> u32;
        }
        """;
    WitResolver.Result r = WitResolver.resolve(new WitResolver.Group(List.of(new WitResolver.SourceFile("w.wit", wit))),
        List.of(), WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
    int world = r.resolve().packages.get(r.mainPackage()).worlds.get("w");
    byte[] name = "norm1".getBytes(StandardCharsets.US_ASCII);
    byte[] core = core();
    String hex = HexFormat.of().formatHex(core).replace(HexFormat.of().formatHex(
        "test:uses/api#norm1".getBytes(StandardCharsets.US_ASCII)), HexFormat.of().formatHex(name));
    // the export section's sizes shrink with the name: 19 → 5 bytes
    hex = hex.replace("0717011" + "3", "0709010" + "5");
    byte[] component = ComponentNew.wrap(HexFormat.of().parseHex(hex), r.resolve(), world);
    ComponentInstance c = LoadedComponent.load(component, "uses.wasm")
        .instantiate(Imports.none().instance("test:uses/types", Map.of()), RuntimeConfig.DEFAULT);
    Value point = new Value.RecordValue(List.of(new Value.Field("x", Value.u32(1)), new Value.Field("y", Value.u32(2))));
    assertThat(c.call("norm1", point)).isEqualTo(Value.u32(3));
  }
}
