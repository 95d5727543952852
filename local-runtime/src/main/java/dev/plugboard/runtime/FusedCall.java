package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.AbiMemory;
import dev.plugboard.runtime.abi.CanonOptions;
import dev.plugboard.runtime.abi.ChicoryMemory;
import dev.plugboard.runtime.abi.GuestThread;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.Task;
import dev.plugboard.runtime.abi.StringEncoding;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.trace.CallTracer;
import dev.plugboard.types.ValueType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A fused adapter for a call from one component instance into another (what {@code canon lower}
 * of a {@code canon lift}ed function does), for signatures made of scalars, UTF-8 strings on
 * both sides, and lists of integers. Values go straight from the caller's flat values and
 * memory to the callee's, with every check and the same {@code realloc} calls as the generic
 * lift-then-lower path, but without building {@link dev.plugboard.types.Value}s. Other
 * signatures take the generic path.
 */
final class FusedCall {
  private static final long MAX_BYTE_LENGTH = (1L << 28) - 1;
  private static final int CANONICAL_NAN32 = 0x7fc00000;
  private static final long CANONICAL_NAN64 = 0x7ff8000000000000L;
  private static final long[] NO_VALUES = new long[0];
  private static final String UTF8 = StringEncoding.UTF8.spelling();

  /**
   * Whether component-to-component calls use fused adapters where they can (the default). Tests
   * and benchmarks switch it off to compare with the generic path; read when a component is
   * instantiated.
   */
  static volatile boolean enabled = true;

  /** How one parameter or the result moves. */
  private sealed interface Kind {
    record Scalar(ValueType.Prim prim) implements Kind {}

    /** A list of integers or a UTF-8 string: (ptr, len) and {@code elemSize * len} bytes. */
    record Buffer(int elemSize, int alignment, boolean utf8) implements Kind {}
  }

  private final InstanceState caller;
  private final CanonOptions callerOpts;
  private final LiftedFunction callee;
  private final Kind[] params;
  private final Kind result;
  private final int calleeArgCount;
  private final long[] argBuffer;
  /** The callee's inline thread, reused like {@link #argBuffer} (its context slots cleared per call). */
  private final GuestThread calleeThread;
  private final CallTracer tracer;
  private final Sampler sampler;

  private FusedCall(InstanceState caller, CanonOptions callerOpts, LiftedFunction callee, Kind[] params, Kind result,
      int calleeArgCount, CallTracer tracer) {
    this.tracer = tracer;
    this.sampler = tracer == null ? null : new Sampler(tracer);
    this.caller = caller;
    this.callerOpts = callerOpts;
    this.callee = callee;
    this.params = params;
    this.result = result;
    this.calleeArgCount = calleeArgCount;
    this.argBuffer = new long[calleeArgCount];
    this.calleeThread = GuestThread.inline(new Task(callee.instance()), callee.instance().store());
  }

  /**
   * The adapter's body, or null when the signature or options are outside the fused subset.
   * With a tracer, each call is traced on this path too: it reports its own phases (lower:
   * the argument copies; lift: the result copy into the caller) and counts.
   */
  static CoreFunc.Body build(InstanceState caller, CanonOptions callerOpts, LiftedFunction callee,
      CallTracer tracer) {
    FuncType ft = callee.type();
    Kind[] ps = new Kind[ft.params().size()];
    int flat = 0;
    for (int i = 0; i < ps.length; i++) {
      ps[i] = kind(ft.params().get(i).type(), callerOpts, callee.options());
      if (ps[i] == null) {
        return null;
      }
      flat += ps[i] instanceof Kind.Scalar ? 1 : 2;
    }
    if (flat > 16) {
      return null;
    }
    Kind r = null;
    if (ft.result() != null) {
      r = kind(ft.result(), callerOpts, callee.options());
      if (r == null) {
        return null;
      }
    }
    FusedCall f = new FusedCall(caller, callerOpts, callee, ps, r, flat, tracer);
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
    TraceSite site = new TraceSite(caller.name(), UTF8, System.nanoTime());
    site.weight = weight;
    site.fused = true;
    site.calleeEncoding = UTF8;
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

  private static Kind kind(ValueType t, CanonOptions a, CanonOptions b) {
    if (t instanceof ValueType.Prim p) {
      if (p == ValueType.Prim.STRING) {
        boolean ok = a.encoding() == StringEncoding.UTF8 && b.encoding() == StringEncoding.UTF8 && a.memory() != null
            && b.memory() != null && a.realloc() != null && b.realloc() != null;
        return ok ? new Kind.Buffer(1, 1, true) : null;
      }
      return new Kind.Scalar(p);
    }
    if (t instanceof ValueType.ListType(ValueType.Prim p) && p.isInteger() && a.memory() != null && b.memory() != null
        && a.realloc() != null && b.realloc() != null) {
      int size = p.bits() / 8;
      return new Kind.Buffer(size, size, false);
    }
    return null;
  }

  private long[] call(long[] args, TraceSite site) {
    if (!caller.mayLeave()) {
      throw new Trap("cannot leave component instance " + caller.name() + " during post-return");
    }
    InstanceState inst = callee.instance();
    CanonOptions calleeOpts = callee.options();
    inst.enterFrom(caller);
    calleeThread.setContext(0, 0);
    calleeThread.setContext(1, 0);
    GuestThread callerThread = inst.store().swapCurrent(calleeThread);
    long[] out;
    try {
      // the callee instance is entered now, so no other call through this adapter can be running
      long[] calleeArgs = argBuffer;
      int in = 0;
      int at = 0;
      for (Kind k : params) {
        if (k instanceof Kind.Scalar s) {
          calleeArgs[at++] = normalize(s.prim(), args[in++]);
        } else {
          Kind.Buffer b = (Kind.Buffer) k;
          int ptr = (int) args[in++];
          int len = (int) args[in++];
          int n = check(callerOpts.memory(), ptr, len, b, "argument");
          int dst = allocate(calleeOpts, b.alignment(), n);
          copy(callerOpts.memory(), ptr, calleeOpts.memory(), dst, n);
          calleeArgs[at++] = Integer.toUnsignedLong(dst);
          calleeArgs[at++] = Integer.toUnsignedLong(len);
          if (site != null) {
            site.bytesIn += n;
            site.reallocsIn++;
          }
        }
      }
      if (site != null) {
        site.lower = site.phase();
        site.step = 1;
      }
      long[] results = LiftedFunction.guest(callee.core(), calleeArgs);
      if (site != null) {
        site.guest = site.phase();
        site.step = 2;
      }
      if (result == null) {
        out = NO_VALUES;
      } else if (result instanceof Kind.Scalar s) {
        out = new long[] {normalize(s.prim(), results[0])};
      } else {
        Kind.Buffer b = (Kind.Buffer) result;
        AbiMemory mem = calleeOpts.memory();
        int rp = (int) results[0];
        long p = Integer.toUnsignedLong(rp);
        if (p % 4 != 0 || p + 8 > mem.size()) {
          throw new Trap("the returned pointer " + p + " is misaligned or out of bounds");
        }
        int len = mem.readInt(rp + 4);
        int src = mem.readInt(rp);
        int n = check(mem, src, len, b, "result");
        int dst = allocate(callerOpts, b.alignment(), n);
        copy(mem, src, callerOpts.memory(), dst, n);
        int retptr = (int) args[args.length - 1];
        long rpu = Integer.toUnsignedLong(retptr);
        if (rpu % 4 != 0 || rpu + 8 > callerOpts.memory().size()) {
          throw new Trap("return pointer " + rpu + " is misaligned or out of bounds");
        }
        callerOpts.memory().writeInt(retptr, dst);
        callerOpts.memory().writeInt(retptr + 4, len);
        out = NO_VALUES;
        if (site != null) {
          site.bytesOut += n;
          site.reallocsOut++;
        }
      }
      if (site != null) {
        site.lift = site.phase();
        site.step = 3;
      }
      CoreFunc post = callee.postReturn();
      if (post != null) {
        inst.setMayLeave(false);
        try {
          LiftedFunction.guest(post, results);
        } finally {
          inst.setMayLeave(true);
        }
      }
    } catch (Trap t) {
      throw t.at(inst.name() + "." + callee.name());
    } finally {
      inst.leaveTo(caller);
      inst.store().swapCurrent(callerThread);
    }
    return out;
  }

  private static void copy(AbiMemory from, int src, AbiMemory to, int dst, int n) {
    if (n == 0) {
      return;
    }
    if (from instanceof ChicoryMemory c) {
      c.copyTo(src, to, dst, n);
    } else {
      to.write(dst, from.readBytes(src, n), 0, n);
    }
  }

  /** Checks a buffer in {@code mem} (bounds, alignment, UTF-8) and returns its byte length. */
  private static int check(AbiMemory mem, int ptr, int len, Kind.Buffer b, String what) {
    long p = Integer.toUnsignedLong(ptr);
    long byteLength = Integer.toUnsignedLong(len) * b.elemSize();
    if (byteLength > MAX_BYTE_LENGTH) {
      throw new Trap(what + " of " + byteLength + " bytes is too large");
    }
    if (p % b.alignment() != 0) {
      throw new Trap("misaligned " + what + " pointer " + p);
    }
    if (p + byteLength > mem.size()) {
      throw new Trap(what + " [" + p + ", " + (p + byteLength) + ") is out of bounds of memory");
    }
    if (b.utf8()) {
      byte[] bytes = mem.readBytes(ptr, (int) byteLength);
      if (!ascii(bytes)) {
        try {
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
          throw new Trap("invalid utf8 string data at " + p);
        }
      }
    }
    return (int) byteLength;
  }

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static int allocate(CanonOptions opts, int align, int size) {
    int ptr = opts.realloc().realloc(0, 0, align, size);
    long p = Integer.toUnsignedLong(ptr);
    if (p % align != 0) {
      throw new Trap("realloc returned a misaligned pointer " + p);
    }
    if (p + size > opts.memory().size()) {
      throw new Trap("realloc returned [" + p + ", +" + size + ") out of bounds of memory");
    }
    return ptr;
  }

  /** What lifting then lowering a flat scalar does to it. */
  static long normalize(ValueType.Prim p, long v) {
    return switch (p) {
      case BOOL -> (int) v != 0 ? 1 : 0;
      case U8 -> v & 0xff;
      case S8 -> Integer.toUnsignedLong((byte) v);
      case U16 -> v & 0xffff;
      case S16 -> Integer.toUnsignedLong((short) v);
      case U32, S32 -> v & 0xffffffffL;
      case U64, S64 -> v;
      case F32 -> Float.isNaN(Float.intBitsToFloat((int) v)) ? CANONICAL_NAN32 : v & 0xffffffffL;
      case F64 -> Double.isNaN(Double.longBitsToDouble(v)) ? CANONICAL_NAN64 : v;
      case CHAR -> {
        long c = v & 0xffffffffL;
        if (c >= 0x110000 || (c >= 0xD800 && c <= 0xDFFF)) {
          throw new Trap("invalid char 0x" + Long.toHexString(c));
        }
        yield c;
      }
      case STRING -> throw new IllegalStateException();
    };
  }
}
