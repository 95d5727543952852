package dev.plugboard.types;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The elements of a {@code list<u8>} kept as bytes: what the Canonical ABI lifts a byte buffer
 * into, so that moving it between memories is one copy. Immutable; equal to any list of the
 * same {@code u8} values.
 */
public final class U8List extends AbstractList<Value> implements RandomAccess {
  private final byte[] bytes;

  private U8List(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps {@code bytes} without copying; the caller must not change them afterwards. */
  public static U8List wrap(byte[] bytes) {
    return new U8List(bytes);
  }

  public static U8List copyOf(byte[] bytes) {
    return new U8List(bytes.clone());
  }

  /** The bytes themselves, not a copy: read them, never write them. */
  public byte[] rawBytes() {
    return bytes;
  }

  @Override
  public Value get(int index) {
    return new Value.Int(ValueType.Prim.U8, bytes[index] & 0xff);
  }

  @Override
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof U8List other) {
      return Arrays.equals(bytes, other.bytes);
    }
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
