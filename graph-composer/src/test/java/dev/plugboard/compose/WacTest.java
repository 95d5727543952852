package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.types.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** WAC text into a graph and back: evaluation rules, round trips, and errors with their place. */
class WacTest {
  private static final Map<String, ComposedPackage> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

  /** The shared fixture components by package name; skips the calling test when ../shared is absent. */
  static Wac.Packages fixtures() {
    dev.plugboard.testing.SharedData.require("fixtures/components");
    return name -> {
      String bare = name.replaceAll("@.*", "");
      if (!Set.of("example:app", "example:upper", "example:echo", "example:bench-caller").contains(bare)) {
        return null;
      }
      try {
        return LOADED.computeIfAbsent(bare, k -> {
          try {
            return PlugTest.pkg(k.substring("example:".length()));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
      } catch (IllegalStateException e) {
        throw new CompositionException(CompositionException.Kind.UNKNOWN_PACKAGE, e.getMessage());
      }
    };
  }

  static final String APP_UPPER = """
      package example:composition;

      // upper's transform instance is spread into app's arguments
      let upper = new example:upper {};
      let app = new example:app { ...upper };
      export app.run;
      """;

  @Test
  void readsEvaluatesAndEncodes() throws Exception {
    Wac.Document d = Wac.read("c.wac", APP_UPPER, fixtures());
    assertThat(d.packageName()).isEqualTo("example:composition");
    assertThat(d.graph().instantiation("app").args()).containsEntry("example:text/transform@0.1.0",
        new CompositionGraph.Source.Export("upper", "example:text/transform@0.1.0"));
    assertThat(d.graph().exports()).containsOnlyKeys("run");
    byte[] out = CompositionEncoder.encode(d.graph());
    assertThat(LoadedComponent.load(out, "c.wasm").instantiate().call("run", Value.string("wac")))
        .isEqualTo(Value.string("WAC!"));
  }

  @Test
  void accessNamedArgumentsAndImplicitImports() throws Exception {
    String text = """
        package example:composition@1.0.0;
        let u = new example:upper {};
        let t = u.transform;
        let app = new example:app { transform: t };
        let app2 = new example:app { ... };
        export app.run as "run";
        export app2["run"] as "run-imported";
        """;
    Wac.Document d = Wac.read("c.wac", text, fixtures());
    assertThat(d.graph().instantiation("app").args().values()).containsExactly(
        new CompositionGraph.Source.Export("u", "example:text/transform@0.1.0"));
    assertThat(d.graph().importNamed("example:text/transform@0.1.0")).isPresent();
    assertThat(d.graph().exports()).containsOnlyKeys("run", "run-imported");
  }

  @Test
  void exportsOfImportedInstancesAndWholeInstancesEncode() throws Exception {
    String text = """
        package example:composition;
        import t: example:text/transform@0.1.0;
        let app = new example:app { t };
        export app.run;
        export t.apply as "apply-imported";
        """;
    Wac.Document d = Wac.read("c.wac", text, fixtures());
    assertThat(d.graph().exports()).containsEntry("apply-imported", new CompositionGraph.Source.Export("t", "apply"));
    byte[] out = CompositionEncoder.encode(d.graph());
    assertThat(LoadedComponent.load(out, "c.wasm")).isNotNull();
  }

  @Test
  void typeStatementsNameInterfacesOfComponentPackages() throws Exception {
    String text = """
        package example:composition;
        world service {
          import example:text/transform@0.1.0;
          export run: func(s: string) -> string;
        }
        interface again {
          apply: func(s: string) -> string;
        }
        let app = new example:app { ... };
        export app.run;
        """;
    Wac.Document d = Wac.read("c.wac", text.replace("package example:composition;",
        "package example:composition targets example:composition/service;"), fixtures());
    assertThat(d.graph().exports()).containsOnlyKeys("run");
    assertThatThrownBy(() -> Wac.read("c.wac", text.replace("transform@0.1.0;", "nope@0.1.0;"), fixtures()))
        .isInstanceOf(Wac.WacException.class);
  }

  @Test
  void roundTripsThroughText() throws Exception {
    for (String text : new String[] {APP_UPPER, """
        package example:c;
        import t: example:text/transform@0.1.0;
        let app = new example:app { t };
        export app.run;
        """}) {
      Wac.Document first = Wac.read("c.wac", text, fixtures());
      String written = Wac.write(first.packageName(), first.graph(), first.typeStatements());
      Wac.Document second = Wac.read("again.wac", written, fixtures());
      assertThat(second.graph().nodes()).as(written).isEqualTo(first.graph().nodes());
      assertThat(second.graph().exports()).isEqualTo(first.graph().exports());
      assertThat(Wac.write(second.packageName(), second.graph(), second.typeStatements())).isEqualTo(written);
    }
  }

  @Test
  void errorsPointAtTheirPlace() {
    assertError("package example:c;\nlet a = new example:nope {};\n", "c.wac:2:13: error: unknown package "
        + "`example:nope`");
    assertError("package example:c;\nlet a = new example:app {};\n", "c.wac:2:9: error: missing argument "
        + "`example:text/transform@0.1.0` of example:app");
    assertError("package example:c;\nlet e = new example:echo {};\nlet a = new example:app { ...e };\n",
        "c.wac:3:27: error: the spread instance exports nothing that example:app still needs");
    assertError("package example:c;\nlet e = new example:echo {};\nlet a = new example:app { transform: e.echo };\n",
        "c.wac:3:27: error: type mismatch for argument `example:text/transform@0.1.0` of `a`: missing expected "
            + "export `apply`");
    assertError("package example:c;\nexport nope.run;\n", "c.wac:2:8: error: undefined name `nope`");
    assertError("package example:c;\nlet a = new example:upper {};\nlet a = new example:upper {};\n",
        "c.wac:3:5: error: `a` is already defined");
    assertError("let a = 1;\n", "c.wac:1:1: error: a WAC document starts with `package ns:name;`");
    assertError("package example:c;\nlet u = new example:upper {};\nexport u.nope;\n",
        "c.wac:3:10: error: the instance of example:upper has no export `nope`");
    assertError("package example:c;\ninterface greeter {\n  greet: func();\n",
        "c.wac:2:1: error: unterminated `interface` declaration");
    assertError("package example:c;\nimport f: func(s: string\n", "c.wac:");
  }

  private static void assertError(String text, String expected) {
    Wac.Packages packages = fixtures();
    assertThatThrownBy(() -> Wac.read("c.wac", text, packages)).isInstanceOf(Wac.WacException.class)
        .satisfies(e -> assertThat(((Wac.WacException) e).rendered()).startsWith(expected));
  }

  @Test
  void typeStatementsAreKept() throws Exception {
    String text = "package example:c;\n\ninterface greeter {\n  greet: func() -> string;\n}\n\n"
        + "let u = new example:upper {};\nexport u.transform;\n";
    Wac.Document d = Wac.read("c.wac", text, fixtures());
    assertThat(d.typeStatements()).containsExactly("interface greeter {\n  greet: func() -> string;\n}");
    assertThat(Wac.write(d.packageName(), d.graph(), d.typeStatements())).contains("interface greeter {");
    assertThat(d.graph().exports()).containsOnlyKeys("example:text/transform@0.1.0");
    assertThat(Map.copyOf(d.graph().packages())).containsOnlyKeys("example:upper");
  }

  @Test
  void declaredTypesTypeImportsAndTargetsAreChecked() throws Exception {
    String text = """
        package example:composition;

        interface text {
          apply: func(s: string) -> string;
        }

        world service {
          import text;
          export run: func(s: string) -> string;
        }

        import t as "example:composition/text": text;
        let app = new example:app { "example:text/transform@0.1.0": t };
        export app.run;
        """;
    Wac.Document d = Wac.read("c.wac", text, fixtures());
    assertThat(d.graph().importNamed("example:composition/text").orElseThrow().type())
        .isInstanceOf(ItemType.Instance.class);
    // a declared interface that does not fit the import is a type mismatch
    String wrong = text.replace("apply: func(s: string) -> string;", "apply: func(s: u32) -> string;");
    assertError(wrong, "c.wac:13:29: error: type mismatch for argument `example:text/transform@0.1.0` of `app`: type mismatch in instance export `apply`: type mismatch in function parameter `s`: expected string, found u32");
    // targets: the composition must export what the world exports, and import nothing else
    Wac.read("c.wac", text.replace("package example:composition;", "package example:composition targets "
        + "example:composition/service;"), fixtures());
    String missing = text.replace("export run: func(s: string) -> string;", "export stop: func();")
        .replace("package example:composition;", "package example:composition targets example:composition/service;");
    assertError(missing, "c.wac:1:37: error: example:composition/service requires the export `stop`");
    assertError(text.replace("apply: func(s: string) -> string;", "apply: func(s: strng) -> string;"),
        "c.wac:4:18: error: name `strng` does not exist");
    String inline = """
        package example:c;
        import transform as "example:text/transform@0.1.0": interface { apply: func(s: string) -> string; };
        let app = new example:app { transform };
        export app.run;
        """;
    assertThat(Wac.read("c.wac", inline, fixtures()).graph().importNamed("example:text/transform@0.1.0"))
        .isPresent();
  }

  @Test
  void typeStatementsUseDepsAndTargetsNameTheirWorlds() throws Exception {
    var dep = new dev.plugboard.wit.resolve.WitResolver.Group(List.of(new dev.plugboard.wit.resolve.WitResolver.SourceFile(
        "deps/text.wit", """
            package example:text@0.1.0;
            interface types { record point { x: u32, y: u32 } }
            interface transform { apply: func(s: string) -> string; }
            world service {
              import transform;
              export run: func(s: string) -> string;
            }
            """)));
    String text = """
        package example:composition targets example:text/service@0.1.0;
        interface geo {
          use example:text/types@0.1.0.{point};
          distance: func(a: point, b: point) -> u32;
        }
        let app = new example:app { ... };
        export app.run;
        """;
    Wac.Document d = Wac.read("c.wac", text, fixtures(), List.of(dep));
    assertThat(d.targets()).isEqualTo("example:text/service@0.1.0");
    assertThatThrownBy(() -> Wac.read("c.wac", text, fixtures())).isInstanceOf(Wac.WacException.class)
        .satisfies(e -> assertThat(((Wac.WacException) e).rendered()).contains("c.wac:3:7: error:")
            .contains("example:text"));
    String extra = text.replace("export app.run;", "export app.run;\nlet u = new example:upper {};\n"
        + "let app2 = new example:app { ...u };\nexport app2.run as \"again\";\nexport u.transform;");
    Wac.read("c.wac", extra, fixtures(), List.of(dep));
  }
}
