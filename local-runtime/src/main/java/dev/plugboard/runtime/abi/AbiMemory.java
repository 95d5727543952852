package dev.plugboard.runtime.abi;

/** A linear memory as the Canonical ABI sees it: bytes, little-endian. */
public interface AbiMemory {
  /** The current size in bytes. */
  long size();

  byte read(int addr);

  void write(int addr, byte value);

  short readShort(int addr);

  void writeShort(int addr, short value);

  int readInt(int addr);

  void writeInt(int addr, int value);

  long readLong(int addr);

  void writeLong(int addr, long value);

  byte[] readBytes(int addr, int length);

  void write(int addr, byte[] data, int offset, int length);
}
