package dev.plugboard.binary;

/**
 * Skips core WebAssembly types inside a component's core type section (value types,
 * reference types, limits, rec groups of GC types), checking their framing. Their meaning
 * is the core validator's business; the component keeps their bytes.
 */
final class GcTypes {
  private GcTypes() {}

  static void skipValType(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int b = in.peek();
    if (b >= 0x7b && b <= 0x7f) {
      in.u8();
      return;
    }
    if (!tryRefType(in)) {
      throw new MalformedBinaryException(at, "invalid value type (0x" + Integer.toHexString(b) + ")");
    }
  }

  static void skipRefType(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int b = in.peek();
    if (!tryRefType(in)) {
      throw new MalformedBinaryException(at, "malformed reference type (0x" + Integer.toHexString(b) + ")");
    }
  }

  private static boolean tryRefType(BinaryReader in) throws MalformedBinaryException {
    int b = in.peek();
    if (b == 0x63 || b == 0x64) {
      in.u8();
      in.s33();
      return true;
    }
    if (b >= 0x69 && b <= 0x74) {
      in.u8();
      return true;
    }
    return false;
  }

  static void skipLimits(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int flags = in.u8();
    if (flags > 0x0f) {
      throw new MalformedBinaryException(at, "invalid limits flags");
    }
    in.skipU64();
    if ((flags & 0x01) != 0) {
      in.skipU64();
    }
    if ((flags & 0x08) != 0) {
      in.u32();
    }
  }

  static void skipRecType(BinaryReader in, boolean componentContext) throws MalformedBinaryException {
    if (in.peek() == 0x4e) {
      in.u8();
      int n = in.count("rec group types", 1);
      for (int i = 0; i < n; i++) {
        skipSubType(in, false);
      }
      return;
    }
    skipSubType(in, componentContext);
  }

  private static void skipSubType(BinaryReader in, boolean componentContext) throws MalformedBinaryException {
    int b = in.peek();
    if (componentContext && b == 0x00) {
      in.u8();
      int at = in.position();
      if (in.u8() != 0x50) {
        throw new MalformedBinaryException(at, "invalid leading byte for core sub type");
      }
      skipSupertypes(in);
    } else if (b == 0x4f || (b == 0x50 && !componentContext)) {
      in.u8();
      skipSupertypes(in);
    }
    skipCompType(in);
  }

  private static void skipSupertypes(BinaryReader in) throws MalformedBinaryException {
    int n = in.count("supertypes", 1);
    for (int i = 0; i < n; i++) {
      in.u32();
    }
  }

  private static void skipCompType(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    switch (in.u8()) {
      case 0x60 -> {
        for (int part = 0; part < 2; part++) {
          int n = in.count("function types", 1);
          for (int i = 0; i < n; i++) {
            skipValType(in);
          }
        }
      }
      case 0x5f -> {
        int n = in.count("struct fields", 2);
        for (int i = 0; i < n; i++) {
          skipFieldType(in);
        }
      }
      case 0x5e -> skipFieldType(in);
      case 0x5d -> in.s33();
      default -> throw new MalformedBinaryException(at, "invalid leading byte for core composite type");
    }
  }

  private static void skipFieldType(BinaryReader in) throws MalformedBinaryException {
    int b = in.peek();
    if (b == 0x78 || b == 0x77) {
      in.u8();
    } else {
      skipValType(in);
    }
    int at = in.position();
    if (in.u8() > 1) {
      throw new MalformedBinaryException(at, "malformed mutability");
    }
  }
}
