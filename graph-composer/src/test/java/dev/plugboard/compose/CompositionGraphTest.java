package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.compose.CompositionException.Kind;
import dev.plugboard.compose.CompositionGraph.Source;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every mutation of the graph is checked and answered with its own kind of error; undo and redo. */
class CompositionGraphTest {
  private static final String TRANSFORM = "example:text/transform@0.1.0";

  private static CompositionGraph graph() throws Exception {
    CompositionGraph g = new CompositionGraph();
    g.register(PlugTest.pkg("app"));
    g.register(PlugTest.pkg("upper"));
    g.register(PlugTest.pkg("echo"));
    g.instantiate("app", "example:app");
    g.instantiate("upper", "example:upper");
    g.instantiate("echo", "example:echo");
    return g;
  }

  private static Kind kindOf(ThrowingRunnable r) {
    try {
      r.run();
    } catch (CompositionException e) {
      return e.kind();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return null;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void eachMistakeHasItsOwnError() throws Exception {
    CompositionGraph g = graph();
    assertThat(kindOf(() -> g.instantiate("x", "example:nope"))).isEqualTo(Kind.UNKNOWN_PACKAGE);
    assertThat(kindOf(() -> g.instantiate("app", "example:app"))).isEqualTo(Kind.DUPLICATE_NAME);
    assertThat(kindOf(() -> g.setArgument("app", "wasi:nope/x", new Source.Export("upper", TRANSFORM))))
        .isEqualTo(Kind.NO_SUCH_IMPORT);
    assertThat(kindOf(() -> g.setArgument("app", TRANSFORM, new Source.Export("upper", "nope"))))
        .isEqualTo(Kind.NO_SUCH_EXPORT);
    assertThatThrownBy(() -> g.setArgument("app", TRANSFORM, new Source.Export("echo", "example:bench/echo@0.1.0")))
        .isInstanceOf(CompositionException.class)
        .hasMessage("type mismatch for argument `" + TRANSFORM + "` of `app`: missing expected export `apply`");
    assertThat(kindOf(() -> g.setArgument("nope", TRANSFORM, new Source.Export("upper", TRANSFORM))))
        .isEqualTo(Kind.NOT_AN_INSTANTIATION);
    g.setArgument("app", TRANSFORM, new Source.Export("upper", TRANSFORM));
    g.setArgument("app", TRANSFORM, new Source.Export("upper", TRANSFORM)); // the same edge again: fine
    g.instantiate("upper2", "example:upper");
    assertThat(kindOf(() -> g.setArgument("app", TRANSFORM, new Source.Export("upper2", TRANSFORM))))
        .isEqualTo(Kind.ARGUMENT_ALREADY_SET);
  }

  @Test
  void typeMismatchesNameThePath() {
    var want = new ItemType.Func(List.of("s"), List.of(dev.plugboard.types.ValueType.Prim.STRING),
        new dev.plugboard.types.ValueType.ListType(dev.plugboard.types.ValueType.Prim.U8));
    var have = new ItemType.Func(List.of("s"), List.of(dev.plugboard.types.ValueType.Prim.STRING),
        new dev.plugboard.types.ValueType.ListType(dev.plugboard.types.ValueType.Prim.U16));
    assertThat(TypeCheck.mismatch(have, want))
        .isEqualTo("type mismatch with result type: list element: expected u8, found u16");
    assertThat(TypeCheck.check(have, want)).isEqualTo(new TypeCheck.Mismatch(
        List.of("type mismatch with result type", "list element"), "expected u8, found u16"));
    assertThat(TypeCheck.namesMatch("a:b/c@1.2.0", "a:b/c@1.0.0")).isTrue();
    assertThat(TypeCheck.namesMatch("a:b/c@0.2.1", "a:b/c@0.2.0")).isTrue();
    assertThat(TypeCheck.namesMatch("a:b/c@0.3.0", "a:b/c@0.2.0")).isFalse();
  }

  @Test
  void undoRedoAndRevisions() throws Exception {
    CompositionGraph g = graph();
    List<Long> seen = new ArrayList<>();
    g.onChange(seen::add);
    long before = g.revision();
    g.setArgument("app", TRANSFORM, new Source.Export("upper", TRANSFORM));
    g.export(new Source.Export("app", "run"), "run");
    assertThat(g.revision()).isEqualTo(before + 2);
    g.undo();
    assertThat(g.exports()).isEmpty();
    g.undo();
    assertThat(g.instantiation("app").args()).isEmpty();
    g.redo();
    assertThat(g.instantiation("app").args()).containsKey(TRANSFORM);
    assertThat(seen).containsExactly(before + 1, before + 2, before + 3, before + 4, before + 5);
    assertThat(g.canRedo()).isTrue();
  }

  @Test
  void unpluggedImportsBecomeImportsOfTheComposition() throws Exception {
    CompositionGraph g = new CompositionGraph();
    g.register(PlugTest.pkg("app"));
    g.instantiate("app", "example:app");
    g.addImport("transform", TRANSFORM, g.packages().get("example:app").imports().get(TRANSFORM));
    g.setArgument("app", TRANSFORM, new Source.Whole("transform"));
    g.export(new Source.Export("app", "run"), "run");
    byte[] out = CompositionEncoder.encode(g);
    var instance = LoadedComponent.load(out, "reexport.wasm").instantiate(Imports.none().instance(TRANSFORM,
        Map.of("apply", args -> Value.string("<" + ((Value.Str) args[0]).value() + ">"))), RuntimeConfig.DEFAULT);
    assertThat(((Value.Str) instance.call("run", Value.string("x"))).value()).contains("<x>");
  }

  @Test
  void aMissingArgumentIsReportedWhenEncoding() throws Exception {
    CompositionGraph g = graph();
    g.export(new Source.Export("app", "run"), "run");
    assertThatThrownBy(() -> CompositionEncoder.encode(g)).isInstanceOf(CompositionException.class)
        .hasMessageContaining("`app` (example:app) is missing its argument `" + TRANSFORM + "`");
  }
}
