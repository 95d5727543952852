package dev.plugboard.runtime.abi;

import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A range of a guest's linear memory a stream or future copies from or into (CanonicalABI.md
 * {@code BufferGuestImpl}): {@code length} elements of {@code elem} (null for a stream or future
 * without element type) at {@code ptr}; {@code progress} counts the elements copied so far.
 */
final class GuestBuffer {
  static final int MAX_LENGTH = (1 << 28) - 1;
  final AbiType elem;
  private final Context cx;
  private int ptr;
  int progress;
  final int length;

  GuestBuffer(AbiType elem, Context cx, int ptr, long length) {
    if (length > MAX_LENGTH) {
      throw new Trap("a stream or future buffer of " + length + " elements is too long");
    }
    if (elem != null && length > 0) {
      long p = Integer.toUnsignedLong(ptr);
      if (p % elem.alignment() != 0) {
        throw new Trap("misaligned buffer pointer " + p);
      }
      if (p + length * elem.size() > cx.memory().size()) {
        throw new Trap("buffer [" + p + ", +" + length * elem.size() + ") is out of bounds of memory");
      }
    }
    this.elem = elem;
    this.cx = cx;
    this.ptr = ptr;
    this.length = (int) length;
  }

  int remain() {
    return length - progress;
  }

  boolean isZeroLength() {
    return length == 0;
  }

  /** Lifts the next {@code n} elements out of guest memory. */
  List<Value> read(int n) {
    List<Value> vs;
    if (elem != null) {
      vs = Abi.loadListFromValidRange(cx, ptr, n, elem);
      ptr += n * elem.size();
    } else {
      vs = new ArrayList<>(Collections.nCopies(n, (Value) null));
    }
    progress += n;
    return vs;
  }

  /** Lowers {@code vs} into the next elements of guest memory. */
  void write(List<Value> vs) {
    if (elem != null) {
      Abi.storeListIntoValidRange(cx, vs, ptr, elem);
      ptr += vs.size() * elem.size();
    }
    progress += vs.size();
  }

  InstanceState inst() {
    return cx.inst;
  }
}
