package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.compose.CompositionGraph.Source;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.types.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Access expressions reach any depth (wac-LANGUAGE.md, "postfix access"): {@code u.transform.apply}
 * is the function {@code apply} of the instance {@code u} exports; the graph keeps the path, the
 * encoder aliases along it (an alias chain), and what comes out runs. Uses the shared fixture
 * {@code upper} (whose {@code apply} is ASCII uppercase); skipped when ../shared is absent.
 */
class NestedAccessTest {
  private static final String TRANSFORM = "example:text/transform@0.1.0";

  private static Wac.Document read(String body) throws Exception {
    return Wac.read("c.wac", "package example:composition;\nlet u = new example:upper {};\n" + body,
        WacTest.fixtures());
  }

  private static LoadedComponent encoded(Wac.Document d) throws Exception {
    byte[] out = CompositionEncoder.encode(d.graph());
    ComponentValidator.validate(ComponentDecoder.decode(out));
    return LoadedComponent.load(out, "c.wasm");
  }

  @Test
  void aFunctionOfAnExportedInstanceIsExportedAndRuns() throws Exception {
    Wac.Document d = read("export u.transform.apply;\nexport u[\"" + TRANSFORM + "\"][\"apply\"] as \"shout\";\n");
    assertThat(d.graph().exports()).containsEntry("apply", new Source.Export("u", TRANSFORM, List.of("apply")))
        .containsEntry("shout", new Source.Export("u", TRANSFORM, List.of("apply")));
    var instance = encoded(d).instantiate();
    assertThat(instance.call("apply", Value.string("nested"))).isEqualTo(Value.string("NESTED"));
    assertThat(instance.call("shout", Value.string("ok"))).isEqualTo(Value.string("OK"));
  }

  @Test
  void anExportedInstanceSpreadsItsFunctions() throws Exception {
    Wac.Document d = read("let t = u.transform;\nexport t...;\n");
    assertThat(d.graph().exports()).containsOnlyKeys("apply");
    assertThat(encoded(d).instantiate().call("apply", Value.string("spread"))).isEqualTo(Value.string("SPREAD"));
  }

  @Test
  void theInstanceAndAFunctionInsideItShareOneAlias() throws Exception {
    // `u.transform` is aliased once, for app's argument and as the first link of the chain
    Wac.Document d = read("let app = new example:app { transform: u.transform };\nexport app.run;\n"
        + "export u.transform.apply as \"direct\";\n");
    var instance = encoded(d).instantiate();
    assertThat(instance.call("run", Value.string("a"))).isEqualTo(Value.string("A!"));
    assertThat(instance.call("direct", Value.string("b"))).isEqualTo(Value.string("B"));
  }

  @Test
  void writtenBackTheNestedPathReadsTheSame() throws Exception {
    Wac.Document d = read("export u.transform.apply as \"shout\";\n");
    String written = Wac.write(d.packageName(), d.graph(), d.typeStatements());
    assertThat(written).contains("[\"" + TRANSFORM + "\"][\"apply\"]");
    Wac.Document again = Wac.read("again.wac", written, WacTest.fixtures());
    assertThat(again.graph().exports()).isEqualTo(d.graph().exports());
  }

  @Test
  void theGraphRefusesAPathThatLeavesTheInstances() throws Exception {
    Wac.Document d = read("");
    CompositionGraph g = d.graph();
    assertThatThrownBy(() -> g.export(new Source.Export("u", TRANSFORM, List.of("nope")), "x"))
        .isInstanceOf(CompositionException.class).hasMessageContaining("has no export `nope`; it exports apply");
    assertThatThrownBy(() -> g.export(new Source.Export("u", TRANSFORM, List.of("apply", "deeper")), "x"))
        .isInstanceOf(CompositionException.class).hasMessageContaining("not an instance");
  }
}
