package dev.plugboard.binary;

/** A well-formed component that breaks a validation rule; the offset is where its section starts. */
public final class InvalidComponentException extends Exception {
  private final long offset;

  public InvalidComponentException(long offset, String message) {
    super(message, null, false, false);
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }

  public String describe() {
    return getMessage() + (offset >= 0 ? " (at byte " + offset + ")" : "");
  }
}
