package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.testing.SharedData;
import dev.plugboard.types.Value;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plugging the fixtures together gives components that validate and run like the composed fixtures. */
class PlugTest {
  static ComposedPackage pkg(String name) throws Exception {
    return ComposedPackage.of("example:" + name, Files.readAllBytes(SharedData.require(
        "fixtures/components/" + name + ".wasm")));
  }

  static ComponentInstance run(byte[] component, String name) throws Exception {
    return LoadedComponent.load(component, name).instantiate();
  }

  @Test
  void appPluggedWithUpperRunsLikeTheComposedFixture() throws Exception {
    CompositionGraph g = Plug.plug(pkg("app"), List.of(pkg("upper")));
    byte[] out = CompositionEncoder.encode(g);
    ComponentInstance composed = run(out, "app+upper.wasm");
    ComponentInstance fixture = run(Files.readAllBytes(SharedData.require(
        "fixtures/components/composed-app-upper.wasm")), "composed-app-upper.wasm");
    for (String s : new String[] {"hello", "", "MiXeD 42"}) {
      assertThat(composed.call("run", Value.string(s))).isEqualTo(fixture.call("run", Value.string(s)));
    }
    assertThat(g.exports()).containsOnlyKeys("run");
    var names = dev.plugboard.binary.ComponentNames.of(dev.plugboard.binary.ComponentDecoder.decode(out));
    assertThat(names.name(dev.plugboard.binary.Sort.COMPONENT, 0)).isEqualTo("upper");
    assertThat(names.name(dev.plugboard.binary.Sort.COMPONENT, 1)).isEqualTo("app");
    assertThat(names.name(dev.plugboard.binary.Sort.INSTANCE, 2)).isEqualTo("example-app"); // 1: the aliased transform
  }

  @Test
  void benchCallerPluggedWithEchoPumps() throws Exception {
    byte[] out = CompositionEncoder.encode(Plug.plug(pkg("bench-caller"), List.of(pkg("echo"))));
    ComponentInstance composed = run(out, "bench.wasm");
    assertThat(composed.call("pump", Value.u32(10), Value.u32(1024))).isEqualTo(Value.u64(10240));
  }

  @Test
  void nothingPluggedIsAnError() throws Exception {
    ComposedPackage app = pkg("app");
    List<ComposedPackage> plugs = List.of(pkg("echo"));
    assertThatThrownBy(() -> Plug.plug(app, plugs))
        .isInstanceOf(CompositionException.class).hasMessageContaining("no plug exports anything example:app imports")
        .satisfies(e -> assertThat(((CompositionException) e).kind()).isEqualTo(CompositionException.Kind.NOTHING_PLUGGED));
  }

  @Test
  void packagesCanBeImportedInsteadOfEmbedded() throws Exception {
    CompositionGraph g = Plug.plug(pkg("app"), List.of(pkg("upper")));
    byte[] out = CompositionEncoder.encode(g, true);
    assertThat(out.length).isLessThan(CompositionEncoder.encode(g).length / 2);
    var loaded = LoadedComponent.load(out, "by-reference.wasm");
    var imports = dev.plugboard.runtime.Imports.none()
        .component("example-app", LoadedComponent.load(pkg("app").bytes(), "app.wasm"))
        .component("example-upper", LoadedComponent.load(pkg("upper").bytes(), "upper.wasm"));
    var composed = loaded.instantiate(imports, dev.plugboard.runtime.RuntimeConfig.DEFAULT);
    assertThat(composed.call("run", Value.string("ref"))).isEqualTo(Value.string("REF!"));
    assertThatThrownBy(() -> dev.plugboard.binary.ComponentWit.of(loaded.component()))
        .hasMessageContaining("is a component, a core module or a value, which WIT cannot express");
  }
}
