package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.WitResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WIT packages read in the arena's model: through their binary WIT package, resources by identity. */
class WitPackageTypesTest {
  static final String WIT = """
      package test:res;

      interface types {
        resource file {
          read: func() -> string;
        }
        record point { x: u32, y: u32 }
      }

      interface api {
        use types.{file, point};
        open: func(path: string) -> file;
        at: func(p: point);
      }

      world user {
        import types;
        import api;
        export run: func();
      }
      """;

  static Resolve resolve(String text) {
    WitResolver.Result r = WitResolver.resolve(new WitResolver.Group(List.of(new WitResolver.SourceFile("t.wit",
        text))), List.of(), WitResolver.Options.DEFAULT);
    assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
    return r.resolve();
  }

  static int iface(Resolve r, String name) {
    for (int i = 0; i < r.interfaces.size(); i++) {
      if (name.equals(r.interfaces.get(i).name)) {
        return i;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void anInterfaceThatUsesAResourceHasTheVeryResourceOfItsDefiner() {
    Resolve r = resolve(WIT);
    WitPackageTypes types = new WitPackageTypes(r);
    TypeT.Inst defs = types.instance(iface(r, "types")).type();
    TypeT.Inst api = types.instance(iface(r, "api")).type();
    assertThat(api.exports()).containsKeys("file", "point", "open", "at");
    var file = ((TypeT.Resource) ((ExternT.TypeX) defs.exports().get("file")).type()).token();
    var used = ((TypeT.Resource) ((ExternT.TypeX) api.exports().get("file")).type()).token();
    assertThat(ComponentTypes.sameResource(file, used)).isTrue();
    // the same interface asked again is the same type (one instance per WitPackageTypes)
    assertThat(types.instance(iface(r, "api"))).isSameAs(types.instance(iface(r, "api")));
    // another read of the package makes other resources
    TypeT.Inst again = new WitPackageTypes(r).instance(iface(r, "types")).type();
    assertThat(ComponentTypes.subtype(new ExternT.InstX(again), new ExternT.InstX(defs))).isNotNull();
    assertThat(ComponentTypes.subtype(new ExternT.InstX(defs), new ExternT.InstX(defs))).isNull();
  }

  @Test
  void aWorldIsTheComponentTypeOfItsComponents() {
    Resolve r = resolve(WIT);
    TypeT.Comp user = new WitPackageTypes(r).world(r.worlds.indexOf(r.worlds.stream()
        .filter(w -> w.name.equals("user")).findFirst().orElseThrow()));
    assertThat(user.imports()).containsOnlyKeys("test:res/types", "test:res/api");
    assertThat(user.exports()).containsOnlyKeys("run");
    // its imports' resources are abstract: an instance of the interfaces binds them
    WitPackageTypes types = new WitPackageTypes(r);
    ComponentTypes.Linking linking = new ComponentTypes.Linking(user);
    assertThat(linking.argument("test:res/types", types.instance(iface(r, "types")))).isNull();
    assertThat(linking.argument("test:res/api", types.instance(iface(r, "api")))).isNull();
    // an api whose file is another read's is not the file already given
    ComponentTypes.Linking other = new ComponentTypes.Linking(user);
    assertThat(other.argument("test:res/types", types.instance(iface(r, "types")))).isNull();
    assertThat(other.argument("test:res/api", new WitPackageTypes(r).instance(iface(r, "api"))).describe())
        .isEqualTo("type mismatch in instance export `file`: resource types are not the same");
  }

  @Test
  void recordsDifferingInAFieldAreNotSubtypes() {
    String geo = "package test:geo;\ninterface shapes {\n  record point { x: u32, y: u32 }\n  draw: func(p: point);\n}\n";
    Resolve a = resolve(geo);
    Resolve b = resolve(geo.replace("y: u32", "y: u64"));
    var m = ComponentTypes.subtype(new WitPackageTypes(b).instance(iface(b, "shapes")),
        new WitPackageTypes(a).instance(iface(a, "shapes")));
    assertThat(m).isNotNull();
    assertThat(m.path()).containsExactly("type mismatch in instance export `point`", "field `y`");
    assertThat(m.reason()).isEqualTo("expected u32, found u64");
    Resolve same = resolve(geo);
    assertThat(ComponentTypes.subtype(new WitPackageTypes(a).instance(iface(a, "shapes")),
        new WitPackageTypes(same).instance(iface(same, "shapes")))).as("equal types from two reads").isNull();
  }
}
