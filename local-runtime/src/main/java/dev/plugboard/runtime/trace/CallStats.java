package dev.plugboard.runtime.trace;

import org.HdrHistogram.Histogram;

/**
 * What the calls of one function (or across one wire) added up to: counts, sums of every phase
 * and counter of {@link CallEvent}, and a latency histogram of the calls' whole time. Made by
 * {@link TraceRecorder#snapshot()} (and by the profile model when it reads a saved profile); the
 * histogram is the snapshot's own copy, not to be changed.
 *
 * @param key {@code callee.function} for a function, {@code caller -> callee} for a wire
 * @param caller the calling instance (the last one seen, for a function called from several)
 * @param callee the instance called
 * @param function the function, or null for a wire
 */
public record CallStats(String key, String caller, String callee, String function, long calls, long traps,
    long fusedCalls, long callerLiftNanos, long lowerNanos, long guestNanos, long liftNanos, long postReturnNanos,
    long callerLowerNanos, long bytesIn, long bytesOut, long reallocsIn, long reallocsOut, long transcodes,
    String callerEncoding, String calleeEncoding, long handlesCreated, long handlesLent, long handlesDropped,
    Histogram latency) {

  /** The histogram's range: 1 ns to an hour, two significant digits (about 35 KiB each). */
  public static Histogram newLatencyHistogram() {
    return new Histogram(3_600_000_000_000L, 2);
  }

  public long totalNanos() {
    return callerLiftNanos + lowerNanos + guestNanos + liftNanos + postReturnNanos + callerLowerNanos;
  }

  public long abiNanos() {
    return totalNanos() - guestNanos;
  }

  /** The share of the time spent in the Canonical ABI (0 to 1). */
  public double abiShare() {
    long t = totalNanos();
    return t == 0 ? 0 : (double) abiNanos() / t;
  }

  public double meanNanos() {
    return calls == 0 ? 0 : (double) totalNanos() / calls;
  }

  public long percentileNanos(double percentile) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile);
  }

  public long maxNanos() {
    return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue();
  }

  public long bytes() {
    return bytesIn + bytesOut;
  }

  public long reallocs() {
    return reallocsIn + reallocsOut;
  }
}
