package dev.plugboard.app.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Builds the {@code plugboard} command line and maps outcomes to exit codes: 0 success,
 * 1 user error (one line on stderr; {@code --verbose} adds the cause chain), 2 usage error.
 */
public final class Cli {
  /** Every subcommand, in the order {@code --help} lists them. Later features add theirs here. */
  static final List<Class<?>> SUBCOMMANDS = List.of(WitCommand.class, InspectCommand.class, ValidateCommand.class,
      NewCommand.class, RunCommand.class, ServeCommand.class, PlugCommand.class, ComposeCommand.class,
      GraphCommand.class, ProfileCommand.class);

  private Cli() {}

  public static CommandLine create(IdeLauncher launcher) {
    return create(launcher, false, SUBCOMMANDS);
  }

  /**
   * @param processStdio whether guests run by {@code run} use the process's stdin, stdout and
   *     stderr byte for byte (the real command line) rather than the command line's writers
   * @param subcommands the subcommands to build (picocli reads each one's options by reflection)
   */
  private static CommandLine create(IdeLauncher launcher, boolean processStdio, List<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(new PlugboardCommand(launcher));
    cli.getCommandSpec().addOption(OptionSpec.builder("--verbose")
        .description("Print details (causes, stack traces) with errors.")
        .scopeType(ScopeType.INHERIT)
        .arity("0")
        .build());
    for (Class<?> sub : subcommands) {
      cli.addSubcommand(sub == RunCommand.class ? new RunCommand(processStdio) : sub);
    }
    cli.setExecutionExceptionHandler(Cli::handleFailure);
    cli.setParameterExceptionHandler(Cli::handleUsageError);
    return cli;
  }

  public static int run(IdeLauncher launcher, String... args) {
    Integer fast = FastPath.run(args, true, FastPath.Stdio::process);
    if (fast != null) {
      return fast;
    }
    return create(launcher, true, needed(args)).execute(args);
  }

  /**
   * The subcommands a command line needs built: the one it names, none for {@code --version}
   * or a folder to open, every one otherwise (help, suggestions for a mistyped name). Building
   * picocli's model of all ten was most of a command's start-up (about 0.2 s of 0.35 s for
   * {@code --version}).
   */
  static List<Class<?>> needed(String... args) {
    if (args.length == 0) {
      return List.of();
    }
    String first = args[0];
    if (first.equals("--version") || first.equals("-V")) {
      return List.of();
    }
    for (Class<?> sub : SUBCOMMANDS) {
      if (sub.getAnnotation(CommandLine.Command.class).name().equals(first)) {
        return List.of(sub);
      }
    }
    if (!first.startsWith("-") && (first.contains("/") || first.contains(".") || exists(first))) {
      return List.of(); // a workspace folder or a file to open in the IDE
    }
    return SUBCOMMANDS;
  }

  private static boolean exists(String path) {
    try {
      return java.nio.file.Files.exists(java.nio.file.Path.of(path));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("plugboard: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static int handleFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    boolean verbose = parsed.hasMatchedOption("--verbose")
        || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
    if (e instanceof CommandLine.ParameterException usage) {
      return handleUsageError(usage, new String[0]);
    }
    return report(e, err, verbose, cmd.getCommandSpec().qualifiedName());
  }

  /**
   * Reports a failure of the work on {@code err}, as picocli's path and {@link FastPath} both do.
   *
   * @param command the command's full name, for "Try 'plugboard run --help'"
   * @return the exit code: 2 for a usage error, else 1
   */
  static int report(Exception e, PrintWriter err, boolean verbose, String command) {
    if (e instanceof UsageError usage) {
      err.println("plugboard: " + usage.getMessage());
      err.println("Try '" + command + " --help' for more information.");
      err.flush();
      return 2;
    }
    if (e instanceof UserError) {
      err.println("plugboard: error: " + e.getMessage());
    } else if (e instanceof java.io.IOException io) {
      String path = io instanceof java.nio.file.FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": "
          : "";
      err.println("plugboard: error: " + path + Inputs.describe(io));
    } else {
      err.println("plugboard: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
    }
    if (verbose) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        err.println("  caused by: " + cause);
      }
      if (!(e instanceof UserError)) {
        e.printStackTrace(err);
      }
    }
    err.flush();
    return 1;
  }
}
