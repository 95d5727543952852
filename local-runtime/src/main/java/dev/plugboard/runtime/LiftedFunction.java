package dev.plugboard.runtime;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.plugboard.runtime.abi.Abi;
import dev.plugboard.runtime.abi.CanonOptions;
import dev.plugboard.runtime.abi.Context;
import dev.plugboard.runtime.abi.GuestThread;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.StringEncoding;
import dev.plugboard.runtime.abi.Store;
import dev.plugboard.runtime.abi.Task;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.CallTracer;
import dev.plugboard.types.Value;

/**
 * {@code canon lift}: a component function implemented by a core function of one instance.
 * Arguments are lowered into the instance's memory, the core function runs, the result is
 * lifted out (copied) and then {@code post-return} lets the guest free it.
 */
final class LiftedFunction implements ComponentFunction {
  private final String name;
  private final InstanceState inst;
  private final CoreFunc core;
  private final CanonOptions opts;
  private final CoreFunc postReturn;
  private final FuncType type;
  private final FuncType.Lowered lowered;
  /** Whether the parameters and the result go through memory (more flat values than the ABI passes directly). */
  private final boolean spillParams;
  private final boolean spillResults;
  private final CallTracer tracer;
  /** Which host calls are traced. */
  private final Sampler hostCalls;

  LiftedFunction(String name, InstanceState inst, CoreFunc core, CanonOptions opts, CoreFunc postReturn,
      FuncType type, CallTracer tracer) {
    this.name = name;
    this.inst = inst;
    this.core = core;
    this.opts = opts;
    this.postReturn = postReturn;
    this.type = type;
    this.lowered = FuncType.Lowered.of(type);
    this.spillParams = Abi.flatCount(lowered.params()) > Abi.MAX_FLAT_PARAMS;
    this.spillResults = Abi.flatCount(lowered.results()) > Abi.MAX_FLAT_RESULTS;
    this.tracer = tracer;
    this.hostCalls = tracer == null ? null : new Sampler(tracer);
  }

  @Override
  public FuncType type() {
    return type;
  }

  String name() {
    return name;
  }

  InstanceState instance() {
    return inst;
  }

  CoreFunc core() {
    return core;
  }

  CoreFunc postReturn() {
    return postReturn;
  }

  CanonOptions options() {
    return opts;
  }

  StringEncoding encoding() {
    return opts.encoding();
  }

  /** A call from the host; afterwards, guest threads the call made ready run (the store's event loop). */
  @Override
  public Value call(Value... args) {
    Value result = call(args, StringEncoding.UTF8, null);
    Store store = inst.store();
    if (store.current() == null && store.hasWaiting()) {
      try {
        store.drain();
      } catch (Trap t) {
        store.abort();
        throw t.at(inst.name() + "." + name);
      }
    }
    return result;
  }

  /**
   * The call with the encoding the argument strings came from (it decides the realloc
   * sequence, as in the reference) and, when tracing, the call being traced by the caller
   * (null: a call from the host, traced here; {@link TraceSite#UNTRACED}: not traced).
   */
  Value call(Value[] args, StringEncoding sourceEncoding, TraceSite site) {
    if (args.length != type.params().size()) {
      throw new IllegalArgumentException(name + " takes " + type.params().size() + " argument(s), got " + args.length);
    }
    TraceSite s = site == TraceSite.UNTRACED ? null : site;
    if (tracer != null && site == null) {
      int weight = hostCalls.next();
      if (weight > 0) {
        s = new TraceSite(CallEvent.HOST, StringEncoding.UTF8.spelling(), System.nanoTime());
        s.weight = weight;
      }
    }
    InstanceState from = inst.currentCaller();
    inst.enterFrom(from);
    Task task = new Task(inst);
    GuestThread caller = inst.store().enterInline(task);
    int phase = 0;
    Context cx = new Context(opts, inst, task).sourceEncoding(sourceEncoding);
    try {
      long[] flatArgs = Abi.lowerFlatValues(cx, spillParams, args, lowered.params(), lowered.paramTuple(), null);
      if (s != null) {
        s.lower = s.phase();
        s.bytesIn += cx.bytes;
        s.reallocsIn += cx.reallocCalls;
        phase = 1;
      }
      long[] flatResults = guest(core, flatArgs);
      if (s != null) {
        s.guest = s.phase();
        phase = 2;
      }
      long lowered0 = cx.bytes;
      Value result = null;
      if (type.result() != null) {
        Value[] rs = Abi.liftFlatValues(cx, spillResults, new Abi.FlatReader(flatResults), lowered.results(),
            lowered.resultTuple());
        result = rs[0];
      }
      if (s != null) {
        s.lift = s.phase();
        s.bytesOut += cx.bytes - lowered0;
        phase = 3;
      }
      if (postReturn != null) {
        inst.setMayLeave(false);
        try {
          guest(postReturn, flatResults);
        } finally {
          inst.setMayLeave(true);
        }
      }
      task.exit();
      return result;
    } catch (Trap t) {
      if (caller == null) {
        inst.store().abort(); // a host call trapped: no guest thread of the store runs again
      }
      Trap at = t.at(inst.name() + "." + name);
      if (s != null) {
        s.trap = at.getMessage();
      }
      throw at;
    } finally {
      inst.leaveTo(from);
      inst.store().swapCurrent(caller);
      if (s != null) {
        // the phase that ended (normally or by a trap) takes the time up to now
        long rest = s.phase();
        switch (phase) {
          case 0 -> s.lower = rest;
          case 1 -> s.guest = rest;
          case 2 -> s.lift = rest;
          default -> s.postReturn = rest;
        }
        s.calleeEncoding = opts.encoding().spelling();
        s.count(cx);
        if (site == null) {
          s.finish(tracer, inst.name(), name);
        }
      }
    }
  }

  /** Runs core code, turning Chicory's faults into traps. */
  static long[] guest(CoreFunc f, long[] args) {
    try {
      return f.call(args);
    } catch (Trap t) {
      throw t;
    } catch (ChicoryInterruptedException e) {
      throw new Trap("interrupted (the call ran past its deadline)");
    } catch (ChicoryException e) {
      throw new Trap(describe(e), null, e);
    } catch (com.dylibso.chicory.runtime.WasmException e) {
      // call_and_trap_on_throw: an exception that leaves the core function is a trap
      throw new Trap("uncaught exception thrown by core code (tag " + e.tagIdx() + " of the core instance that threw)");
    } catch (StackOverflowError e) {
      throw new Trap("call stack exhausted");
    } catch (OutOfMemoryError e) {
      // memory.grow allocates page by page, so a grow the JVM heap cannot hold fails here
      // before the memory's size changes; the guest stops, the host carries on.
      throw new Trap("out of host memory: the guest's memory grew past what the JVM heap can give (raise -Xmx "
          + "or lower --max-memory)");
    } catch (ArithmeticException e) {
      throw new Trap("integer divide by zero or overflow");
    } catch (IndexOutOfBoundsException e) {
      throw new Trap("out of bounds memory access");
    }
  }

  private static String describe(ChicoryException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m.startsWith("Trapped on unreachable") ? "unreachable instruction executed" : m;
  }
}
