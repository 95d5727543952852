package dev.plugboard.runtime.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A {@link CallTracer} that keeps what a profile needs. In both modes it aggregates per function
 * and per wire (counts, sums, a latency histogram each): memory that does not grow with the
 * number of calls. In {@link Mode#EXACT} it also keeps every event, up to a bound (events past
 * it are counted as dropped). Safe to read ({@link #snapshot()}) from another thread while calls
 * are recorded.
 *
 * <p>Aggregate mode samples by default ({@link #DEFAULT_SAMPLE_EVERY}): each call site's first
 * {@link CallTracer#FULL_CALLS} calls are traced one by one, later ones one in 64, each sampled
 * event counting for 64 calls. Counts, sums and histograms are then estimates past the first
 * thousand calls of a site, at a cost a long run can afford; {@code sampleEvery} 1 traces all.
 */
public final class TraceRecorder implements CallTracer {
  /** What is kept. */
  public enum Mode {
    /** Every event (up to the bound) and the aggregates: the timeline and the call tree. */
    EXACT,
    /** Per function and per wire only: bounded memory, for long runs. */
    AGGREGATE
  }

  public static final int DEFAULT_MAX_EVENTS = 100_000;
  public static final int DEFAULT_SAMPLE_EVERY = 64;

  private final Mode mode;
  private final int maxEvents;
  private final int sampleEvery;
  /** callee -> function -> totals; two levels so a lookup builds no key string. */
  private final Map<String, Map<String, Totals>> functions = new HashMap<>();
  private final Map<String, Map<String, Totals>> wires = new HashMap<>();
  private CallEvent[] events = new CallEvent[16];
  private int eventCount;
  private long dropped;
  private long calls;
  private String lastCallee;
  private String lastFunction;
  private Totals lastFunctionTotals;
  private String lastCaller;
  private String lastWireCallee;
  private Totals lastWireTotals;

  public TraceRecorder(Mode mode) {
    this(mode, DEFAULT_MAX_EVENTS);
  }

  /** Exact mode keeps up to {@code maxEvents}; aggregate mode samples one call in 64 after the first thousand. */
  public TraceRecorder(Mode mode, int maxEvents) {
    this(mode, maxEvents, mode == Mode.EXACT ? 1 : DEFAULT_SAMPLE_EVERY);
  }

  /**
   * @param sampleEvery 1 to trace every call; a power of two to sample (aggregate mode only: exact
   *     mode keeps every event)
   */
  public TraceRecorder(Mode mode, int maxEvents, int sampleEvery) {
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents < 0");
    }
    if (sampleEvery < 1 || Integer.bitCount(sampleEvery) != 1 || (mode == Mode.EXACT && sampleEvery != 1)) {
      throw new IllegalArgumentException("sampleEvery must be a power of two, and 1 in exact mode");
    }
    this.mode = mode;
    this.maxEvents = maxEvents;
    this.sampleEvery = sampleEvery;
  }

  @Override
  public int sampleEvery() {
    return sampleEvery;
  }

  public Mode mode() {
    return mode;
  }

  @Override
  public synchronized void onCall(CallEvent e) {
    calls += Math.max(1, e.weight());
    // consecutive calls mostly hit the same function and wire: compare references first
    if (e.callee() != lastCallee || e.function() != lastFunction) {
      lastFunctionTotals = totals(functions, false, e.callee(), e.function());
      lastCallee = e.callee();
      lastFunction = e.function();
    }
    lastFunctionTotals.add(e);
    if (e.caller() != lastCaller || e.callee() != lastWireCallee) {
      lastWireTotals = totals(wires, true, e.caller(), e.callee());
      lastCaller = e.caller();
      lastWireCallee = e.callee();
    }
    lastWireTotals.add(e);
    if (mode == Mode.EXACT) {
      if (eventCount < maxEvents) {
        if (eventCount == events.length) {
          events = Arrays.copyOf(events, Math.min(maxEvents, eventCount * 2));
        }
        events[eventCount++] = e;
      } else {
        dropped++;
      }
    }
  }

  private static Totals totals(Map<String, Map<String, Totals>> map, boolean wire, String a, String b) {
    return map.computeIfAbsent(a, k -> new HashMap<>()).computeIfAbsent(b, k -> new Totals(wire, a, b));
  }

  /** Forgets everything recorded. */
  public synchronized void reset() {
    functions.clear();
    wires.clear();
    events = new CallEvent[16];
    eventCount = 0;
    dropped = 0;
    calls = 0;
    lastCallee = null;
    lastFunction = null;
    lastFunctionTotals = null;
    lastCaller = null;
    lastWireCallee = null;
    lastWireTotals = null;
  }

  /** A copy of what was recorded so far. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(mode, calls, stats(functions), stats(wires), List.of(Arrays.copyOf(events, eventCount)),
        dropped);
  }

  private static List<CallStats> stats(Map<String, Map<String, Totals>> map) {
    List<CallStats> out = new ArrayList<>();
    for (Map<String, Totals> m : map.values()) {
      for (Totals t : m.values()) {
        out.add(t.stats());
      }
    }
    out.sort((x, y) -> x.key().compareTo(y.key()));
    return List.copyOf(out);
  }

  /**
   * What a recorder held at one moment.
   *
   * @param calls every call recorded
   * @param events the events kept (exact mode), in the order the calls ended
   * @param droppedEvents events past the bound, counted in the aggregates but not kept
   */
  public record Snapshot(Mode mode, long calls, List<CallStats> functions, List<CallStats> wires,
      List<CallEvent> events, long droppedEvents) {}

  /** The running sums of one function or wire. */
  private static final class Totals {
    final boolean wire;
    final String callee;
    final String function;
    final Histogram latency = CallStats.newLatencyHistogram();
    String caller;
    String callerEncoding;
    String calleeEncoding;
    long calls;
    long traps;
    long fused;
    long callerLift;
    long lower;
    long guest;
    long lift;
    long postReturn;
    long callerLower;
    long bytesIn;
    long bytesOut;
    long reallocsIn;
    long reallocsOut;
    long transcodes;
    long created;
    long lent;
    long droppedHandles;

    /** A wire's totals ({@code a} calls {@code b}) or a function's ({@code b} of instance {@code a}). */
    Totals(boolean wire, String a, String b) {
      this.wire = wire;
      this.callee = wire ? b : a;
      this.function = wire ? null : b;
      this.caller = wire ? a : null;
    }

    /** Adds an event, as many times as its weight (a sampled event stands for several calls). */
    void add(CallEvent e) {
      int w = Math.max(1, e.weight());
      calls += w;
      if (e.trap() != null) {
        traps += w;
      }
      if (e.fused()) {
        fused += w;
      }
      caller = e.caller();
      callerEncoding = e.callerEncoding();
      calleeEncoding = e.calleeEncoding();
      callerLift += w * e.callerLiftNanos();
      lower += w * e.lowerNanos();
      guest += w * e.guestNanos();
      lift += w * e.liftNanos();
      postReturn += w * e.postReturnNanos();
      callerLower += w * e.callerLowerNanos();
      bytesIn += w * e.bytesIn();
      bytesOut += w * e.bytesOut();
      reallocsIn += (long) w * e.reallocsIn();
      reallocsOut += (long) w * e.reallocsOut();
      transcodes += (long) w * e.transcodes();
      created += (long) w * e.handlesCreated();
      lent += (long) w * e.handlesLent();
      droppedHandles += (long) w * e.handlesDropped();
      latency.recordValueWithCount(Math.max(0, Math.min(e.totalNanos(), latency.getHighestTrackableValue())), w);
    }

    CallStats stats() {
      String key = wire ? caller + " -> " + callee : callee + "." + function;
      return new CallStats(key, caller, callee, function, calls, traps, fused, callerLift, lower, guest, lift,
          postReturn, callerLower, bytesIn, bytesOut, reallocsIn, reallocsOut, transcodes, callerEncoding,
          calleeEncoding, created, lent, droppedHandles, latency.copy());
    }
  }
}
