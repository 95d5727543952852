package dev.plugboard.app.cli;

/**
 * A bad option value, found while a command runs: reported like picocli's own usage errors
 * (one line, a pointer to --help) with exit code 2.
 */
final class UsageError extends RuntimeException {
  UsageError(String message) {
    super(message, null, false, false);
  }
}
