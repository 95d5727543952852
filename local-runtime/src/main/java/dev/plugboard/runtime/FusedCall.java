package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.Abi;
import dev.plugboard.runtime.abi.AbiMemory;
import dev.plugboard.runtime.abi.CanonOptions;
import dev.plugboard.runtime.abi.Context;
import dev.plugboard.runtime.abi.FusedTransfer;
import dev.plugboard.runtime.abi.GuestThread;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.Task;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.trace.CallTracer;

/**
 * A fused adapter for a call from one component instance into another (what {@code canon lower}
 * of a {@code canon lift}ed function does). Arguments go straight from the caller's flat values
 * and memory to the callee's, and the result back, through one {@link FusedTransfer} for the
 * parameters and one for the result, with every check and the same {@code realloc} calls as the
 * generic lift-then-lower path, but without building {@link dev.plugboard.types.Value}s.
 * Signatures with resource handles, streams or futures, or strings whose encoding changes, take
 * the generic path. A call allocates nothing here (but for strings, UTF-16 or UTF-8 over 32
 * bytes, read out once to be checked): the argument array, the result array, the callee's inline
 * thread and the two counting contexts are made once per adapter (the callee instance is entered
 * during a call, so no second call through the same adapter can overlap).
 */
final class FusedCall {
  private static final long[] NO_VALUES = new long[0];

  /**
   * Whether component-to-component calls use fused adapters where they can (the default). Tests
   * and benchmarks switch it off to compare with the generic path; read when a component is
   * instantiated.
   */
  static volatile boolean enabled = true;

  private final InstanceState caller;
  private final InstanceState inst;
  private final LiftedFunction callee;
  private final CoreFunc core;
  private final CoreFunc postReturn;
  private final AbiMemory callerMemory;
  private final AbiMemory calleeMemory;
  /** The parameters as one tuple, flat to flat, or memory to memory when they spill. */
  private final FusedTransfer params;
  private final boolean spillParams;
  /** The result as a one-element tuple (null for none), flat or through the return pointer. */
  private final FusedTransfer result;
  private final boolean spillResult;
  private final long[] calleeArgs;
  private final long[] out;
  /** Where the arguments are stored (callee side) and the result (caller side); they count bytes and reallocs. */
  private final Context into;
  private final Context back;
  /** The callee's inline thread and its task, reused from call to call until the callee uses threads. */
  private GuestThread calleeThread;
  private final CallTracer tracer;
  private final Sampler sampler;
  private final String callerEncoding;
  private final String calleeEncoding;

  private FusedCall(InstanceState caller, CanonOptions callerOpts, LiftedFunction callee, FusedTransfer params,
      FusedTransfer result, CallTracer tracer) {
    this.caller = caller;
    this.inst = callee.instance();
    this.callee = callee;
    this.core = callee.core();
    this.postReturn = callee.postReturn();
    this.callerMemory = callerOpts.memory();
    this.calleeMemory = callee.options().memory();
    this.params = params;
    this.spillParams = params.flatCount() > Abi.MAX_FLAT_PARAMS;
    this.result = result;
    this.spillResult = result != null && result.flatCount() > Abi.MAX_FLAT_RESULTS;
    this.calleeArgs = new long[spillParams ? 1 : params.flatCount()];
    this.out = result == null || spillResult ? NO_VALUES : new long[result.flatCount()];
    this.into = new Context(callee.options(), inst, null);
    this.back = new Context(callerOpts, caller, null);
    this.calleeThread = GuestThread.inline(new Task(inst), inst.store());
    this.tracer = tracer;
    this.sampler = tracer == null ? null : new Sampler(tracer);
    this.callerEncoding = callerOpts.encoding().spelling();
    this.calleeEncoding = callee.encoding().spelling();
  }

  /**
   * The adapter's body, or null when the signature or options are outside the fused subset.
   * With a tracer, each call is traced on this path too: it reports its own phases (lower:
   * the argument copies; lift: the result copy into the caller) and counts.
   */
  static CoreFunc.Body build(InstanceState caller, CanonOptions callerOpts, LiftedFunction callee,
      CallTracer tracer) {
    FuncType.Lowered lw = FuncType.Lowered.of(callee.type());
    CanonOptions calleeOpts = callee.options();
    FusedTransfer ps = FusedTransfer.of(lw.paramTuple(), callerOpts, calleeOpts);
    if (ps == null) {
      return null;
    }
    boolean memories = callerOpts.memory() != null && calleeOpts.memory() != null;
    if (ps.flatCount() > Abi.MAX_FLAT_PARAMS && !(memories && calleeOpts.realloc() != null)) {
      return null; // the generic path traps with the reason
    }
    FusedTransfer r = null;
    if (callee.type().result() != null) {
      r = FusedTransfer.of(lw.resultTuple(), calleeOpts, callerOpts);
      if (r == null || (r.flatCount() > Abi.MAX_FLAT_RESULTS && !memories)) {
        return null;
      }
    }
    FusedCall f = new FusedCall(caller, callerOpts, callee, ps, r, tracer);
    if (tracer == null) {
      return args -> f.call(args, null);
    }
    return f::traced;
  }

  private long[] traced(long[] args) {
    int weight = sampler.next();
    if (weight == 0) {
      return call(args, null);
    }
    TraceSite site = new TraceSite(caller.name(), callerEncoding, System.nanoTime());
    site.weight = weight;
    site.fused = true;
    site.calleeEncoding = calleeEncoding;
    try {
      return call(args, site);
    } catch (Trap t) {
      site.trap = t.getMessage();
      throw t;
    } finally {
      // the phase a trap interrupted takes the time up to now
      long rest = site.phase();
      switch (site.step) {
        case 0 -> site.lower = rest;
        case 1 -> site.guest = rest;
        case 2 -> site.lift = rest;
        default -> site.postReturn = rest;
      }
      site.finish(tracer, callee.instance().name(), callee.name());
    }
  }

  private long[] call(long[] args, TraceSite site) {
    if (!caller.mayLeave()) {
      throw new Trap("cannot leave component instance " + caller.name() + " during post-return");
    }
    inst.enterFrom(caller);
    calleeThread.setContext(0, 0);
    calleeThread.setContext(1, 0);
    GuestThread callerThread = inst.store().swapCurrent(calleeThread);
    Context into = this.into;
    Context back = this.back;
    into.bytes = 0;
    into.reallocCalls = 0;
    back.bytes = 0;
    back.reallocCalls = 0;
    try {
      if (spillParams) {
        calleeArgs[0] = Integer.toUnsignedLong(params.moveSpilled(callerMemory, args[0], into));
      } else {
        params.flat(args, 0, callerMemory, calleeArgs, 0, into);
      }
      if (site != null) {
        site.lower = site.phase();
        site.bytesIn += into.bytes;
        site.reallocsIn += into.reallocCalls;
        site.step = 1;
      }
      long[] results = LiftedFunction.guest(core, calleeArgs);
      if (site != null) {
        site.guest = site.phase();
        site.step = 2;
      }
      if (result != null) {
        if (spillResult) {
          result.moveSpilled(calleeMemory, results[0], back, (int) args[args.length - 1]);
        } else {
          result.flat(results, 0, calleeMemory, out, 0, back);
        }
      }
      if (site != null) {
        site.lift = site.phase();
        site.bytesOut += back.bytes;
        site.reallocsOut += back.reallocCalls;
        site.step = 3;
      }
      if (postReturn != null) {
        inst.setMayLeave(false);
        try {
          LiftedFunction.guest(postReturn, results);
        } finally {
          inst.setMayLeave(true);
        }
      }
      Task task = calleeThread.task();
      if (task.registeredThreads()) {
        // the callee asked for its thread index, made threads or blocked: this call's task ends
        // as a lifted call's does (its thread leaves the table), and the next call gets a new one
        task.exit();
        calleeThread = GuestThread.inline(new Task(inst), inst.store());
      }
    } catch (Trap t) {
      throw t.at(inst.name() + "." + callee.name());
    } finally {
      inst.leaveTo(caller);
      inst.store().swapCurrent(callerThread);
    }
    return out;
  }
}
