package dev.plugboard.runtime.abi;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A guest's linear memory (not shared) whose bytes are held in blocks of 4 KiB that are
 * allocated when first written: a block never written reads as zeros from one block all memories
 * share. Its block table is sized by the memory's current size, not its declared maximum, and
 * grows with {@code memory.grow}. An instance that touches a few kilobytes of its first page
 * costs a few kilobytes, not the 64 KiB page plus a table sized by the maximum that Chicory's
 * {@code ByteArrayMemory} allocates.
 *
 * <p>Accesses within a block are one array load and a {@code VarHandle} access, as in
 * {@code ByteArrayMemory}; a write checks whether its block is still the shared zero block.
 * Out-of-bounds accesses fail the same way: a {@link WasmRuntimeException} naming the address.
 */
public final class SparseMemory implements Memory {
  static final int BLOCK_SHIFT = 12;
  static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;
  private static final int BLOCK_MASK = BLOCK_SIZE - 1;
  private static final int BLOCKS_PER_PAGE = PAGE_SIZE / BLOCK_SIZE;
  /** Every block not yet written: all zeros, and never written (writes replace it first). */
  private static final byte[] ZERO = new byte[BLOCK_SIZE];

  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
      ByteOrder.LITTLE_ENDIAN);

  private final int initialPages;
  private final int maximumPages;
  private byte[][] blocks;
  private int pages;
  private DataSegment[] dataSegments;

  /** @throws IllegalArgumentException for a shared memory (use Chicory's {@code ByteArrayMemory}) */
  public SparseMemory(MemoryLimits limits) {
    if (limits.shared()) {
      throw new IllegalArgumentException("shared memories are not sparse");
    }
    this.initialPages = limits.initialPages();
    this.maximumPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    this.pages = initialPages;
    this.blocks = new byte[pages * BLOCKS_PER_PAGE][];
    Arrays.fill(blocks, ZERO);
  }

  /** How many bytes of blocks this memory holds (written blocks only), for tests and measurements. */
  public long allocatedBytes() {
    long n = 0;
    for (byte[] b : blocks) {
      if (b != ZERO) {
        n += BLOCK_SIZE;
      }
    }
    return n;
  }

  // ---- size ------------------------------------------------------------------------------

  @Override
  public int pages() {
    return pages;
  }

  @Override
  public int grow(int size) {
    int previous = pages;
    long wanted = (long) previous + size;
    if (size < 0 || wanted > maximumPages) {
      return -1;
    }
    if (size > 0) {
      byte[][] grown = Arrays.copyOf(blocks, (int) wanted * BLOCKS_PER_PAGE);
      Arrays.fill(grown, blocks.length, grown.length, ZERO);
      blocks = grown;
      pages = (int) wanted;
    }
    return previous;
  }

  @Override
  public int initialPages() {
    return initialPages;
  }

  @Override
  public int maximumPages() {
    return maximumPages;
  }

  @Override
  public boolean shared() {
    return false;
  }

  private long byteSize() {
    return (long) pages * PAGE_SIZE;
  }

  // ---- blocks ----------------------------------------------------------------------------

  /** The block at {@code index}, allocated now if it is still the zero block. */
  private byte[] writable(int index) {
    byte[] b = blocks[index];
    if (b == ZERO) {
      b = new byte[BLOCK_SIZE];
      blocks[index] = b;
    }
    return b;
  }

  private void check(int addr, int size) {
    if (addr < 0 || size < 0 || (long) addr + size > byteSize()) {
      throw outOfBounds(addr, size);
    }
  }

  private WasmRuntimeException outOfBounds(int addr, int size) {
    return new WasmRuntimeException("out of bounds memory access: attempted to access address: " + addr
        + " but limit is: " + byteSize() + " and size: " + size);
  }

  // ---- bytes ------------------------------------------------------------------------------

  @Override
  public byte read(int addr) {
    try {
      return blocks[addr >>> BLOCK_SHIFT][addr & BLOCK_MASK];
    } catch (ArrayIndexOutOfBoundsException e) {
      throw outOfBounds(addr, 1);
    }
  }

  @Override
  public void writeByte(int addr, byte data) {
    try {
      writable(addr >>> BLOCK_SHIFT)[addr & BLOCK_MASK] = data;
    } catch (ArrayIndexOutOfBoundsException e) {
      throw outOfBounds(addr, 1);
    }
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    check(addr, len);
    byte[] out = new byte[len];
    int done = 0;
    while (done < len) {
      int a = addr + done;
      int off = a & BLOCK_MASK;
      int chunk = Math.min(len - done, BLOCK_SIZE - off);
      System.arraycopy(blocks[a >>> BLOCK_SHIFT], off, out, done, chunk);
      done += chunk;
    }
    return out;
  }

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    if (offset < 0 || size < 0 || (long) offset + size > data.length) {
      throw new WasmRuntimeException("out of bounds memory access: " + size + " bytes at " + offset
          + " of a buffer of " + data.length);
    }
    check(addr, size);
    int done = 0;
    while (done < size) {
      int a = addr + done;
      int off = a & BLOCK_MASK;
      int chunk = Math.min(size - done, BLOCK_SIZE - off);
      System.arraycopy(data, offset + done, writable(a >>> BLOCK_SHIFT), off, chunk);
      done += chunk;
    }
  }

  /**
   * Copies {@code length} bytes at {@code from} in this memory to {@code to} in {@code dst} block
   * by block, with no staging array; bounds are checked first. The memories must be different.
   */
  public void copyTo(int from, SparseMemory dst, int to, int length) {
    check(from, length);
    dst.check(to, length);
    int done = 0;
    while (done < length) {
      int a = from + done;
      int b = to + done;
      int pa = a & BLOCK_MASK;
      int pb = b & BLOCK_MASK;
      int chunk = Math.min(length - done, Math.min(BLOCK_SIZE - pa, BLOCK_SIZE - pb));
      System.arraycopy(blocks[a >>> BLOCK_SHIFT], pa, dst.writable(b >>> BLOCK_SHIFT), pb, chunk);
      done += chunk;
    }
  }

  // ---- multi-byte values: fast within a block, byte by byte across two --------------------

  @Override
  public short readShort(int addr) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 2) {
      try {
        return (short) SHORT.get(blocks[addr >>> BLOCK_SHIFT], off);
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 2);
      }
    }
    return (short) readSlow(addr, 2);
  }

  @Override
  public void writeShort(int addr, short data) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 2) {
      try {
        SHORT.set(writable(addr >>> BLOCK_SHIFT), off, data);
        return;
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 2);
      }
    }
    writeSlow(addr, data, 2);
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public int readInt(int addr) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 4) {
      try {
        return (int) INT.get(blocks[addr >>> BLOCK_SHIFT], off);
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 4);
      }
    }
    return (int) readSlow(addr, 4);
  }

  @Override
  public void writeI32(int addr, int data) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 4) {
      try {
        INT.set(writable(addr >>> BLOCK_SHIFT), off, data);
        return;
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 4);
      }
    }
    writeSlow(addr, data, 4);
  }

  @Override
  public long readLong(int addr) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 8) {
      try {
        return (long) LONG.get(blocks[addr >>> BLOCK_SHIFT], off);
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 8);
      }
    }
    return readSlow(addr, 8);
  }

  @Override
  public void writeLong(int addr, long data) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 8) {
      try {
        LONG.set(writable(addr >>> BLOCK_SHIFT), off, data);
        return;
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 8);
      }
    }
    writeSlow(addr, data, 8);
  }

  @Override
  public float readFloat(int addr) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 4) {
      try {
        return (float) FLOAT.get(blocks[addr >>> BLOCK_SHIFT], off);
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 4);
      }
    }
    return Float.intBitsToFloat(readInt(addr));
  }

  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public void writeF32(int addr, float data) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 4) {
      try {
        FLOAT.set(writable(addr >>> BLOCK_SHIFT), off, data);
        return;
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 4);
      }
    }
    writeI32(addr, Float.floatToRawIntBits(data));
  }

  @Override
  public double readDouble(int addr) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 8) {
      try {
        return (double) DOUBLE.get(blocks[addr >>> BLOCK_SHIFT], off);
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 8);
      }
    }
    return Double.longBitsToDouble(readLong(addr));
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public void writeF64(int addr, double data) {
    int off = addr & BLOCK_MASK;
    if (off <= BLOCK_SIZE - 8) {
      try {
        DOUBLE.set(writable(addr >>> BLOCK_SHIFT), off, data);
        return;
      } catch (ArrayIndexOutOfBoundsException e) {
        throw outOfBounds(addr, 8);
      }
    }
    writeLong(addr, Double.doubleToRawLongBits(data));
  }

  /** A little-endian value of {@code size} bytes that straddles two blocks. */
  private long readSlow(int addr, int size) {
    check(addr, size);
    long v = 0;
    for (int i = size - 1; i >= 0; i--) {
      v = (v << 8) | (read(addr + i) & 0xFFL);
    }
    return v;
  }

  private void writeSlow(int addr, long value, int size) {
    check(addr, size);
    for (int i = 0; i < size; i++) {
      writeByte(addr + i, (byte) (value >>> (8 * i)));
    }
  }

  // ---- bulk operations --------------------------------------------------------------------

  @Override
  public void zero() {
    Arrays.fill(blocks, ZERO);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    int size = toIndex - fromIndex;
    check(fromIndex, size);
    int done = 0;
    while (done < size) {
      int a = fromIndex + done;
      int off = a & BLOCK_MASK;
      int chunk = Math.min(size - done, BLOCK_SIZE - off);
      int index = a >>> BLOCK_SHIFT;
      if (value != 0 || blocks[index] != ZERO) {
        Arrays.fill(writable(index), off, off + chunk, value); // zeros into a zero block change nothing
      }
      done += chunk;
    }
  }

  @Override
  public void copy(int dest, int src, int size) {
    check(dest, size);
    check(src, size);
    if (size == 0) {
      return;
    }
    // through a staging array: correct for overlapping ranges in either direction
    write(dest, readBytes(src, size), 0, size);
  }

  // ---- data segments ----------------------------------------------------------------------

  @Override
  public void initialize(Instance instance, DataSegment[] segments) {
    initialize(instance, segments, 0);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
    this.dataSegments = segments;
    if (segments == null) {
      return;
    }
    for (DataSegment s : segments) {
      if (s instanceof ActiveDataSegment a && a.index() == memoryIndex) {
        int offset = (int) ConstantEvaluators.computeConstantValue(instance, a.offsetInstructions())[0];
        byte[] data = a.data();
        if (offset < 0 || (long) offset + data.length > byteSize()) {
          throw new UninstantiableException("out of bounds memory access: data segment of " + data.length
              + " bytes at " + Integer.toUnsignedString(offset) + " in a memory of " + byteSize() + " bytes");
        }
        write(offset, data, 0, data.length);
      } else if (!(s instanceof ActiveDataSegment) && !(s instanceof PassiveDataSegment)) {
        throw new ChicoryException("data segment should be active or passive: " + s);
      }
    }
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    write(dest, dataSegments[segmentId].data(), offset, size);
  }

  @Override
  public void drop(int segment) {
    dataSegments[segment] = PassiveDataSegment.EMPTY;
  }

  // ---- threads: not for an unshared memory ------------------------------------------------

  @Override
  @SuppressWarnings("removal")
  public Object lock(int address) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int waitOn(int address, int expected, long timeout) {
    throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
  }

  @Override
  public int waitOn(int address, long expected, long timeout) {
    throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
  }

  @Override
  public int notify(int address, int maxThreads) {
    return 0;
  }
}
