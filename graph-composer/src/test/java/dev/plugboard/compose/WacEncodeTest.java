package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.LoadedComponent;
import org.junit.jupiter.api.Test;

/** Documents that instantiate nothing: type statements alone, and imports exported as they are. */
class WacEncodeTest {
  private static final Wac.Packages NONE = name -> null;

  private static LoadedComponent encode(String text) throws Exception {
    return encode(text, NONE);
  }

  private static LoadedComponent encode(String text, Wac.Packages packages) throws Exception {
    Wac.Document d = Wac.read("c.wac", text, packages);
    return LoadedComponent.load(CompositionEncoder.encode(d.graph()), "c.wasm");
  }

  @Test
  void typesOnly() throws Exception {
    assertThat(encode("""
        package test:c;
        interface i { record point { x: u32 } f: func(p: point); }
        world w { import i; }
        """)).isNotNull();
  }

  @Test
  void importsNoInstanceTakesAreTypedByTheirDeclarations() throws Exception {
    LoadedComponent c = encode("""
        package test:c;
        interface greet { greet: func(name: string) -> string; }
        type hello-fn = func() -> string;
        import f: func(s: string) -> list<u8>;
        import i: interface { record point { x: u32 } g: func(p: point); };
        import h: hello-fn;
        import greeter as "test:other/greet": greet;
        export f;
        export i as "j";
        export h;
        export greeter;
        """);
    assertThat(c).isNotNull();
  }

  @Test
  void importsByPathFromWitPackagesEncode() throws Exception {
    var deps = dev.plugboard.wit.resolve.WitResolver.readDeps(WacRulesTest.CASES.resolve("deps"));
    Wac.Document d = Wac.read("c.wac", "package test:c;\nimport g: test:types/greet;\nexport g;\n", NONE, deps);
    assertThat(LoadedComponent.load(CompositionEncoder.encode(d.graph()), "c.wasm")).isNotNull();
  }

  @Test
  void anImportNoInstanceTakesHasNoTypeToEncode() {
    assertThatThrownBy(() -> encode("package test:c;\nimport f: test:lib/api@1.3.0;\nexport f;\n", name -> name.startsWith(
        "test:lib") ? WacRulesTest.packages(WacRulesTest.CASES.resolve("packages")).find("test:lib") : null))
        .isInstanceOf(CompositionException.class).hasMessageContaining("is not given to any instantiation");
  }
}
