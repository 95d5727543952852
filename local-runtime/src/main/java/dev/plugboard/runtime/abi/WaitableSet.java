package dev.plugboard.runtime.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A set of waitables a task waits on together (CanonicalABI.md {@code WaitableSet}). */
public final class WaitableSet {
  final List<Waitable> elems = new ArrayList<>();
  int numWaiting;

  boolean hasPendingEvent() {
    for (Waitable w : elems) {
      if (w.hasPendingEvent()) {
        return true;
      }
    }
    return false;
  }

  /** The first member with a pending event (deterministic, in join order). */
  int[] getPendingEvent() {
    for (Waitable w : elems) {
      if (w.hasPendingEvent()) {
        return w.getPendingEvent();
      }
    }
    throw new IllegalStateException("no pending event");
  }

  /** Blocks until a member has an event and {@code ready} holds, or the task is cancelled. */
  int[] waitForEventAnd(GuestThread thread, BooleanSupplier ready, boolean cancellable) {
    numWaiting++;
    try {
      boolean cancelled = thread.waitUntil(() -> ready.getAsBoolean() && hasPendingEvent(), cancellable, false);
      return cancelled ? new int[] {Waitable.TASK_CANCELLED, 0, 0} : getPendingEvent();
    } finally {
      numWaiting--;
    }
  }

  int[] poll(GuestThread thread, boolean cancellable) {
    if (thread.task.deliverPendingCancel(cancellable)) {
      return new int[] {Waitable.TASK_CANCELLED, 0, 0};
    }
    return hasPendingEvent() ? getPendingEvent() : new int[] {Waitable.NONE, 0, 0};
  }

  void drop() {
    if (!elems.isEmpty()) {
      throw new Trap("cannot drop a waitable set that still has waitables joined to it");
    }
    if (numWaiting > 0) {
      throw new Trap("cannot drop a waitable set a thread is waiting on");
    }
  }
}
