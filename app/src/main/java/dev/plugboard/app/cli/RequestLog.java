package dev.plugboard.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code plugboard serve}'s one line per request, written by a thread of its own: a request
 * thread only queues its line, and the writer flushes once per batch of lines rather than once
 * per request (a write to the terminal per request costs more than serving a small one).
 */
final class RequestLog implements AutoCloseable {
  private static final String END = new String("end"); // compared by identity
  private final PrintWriter out;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread writer;

  RequestLog(PrintWriter out) {
    this.out = out;
    this.writer = Thread.ofPlatform().daemon().name("plugboard-serve-log").start(this::write);
  }

  /** Queues one line (without its line break). */
  void log(String line) {
    lines.add(line);
  }

  private void write() {
    List<String> batch = new ArrayList<>();
    try {
      while (true) {
        batch.add(lines.take());
        lines.drainTo(batch);
        for (String line : batch) {
          if (line == END) {
            out.flush();
            return;
          }
          out.println(line);
        }
        out.flush();
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes every line queued so far, then stops the writer. */
  @Override
  public void close() {
    lines.add(END);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
