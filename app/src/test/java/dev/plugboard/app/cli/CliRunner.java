package dev.plugboard.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real {@code plugboard} command line in-process, capturing stdout and stderr. */
final class CliRunner {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cli = Cli.create((w, f) -> {
      throw new AssertionError("the IDE must not open");
    });
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  void clear() {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
  }
}
