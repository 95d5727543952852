package dev.plugboard.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * One synchronous call into a component instance: the scope of the borrows it received and of
 * the handles it lent (CanonicalABI.md {@code Task} for the synchronous case).
 */
public final class Task {
  int numBorrows;
  private final List<ResourceHandle> lenders = new ArrayList<>();

  void addLender(ResourceHandle h) {
    h.numLends++;
    lenders.add(h);
  }

  /** Ends the call: lent handles are returned, and every borrow it received must be dropped. */
  public void exit() {
    for (ResourceHandle h : lenders) {
      h.numLends--;
    }
    lenders.clear();
    if (numBorrows != 0) {
      throw new Trap("borrow handles still remain at the end of the call");
    }
  }
}
