package dev.plugboard.runtime.trace;

/**
 * One call across a component boundary and what the Canonical ABI cost.
 *
 * <p>The call's time is split into phases that add up to {@link #totalNanos()} exactly (each
 * phase starts where the previous one ended): the caller-side lift of the arguments out of the
 * caller's memory (0 when the host called, or on the fused path, which lifts and lowers in one
 * pass), the lower of the arguments into the callee, the guest (the callee's core function,
 * including the calls it makes), the lift of the results out of the callee, {@code post-return},
 * and the caller-side lower of the results into the caller's memory (0 for the host and fused).
 *
 * <p>Bytes: {@code bytesIn} are written into the callee's memory by the lower, {@code bytesOut}
 * are read out of the callee's memory for the results. {@code reallocsIn} are {@code realloc}
 * calls into the callee, {@code reallocsOut} into the caller (results copied back).
 * {@code transcodes} counts strings whose encoding changed on the way (the two encodings of the
 * wire are {@code callerEncoding} and {@code calleeEncoding}; the host passes {@code utf8}).
 * Handles: owned handles created in a table by the call, borrows lent, owned handles taken out
 * of a table (ownership moved). {@code trap} is the trap's message, or null.
 *
 * @param id the call's id, unique in the process (from 1)
 * @param parent the id of the call this one was made inside of, or 0 for a call from the host
 * @param thread the Java thread that made the call
 * @param startNanos {@link System#nanoTime()} when the call started
 * @param caller the calling component instance, or {@code host}
 * @param callee the component instance that implements the function
 * @param fused whether the call went through a fused adapter (no {@code Value}s built)
 * @param weight how many calls this event stands for: 1, or more when the tracer samples
 *     ({@link CallTracer#sampleEvery()})
 */
public record CallEvent(long id, long parent, long thread, long startNanos, String caller, String callee,
    String function, long callerLiftNanos, long lowerNanos, long guestNanos, long liftNanos, long postReturnNanos,
    long callerLowerNanos, long bytesIn, long bytesOut, int reallocsIn, int reallocsOut, int transcodes,
    String callerEncoding, String calleeEncoding, int handlesCreated, int handlesLent, int handlesDropped,
    boolean fused, String trap, int weight) {

  public static final String HOST = "host";

  /** The call's whole time: the sum of its phases. */
  public long totalNanos() {
    return callerLiftNanos + lowerNanos + guestNanos + liftNanos + postReturnNanos + callerLowerNanos;
  }

  /** Time spent in the Canonical ABI rather than in the guest. */
  public long abiNanos() {
    return totalNanos() - guestNanos;
  }

  /** Bytes copied both ways. */
  public long bytes() {
    return bytesIn + bytesOut;
  }

  /** {@code realloc} calls on both sides. */
  public int reallocCalls() {
    return reallocsIn + reallocsOut;
  }

  public boolean trapped() {
    return trap != null;
  }

  /** The function as the profile names it: {@code callee.function}. */
  public String qualifiedFunction() {
    return callee + "." + function;
  }

  /** The wire the call crossed: {@code caller -> callee}. */
  public String wire() {
    return caller + " -> " + callee;
  }
}
