package dev.plugboard.runtime.wasi;

import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.U8List;
import dev.plugboard.types.Value;

/** Reading host-function arguments and building WASI results. */
final class WasiValues {
  static final Value OK = new Value.ResultValue(true, null);
  /** Anything larger than a 32-bit guest memory could hold is refused before it is allocated. */
  static final long MAX_BUFFER = 1L << 30;

  private WasiValues() {}

  static Value ok(Value v) {
    return new Value.ResultValue(true, v);
  }

  static Value err(Value v) {
    return new Value.ResultValue(false, v);
  }

  static Value errCode(ErrorCode code) {
    return err(new Value.EnumValue(code.witName()));
  }

  static long u64(Value v) {
    return ((Value.Int) v).value();
  }

  static String string(Value v) {
    return ((Value.Str) v).value();
  }

  static boolean flag(Value flags, String name) {
    return ((Value.FlagsValue) flags).names().contains(name);
  }

  static byte[] bytes(Value v) {
    var elements = ((Value.ListValue) v).elements();
    if (elements instanceof U8List u) {
      return u.rawBytes();
    }
    byte[] out = new byte[elements.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Value.Int) elements.get(i)).value();
    }
    return out;
  }

  static Value list(byte[] bytes) {
    return new Value.ListValue(U8List.wrap(bytes));
  }

  /** A length the guest asked for, capped at {@code cap}; a length no memory could hold traps. */
  static int length(Value v, String what, int cap) {
    long n = u64(v);
    if (n < 0 || n > MAX_BUFFER) {
      throw new Trap(what + ": " + Long.toUnsignedString(n) + " bytes is more than a guest memory can hold");
    }
    return (int) Math.min(n, cap);
  }

  /** Stops a guest whose deadline passed while it was in (or kept calling) the host. */
  static void checkInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Trap("interrupted (the call ran past its deadline)");
    }
  }
}
