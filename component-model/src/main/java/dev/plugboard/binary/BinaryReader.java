package dev.plugboard.binary;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A cursor over a Wasm binary. Every read is bounds-checked against the end of the input,
 * and no length read from the input is trusted before it is compared with what remains,
 * so hostile input can neither overrun nor make the reader allocate beyond the input size.
 */
public final class BinaryReader {
  private final byte[] bytes;
  private final int end;
  private int position;

  public BinaryReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  public BinaryReader(byte[] bytes, int start, int end) {
    if (start < 0 || end > bytes.length || start > end) {
      throw new IllegalArgumentException("bad window " + start + ".." + end);
    }
    this.bytes = bytes;
    this.position = start;
    this.end = end;
  }

  public int position() {
    return position;
  }

  public int remaining() {
    return end - position;
  }

  public boolean atEnd() {
    return position >= end;
  }

  public int u8() throws MalformedBinaryException {
    if (position >= end) {
      throw new MalformedBinaryException(position, "unexpected end of input");
    }
    return bytes[position++] & 0xff;
  }

  /** An unsigned LEB128 number of at most 32 bits. */
  public long u32() throws MalformedBinaryException {
    int start = position;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8();
      if (shift == 28 && (b & 0x70) != 0) {
        throw new MalformedBinaryException(start, "integer too large for u32");
      }
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      if (shift == 28) {
        throw new MalformedBinaryException(start, "integer representation too long");
      }
    }
  }

  /** A signed LEB128 number of at most 33 bits (value types and heap types). */
  public long s33() throws MalformedBinaryException {
    int start = position;
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (shift > 28) {
        throw new MalformedBinaryException(start, "invalid var_s33: integer representation too long");
      }
      b = u8();
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    if (result < -(1L << 32) || result >= (1L << 32)) {
      throw new MalformedBinaryException(start, "invalid var_s33: integer too large");
    }
    return result;
  }

  /** An unsigned LEB128 number of at most 64 bits, skipped. */
  public void skipU64() throws MalformedBinaryException {
    int start = position;
    for (int i = 0; ; i++) {
      if (i == 10) {
        throw new MalformedBinaryException(start, "integer representation too long");
      }
      if ((u8() & 0x80) == 0) {
        return;
      }
    }
  }

  /** Reads a count of items each at least {@code minItemSize} bytes long, checked against what remains. */
  public int count(String what, int minItemSize) throws MalformedBinaryException {
    int at = position;
    long n = u32();
    if (n * Math.max(1, minItemSize) > remaining()) {
      throw new MalformedBinaryException(at, what + " count " + n + " is larger than the remaining " + remaining()
          + " bytes can hold");
    }
    return (int) n;
  }

  public int peek() throws MalformedBinaryException {
    if (position >= end) {
      throw new MalformedBinaryException(position, "unexpected end of input");
    }
    return bytes[position] & 0xff;
  }

  /** The bytes from {@code start} to the current position. */
  public byte[] slice(int start) {
    byte[] out = new byte[position - start];
    System.arraycopy(bytes, start, out, 0, out.length);
    return out;
  }

  public byte[] source() {
    return bytes;
  }

  public int end() {
    return end;
  }

  /** A length that must fit in what remains of the input: the guard against untrusted sizes. */
  public int length(String what) throws MalformedBinaryException {
    int at = position;
    long n = u32();
    if (n > remaining()) {
      throw new MalformedBinaryException(
          at, what + " length " + n + " exceeds the " + remaining() + " remaining bytes");
    }
    return (int) n;
  }

  public byte[] bytes(int n) throws MalformedBinaryException {
    if (n < 0 || n > remaining()) {
      throw new MalformedBinaryException(position, "unexpected end of input");
    }
    byte[] out = new byte[n];
    System.arraycopy(bytes, position, out, 0, n);
    position += n;
    return out;
  }

  public void skip(int n) throws MalformedBinaryException {
    if (n < 0 || n > remaining()) {
      throw new MalformedBinaryException(position, "unexpected end of input");
    }
    position += n;
  }

  /** A length-prefixed UTF-8 name; invalid UTF-8 is malformed. */
  public String name() throws MalformedBinaryException {
    int n = length("name");
    int at = position;
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, position, n))
          .toString();
      position += n;
      return s;
    } catch (CharacterCodingException e) {
      throw new MalformedBinaryException(at, "malformed UTF-8 encoding");
    }
  }
}
