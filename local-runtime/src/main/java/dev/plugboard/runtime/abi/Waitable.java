package dev.plugboard.runtime.abi;

import java.util.function.Supplier;

/**
 * Something a task can wait on (CanonicalABI.md {@code Waitable}): a subtask, or a stream or
 * future end. It holds at most one pending event (computed when taken) and belongs to at most
 * one waitable set.
 */
public abstract class Waitable {
  /** Event codes ({@code EventCode}). */
  public static final int NONE = 0;
  public static final int SUBTASK = 1;
  public static final int STREAM_READ = 2;
  public static final int STREAM_WRITE = 3;
  public static final int FUTURE_READ = 4;
  public static final int FUTURE_WRITE = 5;
  public static final int TASK_CANCELLED = 6;

  private Supplier<int[]> pendingEvent;
  WaitableSet wset;
  boolean hasSyncWaiter;

  void setPendingEvent(Supplier<int[]> event) {
    pendingEvent = event;
  }

  boolean hasPendingEvent() {
    return pendingEvent != null;
  }

  boolean inWaitableSet() {
    return wset != null;
  }

  /** Blocks the current thread (not cancellable) until an event is pending. */
  void waitForPendingEvent(Store store) {
    hasSyncWaiter = true;
    try {
      store.current.waitUntil(this::hasPendingEvent, false, false);
    } finally {
      hasSyncWaiter = false;
    }
  }

  /** Takes the pending event: {code, index, payload}. */
  int[] getPendingEvent() {
    Supplier<int[]> e = pendingEvent;
    pendingEvent = null;
    return e.get();
  }

  void join(WaitableSet set) {
    if (wset != null) {
      wset.elems.remove(this);
    }
    wset = set;
    if (set != null) {
      set.elems.add(this);
    }
  }

  void drop() {
    join(null);
  }
}
