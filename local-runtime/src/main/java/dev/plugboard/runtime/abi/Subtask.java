package dev.plugboard.runtime.abi;

/**
 * The caller's side of a call made through {@code canon lower} (CanonicalABI.md {@code Subtask}):
 * its progress, the handles lent to the callee (in {@link #scope}), and the flat results once
 * returned.
 */
public final class Subtask extends Waitable {
  public static final int STARTING = 0;
  public static final int STARTED = 1;
  public static final int RETURNED = 2;
  public static final int CANCELLED_BEFORE_STARTED = 3;
  public static final int CANCELLED_BEFORE_RETURNED = 4;

  public int state = STARTING;
  /** The borrow scope of the call: the handles lent to the callee. */
  public final Task scope = new Task();
  public Runnable onCancel;
  boolean cancellationRequested;
  private boolean resolveDelivered;
  public long[] flatResults = new long[0];

  public boolean resolved() {
    return state >= RETURNED;
  }

  public void resolve(int newState, long[] results) {
    state = newState;
    flatResults = results;
  }

  /** Returns the lent handles; after this the subtask may be dropped. */
  public void deliverResolve() {
    scope.releaseLenders();
    resolveDelivered = true;
  }

  public boolean resolveDelivered() {
    return resolveDelivered;
  }

  /** Called once the call made progress; an async caller then gets a SUBTASK event. */
  public void onProgress(int index) {
    setPendingEvent(() -> {
      if (resolved() && !resolveDelivered) {
        deliverResolve();
      }
      return new int[] {SUBTASK, index, state};
    });
  }

  @Override
  void drop() {
    if (!resolveDelivered) {
      throw new Trap("cannot drop a subtask before it resolved and its resolution was delivered");
    }
    super.drop();
  }
}
