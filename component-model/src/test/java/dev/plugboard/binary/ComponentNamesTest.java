package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentNamesTest {
  @Test
  void readsTheNamesOfAComposedFixture() throws Exception {
    Component c = ComponentDecoder.decode(Files.readAllBytes(SharedData.require(
        "fixtures/components/composed-bench-echo.wasm")));
    ComponentNames names = ComponentNames.of(c);
    assertThat(names.name(Sort.COMPONENT, 0)).isEqualTo("echo");
    assertThat(names.name(Sort.COMPONENT, 1)).isEqualTo("caller");
    assertThat(names.name(Sort.INSTANCE, 0)).isEqualTo("echo_i");
    assertThat(names.name(Sort.COMPONENT, 9)).isNull();
  }

  @Test
  void aBrokenNameSectionIsIgnored() {
    Component c = new Component(List.of(new Component.CustomSection("component-name", new byte[] {1, 90, 0})));
    assertThat(ComponentNames.of(c)).isSameAs(ComponentNames.NONE);
    assertThat(ComponentNames.of(new Component(List.of())).name(Sort.FUNC, 0)).isNull();
  }
}
