package dev.plugboard.runtime.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A fixed-size memory over a byte array (tests, and memories that must be exactly a given size). */
public final class ByteArrayMemory implements AbiMemory {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] bytes;

  public ByteArrayMemory(byte[] bytes) {
    this.bytes = bytes;
  }

  public byte[] bytes() {
    return bytes;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public byte read(int addr) {
    return bytes[addr];
  }

  @Override
  public void write(int addr, byte value) {
    bytes[addr] = value;
  }

  @Override
  public short readShort(int addr) {
    return (short) SHORT.get(bytes, addr);
  }

  @Override
  public void writeShort(int addr, short value) {
    SHORT.set(bytes, addr, value);
  }

  @Override
  public int readInt(int addr) {
    return (int) INT.get(bytes, addr);
  }

  @Override
  public void writeInt(int addr, int value) {
    INT.set(bytes, addr, value);
  }

  @Override
  public long readLong(int addr) {
    return (long) LONG.get(bytes, addr);
  }

  @Override
  public void writeLong(int addr, long value) {
    LONG.set(bytes, addr, value);
  }

  @Override
  public byte[] readBytes(int addr, int length) {
    byte[] out = new byte[length];
    System.arraycopy(bytes, addr, out, 0, length);
    return out;
  }

  @Override
  public void write(int addr, byte[] data, int offset, int length) {
    System.arraycopy(data, offset, bytes, addr, length);
  }
}
