package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.LoadedComponent;
import org.junit.jupiter.api.Test;

/** Documents that instantiate nothing: type statements alone make an empty component. */
class WacEncodeTest {
  private static final Wac.Packages NONE = name -> null;

  private static LoadedComponent encode(String text) throws Exception {
    Wac.Document d = Wac.read("c.wac", text, NONE);
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
  void anImportNoInstanceTakesHasNoTypeToEncode() {
    assertThatThrownBy(() -> encode("package test:c;\nimport f: func(s: string) -> string;\nexport f;\n"))
        .isInstanceOf(CompositionException.class).hasMessageContaining("is not given to any instantiation");
  }
}
