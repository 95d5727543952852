package dev.plugboard.runtime.abi;

import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.util.Objects;

/**
 * The async built-ins of CanonicalABI.md ({@code canon task.return}, {@code waitable-set.*},
 * {@code subtask.*}, {@code stream.*}, {@code future.*}, {@code error-context.*},
 * {@code backpressure.*}, {@code thread.yield}), one method each, with the reference's traps.
 * Each runs on the current thread of the instance's store; results are the core results.
 */
public final class AsyncCanon {
  /** The result of a copy or cancel that has not finished yet. */
  public static final long BLOCKED = 0xffff_ffffL;
  private static final long[] NONE = new long[0];

  private AsyncCanon() {}

  static GuestThread thread(InstanceState inst, String what) {
    GuestThread t = current(inst, what);
    inst.checkMayLeave(what);
    return t;
  }

  /** The running thread, without the may-leave check (which context.* and backpressure.* do not make). */
  private static GuestThread current(InstanceState inst, String what) {
    GuestThread t = inst.store.current;
    if (t == null || t.task == null || t.task.inst != inst) {
      throw new Trap(what + " was called outside of a task of " + inst.name());
    }
    return t;
  }

  private static long[] one(long v) {
    return new long[] {v};
  }

  // ---- tasks ----------------------------------------------------------------------------

  public static long[] taskReturn(InstanceState inst, ValueType declared, CanonOptions opts, long[] args) {
    Task task = thread(inst, "task.return").task;
    if (!task.asyncOpts) {
      throw new Trap("task.return was called by a task that was not lifted with `async`");
    }
    if (!Objects.equals(declared, task.resultType)) {
      throw new Trap("task.return's result type " + ValueType.describe(declared) + " is not the function's "
          + ValueType.describe(task.resultType));
    }
    if (!Objects.equals(opts.memory(), task.opts.memory()) || opts.encoding() != task.opts.encoding()) {
      throw new Trap("task.return's options (memory, string-encoding) differ from the lift's");
    }
    Context cx = new Context(opts, inst, task);
    AbiType[] ts = declared == null ? new AbiType[0] : new AbiType[] {AbiType.of(declared)};
    AbiType tuple = AbiType.of(new ValueType.TupleType(declared == null ? java.util.List.of()
        : java.util.List.of(declared)));
    Value[] result = Abi.liftFlatValues(cx, Abi.MAX_FLAT_PARAMS, new Abi.FlatReader(args), ts, tuple);
    task.returnValue(result);
    return NONE;
  }

  public static long[] taskCancel(InstanceState inst) {
    Task task = thread(inst, "task.cancel").task;
    if (!task.asyncOpts) {
      throw new Trap("task.cancel was called by a task that was not lifted with `async`");
    }
    task.cancel();
    return NONE;
  }

  public static long[] backpressure(InstanceState inst, int delta) {
    current(inst, delta > 0 ? "backpressure.inc" : "backpressure.dec");
    inst.backpressure(delta);
    return NONE;
  }

  public static long[] yield(InstanceState inst, boolean cancellable) {
    GuestThread t = thread(inst, "thread.yield");
    return one(t.waitUntil(() -> true, cancellable, true) ? 1 : 0);
  }

  public static int contextGet(InstanceState inst, int slot) {
    return current(inst, "context.get").context(slot);
  }

  public static void contextSet(InstanceState inst, int slot, int value) {
    current(inst, "context.set").setContext(slot, value);
  }

  // ---- waitable sets --------------------------------------------------------------------

  public static long[] waitableSetNew(InstanceState inst) {
    thread(inst, "waitable-set.new");
    return one(inst.handles.add(new WaitableSet()));
  }

  public static long[] waitableSetWait(InstanceState inst, boolean cancellable, AbiMemory mem, long si, int ptr) {
    GuestThread t = thread(inst, "waitable-set.wait");
    WaitableSet ws = inst.handles.get(si, WaitableSet.class, "a waitable set");
    return unpackEvent(mem, ptr, ws.waitForEventAnd(t, () -> true, cancellable));
  }

  public static long[] waitableSetPoll(InstanceState inst, boolean cancellable, AbiMemory mem, long si, int ptr) {
    GuestThread t = thread(inst, "waitable-set.poll");
    WaitableSet ws = inst.handles.get(si, WaitableSet.class, "a waitable set");
    return unpackEvent(mem, ptr, ws.poll(t, cancellable));
  }

  private static long[] unpackEvent(AbiMemory mem, int ptr, int[] event) {
    long p = Integer.toUnsignedLong(ptr);
    if (mem == null) {
      throw new Trap("the built-in has no memory to store the event in");
    }
    if (p + 8 > mem.size()) {
      throw new Trap("event pointer " + p + " is out of bounds of memory");
    }
    mem.writeInt(ptr, event[1]);
    mem.writeInt(ptr + 4, event[2]);
    return one(event[0]);
  }

  public static long[] waitableSetDrop(InstanceState inst, long si) {
    thread(inst, "waitable-set.drop");
    inst.handles.remove(si, WaitableSet.class, "a waitable set").drop();
    return NONE;
  }

  public static long[] waitableJoin(InstanceState inst, long wi, long si) {
    thread(inst, "waitable.join");
    Waitable w = inst.handles.get(wi, Waitable.class, "a waitable (subtask, stream or future end)");
    if (w.hasSyncWaiter) {
      throw new Trap("cannot join a waitable that a thread is synchronously waiting on");
    }
    w.join(si == 0 ? null : inst.handles.get(si, WaitableSet.class, "a waitable set"));
    return NONE;
  }

  // ---- subtasks -------------------------------------------------------------------------

  public static long[] subtaskCancel(InstanceState inst, boolean async, long i) {
    thread(inst, "subtask.cancel");
    Subtask s = inst.handles.get(i, Subtask.class, "a subtask");
    if (s.resolveDelivered()) {
      throw new Trap("cannot cancel a subtask whose resolution was already delivered");
    }
    if (s.cancellationRequested) {
      throw new Trap("cancellation of this subtask was already requested");
    }
    if (s.inWaitableSet() && !async) {
      throw new Trap("a synchronous subtask.cancel of a subtask in a waitable set");
    }
    if (!s.resolved()) {
      s.cancellationRequested = true;
      s.onCancel.run();
      if (!s.resolved()) {
        if (!async) {
          s.waitForPendingEvent(inst.store);
        } else {
          return one(BLOCKED);
        }
      }
    }
    s.getPendingEvent();
    return one(s.state);
  }

  public static long[] subtaskDrop(InstanceState inst, long i) {
    thread(inst, "subtask.drop");
    Subtask s = inst.handles.get(i, Subtask.class, "a subtask");
    s.drop();
    inst.handles.removeAny(i);
    return NONE;
  }

  // ---- streams and futures --------------------------------------------------------------

  public static long[] streamOrFutureNew(InstanceState inst, boolean stream, ValueType t) {
    thread(inst, stream ? "stream.new" : "future.new");
    Object shared = stream ? new SharedStream(t) : new SharedFuture(t);
    long ri = inst.handles.add(new CopyEnd(stream, true, shared));
    long wi = inst.handles.add(new CopyEnd(stream, false, shared));
    return one(ri | (wi << 32));
  }

  private static CopyEnd copyEnd(InstanceState inst, String what, long i, boolean stream, boolean readable,
      ValueType t, boolean async) {
    thread(inst, what);
    CopyEnd e = CopyEnd.get(inst, i, stream, readable, t);
    if (e.state != CopyEnd.CopyState.IDLE) {
      throw new Trap(what + ": " + e.describe() + (e.state == CopyEnd.CopyState.DONE
          ? " is already done (the other end was dropped, or the future's value went through)"
          : " is not idle (a copy is in progress)"));
    }
    if (e.inWaitableSet() && !async) {
      throw new Trap("a synchronous " + what + " on an end that is in a waitable set");
    }
    return e;
  }

  /** {@code stream.read}/{@code stream.write} ({@code stream_copy}). */
  public static long[] streamCopy(InstanceState inst, boolean write, ValueType t, CanonOptions opts, boolean async,
      long i, int ptr, long n) {
    String what = write ? "stream.write" : "stream.read";
    CopyEnd e = copyEnd(inst, what, i, true, !write, t, async);
    Context cx = new Context(opts, inst, null);
    GuestBuffer buffer = new GuestBuffer(t == null ? null : AbiType.of(t), cx, ptr, n);
    int code = write ? Waitable.STREAM_WRITE : Waitable.STREAM_READ;
    int index = (int) i;
    java.util.function.BiFunction<Integer, Runnable, int[]> event = (result, reclaim) -> {
      reclaim.run();
      e.state = result == SharedStream.DROPPED ? CopyEnd.CopyState.DONE : CopyEnd.CopyState.IDLE;
      return new int[] {code, index, result | (buffer.progress << 4)};
    };
    e.state = CopyEnd.CopyState.COPYING;
    ((SharedStream) e.shared).copy(write, inst, buffer,
        reclaim -> e.setPendingEvent(() -> event.apply(SharedStream.COMPLETED, reclaim)),
        result -> e.setPendingEvent(() -> event.apply(result, () -> { })));
    return finishCopy(inst, e, async);
  }

  private static long[] finishCopy(InstanceState inst, CopyEnd e, boolean async) {
    if (!e.hasPendingEvent()) {
      if (!async) {
        e.waitForPendingEvent(inst.store);
      } else {
        return one(BLOCKED);
      }
    }
    return one(Integer.toUnsignedLong(e.getPendingEvent()[2]));
  }

  /** {@code future.read}/{@code future.write} ({@code future_copy}). */
  public static long[] futureCopy(InstanceState inst, boolean write, ValueType t, CanonOptions opts, boolean async,
      long i, int ptr) {
    String what = write ? "future.write" : "future.read";
    CopyEnd e = copyEnd(inst, what, i, false, !write, t, async);
    Context cx = new Context(opts, inst, null);
    GuestBuffer buffer = new GuestBuffer(t == null ? null : AbiType.of(t), cx, ptr, 1);
    int code = write ? Waitable.FUTURE_WRITE : Waitable.FUTURE_READ;
    int index = (int) i;
    java.util.function.IntConsumer onCopyDone = result -> e.setPendingEvent(() -> {
      e.state = result == SharedStream.DROPPED || result == SharedStream.COMPLETED ? CopyEnd.CopyState.DONE
          : CopyEnd.CopyState.IDLE;
      return new int[] {code, index, result};
    });
    e.state = CopyEnd.CopyState.COPYING;
    ((SharedFuture) e.shared).copy(write, inst, buffer, onCopyDone);
    return finishCopy(inst, e, async);
  }

  /** {@code {stream,future}.cancel-{read,write}} ({@code cancel_copy}). */
  public static long[] cancelCopy(InstanceState inst, boolean stream, boolean write, ValueType t, boolean async,
      long i) {
    String what = (stream ? "stream" : "future") + (write ? ".cancel-write" : ".cancel-read");
    thread(inst, what);
    CopyEnd e = CopyEnd.get(inst, i, stream, !write, t);
    if (e.state != CopyEnd.CopyState.COPYING || e.hasSyncWaiter) {
      throw new Trap(what + ": no copy of " + e.describe() + " is in progress to cancel");
    }
    if (e.inWaitableSet() && !async) {
      throw new Trap("a synchronous " + what + " on an end that is in a waitable set");
    }
    e.state = CopyEnd.CopyState.CANCELLING_COPY;
    if (!e.hasPendingEvent()) {
      e.cancelShared();
    }
    return finishCopy(inst, e, async);
  }

  /** {@code {stream,future}.drop-{readable,writable}}. */
  public static long[] dropEnd(InstanceState inst, boolean stream, boolean readable, ValueType t, long i) {
    thread(inst, (stream ? "stream" : "future") + (readable ? ".drop-readable" : ".drop-writable"));
    CopyEnd e = CopyEnd.get(inst, i, stream, readable, t);
    e.drop();
    inst.handles.removeAny(i);
    return NONE;
  }

  // ---- error contexts -------------------------------------------------------------------

  public static long[] errorContextNew(InstanceState inst, CanonOptions opts, int ptr, long taggedCodeUnits) {
    thread(inst, "error-context.new");
    String message = Abi.loadStringFromRange(new Context(opts, inst, null), ptr, taggedCodeUnits);
    return one(inst.handles.add(new ErrorContext(message)));
  }

  public static long[] errorContextDebugMessage(InstanceState inst, CanonOptions opts, long i, int ptr) {
    thread(inst, "error-context.debug-message");
    ErrorContext e = inst.handles.get(i, ErrorContext.class, "an error-context");
    Context cx = new Context(opts, inst, null);
    long p = Integer.toUnsignedLong(ptr);
    if (p + 8 > cx.memory().size()) {
      throw new Trap("debug-message pointer " + p + " is out of bounds of memory");
    }
    Abi.storeString(cx, e.debugMessage(), ptr);
    return NONE;
  }

  public static long[] errorContextDrop(InstanceState inst, long i) {
    thread(inst, "error-context.drop");
    inst.handles.remove(i, ErrorContext.class, "an error-context");
    return NONE;
  }
}
