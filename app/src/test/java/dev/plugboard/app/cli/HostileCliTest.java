package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd inputs and output targets on the command line: one line on stderr naming the file and
 * the problem, exit 1 (usage: 2), never a Java exception's name, and nothing clobbered.
 */
class HostileCliTest {
  @TempDir
  Path dir;

  private final CliRunner cli = new CliRunner();

  /** One line (usage errors: plus the pointer to --help), the fragments, no Java exception. */
  private void assertOneLineError(int exit, int expected, String... fragments) {
    assertThat(exit).as(cli.err()).isEqualTo(expected);
    assertThat(cli.err()).contains(fragments).doesNotContain("Exception").doesNotContain("internal error");
    assertThat(cli.err().lines().count()).as(cli.err()).isEqualTo(expected == 2 ? 2 : 1);
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertOneLineError(cli.run("frobnicate"), 2, "'frobnicate' is neither a command nor a folder");
  }

  @Test
  void aFolderWhereAFileIsExpected() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertOneLineError(cli.run("compose", sub.toString(), "-o", dir.resolve("x.wasm").toString()), 1,
        "is a directory, expected a file");
    cli.clear();
    assertOneLineError(cli.run("new", sub.toString(), "--wit", sub.toString(), "-o", dir.resolve("y.wasm").toString()),
        1, "is a directory, expected a file");
    cli.clear();
    assertThat(cli.run("validate", sub.toString())).isEqualTo(1);
    assertThat(cli.out() + cli.err()).contains("is a directory").doesNotContain("Exception");
  }

  @Test
  void aWacFileThatIsNotUtf8() throws Exception {
    Path wac = dir.resolve("bad.wac");
    Files.write(wac, new byte[] {'p', 'a', (byte) 0xff, (byte) 0xfe});
    assertOneLineError(cli.run("compose", wac.toString(), "-o", dir.resolve("x.wasm").toString()), 1,
        "bad.wac: not UTF-8 text (invalid byte at offset 2)");
  }

  @Test
  void outputsIntoAMissingFolderOrOntoAFolderAreRefused() throws Exception {
    Path wat = dir.resolve("m.wat");
    Files.writeString(wat, "(module)\n");
    Path wit = dir.resolve("w.wit");
    Files.writeString(wit, "package a:b;\nworld w {}\n");
    assertThat(cli.run("new", wat.toString(), "--wit", wit.toString(), "-o", dir.resolve("ok.wasm").toString()))
        .as(cli.err()).isZero();
    cli.clear();
    assertOneLineError(cli.run("new", wat.toString(), "--wit", wit.toString(), "-o",
        dir.resolve("missing/x.wasm").toString()), 1, "the folder does not exist");
    cli.clear();
    assertThat(cli.run("new", wat.toString(), "--wit", wit.toString(), "-o", dir.resolve("made/x.wasm").toString(),
        "--parents")).as(cli.err()).isZero();
    assertThat(dir.resolve("made/x.wasm")).isRegularFile();
    cli.clear();
    Path sub = Files.createDirectory(dir.resolve("out"));
    assertOneLineError(cli.run("new", wat.toString(), "--wit", wit.toString(), "-o", sub.toString()), 1,
        "is a directory");
    assertThat(Files.isDirectory(sub)).isTrue();
  }

  @Test
  void deeplyNestedTextIsAnErrorAtItsPlaceNotAStackOverflow() throws Exception {
    Path wat = dir.resolve("deep.wat");
    Files.writeString(wat, "(module (func " + "(block ".repeat(10_000) + ")".repeat(10_000) + "))\n");
    Path wit = dir.resolve("w.wit");
    Files.writeString(wit, "package a:b;\nworld w {}\n");
    assertOneLineError(cli.run("new", wat.toString(), "--wit", wit.toString(), "-o", dir.resolve("x.wasm").toString()),
        1, "deep.wat:1:", "parentheses nest deeper than 1000 levels");
    cli.clear();
    Path wac = dir.resolve("deep.wac");
    Files.writeString(wac, "package a:b;\nlet x = " + "(".repeat(10_000) + "y" + ")".repeat(10_000) + ";\n");
    // a WAC error comes with its source excerpt and caret, then the one-line summary
    assertThat(cli.run("compose", wac.toString(), "-o", dir.resolve("y.wasm").toString())).isEqualTo(1);
    assertThat(cli.err()).startsWith(wac + ":2:109: error: parentheses nest deeper than 100 levels")
        .doesNotContain("Exception");
    assertThat(cli.err().lines().mapToInt(String::length).max().orElse(0)).isLessThan(200);
  }
}
