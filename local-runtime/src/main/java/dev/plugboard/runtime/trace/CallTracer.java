package dev.plugboard.runtime.trace;

/** Receives one {@link CallEvent} per call that crosses a component boundary, when tracing is on. */
@FunctionalInterface
public interface CallTracer {
  void onCall(CallEvent event);
}
