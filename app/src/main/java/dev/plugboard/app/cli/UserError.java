package dev.plugboard.app.cli;

/**
 * A problem with what the user asked for (a missing file, malformed input): printed as one
 * line on stderr with exit code 1, never as a stack trace.
 */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
