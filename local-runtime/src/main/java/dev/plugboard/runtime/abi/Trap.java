package dev.plugboard.runtime.abi;

/**
 * A trap: the guest or the Canonical ABI found a fault. The call is abandoned; the message says
 * why. Where it is known, {@link #where} names the component and function.
 */
public final class Trap extends RuntimeException {
  private final String reason;
  private final String where;

  public Trap(String reason) {
    this(reason, null, null);
  }

  public Trap(String reason, String where, Throwable cause) {
    super(where == null ? reason : where + ": " + reason, cause, false, false);
    this.reason = reason;
    this.where = where;
  }

  public String reason() {
    return reason;
  }

  public String where() {
    return where;
  }

  /** The same trap, with the place it happened (kept if already known). */
  public Trap at(String place) {
    return where != null ? this : new Trap(reason, place, getCause());
  }
}
