package dev.plugboard.runtime.abi;

/** The {@code string-encoding} canonical option. */
public enum StringEncoding {
  UTF8("utf8"), UTF16("utf16"), LATIN1_UTF16("latin1+utf16");

  /** The tag bit of a UTF-16 length in {@code latin1+utf16} (32-bit memories). */
  public static final long UTF16_TAG = 1L << 31;

  private final String spelling;

  StringEncoding(String spelling) {
    this.spelling = spelling;
  }

  public String spelling() {
    return spelling;
  }

  public static StringEncoding of(String spelling) {
    for (StringEncoding e : values()) {
      if (e.spelling.equals(spelling)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown string encoding " + spelling);
  }

  /** The (tagged) code-unit count a string has in this encoding, as the reference's String triple records it. */
  public long taggedCodeUnits(String s) {
    return switch (this) {
      case UTF8 -> Utf8.length(s);
      case UTF16 -> s.length();
      case LATIN1_UTF16 -> Latin1.fits(s) ? s.length() : s.length() | UTF16_TAG;
    };
  }

  static final class Utf8 {
    static long length(String s) {
      long n = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          n++;
        } else if (c < 0x800) {
          n += 2;
        } else if (Character.isHighSurrogate(c)) {
          n += 4;
          i++;
        } else {
          n += 3;
        }
      }
      return n;
    }
  }

  static final class Latin1 {
    static boolean fits(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= 0x100) {
          return false;
        }
      }
      return true;
    }
  }
}
