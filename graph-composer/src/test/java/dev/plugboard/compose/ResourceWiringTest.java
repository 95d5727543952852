package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.compose.CompositionGraph.Source;
import org.junit.jupiter.api.Test;

/**
 * Resources on the canvas are compared by identity, as the validator compares them: each instance
 * makes its own, and an instantiation's abstract resources bind to the first argument that gives
 * them, so its other arguments must give the same ones. What a dragged wire is told
 * ({@link Wiring#fit}) is what setting the argument answers.
 */
class ResourceWiringTest {
  static final String TYPES = "test:res/types";
  static final String API = "test:res/api";

  @Test
  void aWireFitsOnlyWithTheResourceTheOtherArgumentsGive() throws Exception {
    Wac.Packages packages = WacRulesTest.packages(WacRulesTest.CASES.resolve("packages"));
    CompositionGraph g = new CompositionGraph();
    g.register(packages.find("test:res-provider"));
    g.register(packages.find("test:res-user"));
    g.instantiate("p", "test:res-provider");
    g.instantiate("q", "test:res-provider");
    g.instantiate("u", "test:res-user");

    // nothing given yet: either provider's api fits
    assertThat(Wiring.fit(g, NodeId.of("q"), API, NodeId.of("u"), API).ok()).isTrue();
    g.setArgument("u", TYPES, new Source.Export("p", TYPES));
    assertThat(Wiring.fit(g, NodeId.of("p"), API, NodeId.of("u"), API).ok()).isTrue();

    Wiring.Fit other = Wiring.fit(g, NodeId.of("q"), API, NodeId.of("u"), API);
    assertThat(other.ok()).isFalse();
    assertThat(other.path()).containsExactly("type mismatch in instance export `file`");
    assertThat(other.reason()).isEqualTo("resource types are not the same");
    assertThatThrownBy(() -> g.setArgument("u", API, new Source.Export("q", API)))
        .isInstanceOfSatisfying(CompositionException.class, e -> {
          assertThat(e.kind()).isEqualTo(CompositionException.Kind.TYPE_MISMATCH);
          assertThat(e.path()).isEqualTo(other.path());
        });
    g.setArgument("u", API, new Source.Export("p", API));
  }

  @Test
  void instancesOfOnePackageHaveTheirOwnResources() throws Exception {
    Wac.Packages packages = WacRulesTest.packages(WacRulesTest.CASES.resolve("packages"));
    CompositionGraph g = new CompositionGraph();
    g.register(packages.find("test:res-provider"));
    g.instantiate("p", "test:res-provider");
    g.instantiate("q", "test:res-provider");
    ItemType p = g.typeOf(new Source.Export("p", TYPES));
    assertThat(TypeCheck.check(p, g.typeOf(new Source.Export("p", TYPES)))).isNull();
    assertThat(TypeCheck.check(p, g.typeOf(new Source.Export("q", TYPES)))).isNotNull();
  }
}
