package dev.plugboard.wave;

/** A WAVE text that does not parse or does not match its type; {@code start..end} are character offsets. */
public final class WaveException extends Exception {
  private final int start;
  private final int end;
  private final String reason;

  public WaveException(String reason, int start, int end) {
    super(reason + " at " + start + ".." + end);
    this.reason = reason;
    this.start = start;
    this.end = end;
  }

  public String reason() {
    return reason;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }
}
