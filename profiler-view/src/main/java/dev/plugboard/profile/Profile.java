package dev.plugboard.profile;

import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.runtime.trace.TraceRecorder;
import java.util.List;
import java.util.Optional;

/**
 * One profiling run: what was run, and what the calls across component boundaries cost, per
 * function and per wire, with the events themselves in exact mode. Immutable; saved and read
 * back by {@link ProfileJson}.
 *
 * @param source the component (file name) that was run
 * @param workload what was called, e.g. {@code pump(1000, 1024) × 100}
 * @param mode exact (events kept) or aggregate
 * @param startedAt when the run started (ISO-8601), or empty
 * @param wallNanos how long the run took, wall clock
 * @param calls every call recorded (events past the bound included)
 * @param functions per function ({@code callee.function}), sorted by key
 * @param wires per wire ({@code caller -> callee}), sorted by key
 * @param events the events kept (exact mode), in the order the calls ended
 * @param droppedEvents events past the exact mode's bound
 */
public record Profile(String source, String workload, TraceRecorder.Mode mode, String startedAt, long wallNanos,
    long calls, List<CallStats> functions, List<CallStats> wires, List<CallEvent> events, long droppedEvents) {

  public Profile {
    functions = List.copyOf(functions);
    wires = List.copyOf(wires);
    events = List.copyOf(events);
  }

  /** A profile of what {@code snapshot} recorded. */
  public static Profile of(String source, String workload, String startedAt, long wallNanos,
      TraceRecorder.Snapshot snapshot) {
    return new Profile(source, workload, snapshot.mode(), startedAt, wallNanos, snapshot.calls(),
        snapshot.functions(), snapshot.wires(), snapshot.events(), snapshot.droppedEvents());
  }

  public Optional<CallStats> function(String key) {
    return functions.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /** Nanoseconds of all calls from the host (the time the profile accounts for). */
  public long hostNanos() {
    return wires.stream().filter(w -> CallEvent.HOST.equals(w.caller())).mapToLong(CallStats::totalNanos).sum();
  }
}
