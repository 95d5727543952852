package dev.plugboard.app.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The commands run most, parsed without picocli: {@code --version} and
 * {@code run FILE [--invoke CALL]… [--engine ENGINE]}. picocli's jar is compiled for Java 5, so
 * the JDK's AOT cache cannot keep its classes (it skips every "old" class): each command loaded,
 * parsed and verified about 170 picocli classes from the jar, then built the command's model by
 * reflection, in about a third of a one-call {@code run}.
 *
 * <p>Only command lines picocli would accept as they are take this path; anything else (help, an
 * option that is not one of these, a value starting with {@code -} or {@code @}, an option given
 * twice, a path the file system rejects) goes to picocli, so every usage error is picocli's own.
 * Errors in the work are reported by {@link Cli#report} as on picocli's path.
 */
final class FastPath {
  private FastPath() {}

  /** The command line's writers, as picocli makes them. */
  record Stdio(PrintWriter out, PrintWriter err) {
    static Stdio process() {
      return new Stdio(writer(System.out, "sun.stdout.encoding"), writer(System.err, "sun.stderr.encoding"));
    }

    private static PrintWriter writer(PrintStream stream, String encodingProperty) {
      String encoding = System.getProperty(encodingProperty);
      Charset charset = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
      return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }
  }

  /**
   * Runs {@code args} if they are one of the fast forms.
   *
   * @return the exit code, or {@code null} when picocli must parse these arguments
   */
  static Integer run(String[] args, boolean processStdio, Supplier<Stdio> stdio) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      Stdio io = stdio.get();
      for (String line : PlugboardCommand.versionLines()) {
        io.out().println(line);
      }
      io.out().flush();
      return 0;
    }
    RunCommand run = parseRun(args, processStdio);
    if (run == null) {
      return null;
    }
    Stdio io = stdio.get();
    run.out = io.out();
    run.err = io.err();
    try {
      return run.call();
    } catch (Exception e) {
      return Cli.report(e, io.err(), false, "plugboard run");
    } finally {
      io.out().flush();
      io.err().flush();
    }
  }

  /** {@code run FILE [--invoke CALL]… [--engine ENGINE]}, or {@code null} for any other form. */
  static RunCommand parseRun(String[] args, boolean processStdio) {
    if (args.length < 2 || !args[0].equals("run")) {
      return null;
    }
    Path file = null;
    String engine = null;
    List<String> invocations = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String option = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        option = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (option.equals("--invoke") || option.equals("--engine")) {
        if (value == null) {
          if (i + 1 == args.length) {
            return null;
          }
          value = args[++i];
        }
        if (value.startsWith("-") || value.startsWith("@")) {
          return null;
        }
        if (option.equals("--invoke")) {
          invocations.add(value);
        } else if (engine == null) {
          engine = value;
        } else {
          return null; // given twice: picocli says so
        }
      } else if (file == null && !a.isEmpty() && !a.startsWith("-") && !a.startsWith("@")) {
        try {
          file = Path.of(a);
        } catch (InvalidPathException e) {
          return null;
        }
      } else {
        return null;
      }
    }
    if (file == null) {
      return null;
    }
    RunCommand run = new RunCommand(processStdio);
    run.file = file;
    run.invocations = invocations;
    run.engine = engine == null ? "auto" : engine;
    return run;
  }
}
