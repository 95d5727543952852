package dev.plugboard.compose;

/** A composition that cannot be built as asked, with the kind of problem and a specific message. */
public final class CompositionException extends Exception {
  /** What went wrong. */
  public enum Kind {
    UNKNOWN_PACKAGE, NOT_A_COMPONENT, NOT_AN_INSTANTIATION, NO_SUCH_IMPORT, NO_SUCH_EXPORT, TYPE_MISMATCH,
    ARGUMENT_ALREADY_SET, DUPLICATE_NAME, MISSING_ARGUMENT, NOTHING_PLUGGED, UNSUPPORTED, CYCLE, INVALID_OUTPUT
  }

  private final Kind kind;

  public CompositionException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
