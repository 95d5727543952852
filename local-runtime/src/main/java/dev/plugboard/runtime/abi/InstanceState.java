package dev.plugboard.runtime.abi;

/**
 * What the Canonical ABI keeps per component instance: its handle table, whether it may be
 * entered (a trap poisons it), and whether it may currently leave to call an import.
 */
public final class InstanceState {
  private final String name;
  public final HandleTable handles = new HandleTable();
  private boolean poisoned;
  private String poisonReason;
  boolean mayLeave = true;
  private boolean inCall;
  /** The current task's {@code context.get}/{@code context.set} slots (a new task starts at zero). */
  private final int[] context = new int[2];

  public InstanceState(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public boolean poisoned() {
    return poisoned;
  }

  public void poison(String reason) {
    if (!poisoned) {
      poisoned = true;
      poisonReason = reason;
    }
  }

  /** Entering for an export call: traps if poisoned or already inside (no reentrance). */
  public void enter() {
    if (poisoned) {
      throw new Trap("cannot enter component instance " + name + ": it trapped earlier (" + poisonReason + ")");
    }
    if (inCall) {
      throw new Trap("cannot enter component instance " + name + " recursively");
    }
    inCall = true;
    context[0] = 0;
    context[1] = 0;
  }

  public int context(int slot) {
    return context[slot];
  }

  public void setContext(int slot, int value) {
    context[slot] = value;
  }

  public void leave() {
    inCall = false;
  }

  public boolean mayLeave() {
    return mayLeave;
  }

  public void setMayLeave(boolean may) {
    mayLeave = may;
  }
}
