package dev.plugboard.runtime.abi;

import java.util.function.BooleanSupplier;

/**
 * A thread of a task (CanonicalABI.md {@code Thread}). The implicit thread of an async-typed
 * call runs on its own {@link Fiber}, so it can block with core frames on its stack and hand
 * control back to its caller. The implicit thread of a sync-typed call runs <em>inline</em> on
 * its caller's stack (as the spec allows: such a call cannot return before it resolves); when it
 * blocks it runs the loop {@code canon_lift} runs for sync-typed calls, resuming ready threads
 * of its own instance until it is ready itself, and traps when none is.
 */
public final class GuestThread {
  final Task task;
  final Store store;
  final Fiber fiber;
  private BooleanSupplier readyFunc;
  boolean cancellable;
  /** {@code context.get}/{@code context.set} storage. */
  final int[] storage = new int[2];

  private GuestThread(Task task, Store store, Fiber fiber) {
    this.task = task;
    this.store = store;
    this.fiber = fiber;
  }

  /** A thread that runs on the caller's stack (a sync-typed call). */
  public static GuestThread inline(Task task, Store store) {
    return new GuestThread(task, store, null);
  }

  /** A thread with its own stack, running {@code body} once first resumed. */
  public static GuestThread withFiber(Task task, Store store, java.util.function.Consumer<GuestThread> body) {
    GuestThread[] self = new GuestThread[1];
    Fiber f = new Fiber(() -> body.accept(self[0]));
    self[0] = new GuestThread(task, store, f);
    store.addFiber(f);
    return self[0];
  }

  public Task task() {
    return task;
  }

  public int context(int slot) {
    return storage[slot];
  }

  public void setContext(int slot, int value) {
    storage[slot] = value;
  }

  boolean waiting() {
    return readyFunc != null;
  }

  boolean ready() {
    return readyFunc != null && readyFunc.getAsBoolean();
  }

  private void startWaiting(BooleanSupplier ready) {
    readyFunc = ready;
    store.waiting.add(this);
  }

  private void stopWaiting() {
    readyFunc = null;
    store.waiting.remove(this);
  }

  /** Makes this running thread current, enters it, and returns when it blocks or finishes. */
  public void resume(boolean cancelled) {
    if (waiting()) {
      stopWaiting();
    }
    GuestThread resumer = store.current;
    store.current = this;
    try {
      fiber.resume(cancelled);
    } finally {
      store.current = resumer;
    }
  }

  /**
   * {@code Thread.wait_until}: blocks until {@code ready} holds (returning false) or, when
   * {@code cancellable}, until the task is cancelled (returning true). A yield blocks even when
   * {@code ready} already holds, so that other threads run first.
   */
  public boolean waitUntil(BooleanSupplier ready, boolean cancellable, boolean yield) {
    if (task != null && task.deliverPendingCancel(cancellable)) {
      return true;
    }
    if (!yield && ready.getAsBoolean()) {
      return false;
    }
    startWaiting(ready);
    this.cancellable = cancellable;
    try {
      if (fiber != null) {
        return fiber.block();
      }
      return runInstanceUntilReady(yield);
    } finally {
      this.cancellable = false;
      if (waiting()) {
        stopWaiting();
      }
    }
  }

  /**
   * The loop a sync-typed {@code canon_lift} runs while its thread is blocked: resume other
   * ready threads of the same instance (never the one holding the instance's exclusive lock)
   * until this one is ready; none ready is a trap, since a sync-typed call may not block.
   */
  private boolean runInstanceUntilReady(boolean yield) {
    InstanceState inst = task.inst;
    boolean first = yield;
    while (first || !ready()) {
      first = false;
      GuestThread next = null;
      for (GuestThread t : store.waiting) {
        if (t != this && t.fiber != null && t.task.inst == inst && t != inst.exclusiveThread && t.ready()) {
          next = t;
          break;
        }
      }
      if (next == null) {
        if (ready()) {
          break;
        }
        throw new Trap("deadlock: a synchronous (non-async-typed) call blocked and no other thread of "
            + inst.name() + " can run");
      }
      next.resume(false);
    }
    return false;
  }
}
