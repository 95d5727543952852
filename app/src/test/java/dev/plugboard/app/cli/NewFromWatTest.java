package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code plugboard new} straight from the fixtures' WebAssembly text: the component built from
 * {@code src/NAME/NAME.wat} and its WIT gives the same answers as the fixture wasm-tools built.
 */
class NewFromWatTest {
  private final CliRunner cli = new CliRunner();

  @ParameterizedTest
  @CsvSource(delimiter = '#', quoteCharacter = '~', value = {
      "hello # greet(\"ada\") | greet(\"\")",
      "types # stats([1.0, 2.0]) | classify(-3) | join([\"a\", \"b\"], '+') | invert({read})",
      "upper # apply(\"MiXed 123\")",
      "echo # echo([1, 2, 3]) | echo([])",
      "kv # [constructor]store() | [method]store.set(store(1), \"k\", [7]) | [method]store.get(store(1), \"k\")"})
  void runsLikeTheFixture(String name, String calls, @TempDir Path dir) throws Exception {
    Path src = SharedData.require("fixtures/src/" + name);
    Path built = dir.resolve(name + ".wasm");
    assertThat(cli.run("new", src.resolve(name + ".wat").toString(), "--wit", src.toString(), "-o", built.toString()))
        .as(cli.err()).isZero();
    String[] invocations = calls.split(" \\| ");
    assertThat(runAll(built, invocations)).isEqualTo(runAll(
        SharedData.require("fixtures/components/" + name + ".wasm"), invocations));
  }

  private String runAll(Path component, String[] invocations) {
    List<String> args = new ArrayList<>(List.of("run", component.toString()));
    for (String i : invocations) {
      args.add("--invoke");
      args.add(i.strip());
    }
    cli.clear();
    assertThat(cli.run(args.toArray(String[]::new))).as(cli.err()).isZero();
    return cli.out();
  }

  @Test
  void invalidTextIsReportedAtItsLineAndColumn(@TempDir Path dir) throws Exception {
    Path wat = dir.resolve("bad.wat");
    Files.writeString(wat, "(module\n  (func (export \"x\") (i32.add)))\n");
    Path wit = dir.resolve("w.wit");
    Files.writeString(wit, "package a:b;\nworld w { export x: func(); }\n");
    assertThat(cli.run("new", wat.toString(), "--wit", wit.toString(), "-o", dir.resolve("o.wasm").toString()))
        .isEqualTo(1);
    assertThat(cli.err()).contains("bad.wat:2:").contains("error: type mismatch in i32.add").doesNotContain("\u001b[");
    assertThat(dir.resolve("o.wasm")).doesNotExist();
  }
}
