package dev.plugboard.compose;

/** A composition that cannot be built as asked, with the kind of problem and a specific message. */
public final class CompositionException extends Exception {
  /** What went wrong. */
  public enum Kind {
    UNKNOWN_PACKAGE, NOT_A_COMPONENT, NOT_AN_INSTANTIATION, NO_SUCH_IMPORT, NO_SUCH_EXPORT, TYPE_MISMATCH,
    ARGUMENT_ALREADY_SET, DUPLICATE_NAME, MISSING_ARGUMENT, NOTHING_PLUGGED, UNSUPPORTED, CYCLE, INVALID_OUTPUT
  }

  private final Kind kind;
  private final java.util.List<String> path;
  private final String reason;

  public CompositionException(Kind kind, String message) {
    this(kind, message, java.util.List.of(), message);
  }

  /**
   * A type mismatch, with where the types first differ ({@code function `draw`},
   * {@code parameter `p`}, {@code field `y`}) and why, for a front to show on the port.
   */
  public CompositionException(Kind kind, String message, java.util.List<String> path, String reason) {
    super(message);
    this.kind = kind;
    this.path = java.util.List.copyOf(path);
    this.reason = reason;
  }

  /** The path into the type where a mismatch is; empty for other problems. */
  public java.util.List<String> path() {
    return path;
  }

  /** Why, at the end of {@link #path()}: {@code expected u32, found s32}. */
  public String reason() {
    return reason;
  }

  public Kind kind() {
    return kind;
  }
}
