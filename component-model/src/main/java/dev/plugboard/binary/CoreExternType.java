package dev.plugboard.binary;

import java.util.Arrays;

/**
 * The type of a core table, memory or global, as far as instantiating a core module inside a
 * component needs it: an argument's export must match the module's import (core WebAssembly's
 * import matching: limits by range, value and element types by equality, mutability). Read from
 * a core module's import, table, memory and global sections and from core module types.
 *
 * @param kind 1 table, 2 memory, 3 global (the core binary format's external kinds)
 * @param valType the element reference type of a table or the value type of a global, as bytes
 * @param mutable whether a global is mutable
 * @param flags the limits flags of a table or memory (0x01 max, 0x02 shared, 0x04 64-bit, 0x08 page size)
 * @param min the minimum of the limits
 * @param max the maximum of the limits, or -1
 * @param pageSizeLog2 a memory's page size as a power of two (16 by default)
 */
public record CoreExternType(int kind, byte[] valType, boolean mutable, int flags, long min, long max,
    long pageSizeLog2) {

  /** Reads a table type ({@code reftype limits}). */
  static CoreExternType table(BinaryReader in) throws MalformedBinaryException {
    int start = in.position();
    GcTypes.skipRefType(in);
    byte[] ref = in.slice(start);
    return limits(1, ref, in);
  }

  /** Reads a memory type ({@code limits}). */
  static CoreExternType memory(BinaryReader in) throws MalformedBinaryException {
    return limits(2, null, in);
  }

  /** Reads a global type ({@code valtype mut}). */
  static CoreExternType global(BinaryReader in) throws MalformedBinaryException {
    int start = in.position();
    GcTypes.skipValType(in);
    byte[] val = in.slice(start);
    return new CoreExternType(3, val, in.u8() == 1, 0, 0, -1, 0);
  }

  private static CoreExternType limits(int kind, byte[] ref, BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int flags = in.u8();
    if (flags > 0x0f) {
      throw new MalformedBinaryException(at, "invalid limits flags");
    }
    long min = u64(in);
    long max = (flags & 0x01) != 0 ? u64(in) : -1;
    long pageSize = (flags & 0x08) != 0 ? in.u32() : 16;
    return new CoreExternType(kind, ref, false, flags, min, max, pageSize);
  }

  private static long u64(BinaryReader in) throws MalformedBinaryException {
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.u8();
      if (shift < 64) {
        result |= (long) (b & 0x7f) << shift;
      }
      if ((b & 0x80) == 0) {
        return result;
      }
      if (shift >= 63) {
        throw new MalformedBinaryException(in.position(), "integer representation too long");
      }
    }
  }

  /**
   * Why this type (an argument's export) does not match {@code expected} (a module's import),
   * in wasm-tools' words, or null when it does.
   */
  public String mismatch(CoreExternType expected) {
    switch (kind) {
      case 3 -> {
        if (mutable != expected.mutable) {
          return "global types differ in mutability";
        }
        if (!Arrays.equals(valType, expected.valType)) {
          return "expected global type " + valName(expected.valType) + ", found " + valName(valType);
        }
        return null;
      }
      case 1 -> {
        if (!Arrays.equals(valType, expected.valType)) {
          return "expected table element type " + valName(expected.valType) + ", found " + valName(valType);
        }
        if ((flags & 0x04) != (expected.flags & 0x04)) {
          return "mismatch in index type used for tables";
        }
        return limitsMatch(expected) ? null : "mismatch in table limits";
      }
      default -> {
        if ((flags & 0x02) != (expected.flags & 0x02)) {
          return "mismatch in the shared flag for memories";
        }
        if ((flags & 0x04) != (expected.flags & 0x04)) {
          return "mismatch in index type used for memories";
        }
        if (pageSizeLog2 != expected.pageSizeLog2) {
          return "mismatch in page size for memories";
        }
        return limitsMatch(expected) ? null : "mismatch in memory limits";
      }
    }
  }

  private boolean limitsMatch(CoreExternType expected) {
    if (Long.compareUnsigned(min, expected.min) < 0) {
      return false;
    }
    return expected.max < 0 || (max >= 0 && Long.compareUnsigned(max, expected.max) <= 0);
  }

  private static String valName(byte[] t) {
    if (t.length == 1) {
      return switch (t[0] & 0xff) {
        case 0x7f -> "i32";
        case 0x7e -> "i64";
        case 0x7d -> "f32";
        case 0x7c -> "f64";
        case 0x7b -> "v128";
        case 0x70 -> "funcref";
        case 0x6f -> "externref";
        case 0x69 -> "exnref";
        default -> "ref";
      };
    }
    return "ref";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoreExternType t && kind == t.kind && Arrays.equals(valType, t.valType)
        && mutable == t.mutable && flags == t.flags && min == t.min && max == t.max
        && pageSizeLog2 == t.pageSizeLog2;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(valType) * 31 + Long.hashCode(min) + kind;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case 3 -> (mutable ? "(mut " + valName(valType) + ")" : valName(valType));
      case 1 -> "table " + min + (max >= 0 ? " " + max : "") + " " + valName(valType);
      default -> "memory " + min + (max >= 0 ? " " + max : "");
    };
  }
}
