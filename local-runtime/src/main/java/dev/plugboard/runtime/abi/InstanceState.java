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
  private boolean poisoned;
  private String poisonReason;
  boolean mayLeave = true;
  boolean inCall;
  int backpressure;
  int numWaitingToEnter;
  GuestThread exclusiveThread;
  /** The live threads with their own stack (the candidates when a sync call blocks). */
  final List<GuestThread> threads = new ArrayList<>();

  public InstanceState(String name) {
    this(name, new Store());
  }

  public InstanceState(String name, Store store) {
    this.name = name;
    this.store = store;
  }

  public String name() {
    return name;
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

  /** Entering for an export call: traps if poisoned or already inside (no reentrance). */
  public void enter() {
    if (poisoned) {
      throw new Trap("cannot enter component instance " + name + ": it trapped earlier (" + poisonReason + ")");
    }
    if (inCall) {
      throw new Trap("cannot enter component instance " + name + " recursively");
    }
    inCall = true;
  }

  public void leave() {
    inCall = false;
  }

  /** Resumes {@code t}, a thread of this instance, with the instance entered meanwhile. */
  void resumeInside(GuestThread t, boolean cancelled) {
    boolean was = inCall;
    inCall = true;
    try {
      t.resume(cancelled);
    } finally {
      inCall = was;
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
      throw new Trap("cannot call " + what + " in " + name + " now (during post-return or realloc)");
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

  public void releaseExclusive(GuestThread thread) {
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
