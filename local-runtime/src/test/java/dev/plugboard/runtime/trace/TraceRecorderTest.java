package dev.plugboard.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The recorder's bounds, on synthetic events. */
class TraceRecorderTest {

  private static CallEvent event(long id, String function, long guest) {
    return new CallEvent(id, 0, 1, id, "a", "b", function, 10, 20, guest, 30, 5, 15, 64, 32, 1, 1, 0, "utf8", "utf8",
        0, 0, 0, true, null, 1);
  }

  /** Ten million calls in aggregate mode take less than 50 MB: the memory does not grow with calls. */
  @Test
  void aggregateModeHoldsTenMillionCallsInBoundedMemory() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    TraceRecorder r = new TraceRecorder(TraceRecorder.Mode.AGGREGATE);
    String[] functions = {"f", "g", "h"};
    for (int i = 0; i < 10_000_000; i++) {
      r.onCall(event(i, functions[i % 3], 100 + (i % 1000)));
    }
    System.gc();
    long after = rt.totalMemory() - rt.freeMemory();
    TraceRecorder.Snapshot s = r.snapshot();
    assertThat(s.calls()).isEqualTo(10_000_000);
    assertThat(s.events()).isEmpty();
    assertThat(s.functions()).hasSize(3);
    assertThat(s.functions().getFirst().calls()).isEqualTo(3_333_334);
    assertThat(after - before).isLessThan(50L << 20);
  }

  @Test
  void percentilesAndSumsPerFunction() {
    TraceRecorder r = new TraceRecorder(TraceRecorder.Mode.EXACT);
    for (int i = 1; i <= 100; i++) {
      r.onCall(event(i, "f", i * 1000L));
    }
    CallStats f = r.snapshot().functions().getFirst();
    assertThat(f.key()).isEqualTo("b.f");
    assertThat(f.calls()).isEqualTo(100);
    assertThat(f.guestNanos()).isEqualTo(5_050_000);
    assertThat(f.totalNanos()).isEqualTo(5_050_000 + 100 * 80);
    // p50 is the 50th call, 50,080 ns, within the histogram's two significant digits
    assertThat(f.percentileNanos(50)).isBetween(49_500L, 50_600L);
    assertThat(f.maxNanos()).isBetween(99_500L, 101_000L);
    assertThat(f.abiShare()).isBetween(0.0015, 0.0017);
    assertThat(r.snapshot().wires().getFirst().key()).isEqualTo("a -> b");
  }
}
