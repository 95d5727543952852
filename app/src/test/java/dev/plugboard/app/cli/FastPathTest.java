package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FastPath}: the forms it takes give the output, errors and exit codes picocli's path
 * gives; every other form is left to picocli.
 */
class FastPathTest {
  @TempDir java.nio.file.Path tmp;

  private static String hello() {
    return SharedData.require("fixtures/components/hello.wasm").toString();
  }

  /** Exit code, stdout and stderr of one command line. */
  private record Outcome(Integer code, String out, String err) {}

  private static Outcome fast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Integer code = FastPath.run(args, false,
        () -> new FastPath.Stdio(new PrintWriter(out, true), new PrintWriter(err, true)));
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Outcome picocli(String... args) {
    CliRunner cli = new CliRunner();
    int code = cli.run(args);
    return new Outcome(code, cli.out(), cli.err());
  }

  private static void assertSameAsPicocli(String... args) {
    Outcome fast = fast(args);
    assertThat(fast.code()).as("the fast path takes %s", List.of(args)).isNotNull();
    assertThat(fast).isEqualTo(picocli(args));
  }

  @Test
  void callsPrintWhatPicocliPrints() {
    Outcome o = fast("run", hello(), "--invoke", "greet(\"x\")");
    assertThat(o).isEqualTo(new Outcome(0, "\"Hello, x!\"\n", ""));
    assertSameAsPicocli("run", hello(), "--invoke", "greet(\"ünï\")", "--invoke=greet(\"b\")");
    assertSameAsPicocli("run", "--engine", "interp", hello(), "--invoke", "greet(\"a\")");
    assertSameAsPicocli("run", hello(), "--engine=compiled", "--invoke", "greet(\"a\")");
    assertSameAsPicocli("run", hello());
  }

  @Test
  void errorsInTheWorkAreReportedAsPicocliReportsThem() {
    assertThat(fast("run", hello(), "--engine", "fast").code()).isEqualTo(2);
    assertSameAsPicocli("run", hello(), "--engine", "fast", "--invoke", "greet(\"a\")");
    assertSameAsPicocli("run", hello(), "--invoke", "greet(\"a\"");
    assertSameAsPicocli("run", hello(), "--invoke", "nope()");
    assertSameAsPicocli("run", tmp.resolve("missing.wasm").toString(), "--invoke", "greet(\"a\")");
    assertThat(fast("run", tmp.resolve("missing.wasm").toString()).code()).isEqualTo(1);
  }

  @Test
  void versionPrintsWhatPicocliPrints() {
    assertSameAsPicocli("--version");
    assertSameAsPicocli("-V");
    assertThat(fast("--version").out()).startsWith("plugboard ");
  }

  @Test
  void everyOtherFormIsLeftToPicocli() {
    String h = hello();
    List<String[]> others = List.of(new String[] {}, new String[] {"run"}, new String[] {"--help"},
        new String[] {"--version", "x"}, new String[] {"run", "--help"}, new String[] {"run", h, "--verbose"},
        new String[] {"run", h, "--engine", "interp", "--engine", "auto"}, new String[] {"run", h, "--invoke"},
        new String[] {"run", h, "--", "a"}, new String[] {"run", h, "b"}, new String[] {"run", "@args"},
        new String[] {"run", h, "--invoke", "-1"}, new String[] {"run", h, "--dir", "."},
        new String[] {"run", h, "--invoke=@x"}, new String[] {"run", ""}, new String[] {"run", "a\0b"},
        new String[] {"inspect", h}, new String[] {"runs", h});
    for (String[] args : others) {
      assertThat(fast(args).code()).as("%s", List.of(args)).isNull();
    }
  }
}
