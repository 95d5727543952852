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

  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void typesRoundTripEveryFunction(RuntimeConfig.Engine engine) throws Exception {
    ComponentInstance t = load("types").instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(engine));
    assertThat(call(t, "stats([1.0, 2.0, 6.0])")).isEqualTo("{min: 1, max: 6, mean: 3}");
    assertThat(call(t, "stats([])")).isEqualTo("{min: 0, max: 0, mean: 0}");
    assertThat(call(t, "classify(0)")).isEqualTo("zero");
    assertThat(call(t, "classify(-7)")).isEqualTo("negative(-7)");
    assertThat(call(t, "classify(42)")).isEqualTo("positive(42)");
    assertThat(call(t, "parse(\"123\")")).isEqualTo("ok(123)");
    assertThat(call(t, "parse(\"12x\")")).startsWith("err(\"");
    assertThat(call(t, "next-color(red)")).isEqualTo("green");
    assertThat(call(t, "next-color(blue)")).isEqualTo("red");
    assertThat(call(t, "invert({read})")).isEqualTo("{write, exec}");
    assertThat(call(t, "invert({})")).isEqualTo("{read, write, exec}");
    assertThat(call(t, "first-even([1, 3, 8, 10])")).isEqualTo("some(8)");
    assertThat(call(t, "first-even([1, 3])")).isEqualTo("none");
    assertThat(call(t, "sum([4294967295, 4294967295, 2])")).isEqualTo("8589934592");
    assertThat(call(t, "swap((-5, \"x\"))")).isEqualTo("(\"x\", -5)");
    assertThat(call(t, "join([\"a\", \"b\", \"c\"], '-')")).isEqualTo("\"a-b-c\"");
    assertThat(call(t, "join([\"a\", \"b\"], '→')")).isEqualTo("\"a→b\"");
    assertThat(call(t, "scale(3, 1.5, true)")).isEqualTo("-4.5");
    assertThat(call(t, "upper-char('q')")).isEqualTo("'Q'");
    assertThat(call(t, "example:types/api@0.1.0#upper-char('é')")).isEqualTo("'é'");
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void kvResourceLifecycle(RuntimeConfig.Engine engine) throws Exception {
    ComponentInstance kv = load("kv").instantiate(Imports.none(), RuntimeConfig.DEFAULT.withEngine(engine));
    Value store = kv.call("[constructor]store");
    assertThat(store).isInstanceOf(Value.Handle.class);
    Value.Handle own = (Value.Handle) store;
    Value borrow = new Value.Handle(own.type(), own.rep(), false);
    assertThat(kv.call("[method]store.len", borrow)).isEqualTo(Value.u32(0));
    kv.call("[method]store.set", borrow, Value.string("k"), bytes(1, 2, 3));
    kv.call("[method]store.set", borrow, Value.string("j"), bytes());
    assertThat(kv.call("[method]store.len", borrow)).isEqualTo(Value.u32(2));
    assertThat(kv.call("[method]store.get", borrow, Value.string("k"))).isEqualTo(Value.some(bytes(1, 2, 3)));
    assertThat(kv.call("[method]store.get", borrow, Value.string("nope"))).isEqualTo(Value.none());
    // a second store is independent
    Value.Handle other = (Value.Handle) kv.call("[constructor]store");
    assertThat(kv.call("[method]store.len", new Value.Handle(other.type(), other.rep(), false))).isEqualTo(Value.u32(0));
    kv.drop(own);
    kv.drop(other);
    // the instance still works after the drops
    Value.Handle third = (Value.Handle) kv.call("[constructor]store");
    assertThat(kv.call("[method]store.len", new Value.Handle(third.type(), third.rep(), false))).isEqualTo(Value.u32(0));
  }

  static Value bytes(int... bs) {
    List<Value> out = new ArrayList<>();
    for (int b : bs) {
      out.add(Value.u8(b));
    }
    return Value.list(out);
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void echoAndUpper(RuntimeConfig.Engine engine) throws Exception {
    RuntimeConfig cfg = RuntimeConfig.DEFAULT.withEngine(engine);
    ComponentInstance echo = load("echo").instantiate(Imports.none(), cfg);
    assertThat(call(echo, "echo([1, 2, 255])")).isEqualTo("[1, 2, 255]");
    assertThat(call(echo, "echo([])")).isEqualTo("[]");
    ComponentInstance upper = load("upper").instantiate(Imports.none(), cfg);
    assertThat(call(upper, "apply(\"hello, World\")")).isEqualTo("\"HELLO, WORLD\"");
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void composedComponentsCrossTheBoundary(RuntimeConfig.Engine engine) throws Exception {
    RuntimeConfig cfg = RuntimeConfig.DEFAULT.withEngine(engine);
    ComponentInstance app = load("composed-app-upper").instantiate(Imports.none(), cfg);
    assertThat(call(app, "run(\"hello\")")).isEqualTo(call(load("app").instantiate(Imports.none()
        .instance("example:text/transform@0.1.0", load("upper").instantiate(Imports.none(), cfg)
            .exportedInstance("example:text/transform@0.1.0").orElseThrow()), cfg), "run(\"hello\")"));
    ComponentInstance bench = load("composed-bench-echo").instantiate(Imports.none(), cfg);
    assertThat(call(bench, "pump(10, 16)")).isEqualTo("160");
    assertThat(call(bench, "pump(3, 65536)")).isEqualTo("196608");
    assertThat(call(bench, "pump(0, 0)")).isEqualTo("0");
  }

  /** componentize-js output: the StarlingMonkey JS engine (12 MB of core code) running a JS function. */
  @Test
  void aJavaScriptComponentRuns() throws Exception {
    ComponentInstance js = load("js-shout-nowasi").instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.INTERP));
    assertThat(call(js, "shout(\"hello\")")).isEqualTo("\"HELLO!!\"");
    assertThat(call(js, "shout(\"Zoë\")")).isEqualTo("\"ZOË!!\"");
  }

  @Test
  void hostFunctionsServeImports() throws Exception {
    ComponentInstance app = load("app").instantiate(Imports.none().instance("example:text/transform@0.1.0",
        Map.of("apply", args -> Value.string(new StringBuilder(((Value.Str) args[0]).value()).reverse().toString()))),
        RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.INTERP));
    assertThat(call(app, "run(\"abc\")")).contains("cba");
  }

  @Test
  void missingImportIsALinkError() throws Exception {
    LoadedComponent app = load("app");
    assertThatThrownBy(app::instantiate).isInstanceOf(LoadedComponent.LinkError.class)
        .hasMessageContaining("example:text/transform@0.1.0");
  }

  @Test
  void unknownFunctionNamesTheExports() throws Exception {
    ComponentInstance t = load("types").instantiate();
    assertThatThrownBy(() -> t.function("nope")).hasMessageContaining("example:types/api@0.1.0#stats");
  }
}
