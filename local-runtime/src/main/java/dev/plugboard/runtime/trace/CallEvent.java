package dev.plugboard.runtime.trace;

/**
 * One call across a component boundary and what the Canonical ABI cost: nanoseconds lowering
 * the arguments into the callee, in the guest, lifting the results out, in post-return, and in
 * the caller's lift of the arguments and lower of the results (0 when the host called);
 * bytes copied through linear memory, {@code realloc} calls, and strings transcoded.
 *
 * @param caller the calling component instance, or {@code host}
 * @param callee the component instance that implements the function
 */
public record CallEvent(String caller, String callee, String function, long callerLiftNanos, long lowerNanos,
    long guestNanos, long liftNanos, long postReturnNanos, long callerLowerNanos, long bytes, int reallocCalls,
    int transcodes, boolean trapped) {

  public long totalNanos() {
    return callerLiftNanos + lowerNanos + guestNanos + liftNanos + postReturnNanos + callerLowerNanos;
  }

  /** Time spent in the Canonical ABI rather than in the guest. */
  public long abiNanos() {
    return totalNanos() - guestNanos;
  }
}
