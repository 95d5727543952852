package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.testing.SharedData;
import dev.plugboard.types.Value;
import dev.plugboard.wave.Wave;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Runs the shared fixtures through the Java API on every engine. */
class FixtureRunTest {

  static LoadedComponent load(String name) throws Exception {
    Path p = SharedData.require("fixtures/components/" + name + ".wasm");
    return LoadedComponent.load(Files.readAllBytes(p), name + ".wasm");
  }

  static String call(ComponentInstance c, String invocation) throws Exception {
    Wave.Call call = Wave.parseCall(invocation);
    ComponentFunction f = c.function(call.name());
    Value v = f.call(call.arguments().typed(f.type().paramTypes()).toArray(Value[]::new));
    return v == null ? "()" : Wave.print(v);
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void helloGreets(RuntimeConfig.Engine engine) throws Exception {
    ComponentInstance hello = load("hello").instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(engine));
    assertThat(call(hello, "greet(\"ada\")")).isEqualTo("\"Hello, ada!\"");
    assertThat(call(hello, "greet(\"\")")).isEqualTo("\"Hello, !\"");
    assertThat(call(hello, "greet(\"Zoë 🌊\")")).isEqualTo("\"Hello, Zoë 🌊!\"");
  }
}
