package dev.plugboard.runtime;

import dev.plugboard.runtime.trace.CallTracer;

/**
 * Which calls of one call site are traced (see {@link CallTracer#sampleEvery()}): the first
 * {@link CallTracer#FULL_CALLS}, then one in {@code every}. Not synchronised: a lost count under
 * concurrent calls only shifts which call is sampled.
 */
final class Sampler {
  private final long mask;
  private long calls;

  Sampler(CallTracer tracer) {
    int every = tracer.sampleEvery();
    if (every < 1 || Integer.bitCount(every) != 1) {
      throw new IllegalArgumentException("sampleEvery must be a power of two, got " + every);
    }
    this.mask = every - 1;
  }

  /** The weight of the next call's event, or 0 when it is not traced. */
  int next() {
    long n = calls++;
    if (n < CallTracer.FULL_CALLS) {
      return 1;
    }
    return ((n - CallTracer.FULL_CALLS) & mask) == 0 ? (int) mask + 1 : 0;
  }
}
