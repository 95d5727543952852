package dev.plugboard.runtime.abi;

/**
 * Validity of string data in guest memory, checked where it lies (no decoding into a Java
 * string): well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF) and
 * UTF-16LE without unpaired surrogates, the same input Java's reporting decoders accept.
 */
final class Utf {
  /** Below this many bytes, data is read byte by byte rather than copied out first. */
  private static final int SMALL = 32;

  private Utf() {}

  static boolean validUtf8(AbiMemory mem, int ptr, int n) {
    if (n <= SMALL) {
      for (int i = 0; i < n; i++) {
        if (mem.read(ptr + i) < 0) {
          return validUtf8(mem.readBytes(ptr, n));
        }
      }
      return true;
    }
    return validUtf8(mem.readBytes(ptr, n));
  }

  static boolean validUtf8(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + need >= n) {
        return false;
      }
      int cp = c & (0x3f >> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return false;
      }
      i += need + 1;
    }
    return true;
  }

  static boolean validUtf16(AbiMemory mem, int ptr, int n) {
    return validUtf16(mem.readBytes(ptr, n));
  }

  static boolean validUtf16(byte[] b) {
    int n = b.length;
    for (int i = 0; i + 1 < n; i += 2) {
      int u = (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
      if (u >= 0xd800 && u <= 0xdbff) {
        if (i + 3 >= n) {
          return false;
        }
        int lo = (b[i + 2] & 0xff) | (b[i + 3] & 0xff) << 8;
        if (lo < 0xdc00 || lo > 0xdfff) {
          return false;
        }
        i += 2;
      } else if (u >= 0xdc00 && u <= 0xdfff) {
        return false;
      }
    }
    return true;
  }
}
