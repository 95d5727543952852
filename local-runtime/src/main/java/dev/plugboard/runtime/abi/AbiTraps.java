package dev.plugboard.runtime.abi;

/**
 * The traps of lifting and lowering values (CanonicalABI.md "Loading", "Storing",
 * {@code lift_flat_values}/{@code lower_flat_values}), worded once for the generic path
 * ({@link Abi}) and the fused adapter ({@link FusedTransfer}). Each message starts with the
 * words Wasmtime uses for the same {@code trap_if}, so a reader (or a test of the reference
 * suite) recognises it, and then says where.
 */
final class AbiTraps {
  private AbiTraps() {}

  /** {@code what}: "string" or "list". */
  static Trap tooLong(String what, long byteLength) {
    return new Trap(what + " pointer/length out of bounds of memory: " + byteLength
        + " bytes is more than a " + what + " may take (2^28 - 1)");
  }

  static Trap misaligned(String what, long ptr, int alignment) {
    return new Trap(what + " pointer is not aligned: " + ptr + " is not a multiple of " + alignment);
  }

  static Trap outOfBounds(String what, long ptr, long byteLength, long memorySize) {
    return new Trap(what + " pointer/length out of bounds of memory: [" + ptr + ", " + (ptr + byteLength)
        + ") is past the end of memory (" + memorySize + " bytes)");
  }

  static Trap invalidString(StringEncoding encoding, long ptr) {
    String name = switch (encoding) {
      case UTF8 -> "utf-8";
      case UTF16 -> "utf-16";
      case LATIN1_UTF16 -> "utf-16 (latin1+utf16)";
    };
    return new Trap("invalid " + name + " string data at " + ptr);
  }

  /** Parameters or results stored in memory ({@code which}: "spilled values" or "return pointer"). */
  static Trap tupleMisaligned(String which, long ptr) {
    return new Trap("pointer not aligned: " + which + " at " + ptr);
  }

  static Trap tupleOutOfBounds(String which, long ptr) {
    return new Trap("pointer out of bounds of memory: " + which + " at " + ptr);
  }

  /** A handle of another resource type where {@code want} is expected ({@code trap_if(h.rt is not rt)}). */
  static Trap wrongResourceType(long index, RuntimeResource have, dev.plugboard.types.ResourceType want) {
    return new Trap("handle index " + index + " used with the wrong type: it is a " + have.name() + ", not a "
        + want.name());
  }

  /** {@code trap_if(h.num_lends != 0)} when an owned handle is moved out or dropped. */
  static Trap lentOut(long index) {
    return new Trap("cannot remove owned resource while borrowed: handle index " + index + " is lent out");
  }

  static Trap reallocMisaligned(long ptr, int alignment) {
    return new Trap("realloc return: result not aligned (" + ptr + " is not a multiple of " + alignment + ")");
  }

  static Trap reallocOutOfBounds(long ptr, long length) {
    return new Trap("realloc return: beyond end of memory ([" + ptr + ", +" + length + "))");
  }
}
