package dev.plugboard.profile;

import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls one export many times: N times, or for a duration, or until cancelled, with arguments
 * from a {@link CallTemplate}. It runs on the calling thread (the IDE runs it in a background
 * task) and reports progress to a listener every so often; {@link #cancel()} may be called from
 * any thread. A trap ends the run (a trapped instance cannot be entered again), and so do
 * arguments that do not fit the parameters (a counter past a {@code u8}).
 */
public final class LoadRun {
  /** How far the run is: calls made, time since the start, and the fraction done (0 to 1). */
  public record Progress(long calls, long elapsedNanos, double fraction) {}

  /** Why the run ended: all calls made, stopped, a trap, or arguments the template made that do not fit. */
  public enum End { DONE, CANCELLED, TRAPPED, BAD_ARGUMENTS }

  /** The outcome: calls made, wall time, why it ended, and the trap's or the argument error's message. */
  public record Result(long calls, long wallNanos, End end, String reason) {}

  @FunctionalInterface
  public interface Listener {
    void progress(Progress p);
  }

  private final ComponentFunction function;
  private final CallTemplate template;
  private final long count;
  private final long durationNanos;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * @param count how many calls, or 0 for as many as {@code duration} allows
   * @param duration how long to call, or null for {@code count} calls
   */
  public LoadRun(ComponentFunction function, CallTemplate template, long count, Duration duration) {
    if (count <= 0 && duration == null) {
      throw new IllegalArgumentException("a load run needs a number of calls or a duration");
    }
    this.function = function;
    this.template = template;
    this.count = count;
    this.durationNanos = duration == null ? 0 : duration.toNanos();
  }

  public void cancel() {
    cancelled.set(true);
  }

  /** Runs, telling {@code listener} (may be null) how far it is at most every {@code everyNanos}. */
  public Result run(Listener listener, long everyNanos) {
    long start = System.nanoTime();
    long lastReport = start;
    long n = 0;
    End end = End.DONE;
    String trap = null;
    var params = function.type().paramTypes();
    while (true) {
      long now = System.nanoTime();
      if (count > 0 ? n >= count : now - start >= durationNanos) {
        break;
      }
      if (cancelled.get()) {
        end = End.CANCELLED;
        break;
      }
      Value[] args;
      try {
        args = template.arguments(n, params);
      } catch (IllegalArgumentException e) {
        end = End.BAD_ARGUMENTS;
        trap = e.getMessage();
        break;
      }
      try {
        function.call(args);
      } catch (Trap t) {
        n++;
        end = End.TRAPPED;
        trap = t.getMessage();
        break;
      }
      n++;
      if (listener != null && now - lastReport >= everyNanos) {
        lastReport = now;
        listener.progress(new Progress(n, now - start, fraction(n, now - start)));
      }
    }
    long wall = System.nanoTime() - start;
    if (listener != null) {
      listener.progress(new Progress(n, wall, end == End.DONE ? 1 : fraction(n, wall)));
    }
    return new Result(n, wall, end, trap);
  }

  private double fraction(long n, long elapsed) {
    return count > 0 ? Math.min(1, (double) n / count) : Math.min(1, (double) elapsed / durationNanos);
  }
}
