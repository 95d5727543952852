package dev.plugboard.app.cli;

import dev.plugboard.app.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Parameters;

/**
 * The root of the {@code plugboard} command tree. With no subcommand it opens the IDE;
 * every job the IDE does is also a subcommand, listed in {@link Cli#SUBCOMMANDS}.
 */
@Command(
    name = "plugboard",
    mixinStandardHelpOptions = true,
    versionProvider = PlugboardCommand.VersionProvider.class,
    description = {
      "An IDE for building software out of WebAssembly components.",
      "With no command, opens the IDE on WORKSPACE, or on the last workspace, or on the bundled sample."
    },
    footer = {"", "Exit codes: 0 success, 1 error in the input or the work, 2 usage error."})
public final class PlugboardCommand implements Callable<Integer> {
  private final IdeLauncher launcher;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "WORKSPACE",
      description = "A folder to open in the IDE, or a file (.wit, .wac, .wasm, …) to open with its folder.")
  Path workspace;

  public PlugboardCommand(IdeLauncher launcher) {
    this.launcher = launcher;
  }

  @Override
  public Integer call() {
    if (workspace != null && !Files.exists(workspace) && !workspace.toString().contains("/")
        && !workspace.toString().contains(".")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "'" + workspace
          + "' is neither a command nor a folder (see plugboard --help for the commands)");
    }
    if (workspace != null && !Files.exists(workspace)) {
      throw new UserError(workspace + ": no such file or folder");
    }
    if (workspace != null && Files.isRegularFile(workspace)) {
      Path file = workspace.toAbsolutePath().normalize();
      launcher.open(workspaceOf(file), file);
      return 0;
    }
    if (workspace != null && !Files.isDirectory(workspace)) {
      throw new UserError(workspace + ": neither a folder nor a file");
    }
    launcher.open(workspace, null);
    return 0;
  }

  /**
   * The folder to open with a file: the nearest enclosing folder that is a Plugboard workspace
   * (it has {@code .plugboard/}) or a WIT package root ({@code deps/} beside it), else the
   * file's own folder.
   */
  static Path workspaceOf(Path file) {
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".plugboard"))) {
        return dir;
      }
    }
    Path parent = file.getParent();
    if (parent.getFileName() != null && parent.getFileName().toString().equals("deps") && parent.getParent() != null) {
      return parent.getParent();
    }
    return parent;
  }

  /** {@code --version}: Plugboard's version, then the runtime and libraries it is built on. */
  public static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return versionLines();
    }
  }

  /** What {@code --version} prints, a line each. */
  static String[] versionLines() {
    return Version.components().entrySet().stream()
        .map(e -> e.getKey().equals("Plugboard") ? "plugboard " + e.getValue() : "  " + e.getKey() + " " + e.getValue())
        .toArray(String[]::new);
  }
}
