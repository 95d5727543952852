package dev.plugboard.runtime.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseMemoryTest {

  @Test
  void blocksAreAllocatedWhenWrittenNotWhenDeclared() {
    SparseMemory m = new SparseMemory(new MemoryLimits(2, 4096));
    assertThat(m.pages()).isEqualTo(2);
    assertThat(m.allocatedBytes()).isZero();
    assertThat(m.readLong(70_000)).isZero();
    assertThat(m.allocatedBytes()).isZero(); // reading allocates nothing
    m.writeI32(1024, 0x01020304);
    assertThat(m.allocatedBytes()).isEqualTo(SparseMemory.BLOCK_SIZE);
    assertThat(m.readInt(1024)).isEqualTo(0x01020304);
    assertThat(m.read(1024)).isEqualTo((byte) 4);
    m.fill((byte) 0, 8192, 65536); // zeros into blocks never written change nothing
    assertThat(m.allocatedBytes()).isEqualTo(SparseMemory.BLOCK_SIZE);
  }

  @Test
  void twoMemoriesNeverShareWrittenBytes() {
    SparseMemory a = new SparseMemory(new MemoryLimits(1, 10));
    SparseMemory b = new SparseMemory(new MemoryLimits(1, 10));
    a.writeLong(100, -1L);
    a.fill((byte) 7, 5000, 9000);
    assertThat(b.readLong(100)).isZero();
    assertThat(b.read(6000)).isZero();
    assertThat(new SparseMemory(new MemoryLimits(1, 1)).readLong(100)).isZero();
  }

  @Test
  void valuesAcrossABlockBoundaryRoundTrip() {
    SparseMemory m = new SparseMemory(new MemoryLimits(1, 1));
    int edge = SparseMemory.BLOCK_SIZE;
    m.writeLong(edge - 3, 0x1122334455667788L);
    assertThat(m.readLong(edge - 3)).isEqualTo(0x1122334455667788L);
    assertThat(m.read(edge - 3)).isEqualTo((byte) 0x88);
    assertThat(m.read(edge + 4)).isEqualTo((byte) 0x11);
    m.writeI32(2 * edge - 1, 0xCAFEBABE);
    assertThat(m.readInt(2 * edge - 1)).isEqualTo(0xCAFEBABE);
    m.writeShort(3 * edge - 1, (short) 0xBEEF);
    assertThat(m.readShort(3 * edge - 1)).isEqualTo((short) 0xBEEF);
    m.writeF64(4 * edge - 5, Math.PI);
    assertThat(m.readDouble(4 * edge - 5)).isEqualTo(Math.PI);
    m.writeF32(5 * edge - 2, 1.5f);
    assertThat(m.readFloat(5 * edge - 2)).isEqualTo(1.5f);
  }

  @Test
  void outOfBoundsAccessesFailWithTheAddress() {
    SparseMemory m = new SparseMemory(new MemoryLimits(1, 2));
    assertThatThrownBy(() -> m.readInt(65534)).isInstanceOf(WasmRuntimeException.class)
        .hasMessageContaining("65534");
    assertThatThrownBy(() -> m.writeI32(65536, 1)).isInstanceOf(WasmRuntimeException.class)
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> m.read(-1)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.writeLong(Integer.MIN_VALUE, 1)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.readBytes(65000, 1000)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.write(65000, new byte[1000], 0, 1000)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.fill((byte) 1, 65000, 66000)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.copy(65000, 0, 1000)).isInstanceOf(WasmRuntimeException.class);
    assertThat(m.allocatedBytes()).isZero(); // a failed write writes nothing
  }

  @Test
  void growAddsZeroPagesUpToTheMaximum() {
    SparseMemory m = new SparseMemory(new MemoryLimits(1, 3));
    m.writeI32(65532, 42);
    assertThat(m.grow(1)).isEqualTo(1);
    assertThat(m.pages()).isEqualTo(2);
    assertThat(m.readInt(65532)).isEqualTo(42);
    assertThat(m.readInt(65536 + 100)).isZero();
    m.writeI32(2 * 65536 - 4, 7);
    assertThat(m.grow(2)).isEqualTo(-1);
    assertThat(m.grow(0)).isEqualTo(2);
    assertThat(m.grow(1)).isEqualTo(2);
    assertThat(m.grow(1)).isEqualTo(-1);
    assertThat(m.readInt(2 * 65536 - 4)).isEqualTo(7);
  }

  @Test
  void copiesBetweenMemoriesGoBlockByBlock() {
    SparseMemory a = new SparseMemory(new MemoryLimits(2, 2));
    SparseMemory b = new SparseMemory(new MemoryLimits(2, 2));
    byte[] data = new byte[20_000];
    new SplittableRandom(3).nextBytes(data);
    a.write(1000, data, 0, data.length);
    new ChicoryMemory(a).copyTo(1000, new ChicoryMemory(b), 4097, data.length);
    assertThat(b.readBytes(4097, data.length)).isEqualTo(data);
    assertThat(b.read(4096)).isZero();
    assertThat(b.read(4097 + data.length)).isZero();
  }

  /** Random operations on a sparse memory and on Chicory's own give the same bytes and answers. */
  @Test
  void behavesLikeChicorysByteArrayMemory() {
    SplittableRandom r = new SplittableRandom(42);
    for (int round = 0; round < 20; round++) {
      Memory expected = new ByteArrayMemory(new MemoryLimits(1, 4));
      SparseMemory actual = new SparseMemory(new MemoryLimits(1, 4));
      for (int op = 0; op < 2000; op++) {
        int size = (int) expected.pages() * Memory.PAGE_SIZE;
        // addresses cluster near block edges, and sometimes run past the end
        int addr = r.nextInt(4) == 0 ? (r.nextInt(size / SparseMemory.BLOCK_SIZE + 1) * SparseMemory.BLOCK_SIZE
            - r.nextInt(9)) : r.nextInt(size + 16);
        long value = r.nextLong();
        int kind = r.nextInt(12);
        long seed = r.nextLong(); // the same lengths and targets for both
        Object want = apply(expected, kind, addr, value, new SplittableRandom(seed));
        Object got = apply(actual, kind, addr, value, new SplittableRandom(seed));
        assertThat(got).as("op %d kind %d at %d", op, kind, addr).isEqualTo(want);
      }
      assertThat(actual.pages()).isEqualTo(expected.pages());
      int size = expected.pages() * Memory.PAGE_SIZE;
      assertThat(java.util.Arrays.equals(actual.readBytes(0, size), expected.readBytes(0, size))).isTrue();
    }
  }

  /** One operation; its result, or the kind of failure. */
  private static Object apply(Memory m, int kind, int addr, long value, SplittableRandom r) {
    try {
      return switch (kind) {
        case 0 -> {
          m.writeByte(addr, (byte) value);
          yield "ok";
        }
        case 1 -> {
          m.writeShort(addr, (short) value);
          yield "ok";
        }
        case 2 -> {
          m.writeI32(addr, (int) value);
          yield "ok";
        }
        case 3 -> {
          m.writeLong(addr, value);
          yield "ok";
        }
        case 4 -> m.read(addr);
        case 5 -> m.readShort(addr);
        case 6 -> m.readInt(addr);
        case 7 -> m.readLong(addr);
        case 8 -> {
          int len = r.nextInt(9000);
          m.fill((byte) (r.nextInt(3) == 0 ? 0 : value), addr, addr + len);
          yield "ok";
        }
        case 9 -> {
          int len = r.nextInt(9000);
          m.copy(r.nextInt(m.pages() * Memory.PAGE_SIZE), addr, len);
          yield "ok";
        }
        case 10 -> {
          byte[] bytes = m.readBytes(addr, r.nextInt(6000));
          yield bytes.length + " bytes, hash " + java.util.Arrays.hashCode(bytes);
        }
        default -> r.nextInt(8) == 0 ? m.grow(r.nextInt(3)) : m.readDouble(addr);
      };
    } catch (WasmRuntimeException e) {
      return "out of bounds";
    }
  }
}
