package dev.plugboard.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/** The handle table of one component instance: index 0 is never used; freed slots are reused. */
public final class HandleTable {
  private static final int MAX_LENGTH = 1 << 28;
  private final List<ResourceHandle> array = new ArrayList<>();
  private final List<Integer> free = new ArrayList<>();

  public HandleTable() {
    array.add(null);
  }

  public int add(ResourceHandle h) {
    if (!free.isEmpty()) {
      int i = free.removeLast();
      array.set(i, h);
      return i;
    }
    if (array.size() >= MAX_LENGTH) {
      throw new Trap("the handle table is full");
    }
    array.add(h);
    return array.size() - 1;
  }

  public ResourceHandle get(long index) {
    if (index <= 0 || index >= array.size() || array.get((int) index) == null) {
      throw new Trap("unknown handle index " + Long.toUnsignedString(index));
    }
    return array.get((int) index);
  }

  public ResourceHandle remove(long index) {
    ResourceHandle h = get(index);
    array.set((int) index, null);
    free.add((int) index);
    return h;
  }
}
