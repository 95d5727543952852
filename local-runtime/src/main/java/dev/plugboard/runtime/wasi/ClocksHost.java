package dev.plugboard.runtime.wasi;

import dev.plugboard.types.Value;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code wasi:clocks}: the monotonic clock (with pollable deadlines) and the wall clock. */
final class ClocksHost {
  private final IoHost io;
  /** Monotonic instants count nanoseconds from this host's start, so they are never negative. */
  private final long origin = System.nanoTime();

  ClocksHost(IoHost io) {
    this.io = io;
  }

  void register(Map<String, WasiInterface> into) {
    into.put("wasi:clocks/monotonic-clock", new WasiInterface()
        .function("now", a -> Value.u64(now()))
        .function("resolution", a -> Value.u64(1))
        .function("subscribe-instant", a -> io.pollables.own(at(WasiValues.u64(a[0]))))
        .function("subscribe-duration", a -> io.pollables.own(at(saturatingAdd(now(), WasiValues.u64(a[0]))))));
    into.put("wasi:clocks/wall-clock", new WasiInterface()
        .function("now", a -> {
          Instant t = Instant.now();
          return datetime(t.getEpochSecond(), t.getNano());
        })
        .function("resolution", a -> datetime(0, 1000)));
  }

  private long now() {
    return System.nanoTime() - origin;
  }

  /** u64 nanoseconds added without wrapping: anything past {@code Long.MAX_VALUE} is "never". */
  private static long saturatingAdd(long instant, long duration) {
    return duration < 0 || instant + duration < 0 ? -1 : instant + duration;
  }

  /**
   * Ready once the monotonic clock reaches {@code instant}; an instant beyond a century from the
   * host's start (or past {@code Long.MAX_VALUE} as u64) never comes.
   */
  private IoHost.Pollable at(long instant) {
    if (instant < 0 || instant > 100L * 365 * 24 * 3600 * 1_000_000_000L) {
      return () -> false;
    }
    long when = origin + instant;
    return new IoHost.Pollable() {
      @Override
      public boolean ready() {
        return System.nanoTime() - when >= 0;
      }

      @Override
      public long readyAt() {
        return when;
      }
    };
  }

  static Value datetime(long seconds, int nanos) {
    return new Value.RecordValue(List.of(new Value.Field("seconds", Value.u64(seconds)),
        new Value.Field("nanoseconds", Value.u32(nanos))));
  }
}
