package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.Abi;
import dev.plugboard.runtime.abi.CanonOptions;
import dev.plugboard.runtime.abi.Context;
import dev.plugboard.runtime.abi.GuestThread;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.Store;
import dev.plugboard.runtime.abi.StringEncoding;
import dev.plugboard.runtime.abi.Task;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.CallTracer;
import dev.plugboard.types.Value;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code canon lift} of an {@code async func} (CanonicalABI.md {@code canon_lift}): each call is
 * a {@link Task} whose implicit thread runs on its own stack, so it can block and let its
 * caller go on. Lifted with {@code async callback} (stackless), the core function returns a
 * packed code (EXIT, YIELD, WAIT on a waitable set) and the callback is called with each event
 * until it returns EXIT; the result comes through {@code task.return}. Lifted with {@code async}
 * and no callback (stackful), the core function blocks on its own stack and returns nothing; the
 * result comes through {@code task.return} too. Lifted without {@code async}, the core
 * function's results are the result, as for a sync lift.
 */
final class AsyncLiftedFunction implements ComponentFunction, Invocable {
  private static final int EXIT = 0;
  private static final int YIELD = 1;
  private static final int WAIT = 2;

  private final String name;
  private final InstanceState inst;
  private final CoreFunc core;
  private final CoreFunc callback;
  private final CoreFunc postReturn;
  private final CanonOptions opts;
  private final boolean asyncOpts;
  private final FuncType type;
  private final FuncType.Lowered lowered;
  private final CallTracer tracer;

  AsyncLiftedFunction(String name, InstanceState inst, CoreFunc core, CanonOptions opts, boolean asyncOpts,
      CoreFunc callback, CoreFunc postReturn, FuncType type, CallTracer tracer) {
    this.name = name;
    this.inst = inst;
    this.core = core;
    this.opts = opts;
    this.asyncOpts = asyncOpts;
    this.callback = callback;
    this.postReturn = postReturn;
    this.type = type;
    this.lowered = FuncType.Lowered.of(type);
    this.tracer = tracer;
  }

  @Override
  public FuncType type() {
    return type;
  }

  InstanceState instance() {
    return inst;
  }

  /** A call from the host: starts the task and runs the store's event loop until it resolves. */
  @Override
  public Value call(Value... args) {
    if (args.length != type.params().size()) {
      throw new IllegalArgumentException(name + " takes " + type.params().size() + " argument(s), got " + args.length);
    }
    Store store = inst.store();
    Value[][] result = new Value[1][];
    boolean[] resolved = {false};
    try {
      invoke(() -> args, r -> {
        result[0] = r;
        resolved[0] = true;
      }, null);
      store.runUntil(() -> resolved[0], "the call of " + name);
      store.drain();
    } catch (Trap t) {
      store.abort();
      throw t.at(inst.name() + "." + name);
    }
    if (result[0] == null) {
      throw new Trap("the call of " + name + " was cancelled", inst.name() + "." + name, null);
    }
    return result[0].length == 0 ? null : result[0][0];
  }

  @Override
  public Runnable invoke(Supplier<Value[]> onStart, Consumer<Value[]> onResolve, InstanceState caller) {
    if (tracer != null) {
      onResolve = traced(onResolve, caller);
    }
    inst.enterFrom(caller);
    Task task = new Task(inst, true, asyncOpts, callback != null, opts, type.result(), onStart, onResolve);
    GuestThread thread = GuestThread.withFiber(task, inst.store(), this::run);
    try {
      thread.resume(false);
    } finally {
      inst.leaveTo(caller);
    }
    return () -> task.requestCancellation(caller);
  }

  /**
   * With a tracer, each call is one event when it resolves: its whole time from the start (the
   * guest's share cannot be told apart from the time the task spent waiting) as guest time.
   */
  private Consumer<Value[]> traced(Consumer<Value[]> onResolve, InstanceState caller) {
    TraceSite site = new TraceSite(caller == null ? CallEvent.HOST : caller.name(),
        StringEncoding.UTF8.spelling(), System.nanoTime(), false);
    site.calleeEncoding = opts.encoding().spelling();
    return result -> {
      onResolve.accept(result);
      site.guest = site.phase();
      site.finish(tracer, inst.name(), name);
    };
  }

  /** The implicit thread ({@code thread_func} of {@code canon_lift}). */
  private void run(GuestThread thread) {
    Task task = thread.task();
    try {
      if (!task.enterImplicitThread(thread)) {
        return;
      }
      Context cx = new Context(opts, inst, task);
      Value[] args = task.start();
      long[] flatArgs = Abi.lowerFlatValues(cx, Abi.MAX_FLAT_PARAMS, args, lowered.params(), lowered.paramTuple(),
          null);
      if (!asyncOpts) {
        long[] flatResults = LiftedFunction.guest(core, flatArgs);
        Value[] result = type.result() == null ? new Value[0] : Abi.liftFlatValues(cx, Abi.MAX_FLAT_RESULTS,
            new Abi.FlatReader(flatResults), lowered.results(), lowered.resultTuple());
        task.returnValue(result);
        if (postReturn != null) {
          inst.setMayLeave(false);
          try {
            LiftedFunction.guest(postReturn, flatResults);
          } finally {
            inst.setMayLeave(true);
          }
        }
        task.exitImplicitThread();
        return;
      }
      if (callback == null) {
        // stackful (🚟): the core function runs to its end on this thread's own stack, blocking
        // in waitable-set.wait and the like; the result comes through task.return
        LiftedFunction.guest(core, flatArgs);
        task.exitImplicitThread();
        return;
      }
      long packed = LiftedFunction.guest(core, flatArgs)[0];
      callbackLoop(thread, task, packed);
      task.exitImplicitThread();
    } catch (Trap t) {
      throw t.at(inst.name() + "." + name);
    }
  }

  private void callbackLoop(GuestThread thread, Task task, long packed) {
    while (true) {
      int code = (int) (packed & 0xf);
      long si = (packed & 0xffff_ffffL) >>> 4;
      if (code == EXIT) {
        return;
      }
      inst.releaseExclusive();
      int[] event = switch (code) {
        case YIELD -> inst.yieldForCallback(thread);
        case WAIT -> inst.waitForCallback(thread, si);
        default -> throw new Trap("unsupported callback code " + code + " (0 exit, 1 yield, 2 wait)");
      };
      inst.acquireExclusive(thread);
      packed = LiftedFunction.guest(callback, new long[] {event[0], Integer.toUnsignedLong(event[1]),
          Integer.toUnsignedLong(event[2])})[0];
    }
  }
}
