package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.binary.ComponentNew;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exporting a function whose parameters use a record the instance took from an import: the
 * record is named in the composition (by the import that satisfied it), so the output is valid.
 */
class ExportTypesTest {
  /** (module (func (export NAME) (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)) */
  static byte[] core(String exportName) {
    byte[] name = exportName.getBytes(StandardCharsets.US_ASCII);
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
  void worldFunctionUsingARecord() throws Exception {
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
    int world = r.resolve().packages.get(r.mainPackage()).worlds.get("w");
    byte[] component = ComponentNew.wrap(core("norm1"), r.resolve(), world);
    ComposedPackage pkg = ComposedPackage.of("test:uses", component);
    Wac.Document d = Wac.read("c.wac", "package test:c;\nlet u = new test:uses { ... };\nexport u.norm1;\n",
        name -> name.startsWith("test:uses") ? pkg : null);
    byte[] out = CompositionEncoder.encode(d.graph());
    assertThat(LoadedComponent.load(out, "c.wasm")).isNotNull();
  }
}
