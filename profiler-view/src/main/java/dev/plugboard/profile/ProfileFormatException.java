package dev.plugboard.profile;

/** A saved profile that cannot be read: the message names the file and where (line:col) it went wrong. */
public final class ProfileFormatException extends Exception {
  public ProfileFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
