package dev.plugboard.runtime.trace;

/**
 * Receives one {@link CallEvent} per call that crosses a component boundary, when tracing is on.
 *
 * <p>A tracer may ask for sampling ({@link #sampleEvery()} above 1): each call site (an adapter
 * between two instances, or an export called by the host) then traces its first
 * {@link #FULL_CALLS} calls, and after that one call in {@code sampleEvery}, whose event's
 * {@link CallEvent#weight()} says how many calls it stands for. The calls not traced take the
 * untraced path, which is what keeps an always-on aggregate profile cheap.
 */
@FunctionalInterface
public interface CallTracer {
  /** Calls of each call site traced one by one before sampling starts. */
  int FULL_CALLS = 1024;

  void onCall(CallEvent event);

  /** 1 (the default): every call; otherwise a power of two, read when a component is instantiated. */
  default int sampleEvery() {
    return 1;
  }
}
