package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  private final List<Path> opened = new ArrayList<>();
  private final List<Path> files = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(IdeLauncher launcher, String... args) {
    CommandLine cli = Cli.create(launcher);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private int run(String... args) {
    return run((workspace, file) -> {
      opened.add(workspace);
      files.add(file);
    }, args);
  }

  @Test
  void versionNamesPlugboardAndItsRuntime() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("plugboard ").contains("Java ").contains("JavaFX 26");
  }

  @Test
  void helpListsUsageAndExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: plugboard").contains("--verbose").contains("2 usage error");
  }

  @Test
  void noArgumentsOpensTheIde() {
    assertThat(run()).isZero();
    assertThat(opened).containsExactly((Path) null);
  }

  @Test
  void aWorkspaceArgumentIsPassedToTheIde(@TempDir Path dir) {
    assertThat(run(dir.toString())).isZero();
    assertThat(opened).containsExactly(dir);
  }

  @Test
  void aMissingWorkspaceIsAUserErrorOnOneLine() {
    assertThat(run("/no/such/folder")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("plugboard: error: /no/such/folder: no such file or folder"
        + System.lineSeparator());
    assertThat(opened).isEmpty();
  }

  @Test
  void aFileArgumentOpensItWithItsFolder(@TempDir Path dir) throws Exception {
    Path wit = java.nio.file.Files.writeString(dir.resolve("app.wit"), "package a:b;\n");
    assertThat(run(wit.toString())).isZero();
    assertThat(opened).containsExactly(dir.toAbsolutePath().normalize());
    assertThat(files).containsExactly(wit.toAbsolutePath().normalize());
  }

  @Test
  void aFileInsideAWorkspaceOpensThatWorkspace(@TempDir Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve(".plugboard"));
    Path deep = java.nio.file.Files.createDirectories(dir.resolve("compose/deps/plugboard"));
    Path wasm = java.nio.file.Files.write(deep.resolve("shout.wasm"), new byte[] {0, 'a', 's', 'm'});
    assertThat(run(wasm.toString())).isZero();
    assertThat(opened).containsExactly(dir.toAbsolutePath().normalize());
    assertThat(files).containsExactly(wasm.toAbsolutePath().normalize());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--frobnicate'").contains("plugboard --help");
  }

  @Test
  void onlyTheNamedSubcommandIsBuilt(@TempDir Path dir) {
    assertThat(Cli.needed("run", "x.wasm", "--invoke", "f()")).containsExactly(RunCommand.class);
    assertThat(Cli.needed("graph", "x.wac")).containsExactly(GraphCommand.class);
    assertThat(Cli.needed("--version")).isEmpty();
    assertThat(Cli.needed()).isEmpty();
    assertThat(Cli.needed(dir.toString())).isEmpty();
    assertThat(Cli.needed("app.wit")).isEmpty();
    // help and a mistyped command need them all: the list and the suggestions
    assertThat(Cli.needed("--help")).isEqualTo(Cli.SUBCOMMANDS);
    assertThat(Cli.needed("runn")).isEqualTo(Cli.SUBCOMMANDS);
    assertThat(Cli.needed("--verbose", "run")).isEqualTo(Cli.SUBCOMMANDS);
    // every subcommand is found by its name
    for (Class<?> sub : Cli.SUBCOMMANDS) {
      String name = sub.getAnnotation(CommandLine.Command.class).name();
      assertThat(Cli.needed(name)).as(name).containsExactly(sub);
    }
  }

  @Test
  void anInternalFailureIsOneLineUnlessVerbose() {
    IdeLauncher broken = (w, f) -> {
      throw new IllegalStateException("boom", new RuntimeException("root cause"));
    };
    assertThat(run(broken)).isEqualTo(1);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("internal error").contains("boom").contains("--verbose");

    err.getBuffer().setLength(0);
    assertThat(run(broken, "--verbose")).isEqualTo(1);
    assertThat(err.toString()).contains("caused by: java.lang.RuntimeException: root cause").contains("\tat ");
  }
}
