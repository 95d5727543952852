package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.Trap;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs guest calls on a worker thread with a large stack, so deep guest recursion becomes a
 * trap rather than a JVM crash, and stops a runaway guest soon after a deadline (Chicory checks
 * for thread interruption).
 */
public final class Deadline implements AutoCloseable {
  private static final long STACK_BYTES = 64L << 20;
  private final java.util.concurrent.ExecutorService worker;

  public Deadline() {
    this.worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(null, r, "plugboard-guest", STACK_BYTES);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code call}; with a {@code timeout} (null for none) a call still running at the
   * deadline is interrupted and reported as a trap.
   */
  public <T> T run(Supplier<T> call, Duration timeout) {
    CompletableFuture<T> f = new CompletableFuture<>();
    var task = worker.submit(() -> {
      try {
        f.complete(call.get());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    try {
      return timeout == null ? f.get() : f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      try {
        f.get(200, TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        // the guest stopped (or is still unwinding); either way the call is over for the caller,
        // and the instance is not to be entered again
      }
      throw new Trap("timed out after " + human(timeout) + " (the guest was stopped)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      throw new Trap("interrupted");
    }
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
