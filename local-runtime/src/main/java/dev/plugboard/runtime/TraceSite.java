package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.Context;
import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.CallTracer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One traced call while it runs: the caller side creates it (taking a call id and the current
 * call as its parent), both sides fill in their phases and counts, and {@link #finish} hands the
 * {@link CallEvent} to the tracer. Phases are measured between shared timestamps
 * ({@link #mark}), so they add up to the call's time. Only built when a tracer is set.
 */
final class TraceSite {
  private static final AtomicLong NEXT_ID = new AtomicLong();
  /** Passed down by a caller-side adapter for a call it does not trace (sampling). */
  static final TraceSite UNTRACED = new TraceSite();
  private static final ThreadLocal<Stack> STACK = ThreadLocal.withInitial(Stack::new);

  /** Ids handed to a thread at a time, so taking one needs no atomic operation. */
  private static final long ID_BLOCK = 1 << 16;

  /** The ids of the traced calls running on a thread, innermost last, and the thread's next ids. */
  private static final class Stack {
    long[] ids = new long[32];
    int depth;
    long nextId;
    long idLimit;

    long newId() {
      if (nextId == idLimit) {
        nextId = NEXT_ID.getAndAdd(ID_BLOCK) + 1;
        idLimit = nextId + ID_BLOCK;
      }
      return nextId++;
    }
  }

  private final Stack stack;
  final long id;
  final long parent;
  final long start;
  final String caller;
  final String callerEncoding;
  /** The end of the last phase measured. */
  long mark;
  /** The phases a fused call has finished (the one a trap interrupts takes the rest of the time). */
  int step;
  long callerLift;
  long lower;
  long guest;
  long lift;
  long postReturn;
  long callerLower;
  long bytesIn;
  long bytesOut;
  int reallocsIn;
  int reallocsOut;
  int transcodes;
  int handlesCreated;
  int handlesLent;
  int handlesDropped;
  String calleeEncoding;
  boolean fused;
  String trap;
  /** How many calls this one stands for (sampling). */
  int weight = 1;

  private TraceSite() {
    this.stack = null;
    this.id = 0;
    this.parent = 0;
    this.start = 0;
    this.caller = null;
    this.callerEncoding = null;
  }

  /** A synchronous call: the calls made while it runs on this thread are its children. */
  TraceSite(String caller, String callerEncoding, long start) {
    this(caller, callerEncoding, start, true);
  }

  /**
   * With {@code nested} false, an asynchronous call, which ends after its caller went on: it has
   * a parent but no children (the calls made meanwhile are not inside it).
   */
  TraceSite(String caller, String callerEncoding, long start, boolean nested) {
    this.caller = caller;
    this.callerEncoding = callerEncoding;
    this.start = start;
    this.mark = start;
    Stack s = STACK.get();
    this.id = s.newId();
    this.parent = s.depth == 0 ? 0 : s.ids[s.depth - 1];
    if (nested) {
      if (s.depth == s.ids.length) {
        s.ids = java.util.Arrays.copyOf(s.ids, s.depth * 2);
      }
      s.ids[s.depth++] = id;
      this.stack = s;
    } else {
      this.stack = null;
    }
  }

  /** The time since the last mark, moving the mark to now. */
  long phase() {
    long now = System.nanoTime();
    long d = now - mark;
    mark = now;
    return d;
  }

  /** Adds what a lift or lower context counted besides bytes and reallocs (transcodes, handles). */
  void count(Context cx) {
    transcodes += cx.transcodes;
    handlesCreated += cx.handlesCreated;
    handlesLent += cx.handlesLent;
    handlesDropped += cx.handlesDropped;
  }

  void finish(CallTracer tracer, String callee, String function) {
    if (stack != null) {
      stack.depth--;
    }
    tracer.onCall(new CallEvent(id, parent, Thread.currentThread().threadId(), start, caller, callee, function,
        callerLift, lower, guest, lift, postReturn, callerLower, bytesIn, bytesOut, reallocsIn, reallocsOut,
        transcodes, callerEncoding, calleeEncoding, handlesCreated, handlesLent, handlesDropped, fused, trap,
        weight));
  }
}
