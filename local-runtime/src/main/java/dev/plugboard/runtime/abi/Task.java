package dev.plugboard.runtime.abi;

import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One call into a component instance (CanonicalABI.md {@code Task}): its state, its implicit
 * thread, the scope of the borrows it received, and the caller's {@code on_start} (which lifts
 * the arguments) and {@code on_resolve} (which takes the result, or null when cancelled). A
 * task used only as the borrow scope of an outgoing call keeps the handles it lent.
 */
public final class Task {
  public enum State { INITIAL, STARTED, PENDING_CANCEL, CANCEL_DELIVERED, RESOLVED }

  int numBorrows;
  private List<ResourceHandle> lenders;
  final InstanceState inst;
  /** The function type is {@code async}. */
  final boolean asyncType;
  /** Lifted with the {@code async} option; {@code callback} too. */
  final boolean asyncOpts;
  final boolean callback;
  final CanonOptions opts;
  /** The function's result type (null for none), which {@code task.return} must match. */
  final ValueType resultType;
  private final Supplier<Value[]> onStart;
  private final Consumer<Value[]> onResolve;
  State state = State.INITIAL;
  GuestThread implicitThread;
  /** The task's live threads in the instance's thread table (null until the first one registers). */
  private List<GuestThread> threads;

  /** A plain scope: the borrow scope of an outgoing call (the handles it lends). */
  public Task() {
    this(null, false, false, false, null, null, null, null);
    state = State.STARTED;
  }

  /** A synchronous (sync-typed, sync-lifted) call into {@code inst}. */
  public Task(InstanceState inst) {
    this(inst, false, false, false, null, null, null, null);
    state = State.STARTED;
  }

  public Task(InstanceState inst, boolean asyncType, boolean asyncOpts, boolean callback, CanonOptions opts,
      ValueType resultType, Supplier<Value[]> onStart, Consumer<Value[]> onResolve) {
    this.inst = inst;
    this.asyncType = asyncType;
    this.asyncOpts = asyncOpts;
    this.callback = callback;
    this.opts = opts;
    this.resultType = resultType;
    this.onStart = onStart;
    this.onResolve = onResolve;
  }

  public State state() {
    return state;
  }

  void addLender(ResourceHandle h) {
    h.numLends++;
    if (lenders == null) {
      lenders = new ArrayList<>();
    }
    lenders.add(h);
  }

  /** Whether a thread of this task ever took a thread-table index (a sync call's thread does so late). */
  public boolean registeredThreads() {
    return threads != null;
  }

  /** Ends a synchronous call: lent handles are returned, and every borrow it received must be dropped. */
  public void exit() {
    releaseLenders();
    if (threads != null) {
      endSyncThreads();
    }
    if (numBorrows != 0) {
      throw new Trap("borrow handles still remain at the end of the call");
    }
  }

  void releaseLenders() {
    if (lenders != null) {
      for (ResourceHandle h : lenders) {
        h.numLends--;
      }
      lenders.clear();
    }
  }

  /**
   * A synchronous call has resolved when its core function returns: its inline thread leaves
   * the thread table (it registered only when it asked for its index), and threads it made with
   * {@code thread.new-indirect} live on.
   */
  private void endSyncThreads() {
    state = State.RESOLVED;
    for (GuestThread t : List.copyOf(threads)) {
      if (t.fiber == null) {
        unregisterThread(t);
      }
    }
  }

  /** {@code Task.register_thread}: the thread gets its index in the instance's thread table. */
  public void registerThread(GuestThread thread) {
    if (threads == null) {
      threads = new ArrayList<>();
    }
    threads.add(thread);
    thread.index = inst.threads.add(thread);
  }

  /** {@code Task.unregister_thread}: the task's last thread may only go once the task resolved. */
  public void unregisterThread(GuestThread thread) {
    threads.remove(thread);
    if (thread.index != 0) {
      inst.threads.removeAny(thread.index);
      thread.index = 0;
    }
    if (threads.isEmpty() && state != State.RESOLVED) {
      throw new Trap("the async task's last thread finished without calling task.return (or task.cancel)");
    }
  }

  boolean needsExclusive() {
    return !asyncOpts || callback;
  }

  private boolean hasBackpressure() {
    return inst.backpressure > 0 || (needsExclusive() && inst.exclusiveThread != null);
  }

  /** {@code Task.enter_implicit_thread}: waits out backpressure (false when cancelled meanwhile). */
  public boolean enterImplicitThread(GuestThread thread) {
    implicitThread = thread;
    if (asyncType) {
      if (hasBackpressure() || inst.numWaitingToEnter > 0) {
        inst.numWaitingToEnter++;
        boolean cancelled;
        try {
          cancelled = thread.waitUntil(() -> !hasBackpressure(), true, false);
        } finally {
          inst.numWaitingToEnter--;
        }
        if (cancelled) {
          cancel();
          return false;
        }
      }
      if (needsExclusive()) {
        inst.exclusiveThread = thread;
      }
    }
    registerThread(thread);
    return true;
  }

  /** {@code Task.exit_implicit_thread}: with the task's last thread, the task must have resolved by now. */
  public void exitImplicitThread() {
    if (asyncType && needsExclusive() && inst.exclusiveThread == implicitThread) {
      inst.exclusiveThread = null;
    }
    unregisterThread(implicitThread);
    if (numBorrows != 0 && threads.isEmpty()) {
      throw new Trap("borrow handles still remain at the end of the call");
    }
  }

  /** The caller asks to cancel ({@code Task.request_cancellation}). */
  public void requestCancellation(InstanceState caller) {
    if (state == State.INITIAL) {
      state = State.CANCEL_DELIVERED;
      implicitThread.resume(true);
      return;
    }
    if (state != State.STARTED) {
      return;
    }
    GuestThread candidate = null;
    for (GuestThread t : threads == null ? List.<GuestThread>of() : threads) {
      if (t.cancellable && t.fiber != null && !(t == implicitThread && needsExclusive()
          && inst.exclusiveThread != null && inst.exclusiveThread != t)) {
        candidate = t;
        break;
      }
    }
    if (candidate != null && inst.mayEnterFrom(caller)) {
      state = State.CANCEL_DELIVERED;
      inst.resumeInside(candidate, true, caller);
    } else {
      state = State.PENDING_CANCEL;
    }
  }

  boolean deliverPendingCancel(boolean cancellable) {
    if (cancellable && state == State.PENDING_CANCEL) {
      state = State.CANCEL_DELIVERED;
      return true;
    }
    return false;
  }

  /** {@code Task.start}: the arguments, lifted by the caller now. */
  public Value[] start() {
    state = State.STARTED;
    return onStart.get();
  }

  /** {@code Task.return_}: delivers the result ({@code task.return}, or the sync lift's results). */
  public void returnValue(Value[] result) {
    if (state == State.RESOLVED) {
      throw new Trap("task.return was called after the task already returned or was cancelled");
    }
    if (numBorrows > 0) {
      throw new Trap("task.return was called while borrow handles the task received are still held");
    }
    onResolve.accept(result);
    state = State.RESOLVED;
  }

  /** {@code Task.cancel}: resolves without a value, only once cancellation was delivered. */
  public void cancel() {
    if (state != State.CANCEL_DELIVERED) {
      throw new Trap("task.cancel was called but cancellation of the task was not requested (or the task "
          + "already resolved)");
    }
    if (numBorrows > 0) {
      throw new Trap("task.cancel was called while borrow handles the task received are still held");
    }
    onResolve.accept(null);
    state = State.RESOLVED;
  }
}
