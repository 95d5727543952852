package dev.plugboard.runtime.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the Canonical ABI keeps per store (CanonicalABI.md {@code Store}): the guest threads
 * waiting to run, and which thread is running now. One store is shared by every component
 * instance one instantiation creates. Scheduling is single-threaded and deterministic: of the
 * ready threads, the one that has waited longest runs first.
 */
public final class Store {
  static final int DRAIN_BUDGET = 10_000;
  final List<GuestThread> waiting = new ArrayList<>();
  private final List<Fiber> fibers = new ArrayList<>();
  /** The running guest thread (null when the host is running). */
  GuestThread current;
  /** Running component instances using this store. */
  private int users;

  public GuestThread current() {
    return current;
  }

  /** Makes {@code t} the running thread; returns the one it replaces (to restore afterwards). */
  public GuestThread swapCurrent(GuestThread t) {
    GuestThread was = current;
    current = t;
    return was;
  }

  /** Starts a synchronous call's inline thread for {@code task}; returns the thread it replaces. */
  public GuestThread enterInline(Task task) {
    return swapCurrent(GuestThread.inline(task, this));
  }

  void addFiber(Fiber f) {
    fibers.removeIf(Fiber::finished);
    fibers.add(f);
  }

  /**
   * The host's event loop ({@code Store.tick} until {@code done}): runs ready threads one at a
   * time. When nothing is ready and {@code done} is still false, the call can never finish: a
   * trap.
   */
  public void runUntil(BooleanSupplier done, String what) {
    while (!done.getAsBoolean()) {
      if (!tick()) {
        throw new Trap("deadlock: " + what + " cannot finish, every guest thread is waiting for something that "
            + "will not happen");
      }
    }
  }

  public boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  /**
   * Runs ready threads until none is ready (work left after a call returned its value), at most
   * {@link #DRAIN_BUDGET} times, so a task that yields forever does not hold the host.
   */
  public void drain() {
    int budget = DRAIN_BUDGET;
    while (budget-- > 0 && tick()) {
      // keep going
    }
  }

  /** Resumes one ready thread; false when none is ready. */
  boolean tick() {
    for (GuestThread t : waiting) {
      if (t.fiber != null && t.ready()) {
        t.task.inst.resumeInside(t, false, null);
        return true;
      }
    }
    return false;
  }

  public synchronized void retain() {
    users++;
  }

  /** A component instance using the store is gone; with the last one, blocked guest threads are torn down. */
  public void release() {
    boolean last;
    synchronized (this) {
      last = --users == 0;
    }
    if (last) {
      abort();
    }
  }

  /** A trap tore the store down: unwinds every blocked fiber so that no guest code runs again. */
  public void abort() {
    List<Fiber> all = new ArrayList<>(fibers);
    fibers.clear();
    waiting.clear();
    for (Fiber f : all) {
      f.abort();
    }
    current = null;
  }
}
