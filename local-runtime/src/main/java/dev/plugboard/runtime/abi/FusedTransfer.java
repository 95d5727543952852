package dev.plugboard.runtime.abi;

import dev.plugboard.types.ValueType;

/**
 * Moving one value of a type from one component instance to another without building a
 * {@link dev.plugboard.types.Value}: what {@code lift_flat} then {@code lower_flat} (or
 * {@code load} then {@code store}) of CanonicalABI.md do, fused into one pass. Built once per
 * type and pair of canonical options ({@link #of}); each node is the helper of one
 * despecialised type, as in {@link Abi}. The result is the same as the generic path's, to the
 * byte: the same flat values (i32s zero-extended, unused variant slots zero, canonical NaNs,
 * bools 0/1), the same bytes stored (padding is never written), the same {@code realloc} calls in
 * the same order, and the same traps for bad input. One difference: the generic path lifts every
 * argument before it lowers any, so when a later argument is bad it traps before the callee's
 * {@code realloc} ran for an earlier one; here that {@code realloc} has run (the call traps
 * either way and the callee's memory is not used again). And since no value is held in the host,
 * the budget for lifted values ({@link InstanceState#maxLiftBytes}) is not charged.
 *
 * <p>Covered: scalars, strings when both sides use UTF-8 or both UTF-16, lists (variable and
 * fixed length), records, tuples, variants, enums, options, results and flags, nested in any
 * way. Not covered (the generic path takes them): resource handles, streams, futures, error
 * contexts, and strings whose encoding changes on the way.
 */
public abstract sealed class FusedTransfer {
  private final int flatCount;
  private final int size;
  private final int alignment;

  private FusedTransfer(AbiType t) {
    this.flatCount = t.flat().length;
    this.size = t.size();
    this.alignment = t.alignment();
  }

  /** How many flat values the type takes. */
  public final int flatCount() {
    return flatCount;
  }

  public final int size() {
    return size;
  }

  public final int alignment() {
    return alignment;
  }

  /**
   * The transfer of {@code t} from a side with options {@code from} to one with options
   * {@code to}, or null when the type is outside the fused subset for these options.
   */
  public static FusedTransfer of(AbiType t, CanonOptions from, CanonOptions to) {
    return switch (t) {
      case AbiType.Scalar s -> new Scalar(s);
      case AbiType.Flags f -> new Flags(f);
      case AbiType.Str s -> {
        boolean memories = from.memory() != null && to.memory() != null && to.realloc() != null;
        if (!memories || from.encoding() != to.encoding() || from.encoding() == StringEncoding.LATIN1_UTF16) {
          yield null;
        }
        yield new Str(s, from.encoding() == StringEncoding.UTF16);
      }
      case AbiType.ListOf l -> {
        FusedTransfer e = of(l.element(), from, to);
        if (e == null) {
          yield null;
        }
        if (l.length() >= 0) {
          yield new FixedList(l, e);
        }
        yield from.memory() != null && to.memory() != null && to.realloc() != null ? new VarList(l, e) : null;
      }
      case AbiType.Record r -> {
        FusedTransfer[] fields = new FusedTransfer[r.fields().length];
        for (int i = 0; i < fields.length; i++) {
          fields[i] = of(r.fields()[i], from, to);
          if (fields[i] == null) {
            yield null;
          }
        }
        // one field (a function's parameter or result tuple, mostly): laid out as the field alone
        yield fields.length == 1 ? fields[0] : new Record(r, fields);
      }
      case AbiType.Variant v -> {
        FusedTransfer[] cases = new FusedTransfer[v.cases().length];
        for (int i = 0; i < cases.length; i++) {
          if (v.cases()[i] != null) {
            cases[i] = of(v.cases()[i], from, to);
            if (cases[i] == null) {
              yield null;
            }
          }
        }
        yield new Variant(v, cases);
      }
      case AbiType.Own o -> null;
      case AbiType.Borrow b -> null;
      case AbiType.AsyncHandle a -> null;
    };
  }

  /**
   * {@code lift_flat} from {@code src[si...]} (pointers into {@code from}) then {@code lower_flat}
   * into {@code dst[di...]} (allocating in {@code to}'s memory); {@link #flatCount} values each.
   */
  public abstract void flat(long[] src, int si, AbiMemory from, long[] dst, int di, Context to);

  /** {@code load} at {@code src} in {@code from} then {@code store} at {@code dst} in {@code to}'s memory. */
  public abstract void move(AbiMemory from, int src, Context to, int dst);

  /**
   * Spilled parameters (this transfer is their tuple): {@code lift_flat_values}' checks of the
   * pointer {@code src} into {@code from}, then a {@code realloc} in {@code to} for the tuple,
   * {@code lower_flat_values}' checks, and the move. Returns the new pointer.
   */
  public final int moveSpilled(AbiMemory from, long src, Context to) {
    int at = spilled(from, src);
    int dst = to.allocate(alignment, size);
    move(from, at, to, returnPointer(to.memory(), dst));
    return dst;
  }

  /** A spilled result (this transfer is its tuple): the same checks, then the move to the caller's {@code retptr}. */
  public final void moveSpilled(AbiMemory from, long src, Context to, int retptr) {
    int at = spilled(from, src);
    move(from, at, to, returnPointer(to.memory(), retptr));
  }

  private int spilled(AbiMemory mem, long value) {
    int ptr = (int) value;
    long p = Integer.toUnsignedLong(ptr);
    if (p % alignment != 0) {
      throw AbiTraps.tupleMisaligned("spilled values", p);
    }
    if (p + size > mem.size()) {
      throw AbiTraps.tupleOutOfBounds("spilled values", p);
    }
    return ptr;
  }

  private int returnPointer(AbiMemory mem, int ptr) {
    long p = Integer.toUnsignedLong(ptr);
    if (p % alignment != 0) {
      throw AbiTraps.tupleMisaligned("return pointer", p);
    }
    if (p + size > mem.size()) {
      throw AbiTraps.tupleOutOfBounds("return pointer", p);
    }
    return ptr;
  }

  /** Whether load-then-store of a value is a plain copy of all its bytes (no padding, nothing to check). */
  boolean plainBytes() {
    return false;
  }

  // ---- scalars ------------------------------------------------------------------------------

  static final class Scalar extends FusedTransfer {
    private final ValueType.Prim prim;

    Scalar(AbiType.Scalar s) {
      super(s);
      this.prim = s.prim();
    }

    @Override
    boolean plainBytes() {
      return switch (prim) {
        case U8, S8, U16, S16, U32, S32, U64, S64 -> true;
        default -> false;
      };
    }

    @Override
    public void flat(long[] src, int si, AbiMemory from, long[] dst, int di, Context to) {
      dst[di] = flatValue(prim, src[si]);
    }

    /** What lifting then lowering one flat scalar gives (i32s zero-extended, as {@code lower_flat} writes them). */
    static long flatValue(ValueType.Prim prim, long v) {
      return switch (prim) {
        case BOOL -> (int) v != 0 ? 1 : 0;
        case U8 -> v & 0xff;
        case S8 -> Integer.toUnsignedLong((byte) v);
        case U16 -> v & 0xffff;
        case S16 -> Integer.toUnsignedLong((short) v);
        case U32, S32 -> v & 0xffffffffL;
        case U64, S64 -> v;
        case F32 -> Integer.toUnsignedLong(Abi.encodeF32(Abi.decodeF32((int) v)));
        case F64 -> Abi.encodeF64(Abi.decodeF64(v));
        case CHAR -> Integer.toUnsignedLong(Abi.convertI32ToChar((int) v));
        case STRING -> throw new IllegalStateException();
      };
    }

    @Override
    public void move(AbiMemory from, int src, Context to, int dst) {
      AbiMemory mem = to.memory();
      switch (prim) {
        case BOOL -> mem.write(dst, (byte) (from.read(src) != 0 ? 1 : 0));
        case U8, S8 -> mem.write(dst, from.read(src));
        case U16, S16 -> mem.writeShort(dst, from.readShort(src));
        case U32, S32 -> mem.writeInt(dst, from.readInt(src));
        case U64, S64 -> mem.writeLong(dst, from.readLong(src));
        case F32 -> mem.writeInt(dst, Abi.encodeF32(Abi.decodeF32(from.readInt(src))));
        case F64 -> mem.writeLong(dst, Abi.encodeF64(Abi.decodeF64(from.readLong(src))));
        case CHAR -> mem.writeInt(dst, Abi.convertI32ToChar(from.readInt(src)));
        case STRING -> throw new IllegalStateException();
      }
    }
  }

  static final class Flags extends FusedTransfer {
    private final long mask;
    private final int bytes;

    Flags(AbiType.Flags f) {
      super(f);
      this.mask = f.labels().length >= 64 ? -1L : (1L << f.labels().length) - 1;
      this.bytes = f.size();
    }

    @Override
    public void flat(long[] src, int si, AbiMemory from, long[] dst, int di, Context to) {
      if (flatCount() > 0) {
        dst[di] = Integer.toUnsignedLong((int) src[si]) & mask;
      }
    }

    @Override
    public void move(AbiMemory from, int src, Context to, int dst) {
      AbiMemory mem = to.memory();
      switch (bytes) {
        case 1 -> mem.write(dst, (byte) (from.read(src) & mask));
        case 2 -> mem.writeShort(dst, (short) (from.readShort(src) & mask));
        default -> mem.writeInt(dst, (int) (Integer.toUnsignedLong(from.readInt(src)) & mask));
      }
    }
  }

  // ---- strings and lists ----------------------------------------------------------------------

  /** A string or a variable-length list: (pointer, length) flat, or the same pair in memory. */
  abstract static sealed class Range extends FusedTransfer {
    Range(AbiType t) {
      super(t);
    }

    /** Checks the range at {@code ptr} in {@code from}, copies it into {@code to}; returns the new pointer. */
    abstract int copy(AbiMemory from, int ptr, int length, Context to);

    /** The checks of {@code load_string_from_range} and {@code load_list_from_range} ({@code what}: string or list). */
    static void checkSource(String what, AbiMemory from, long p, long byteLength, int alignment) {
      if (byteLength > Abi.MAX_LIST_BYTE_LENGTH) {
        throw AbiTraps.tooLong(what, byteLength);
      }
      if (p % alignment != 0) {
        throw AbiTraps.misaligned(what, p, alignment);
      }
      if (p + byteLength > from.size()) {
        throw AbiTraps.outOfBounds(what, p, byteLength, from.size());
      }
    }

    /** The {@code realloc} for the copy and the checks of what it returned. */
    static int allocate(Context to, int alignment, int n) {
      int dst = to.allocate(alignment, n);
      Abi.checkAligned(dst, alignment);
      Abi.checkRange(to, dst, n);
      return dst;
    }

    @Override
    public final void flat(long[] src, int si, AbiMemory from, long[] dst, int di, Context to) {
      int length = (int) src[si + 1];
      dst[di] = Integer.toUnsignedLong(copy(from, (int) src[si], length, to));
      dst[di + 1] = Integer.toUnsignedLong(length);
    }

    @Override
    public final void move(AbiMemory from, int src, Context to, int dst) {
      int length = from.readInt(src + 4);
      int ptr = copy(from, from.readInt(src), length, to);
      to.memory().writeInt(dst, ptr);
      to.memory().writeInt(dst + 4, length);
    }
  }

  /** A string in the same encoding on both sides (UTF-8 or UTF-16): checked, then copied. */
  static final class Str extends Range {
    private final boolean utf16;

    Str(AbiType.Str s, boolean utf16) {
      super(s);
      this.utf16 = utf16;
    }

    /** {@code load_string_from_range}'s checks, then {@code store_string_copy}; returns the new pointer. */
    @Override
    int copy(AbiMemory from, int ptr, int units, Context to) {
      int unit = utf16 ? 2 : 1;
      long p = Integer.toUnsignedLong(ptr);
      long byteLength = Integer.toUnsignedLong(units) * unit;
      checkSource("string", from, p, byteLength, unit);
      int n = (int) byteLength;
      boolean valid = utf16 ? Utf.validUtf16(from, ptr, n) : Utf.validUtf8(from, ptr, n);
      if (!valid) {
        throw AbiTraps.invalidString(utf16 ? StringEncoding.UTF16 : StringEncoding.UTF8, p);
      }
      int dst = allocate(to, unit, n);
      copyBytes(from, ptr, to.memory(), dst, n);
      to.bytes += n;
      return dst;
    }
  }

  /** A variable-length list: checked, a {@code realloc} for the whole list, then each element. */
  static final class VarList extends Range {
    private final FusedTransfer element;
    private final int elemSize;
    private final int elemAlignment;
    private final boolean plain;

    VarList(AbiType.ListOf l, FusedTransfer element) {
      super(l);
      this.element = element;
      this.elemSize = l.element().size();
      this.elemAlignment = l.element().alignment();
      this.plain = element.plainBytes();
    }

    /** {@code load_list_from_range}'s checks, then {@code store_list_into_range}; returns the new pointer. */
    @Override
    int copy(AbiMemory from, int ptr, int length, Context to) {
      long p = Integer.toUnsignedLong(ptr);
      long byteLength = Integer.toUnsignedLong(length) * elemSize;
      checkSource("list", from, p, byteLength, elemAlignment);
      int n = (int) byteLength;
      int dst = allocate(to, elemAlignment, n);
      if (plain) {
        copyBytes(from, ptr, to.memory(), dst, n);
      } else {
        for (int i = 0; i < length; i++) {
          if ((i & 0xfff) == 0xfff && Thread.currentThread().isInterrupted()) {
            throw new Trap("interrupted while lifting a list (the call ran past its deadline)");
          }
          element.move(from, ptr + i * elemSize, to, dst + i * elemSize);
        }
      }
      to.bytes += n;
      return dst;
    }
  }

  static final class FixedList extends FusedTransfer {
    private final FusedTransfer element;
    private final int length;
    private final int elemSize;

    FixedList(AbiType.ListOf l, FusedTransfer element) {
      super(l);
      this.element = element;
      this.length = l.length();
      this.elemSize = l.element().size();
    }

    @Override
    boolean plainBytes() {
      return element.plainBytes();
    }

    @Override
    public void flat(long[] src, int si, AbiMemory from, long[] dst, int di, Context to) {
      int k = element.flatCount();
      for (int i = 0; i < length; i++) {
        element.flat(src, si + i * k, from, dst, di + i * k, to);
      }
    }

    @Override
    public void move(AbiMemory from, int src, Context to, int dst) {
      for (int i = 0; i < length; i++) {
        element.move(from, src + i * elemSize, to, dst + i * elemSize);
      }
    }
  }

  // ---- records and variants ---------------------------------------------------------------------

  static final class Record extends FusedTransfer {
    private final FusedTransfer[] fields;
    private final int[] offsets;
    private final boolean plain;

    Record(AbiType.Record r, FusedTransfer[] fields) {
      super(r);
      this.fields = fields;
      this.offsets = r.offsets();
      int covered = 0;
      boolean all = true;
      for (int i = 0; i < fields.length; i++) {
        all &= fields[i].plainBytes() && offsets[i] == covered;
        covered += fields[i].size();
      }
      this.plain = all && covered == r.size();
    }

    @Override
    boolean plainBytes() {
      return plain;
    }

    @Override
    public void flat(long[] src, int si, AbiMemory from, long[] dst, int di, Context to) {
      int at = 0;
      for (FusedTransfer f : fields) {
        f.flat(src, si + at, from, dst, di + at, to);
        at += f.flatCount();
      }
    }

    @Override
    public void move(AbiMemory from, int src, Context to, int dst) {
      for (int i = 0; i < fields.length; i++) {
        fields[i].move(from, src + offsets[i], to, dst + offsets[i]);
      }
    }
  }

  /** Variants, enums, options and results (despecialised). */
  static final class Variant extends FusedTransfer {
    private final FusedTransfer[] cases;
    private final int discSize;
    private final int payloadOffset;

    Variant(AbiType.Variant v, FusedTransfer[] cases) {
      super(v);
      this.cases = cases;
      this.discSize = v.discSize();
      this.payloadOffset = v.payloadOffset();
    }

    private int caseIndex(long disc) {
      if (disc >= cases.length) {
        throw new Trap("invalid variant discriminant " + disc + " (" + cases.length + " cases)");
      }
      return (int) disc;
    }

    @Override
    public void flat(long[] src, int si, AbiMemory from, long[] dst, int di, Context to) {
      int c = caseIndex(Integer.toUnsignedLong((int) src[si]));
      dst[di] = c;
      int filled = 0;
      FusedTransfer payload = cases[c];
      if (payload != null) {
        // the case's own flat values come first; narrowing a joined slot is the case's own read
        payload.flat(src, si + 1, from, dst, di + 1, to);
        filled = payload.flatCount();
      }
      for (int i = filled; i < flatCount() - 1; i++) {
        dst[di + 1 + i] = 0;
      }
    }

    @Override
    public void move(AbiMemory from, int src, Context to, int dst) {
      AbiMemory mem = to.memory();
      int c = switch (discSize) {
        case 1 -> caseIndex(from.read(src) & 0xffL);
        case 2 -> caseIndex(from.readShort(src) & 0xffffL);
        default -> caseIndex(Integer.toUnsignedLong(from.readInt(src)));
      };
      switch (discSize) {
        case 1 -> mem.write(dst, (byte) c);
        case 2 -> mem.writeShort(dst, (short) c);
        default -> mem.writeInt(dst, c);
      }
      if (cases[c] != null) {
        cases[c].move(from, src + payloadOffset, to, dst + payloadOffset);
      }
    }
  }

  /** Copies {@code n} bytes between memories (page to page for Chicory's byte-array memories). */
  public static void copyBytes(AbiMemory from, int src, AbiMemory to, int dst, int n) {
    if (n == 0) {
      return;
    }
    if (from instanceof ChicoryMemory c) {
      c.copyTo(src, to, dst, n);
    } else {
      to.write(dst, from.readBytes(src, n), 0, n);
    }
  }
}
