package dev.plugboard.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * The handle table of one component instance (CanonicalABI.md {@code Table}): resource handles,
 * waitables (subtasks, stream and future ends), waitable sets and error contexts share one index
 * space. Index 0 is never used; freed slots are reused.
 */
public final class HandleTable {
  private static final int MAX_LENGTH = (1 << 28) - 1;
  private final List<Object> array = new ArrayList<>();
  private final List<Integer> free = new ArrayList<>();

  public HandleTable() {
    array.add(null);
  }

  public int add(Object h) {
    if (!free.isEmpty()) {
      int i = free.removeLast();
      array.set(i, h);
      return i;
    }
    if (array.size() > MAX_LENGTH) {
      throw new Trap("the handle table is full");
    }
    array.add(h);
    return array.size() - 1;
  }

  /** The element at {@code index}, of any kind; traps when there is none. */
  public Object getAny(long index) {
    if (index <= 0 || index >= array.size() || array.get((int) index) == null) {
      throw new Trap("unknown handle index " + Long.toUnsignedString(index));
    }
    return array.get((int) index);
  }

  /** The element at {@code index}, or null when there is none. */
  public Object getOrNull(long index) {
    return index <= 0 || index >= array.size() ? null : array.get((int) index);
  }

  /** The element at {@code index}, which must be a {@code kind}. */
  public <T> T get(long index, Class<T> kind, String what) {
    Object e = getAny(index);
    if (!kind.isInstance(e)) {
      throw new Trap("handle " + Long.toUnsignedString(index) + " is not " + what);
    }
    return kind.cast(e);
  }

  public ResourceHandle get(long index) {
    return get(index, ResourceHandle.class, "a resource handle");
  }

  public Object removeAny(long index) {
    Object h = getAny(index);
    array.set((int) index, null);
    free.add((int) index);
    return h;
  }

  /** Removes the element at {@code index}, which must be a {@code kind} (checked before removing). */
  public <T> T remove(long index, Class<T> kind, String what) {
    T e = get(index, kind, what);
    removeAny(index);
    return e;
  }

  public ResourceHandle remove(long index) {
    return remove(index, ResourceHandle.class, "a resource handle");
  }
}
