package dev.plugboard.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Canonical ABI keeps per component instance (CanonicalABI.md
 * {@code ComponentInstance}): its handle table, its store, whether it may be entered (a trap
 * poisons it; a call in progress makes it non-reentrant), whether it may currently leave to call
 * an import, its backpressure counter, and which thread holds its exclusive lock.
 */
public final class InstanceState {
  private final String name;
  public final HandleTable handles = new HandleTable();
  final Store store;
  /** The instance of the component this one was instantiated in (null for a root). */
  private final InstanceState parent;
  private boolean poisoned;
  private String poisonReason;
  /** What the values lifted in one call may take of host memory (see {@link Context#charge}). */
  private long maxLiftBytes = 64L << 20;
  boolean mayLeave = true;
  boolean inCall;
  int backpressure;
  int numWaitingToEnter;
  GuestThread exclusiveThread;
  /** The instance's thread table ({@code ComponentInstance.threads}): what {@code thread.index} numbers. */
  public final HandleTable threads = new HandleTable();

  public InstanceState(String name) {
    this(name, new Store(), null);
  }

  public InstanceState(String name, Store store, InstanceState parent) {
    this.name = name;
    this.store = store;
    this.parent = parent;
  }

  public String name() {
    return name;
  }

  public long maxLiftBytes() {
    return maxLiftBytes;
  }

  public void setMaxLiftBytes(long bytes) {
    maxLiftBytes = bytes;
  }

  public Store store() {
    return store;
  }

  public boolean poisoned() {
    return poisoned;
  }

  public void poison(String reason) {
    if (!poisoned) {
      poisoned = true;
      poisonReason = reason;
    }
  }

  /**
   * Entering for a call from {@code caller} (null: the host), CanonicalABI.md's
   * {@code may_enter_from}/{@code enter_from}: this instance and its ancestors are entered,
   * except those the caller is already inside (a child calling back into its parent, "donut
   * wrapping", is allowed). Traps if poisoned or if one of them is already entered.
   */
  public void enterFrom(InstanceState caller) {
    if (poisoned) {
      throw new Trap("cannot enter component instance " + name + ": it trapped earlier (" + poisonReason + ")");
    }
    for (InstanceState x = this; x != null; x = x.parent) {
      if (x.inCall && !caller(caller, x)) {
        throw new Trap("cannot enter component instance " + x.name + " recursively");
      }
    }
    for (InstanceState x = this; x != null; x = x.parent) {
      if (!caller(caller, x)) {
        x.inCall = true;
      }
    }
  }

  /** {@code leave_to}: undoes {@link #enterFrom} for the same caller. */
  public void leaveTo(InstanceState caller) {
    for (InstanceState x = this; x != null; x = x.parent) {
      if (!caller(caller, x)) {
        x.inCall = false;
      }
    }
  }

  /** Whether {@code x} is {@code caller} or one of its ancestors (the caller is already inside it). */
  private static boolean caller(InstanceState caller, InstanceState x) {
    for (InstanceState c = caller; c != null; c = c.parent) {
      if (c == x) {
        return true;
      }
    }
    return false;
  }

  /** May a call from {@code caller} enter now ({@code may_enter_from})? */
  boolean mayEnterFrom(InstanceState caller) {
    for (InstanceState x = this; x != null; x = x.parent) {
      if (x.inCall && !caller(caller, x)) {
        return false;
      }
    }
    return true;
  }

  /** The instance whose thread is running now (the caller of a call being made), or null for the host. */
  public InstanceState currentCaller() {
    GuestThread t = store.current;
    return t == null || t.task == null ? null : t.task.inst;
  }

  /** Resumes {@code t}, a thread of this instance, entered from {@code caller} meanwhile. */
  void resumeInside(GuestThread t, boolean cancelled, InstanceState caller) {
    enterFrom(caller);
    try {
      t.resume(cancelled);
    } finally {
      leaveTo(caller);
    }
  }

  public boolean mayLeave() {
    return mayLeave;
  }

  public void setMayLeave(boolean may) {
    mayLeave = may;
  }

  /** Traps unless the instance may leave (not during post-return or a realloc). */
  public void checkMayLeave(String what) {
    if (!mayLeave) {
      throw new Trap("cannot leave component instance " + name + ": " + what + " was called during post-return or realloc");
    }
  }

  /** {@code backpressure.inc}/{@code backpressure.dec}. */
  public void backpressure(int delta) {
    backpressure += delta;
    if (backpressure >= 1 << 16) {
      throw new Trap("backpressure.inc overflowed the counter");
    }
    if (backpressure < 0) {
      throw new Trap("backpressure.dec below zero");
    }
  }

  // ---- the callback loop of canon_lift (between two core calls the exclusive lock is free) ----

  public void releaseExclusive() {
    exclusiveThread = null;
  }

  public void acquireExclusive(GuestThread thread) {
    exclusiveThread = thread;
  }

  /** YIELD: waits until no other thread holds the exclusive lock; the event for the callback. */
  public int[] yieldForCallback(GuestThread thread) {
    boolean cancelled = thread.waitUntil(() -> exclusiveThread == null, true, true);
    return new int[] {cancelled ? Waitable.TASK_CANCELLED : Waitable.NONE, 0, 0};
  }

  /** WAIT: waits for an event of waitable set {@code si} (and the exclusive lock to be free). */
  public int[] waitForCallback(GuestThread thread, long si) {
    WaitableSet ws = handles.get(si, WaitableSet.class, "a waitable set");
    return ws.waitForEventAnd(thread, () -> exclusiveThread == null, true);
  }
}
