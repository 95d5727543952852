package dev.plugboard.runtime.abi;

import com.dylibso.chicory.runtime.Memory;

/** A guest's Chicory memory; its size follows {@code memory.grow}. */
public final class ChicoryMemory implements AbiMemory {
  private final Memory memory;

  public ChicoryMemory(Memory memory) {
    this.memory = memory;
  }

  public Memory memory() {
    return memory;
  }

  @Override
  public long size() {
    return (long) memory.pages() * Memory.PAGE_SIZE;
  }

  @Override
  public byte read(int addr) {
    return memory.read(addr);
  }

  @Override
  public void write(int addr, byte value) {
    memory.writeByte(addr, value);
  }

  @Override
  public short readShort(int addr) {
    return memory.readShort(addr);
  }

  @Override
  public void writeShort(int addr, short value) {
    memory.writeShort(addr, value);
  }

  @Override
  public int readInt(int addr) {
    return memory.readInt(addr);
  }

  @Override
  public void writeInt(int addr, int value) {
    memory.writeI32(addr, value);
  }

  @Override
  public long readLong(int addr) {
    return memory.readLong(addr);
  }

  @Override
  public void writeLong(int addr, long value) {
    memory.writeLong(addr, value);
  }

  @Override
  public byte[] readBytes(int addr, int length) {
    return memory.readBytes(addr, length);
  }

  @Override
  public void write(int addr, byte[] data, int offset, int length) {
    memory.write(addr, data, offset, length);
  }
}
