package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The runtime's linker checks the instances other running components give a component's imports
 * by the validator's instantiate check (ComponentTypes.Linking), before anything runs, and says
 * which import and what part of it does not fit, in one line.
 */
class LinkingCheckTest {

  @Test
  void anExportedInstanceOfTheRightTypeLinks() throws Exception {
    ComponentInstance upper = FixtureRunTest.load("upper").instantiate();
    var exported = upper.exportedInstance("example:text/transform@0.1.0").orElseThrow();
    assertThat(exported.type()).as("the export's type, from the arena").isNotNull();
    ComponentInstance app = FixtureRunTest.load("app").instantiate(Imports.none()
        .instance("example:text/transform@0.1.0", exported), RuntimeConfig.DEFAULT);
    assertThat(FixtureRunTest.call(app, "run(\"hi\")")).isEqualTo("\"HI!\"");
  }

  @Test
  void anExportedInstanceOfAnotherTypeIsALinkErrorWithThePath() throws Exception {
    ComponentInstance echo = FixtureRunTest.load("echo").instantiate();
    var wrong = echo.exportedInstance("example:bench/echo@0.1.0").orElseThrow();
    LoadedComponent app = FixtureRunTest.load("app");
    assertThatThrownBy(() -> app.instantiate(Imports.none().instance("example:text/transform@0.1.0", wrong),
        RuntimeConfig.DEFAULT))
        .isInstanceOf(LoadedComponent.LinkError.class)
        .hasMessage("app.wasm: import \"example:text/transform@0.1.0\" does not fit what was given: missing "
            + "expected export `apply`");
  }

  @Test
  void twoInstancesOfOneComponentHaveTheirOwnResources() throws Exception {
    LoadedComponent kv = FixtureRunTest.load("kv");
    var a = kv.instantiate().exportedInstance("example:kv/store-api@0.1.0").orElseThrow();
    var b = kv.instantiate().exportedInstance("example:kv/store-api@0.1.0").orElseThrow();
    var sameA = dev.plugboard.binary.ComponentTypes.subtype(a.type(), a.type());
    var aForB = dev.plugboard.binary.ComponentTypes.subtype(a.type(), b.type());
    assertThat(sameA).isNull();
    assertThat(aForB).as("generativity: each instance makes its own resource types").isNotNull();
    assertThat(aForB.describe()).contains("resource types are not the same");
  }
}
