package dev.plugboard.app.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends what Chicory says while the IDE runs to the IDE's Console instead of the terminal:
 * records of its {@code chicory} logger ({@code System.Logger}, which is java.util.logging here)
 * and the warnings its compiler prints to {@code System.err} ("Warning: using interpreted mode
 * for ..."). Other error output still reaches the terminal. Headless: the sink decides where
 * lines go.
 */
public final class ConsoleCapture implements AutoCloseable {
  /** The prefix of the compiler's fallback warnings (Chicory prints them to System.err). */
  static final String CHICORY_WARNING = "Warning: using interpreted mode";

  private final PrintStream originalErr;
  private final Logger chicory = Logger.getLogger("chicory");
  private final boolean chicoryParentHandlers;
  private final Handler handler;

  private ConsoleCapture(Consumer<String> sink) {
    originalErr = System.err;
    System.setErr(new PrintStream(new LineFilter(originalErr, sink), true, StandardCharsets.UTF_8));
    handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (isLoggable(r)) {
          String message = r.getMessage();
          if (r.getParameters() != null && message != null) {
            message = java.text.MessageFormat.format(message, r.getParameters());
          }
          sink.accept("chicory " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": " + message);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    handler.setLevel(Level.INFO);
    chicoryParentHandlers = chicory.getUseParentHandlers();
    chicory.setUseParentHandlers(false);
    chicory.addHandler(handler);
  }

  /** Starts sending Chicory's messages to {@code sink} (one call per line) until {@link #close()}. */
  public static ConsoleCapture install(Consumer<String> sink) {
    return new ConsoleCapture(sink);
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(originalErr);
    chicory.removeHandler(handler);
    chicory.setUseParentHandlers(chicoryParentHandlers);
  }

  /** Splits what is written into lines; Chicory's warnings go to the sink, the rest through. */
  private static final class LineFilter extends OutputStream {
    private final PrintStream through;
    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineFilter(PrintStream through, Consumer<String> sink) {
      this.through = through;
      this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        emit();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public synchronized void flush() {
      String partial = line.toString(StandardCharsets.UTF_8);
      if (!partial.isEmpty() && !partial.startsWith(CHICORY_WARNING) && !CHICORY_WARNING.startsWith(partial)) {
        through.print(partial);
        line.reset();
      }
      through.flush();
    }

    private void emit() {
      String text = line.toString(StandardCharsets.UTF_8);
      if (text.startsWith(CHICORY_WARNING)) {
        sink.accept("chicory: " + text.stripTrailing());
      } else {
        through.print(text);
      }
      line.reset();
    }
  }
}
