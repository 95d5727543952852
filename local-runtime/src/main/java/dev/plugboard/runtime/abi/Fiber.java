package dev.plugboard.runtime.abi;

import java.util.concurrent.Semaphore;

/**
 * A stack for a guest thread that may block with core wasm frames on it (CanonicalABI.md's
 * continuations, {@code cont_new}/{@code resume}/{@code block}), carried by a Java
 * thread. Control is handed over explicitly, so exactly one side runs at a time and scheduling
 * stays deterministic: {@link #resume} runs the fiber until it {@link #block}s or finishes.
 */
final class Fiber {
  /** Unwinds a fiber whose store was torn down by a trap; never seen by guest or host code. */
  static final class Abort extends Error {
    Abort() {
      super("fiber aborted", null, false, false);
    }
  }

  private final Semaphore toFiber = new Semaphore(0);
  private final Semaphore toResumer = new Semaphore(0);
  private final Runnable body;
  private Thread carrier;
  private boolean cancelled;
  private boolean aborted;
  private boolean finished;
  private RuntimeException failure;

  Fiber(Runnable body) {
    this.body = body;
  }

  boolean finished() {
    return finished;
  }

  /** Runs the fiber until it blocks or returns; a trap in it is rethrown here. */
  void resume(boolean cancel) {
    if (finished) {
      throw new IllegalStateException("resuming a finished fiber");
    }
    this.cancelled = cancel;
    if (carrier == null) {
      // a platform thread with a large stack, like the host's guest worker, so that deep guest
      // recursion on a fiber is a trap too; kept and reused once the fiber is done
      carrier = FiberCarriers.start(this::run);
    }
    toFiber.release();
    awaitFiber();
    if (failure != null) {
      RuntimeException f = failure;
      failure = null;
      throw f;
    }
  }

  /** Called on the fiber: gives control back to the resumer; returns whether it was resumed cancelled. */
  boolean block() {
    toResumer.release();
    toFiber.acquireUninterruptibly();
    if (aborted) {
      throw new Abort();
    }
    return cancelled;
  }

  /** Unwinds a blocked fiber (its store trapped); it runs no more guest code. */
  void abort() {
    if (carrier != null && !finished) {
      aborted = true;
      toFiber.release();
      awaitFiber();
    }
  }

  /**
   * Waits until the fiber blocks or finishes. An interrupt of the waiting thread (a deadline)
   * is passed on to the fiber, whose guest code then stops with a trap, and kept.
   */
  private void awaitFiber() {
    boolean interrupted = false;
    while (true) {
      try {
        toResumer.acquire();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        if (!finished) {
          carrier.interrupt();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    toFiber.acquireUninterruptibly();
    try {
      if (!aborted) {
        body.run();
      }
    } catch (Abort a) {
      // torn down
    } catch (RuntimeException e) {
      failure = e;
    } catch (StackOverflowError e) {
      failure = new Trap("call stack exhausted");
    } catch (Error e) {
      failure = new Trap("internal error in a guest thread: " + e, null, e);
    } finally {
      finished = true;
      toResumer.release();
    }
  }
}
