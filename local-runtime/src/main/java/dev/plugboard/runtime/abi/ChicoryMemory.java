package dev.plugboard.runtime.abi;

import com.dylibso.chicory.runtime.Memory;

/** A guest's Chicory memory; its size follows {@code memory.grow}. */
public final class ChicoryMemory implements AbiMemory {
  private static final java.lang.invoke.VarHandle PAGES = pagesHandle();
  private final Memory memory;
  /** Chicory's page arrays when the memory is a {@code ByteArrayMemory}: for copies with no staging buffer. */
  private final byte[][] pages;

  public ChicoryMemory(Memory memory) {
    this.memory = memory;
    this.pages = PAGES != null && memory instanceof com.dylibso.chicory.runtime.ByteArrayMemory
        ? (byte[][]) PAGES.get(memory) : null;
  }

  /**
   * A new linear memory for a core instance: a {@link SparseMemory} (blocks allocated as they are
   * written), or Chicory's {@code ByteArrayMemory} for a shared memory (threads).
   */
  public static Memory create(com.dylibso.chicory.wasm.types.MemoryLimits limits) {
    return limits.shared() ? new com.dylibso.chicory.runtime.ByteArrayMemory(limits) : new SparseMemory(limits);
  }

  /** Two views of the same Chicory memory are equal (canonical options are compared by memory). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ChicoryMemory c && c.memory == memory;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(memory);
  }

  private static java.lang.invoke.VarHandle pagesHandle() {
    try {
      var lookup = java.lang.invoke.MethodHandles.privateLookupIn(com.dylibso.chicory.runtime.ByteArrayMemory.class,
          java.lang.invoke.MethodHandles.lookup());
      return lookup.findVarHandle(com.dylibso.chicory.runtime.ByteArrayMemory.class, "pages", byte[][].class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another Chicory layout: copies go through a staging array instead
    }
  }

  /**
   * Copies {@code length} bytes at {@code from} in this memory to {@code to} in {@code dst},
   * block by block when both are sparse memories, page by page when both are Chicory byte-array
   * memories; bounds are the caller's to check.
   */
  public void copyTo(int from, AbiMemory dst, int to, int length) {
    if (memory instanceof SparseMemory s && dst instanceof ChicoryMemory d && d.memory instanceof SparseMemory t
        && s != t) {
      s.copyTo(from, t, to, length);
      return;
    }
    if (pages != null && dst instanceof ChicoryMemory d && d.pages != null) {
      int remaining = length;
      int a = from;
      int b = to;
      while (remaining > 0) {
        int pa = a & 0xffff;
        int pb = b & 0xffff;
        int chunk = Math.min(remaining, Math.min(65536 - pa, 65536 - pb));
        System.arraycopy(pages[a >>> 16], pa, d.pages[b >>> 16], pb, chunk);
        a += chunk;
        b += chunk;
        remaining -= chunk;
      }
      return;
    }
    dst.write(to, readBytes(from, length), 0, length);
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
