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
  /** The index in the instance's thread table (0: not registered, as the sync fast path leaves it). */
  int index;
  /** Between being resumed and blocking (CanonicalABI.md's {@code Thread.running}). */
  boolean running;
  /** Set by a blocking fiber that hands control straight to another thread ({@code block(switch_to)}). */
  private GuestThread switchTo;

  private GuestThread(Task task, Store store, Fiber fiber) {
    this.task = task;
    this.store = store;
    this.fiber = fiber;
  }

  /** A thread that runs on the caller's stack (a sync-typed call). */
  public static GuestThread inline(Task task, Store store) {
    GuestThread t = new GuestThread(task, store, null);
    t.running = true;
    return t;
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

  /** Neither running nor waiting: only {@code thread.resume-later} or a switch runs it again. */
  boolean suspended() {
    return !running && readyFunc == null;
  }

  public int index() {
    return index;
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

  /**
   * Makes this thread current, enters it, and returns when it blocks or finishes; a thread that
   * blocks by switching to another ({@code thread.suspend-then-resume} and the like) has that one
   * resumed next, as {@code Thread.resume} of the reference loops.
   */
  public void resume(boolean cancelled) {
    GuestThread t = this;
    boolean c = cancelled;
    while (t != null) {
      if (t.waiting()) {
        t.stopWaiting();
      }
      if (t.fiber == null) {
        // an inline thread further down this stack: its own loop runs it once it is ready
        t.startWaiting(() -> true);
        return;
      }
      GuestThread resumer = store.current;
      store.current = t;
      t.running = true;
      try {
        t.fiber.resume(c);
      } finally {
        t.running = false;
        store.current = resumer;
      }
      GuestThread next = t.switchTo;
      t.switchTo = null;
      t = next;
      c = false;
    }
  }

  /** Marks a suspended thread ready to run later ({@code Thread.resume_later}). */
  public void resumeLater() {
    startWaiting(() -> true);
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
    return block(cancellable, null, yield);
  }

  /** {@code Thread.suspend}: blocks until resumed by another thread. */
  public boolean suspend(boolean cancellable) {
    if (task.deliverPendingCancel(cancellable)) {
      return true;
    }
    return block(cancellable, null, false);
  }

  /**
   * {@code Thread.{suspend,yield}_then_resume}: blocks (staying ready when {@code yield}) and
   * runs {@code other}, which is suspended, at once.
   */
  public boolean switchTo(boolean cancellable, GuestThread other, boolean yield) {
    if (task.deliverPendingCancel(cancellable)) {
      return true;
    }
    if (yield) {
      startWaiting(() -> true);
    }
    return block(cancellable, other, false);
  }

  /**
   * {@code Thread.{suspend,yield}_then_promote}: as {@link #switchTo} when {@code other} is
   * ready (it stops waiting and runs now), otherwise a plain suspend or yield.
   */
  public boolean promote(boolean cancellable, GuestThread other, boolean yield) {
    if (task.deliverPendingCancel(cancellable)) {
      return true;
    }
    if (other.ready()) {
      other.stopWaiting();
      return switchTo(cancellable, other, yield);
    }
    return yield ? waitUntil(() -> true, cancellable, true) : suspend(cancellable);
  }

  private boolean block(boolean cancellable, GuestThread other, boolean yield) {
    if (fiber == null && index == 0) {
      // A sync call's inline thread takes its thread-table index late (see ThreadCanon.index);
      // once it blocks, other threads of the instance run and may register, so it registers
      // first, keeping the numbering of the reference (where every task's thread registers as
      // it starts).
      task.registerThread(this);
    }
    this.cancellable = cancellable;
    running = false;
    try {
      if (fiber != null) {
        switchTo = other;
        return fiber.block();
      }
      return runInstanceUntilReady(yield, other);
    } finally {
      running = true;
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
  private boolean runInstanceUntilReady(boolean yield, GuestThread other) {
    InstanceState inst = task.inst;
    if (other != null) {
      other.resume(false);
    }
    boolean first = yield && other == null;
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
