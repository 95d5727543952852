package dev.plugboard.binary;

/**
 * A binary that does not follow the format. Carries the byte offset at which reading
 * stopped, so every front (CLI, IDE) can say where the problem is.
 */
public final class MalformedBinaryException extends Exception {
  private final long offset;

  public MalformedBinaryException(long offset, String message) {
    super(message);
    this.offset = offset;
  }

  /** The byte offset of the problem, from the start of the file. */
  public long offset() {
    return offset;
  }

  /** {@code message (at byte N)}, the form the CLI prints. */
  public String describe() {
    return getMessage() + " (at byte " + offset + ")";
  }
}
