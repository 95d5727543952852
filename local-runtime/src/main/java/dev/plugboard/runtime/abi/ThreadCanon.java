package dev.plugboard.runtime.abi;

import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * The cooperative-thread built-ins of CanonicalABI.md (🧵: {@code thread.index},
 * {@code thread.new-indirect}, {@code thread.resume-later}, {@code thread.suspend},
 * {@code thread.{suspend,yield}-then-{resume,promote}}), one method each, with the reference's
 * traps. Threads live in their instance's thread table; a new thread runs on its own
 * {@link Fiber} and starts suspended, so nothing runs until one of the others resumes it.
 * Results are the core results ({@code Cancelled} as 0/1).
 */
public final class ThreadCanon {
  private ThreadCanon() {}

  private static long[] one(long v) {
    return new long[] {v};
  }

  private static long[] cancelled(boolean c) {
    return one(c ? 1 : 0);
  }

  /**
   * {@code thread.index}. The inline thread of a synchronous call takes its index the first time
   * it asks (the sync fast path does not register its thread), and gives it up when the call
   * returns.
   */
  public static long[] index(InstanceState inst) {
    GuestThread t = AsyncCanon.thread(inst, "thread.index");
    if (t.index == 0) {
      t.task.registerThread(t);
    }
    return one(t.index);
  }

  /**
   * {@code thread.new-indirect}: {@code entry} reads the function reference at the table index
   * (trapping when it is out of bounds, null or not a {@code (func (param i32))}) and returns
   * its call.
   */
  public static long[] newIndirect(InstanceState inst, LongFunction<LongConsumer> entry, long fi, long c) {
    GuestThread current = AsyncCanon.thread(inst, "thread.new-indirect");
    Task task = current.task;
    if (current.index == 0) {
      // a synchronous call's inline thread registers now (see index), so the task keeps a
      // live thread until its core function returns
      task.registerThread(current);
    }
    LongConsumer f = entry.apply(fi);
    GuestThread t = GuestThread.withFiber(task, inst.store, self -> {
      f.accept(c);
      task.unregisterThread(self);
    });
    task.registerThread(t);
    return one(t.index);
  }

  public static long[] resumeLater(InstanceState inst, long i) {
    AsyncCanon.thread(inst, "thread.resume-later");
    GuestThread other = suspended(inst, i, "thread.resume-later");
    other.resumeLater();
    return new long[0];
  }

  public static long[] suspend(InstanceState inst, boolean cancellable) {
    GuestThread t = AsyncCanon.thread(inst, "thread.suspend");
    return cancelled(t.suspend(cancellable));
  }

  /** {@code thread.suspend-then-resume} ({@code yield} false) and {@code thread.yield-then-resume}. */
  public static long[] thenResume(InstanceState inst, boolean yield, boolean cancellable, long i) {
    String what = yield ? "thread.yield-then-resume" : "thread.suspend-then-resume";
    GuestThread t = AsyncCanon.thread(inst, what);
    GuestThread other = suspended(inst, i, what);
    return cancelled(t.switchTo(cancellable, other, yield));
  }

  /** {@code thread.suspend-then-promote} ({@code yield} false) and {@code thread.yield-then-promote}. */
  public static long[] thenPromote(InstanceState inst, boolean yield, boolean cancellable, long i) {
    String what = yield ? "thread.yield-then-promote" : "thread.suspend-then-promote";
    GuestThread t = AsyncCanon.thread(inst, what);
    GuestThread other = thread(inst, i, what);
    return cancelled(t.promote(cancellable, other, yield));
  }

  private static GuestThread thread(InstanceState inst, long i, String what) {
    if (i <= 0 || !(inst.threads.getOrNull(i) instanceof GuestThread t)) {
      throw new Trap(what + ": there is no thread with index " + Long.toUnsignedString(i) + " in " + inst.name());
    }
    return t;
  }

  private static GuestThread suspended(InstanceState inst, long i, String what) {
    GuestThread t = thread(inst, i, what);
    if (!t.suspended()) {
      throw new Trap(what + ": thread " + i + " is not suspended (it is " + (t.running ? "running" : "waiting")
          + ")");
    }
    return t;
  }
}
