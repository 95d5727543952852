package dev.plugboard.runtime.abi;

import dev.plugboard.abi.FlatType;
import dev.plugboard.abi.Layout;
import dev.plugboard.runtime.abi.AbiType.VariantKind;
import dev.plugboard.types.U8List;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Canonical ABI's value operations, organised like {@code definitions.py}: one dispatcher
 * per operation ({@link #load}, {@link #store}, {@link #liftFlat}, {@link #lowerFlat}) over
 * the despecialised {@link AbiType}, and a helper per type.
 *
 * <p>Flat values are {@code long}s as Chicory passes them: {@code i32} zero-extended,
 * {@code f32}/{@code f64} as raw bits. A value read from a wider joined slot is narrowed by
 * the reader, which is exactly the reference's coercion.
 */
public final class Abi {
  public static final int MAX_FLAT_PARAMS = Layout.MAX_FLAT_PARAMS;
  public static final int MAX_FLAT_RESULTS = Layout.MAX_FLAT_RESULTS;
  static final long MAX_STRING_BYTE_LENGTH = (1L << 28) - 1;
  static final long MAX_LIST_BYTE_LENGTH = (1L << 28) - 1;
  static final int CANONICAL_NAN32 = 0x7fc00000;
  static final long CANONICAL_NAN64 = 0x7ff8000000000000L;

  private Abi() {}

  // ---- flat value cursors ---------------------------------------------------------------

  /** Reads flat values in order ({@code CoreValueIter}). */
  public static final class FlatReader {
    private final long[] values;
    private int i;

    public FlatReader(long[] values) {
      this.values = values;
    }

    long next() {
      if (i >= values.length) {
        throw new Trap("too few core values for the type");
      }
      return values[i++];
    }

    int nextI32() {
      return (int) next();
    }
  }

  /** Collects flat values. */
  public static final class FlatWriter {
    private long[] values = new long[8];
    private int n;

    void add(long v) {
      if (n == values.length) {
        values = java.util.Arrays.copyOf(values, n * 2);
      }
      values[n++] = v;
    }

    void addI32(int v) {
      add(Integer.toUnsignedLong(v));
    }

    int size() {
      return n;
    }

    void set(int at, long v) {
      values[at] = v;
    }

    public long[] toArray() {
      return java.util.Arrays.copyOf(values, n);
    }
  }

  // ---- load -----------------------------------------------------------------------------

  public static Value load(Context cx, int ptr, AbiType t) {
    AbiMemory mem = cx.memory();
    return switch (t) {
      case AbiType.Scalar s -> switch (s.prim()) {
        case BOOL -> Value.bool(mem.read(ptr) != 0);
        case U8 -> new Value.Int(ValueType.Prim.U8, mem.read(ptr) & 0xff);
        case S8 -> new Value.Int(ValueType.Prim.S8, mem.read(ptr));
        case U16 -> new Value.Int(ValueType.Prim.U16, mem.readShort(ptr) & 0xffff);
        case S16 -> new Value.Int(ValueType.Prim.S16, mem.readShort(ptr));
        case U32 -> new Value.Int(ValueType.Prim.U32, Integer.toUnsignedLong(mem.readInt(ptr)));
        case S32 -> new Value.Int(ValueType.Prim.S32, mem.readInt(ptr));
        case U64 -> new Value.Int(ValueType.Prim.U64, mem.readLong(ptr));
        case S64 -> new Value.Int(ValueType.Prim.S64, mem.readLong(ptr));
        case F32 -> new Value.F32(decodeF32(mem.readInt(ptr)));
        case F64 -> new Value.F64(decodeF64(mem.readLong(ptr)));
        case CHAR -> new Value.Char(convertI32ToChar(mem.readInt(ptr)));
        case STRING -> throw new IllegalStateException();
      };
      case AbiType.Str s -> loadString(cx, ptr);
      case AbiType.ListOf l -> loadList(cx, ptr, l);
      case AbiType.Record r -> loadRecord(cx, ptr, r);
      case AbiType.Variant v -> loadVariant(cx, ptr, v);
      case AbiType.Flags f -> unpackFlags(loadUnsigned(mem, ptr, f.size()), f);
      case AbiType.Own o -> liftOwn(cx, mem.readInt(ptr), o);
      case AbiType.Borrow b -> liftBorrow(cx, mem.readInt(ptr), b);
      case AbiType.AsyncHandle a -> liftAsync(cx, mem.readInt(ptr), a);
    };
  }

  private static long loadUnsigned(AbiMemory mem, int ptr, int size) {
    return switch (size) {
      case 1 -> mem.read(ptr) & 0xffL;
      case 2 -> mem.readShort(ptr) & 0xffffL;
      default -> Integer.toUnsignedLong(mem.readInt(ptr));
    };
  }

  static float decodeF32(int bits) {
    float f = Float.intBitsToFloat(bits);
    return Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_NAN32) : f;
  }

  static double decodeF64(long bits) {
    double d = Double.longBitsToDouble(bits);
    return Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_NAN64) : d;
  }

  static int convertI32ToChar(int i) {
    long u = Integer.toUnsignedLong(i);
    if (u >= 0x110000) {
      throw new Trap("invalid `char` bit pattern: 0x" + Long.toHexString(u) + " is beyond U+10FFFF");
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      throw new Trap("invalid `char` bit pattern: 0x" + Long.toHexString(u) + " is a surrogate");
    }
    return i;
  }

  static Value loadString(Context cx, int ptr) {
    AbiMemory mem = cx.memory();
    int begin = mem.readInt(ptr);
    int taggedCodeUnits = mem.readInt(ptr + 4);
    return new Value.Str(loadStringFromRange(cx, begin, Integer.toUnsignedLong(taggedCodeUnits)));
  }

  static String loadStringFromRange(Context cx, int ptr, long taggedCodeUnits) {
    AbiMemory mem = cx.memory();
    int alignment;
    long byteLength;
    java.nio.charset.Charset charset;
    switch (cx.opts.encoding()) {
      case UTF8 -> {
        alignment = 1;
        byteLength = taggedCodeUnits;
        charset = StandardCharsets.UTF_8;
      }
      case UTF16 -> {
        alignment = 2;
        byteLength = 2 * taggedCodeUnits;
        charset = StandardCharsets.UTF_16LE;
      }
      default -> {
        alignment = 2;
        if ((taggedCodeUnits & StringEncoding.UTF16_TAG) != 0) {
          byteLength = 2 * (taggedCodeUnits ^ StringEncoding.UTF16_TAG);
          charset = StandardCharsets.UTF_16LE;
        } else {
          byteLength = taggedCodeUnits;
          charset = StandardCharsets.ISO_8859_1;
        }
      }
    }
    long p = Integer.toUnsignedLong(ptr);
    if (byteLength > MAX_STRING_BYTE_LENGTH) {
      throw AbiTraps.tooLong("string", byteLength);
    }
    if (p % alignment != 0) {
      throw AbiTraps.misaligned("string", p, alignment);
    }
    if (p + byteLength > mem.size()) {
      throw AbiTraps.outOfBounds("string", p, byteLength, mem.size());
    }
    cx.charge(2 * byteLength + 24);
    byte[] bytes = mem.readBytes(ptr, (int) byteLength);
    cx.bytes += byteLength;
    // checked in place, then decoded by String (which, for valid input, gives what a reporting decoder gives)
    boolean valid = charset == StandardCharsets.ISO_8859_1 || (charset == StandardCharsets.UTF_8
        ? Utf.validUtf8(bytes) : Utf.validUtf16(bytes));
    if (!valid) {
      throw AbiTraps.invalidString(cx.opts.encoding(), p);
    }
    return new String(bytes, charset);
  }

  static Value loadList(Context cx, int ptr, AbiType.ListOf l) {
    if (l.length() >= 0) {
      return listValue(l, loadListFromValidRange(cx, ptr, l.length(), l.element()));
    }
    AbiMemory mem = cx.memory();
    int begin = mem.readInt(ptr);
    int length = mem.readInt(ptr + 4);
    return listValue(l, loadListFromRange(cx, begin, Integer.toUnsignedLong(length), l.element()));
  }

  static List<Value> loadListFromRange(Context cx, int ptr, long length, AbiType elem) {
    long p = Integer.toUnsignedLong(ptr);
    long byteLength = length * elem.size();
    if (byteLength > MAX_LIST_BYTE_LENGTH) {
      throw AbiTraps.tooLong("list", byteLength);
    }
    if (p % elem.alignment() != 0) {
      throw AbiTraps.misaligned("list", p, elem.alignment());
    }
    if (p + byteLength > cx.memory().size()) {
      throw AbiTraps.outOfBounds("list", p, byteLength, cx.memory().size());
    }
    cx.bytes += byteLength;
    boolean bytes = elem instanceof AbiType.Scalar sc && sc.prim() == ValueType.Prim.U8;
    cx.charge(bytes ? length : length * Math.max(elem.size(), 16));
    if (bytes) {
      return U8List.wrap(cx.memory().readBytes(ptr, (int) length));
    }
    return loadListFromValidRange(cx, ptr, (int) length, elem);
  }

  static List<Value> loadListFromValidRange(Context cx, int ptr, int length, AbiType elem) {
    List<Value> out = new ArrayList<>(length);
    int size = elem.size();
    for (int i = 0; i < length; i++) {
      if ((i & 0xfff) == 0xfff && Thread.currentThread().isInterrupted()) {
        // a call past its deadline stops here too, not only in guest code
        throw new Trap("interrupted while lifting a list (the call ran past its deadline)");
      }
      out.add(load(cx, ptr + i * size, elem));
    }
    return out;
  }

  private static Value listValue(AbiType.ListOf l, List<Value> elements) {
    if (!l.map()) {
      return new Value.ListValue(elements);
    }
    List<Value.Entry> entries = new ArrayList<>(elements.size());
    for (Value e : elements) {
      Value.TupleValue t = (Value.TupleValue) e;
      entries.add(new Value.Entry(t.elements().get(0), t.elements().get(1)));
    }
    return new Value.MapValue(entries);
  }

  static Value loadRecord(Context cx, int ptr, AbiType.Record r) {
    Value[] values = new Value[r.fields().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = load(cx, ptr + r.offsets()[i], r.fields()[i]);
    }
    return recordValue(r, values);
  }

  private static Value recordValue(AbiType.Record r, Value[] values) {
    if (r.kind() == AbiType.RecordKind.TUPLE) {
      return new Value.TupleValue(List.of(values));
    }
    List<Value.Field> fields = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      fields.add(new Value.Field(r.labels()[i], values[i]));
    }
    return new Value.RecordValue(fields);
  }

  static Value loadVariant(Context cx, int ptr, AbiType.Variant v) {
    long caseIndex = loadUnsigned(cx.memory(), ptr, v.discSize());
    if (caseIndex >= v.cases().length) {
      throw new Trap("invalid variant discriminant " + caseIndex + " (" + v.cases().length + " cases)");
    }
    AbiType c = v.cases()[(int) caseIndex];
    Value payload = c == null ? null : load(cx, ptr + v.payloadOffset(), c);
    return variantValue(v, (int) caseIndex, payload);
  }

  private static Value variantValue(AbiType.Variant v, int caseIndex, Value payload) {
    return switch (v.kind()) {
      case VARIANT -> new Value.VariantValue(v.labels()[caseIndex], payload);
      case ENUM -> new Value.EnumValue(v.labels()[caseIndex]);
      case OPTION -> caseIndex == 0 ? Value.none() : new Value.OptionValue(payload);
      case RESULT -> new Value.ResultValue(caseIndex == 0, payload);
    };
  }

  static Value unpackFlags(long bits, AbiType.Flags f) {
    List<String> set = new ArrayList<>();
    for (int i = 0; i < f.labels().length; i++) {
      if ((bits & (1L << i)) != 0) {
        set.add(f.labels()[i]);
      }
    }
    return new Value.FlagsValue(set);
  }

  /**
   * {@code lift_stream}/{@code lift_future} (the readable end leaves the table; it must be idle
   * and in no waitable set) and {@code lift_error_context} (the context stays).
   */
  static Value liftAsync(Context cx, int i, AbiType.AsyncHandle a) {
    long index = Integer.toUnsignedLong(i);
    String kind = a.type().kind();
    if (kind.equals("error-context")) {
      return new Value.Async(kind, cx.inst.handles.get(index, ErrorContext.class, "an error-context"));
    }
    boolean stream = kind.equals("stream");
    CopyEnd e = CopyEnd.get(cx.inst, index, stream, true, a.type().element());
    if (e.state != CopyEnd.CopyState.IDLE) {
      throw new Trap("cannot pass " + e.describe() + " while a copy is in progress or after it is done");
    }
    if (e.inWaitableSet()) {
      throw new Trap("cannot pass " + e.describe() + " that is in a waitable set");
    }
    cx.inst.handles.removeAny(index);
    return new Value.Async(kind, e.shared);
  }

  /** {@code lower_stream}/{@code lower_future} (a new readable end) and {@code lower_error_context}. */
  static int lowerAsync(Context cx, Value v, AbiType.AsyncHandle a) {
    String kind = a.type().kind();
    if (!(v instanceof Value.Async(String k, Object state)) || !k.equals(kind)) {
      throw mismatch(v, "a " + kind);
    }
    if (state instanceof ErrorContext) {
      return cx.inst.handles.add(state);
    }
    return cx.inst.handles.add(CopyEnd.readableOf(state));
  }

  static Value liftOwn(Context cx, int i, AbiType.Own t) {
    ResourceHandle h = cx.inst.handles.get(Integer.toUnsignedLong(i));
    if (h.type != t.resource()) {
      throw AbiTraps.wrongResourceType(Integer.toUnsignedLong(i), h.type, t.resource());
    }
    if (h.numLends != 0) {
      throw AbiTraps.lentOut(Integer.toUnsignedLong(i));
    }
    if (!h.own) {
      throw new Trap("cannot lift own resource from a borrow: handle index " + Integer.toUnsignedLong(i)
          + " is borrowed");
    }
    cx.inst.handles.remove(Integer.toUnsignedLong(i));
    cx.handlesDropped++;
    return new Value.Handle(h.type, h.rep, true);
  }

  static Value liftBorrow(Context cx, int i, AbiType.Borrow t) {
    ResourceHandle h = cx.inst.handles.get(Integer.toUnsignedLong(i));
    if (h.type != t.resource()) {
      throw AbiTraps.wrongResourceType(Integer.toUnsignedLong(i), h.type, t.resource());
    }
    if (cx.task != null) {
      cx.task.addLender(h);
    }
    return new Value.Handle(h.type, h.rep, false);
  }

  // ---- store ----------------------------------------------------------------------------

  public static void store(Context cx, Value v, AbiType t, int ptr) {
    AbiMemory mem = cx.memory();
    switch (t) {
      case AbiType.Scalar s -> {
        switch (s.prim()) {
          case BOOL -> mem.write(ptr, (byte) (bool(v) ? 1 : 0));
          case U8, S8 -> mem.write(ptr, (byte) integer(v, s.prim()));
          case U16, S16 -> mem.writeShort(ptr, (short) integer(v, s.prim()));
          case U32, S32 -> mem.writeInt(ptr, (int) integer(v, s.prim()));
          case U64, S64 -> mem.writeLong(ptr, integer(v, s.prim()));
          case F32 -> mem.writeInt(ptr, encodeF32(f32(v)));
          case F64 -> mem.writeLong(ptr, encodeF64(f64(v)));
          case CHAR -> mem.writeInt(ptr, character(v));
          case STRING -> throw new IllegalStateException();
        }
      }
      case AbiType.Str s -> storeString(cx, string(v), ptr);
      case AbiType.ListOf l -> storeList(cx, v, ptr, l);
      case AbiType.Record r -> {
        Value[] fields = recordFields(v, r);
        for (int i = 0; i < fields.length; i++) {
          store(cx, fields[i], r.fields()[i], ptr + r.offsets()[i]);
        }
      }
      case AbiType.Variant var -> {
        int caseIndex = matchCase(v, var);
        storeUnsigned(mem, ptr, var.discSize(), caseIndex);
        AbiType c = var.cases()[caseIndex];
        if (c != null) {
          store(cx, payload(v), c, ptr + var.payloadOffset());
        }
      }
      case AbiType.Flags f -> storeUnsigned(mem, ptr, f.size(), packFlags(v, f));
      case AbiType.Own o -> mem.writeInt(ptr, lowerOwn(cx, v, o));
      case AbiType.Borrow b -> mem.writeInt(ptr, lowerBorrow(cx, v, b));
      case AbiType.AsyncHandle a -> mem.writeInt(ptr, lowerAsync(cx, v, a));
    }
  }

  private static void storeUnsigned(AbiMemory mem, int ptr, int size, long value) {
    switch (size) {
      case 1 -> mem.write(ptr, (byte) value);
      case 2 -> mem.writeShort(ptr, (short) value);
      default -> mem.writeInt(ptr, (int) value);
    }
  }

  static int encodeF32(float f) {
    return Float.isNaN(f) ? CANONICAL_NAN32 : Float.floatToRawIntBits(f);
  }

  static long encodeF64(double d) {
    return Double.isNaN(d) ? CANONICAL_NAN64 : Double.doubleToRawLongBits(d);
  }

  static void storeString(Context cx, String s, int ptr) {
    long[] r = storeStringIntoRange(cx, s);
    cx.memory().writeInt(ptr, (int) r[0]);
    cx.memory().writeInt(ptr + 4, (int) r[1]);
  }

  /** {@code store_string_into_range}: returns {ptr, tagged code units}. */
  static long[] storeStringIntoRange(Context cx, String src) {
    StringEncoding srcEncoding = cx.sourceEncoding;
    if (srcEncoding == StringEncoding.UTF8 && cx.opts.encoding() == StringEncoding.UTF8) {
      // store_string_copy with the UTF-8 length known from one encoding pass
      byte[] encoded = src.getBytes(StandardCharsets.UTF_8);
      return storeBytesCopy(cx, encoded, encoded.length, 1);
    }
    long srcTagged = srcEncoding.taggedCodeUnits(src);
    String simple;
    long srcCodeUnits;
    if (srcEncoding == StringEncoding.LATIN1_UTF16) {
      if ((srcTagged & StringEncoding.UTF16_TAG) != 0) {
        simple = "utf16";
        srcCodeUnits = srcTagged ^ StringEncoding.UTF16_TAG;
      } else {
        simple = "latin1";
        srcCodeUnits = srcTagged;
      }
    } else {
      simple = srcEncoding == StringEncoding.UTF8 ? "utf8" : "utf16";
      srcCodeUnits = srcTagged;
    }
    if (!simple.equals(cx.opts.encoding() == StringEncoding.UTF8 ? "utf8" : cx.opts.encoding() == StringEncoding.UTF16
        ? "utf16" : simple)) {
      cx.transcodes++;
    }
    return switch (cx.opts.encoding()) {
      case UTF8 -> switch (simple) {
        case "utf8" -> storeStringCopy(cx, src, srcCodeUnits, 1, 1, StandardCharsets.UTF_8);
        case "utf16" -> storeStringToUtf8(cx, src, srcCodeUnits, srcCodeUnits * 3);
        default -> storeStringToUtf8(cx, src, srcCodeUnits, srcCodeUnits * 2);
      };
      case UTF16 -> switch (simple) {
        case "utf8" -> storeUtf8ToUtf16(cx, src, srcCodeUnits);
        default -> storeStringCopy(cx, src, srcCodeUnits, 2, 2, StandardCharsets.UTF_16LE);
      };
      case LATIN1_UTF16 -> switch (srcEncoding) {
        case UTF8, UTF16 -> storeStringToLatin1OrUtf16(cx, src, srcCodeUnits);
        case LATIN1_UTF16 -> simple.equals("latin1")
            ? storeStringCopy(cx, src, srcCodeUnits, 1, 2, StandardCharsets.ISO_8859_1)
            : storeProbablyUtf16ToLatin1OrUtf16(cx, src, srcCodeUnits);
      };
    };
  }

  static void checkRange(Context cx, long ptr, long length) {
    if (Integer.toUnsignedLong((int) ptr) + length > cx.memory().size()) {
      throw AbiTraps.reallocOutOfBounds(Integer.toUnsignedLong((int) ptr), length);
    }
  }

  static void checkAligned(long ptr, int alignment) {
    if (Integer.toUnsignedLong((int) ptr) % alignment != 0) {
      throw AbiTraps.reallocMisaligned(Integer.toUnsignedLong((int) ptr), alignment);
    }
  }

  private static long[] storeStringCopy(Context cx, String src, long srcCodeUnits, int dstCodeUnitSize,
      int dstAlignment, java.nio.charset.Charset dst) {
    long dstByteLength = dstCodeUnitSize * srcCodeUnits;
    int ptr = cx.allocate(dstAlignment, dstByteLength);
    checkAligned(ptr, dstAlignment);
    checkRange(cx, ptr, dstByteLength);
    byte[] encoded = src.getBytes(dst);
    cx.memory().write(ptr, encoded, 0, encoded.length);
    cx.bytes += encoded.length;
    return new long[] {Integer.toUnsignedLong(ptr), srcCodeUnits};
  }

  /** {@code store_string_copy} of bytes already in the destination encoding ({@code srcCodeUnits} code units). */
  private static long[] storeBytesCopy(Context cx, byte[] encoded, long srcCodeUnits, int alignment) {
    int ptr = cx.allocate(alignment, encoded.length);
    checkAligned(ptr, alignment);
    checkRange(cx, ptr, encoded.length);
    cx.memory().write(ptr, encoded, 0, encoded.length);
    cx.bytes += encoded.length;
    return new long[] {Integer.toUnsignedLong(ptr), srcCodeUnits};
  }

  private static long[] storeStringToUtf8(Context cx, String src, long srcCodeUnits, long worstCaseSize) {
    int ptr = cx.allocate(1, srcCodeUnits);
    checkRange(cx, ptr, srcCodeUnits);
    AbiMemory mem = cx.memory();
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c < 0x80) {
        mem.write(ptr + i, (byte) c);
      } else {
        ptr = cx.reallocate(ptr, srcCodeUnits, 1, worstCaseSize);
        checkRange(cx, ptr, worstCaseSize);
        byte[] encoded = src.getBytes(StandardCharsets.UTF_8);
        mem.write(ptr + i, encoded, i, encoded.length - i);
        if (worstCaseSize > encoded.length) {
          ptr = cx.reallocate(ptr, worstCaseSize, 1, encoded.length);
          checkRange(cx, ptr, encoded.length);
        }
        cx.bytes += encoded.length;
        return new long[] {Integer.toUnsignedLong(ptr), encoded.length};
      }
    }
    cx.bytes += srcCodeUnits;
    return new long[] {Integer.toUnsignedLong(ptr), srcCodeUnits};
  }

  private static long[] storeUtf8ToUtf16(Context cx, String src, long srcCodeUnits) {
    long worstCaseSize = 2 * srcCodeUnits;
    int ptr = cx.allocate(2, worstCaseSize);
    checkAligned(ptr, 2);
    checkRange(cx, ptr, worstCaseSize);
    byte[] encoded = src.getBytes(StandardCharsets.UTF_16LE);
    cx.memory().write(ptr, encoded, 0, encoded.length);
    if (encoded.length < worstCaseSize) {
      ptr = cx.reallocate(ptr, worstCaseSize, 2, encoded.length);
      checkAligned(ptr, 2);
      checkRange(cx, ptr, encoded.length);
    }
    cx.bytes += encoded.length;
    return new long[] {Integer.toUnsignedLong(ptr), encoded.length / 2};
  }

  private static long[] storeStringToLatin1OrUtf16(Context cx, String src, long srcCodeUnits) {
    int ptr = cx.allocate(2, srcCodeUnits);
    checkAligned(ptr, 2);
    checkRange(cx, ptr, srcCodeUnits);
    AbiMemory mem = cx.memory();
    int dstByteLength = 0;
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c < 0x100) {
        mem.write(ptr + dstByteLength, (byte) c);
        dstByteLength++;
      } else {
        long worstCaseSize = 2 * srcCodeUnits;
        ptr = cx.reallocate(ptr, srcCodeUnits, 2, worstCaseSize);
        checkAligned(ptr, 2);
        checkRange(cx, ptr, worstCaseSize);
        for (int j = dstByteLength - 1; j >= 0; j--) {
          mem.write(ptr + 2 * j, mem.read(ptr + j));
          mem.write(ptr + 2 * j + 1, (byte) 0);
        }
        byte[] encoded = src.getBytes(StandardCharsets.UTF_16LE);
        mem.write(ptr + 2 * dstByteLength, encoded, 2 * dstByteLength, encoded.length - 2 * dstByteLength);
        if (worstCaseSize > encoded.length) {
          ptr = cx.reallocate(ptr, worstCaseSize, 2, encoded.length);
          checkAligned(ptr, 2);
          checkRange(cx, ptr, encoded.length);
        }
        cx.bytes += encoded.length;
        return new long[] {Integer.toUnsignedLong(ptr), (encoded.length / 2) | StringEncoding.UTF16_TAG};
      }
    }
    if (dstByteLength < srcCodeUnits) {
      ptr = cx.reallocate(ptr, srcCodeUnits, 2, dstByteLength);
      checkAligned(ptr, 2);
      checkRange(cx, ptr, dstByteLength);
    }
    cx.bytes += dstByteLength;
    return new long[] {Integer.toUnsignedLong(ptr), dstByteLength};
  }

  private static long[] storeProbablyUtf16ToLatin1OrUtf16(Context cx, String src, long srcCodeUnits) {
    long srcByteLength = 2 * srcCodeUnits;
    int ptr = cx.allocate(2, srcByteLength);
    checkAligned(ptr, 2);
    checkRange(cx, ptr, srcByteLength);
    byte[] encoded = src.getBytes(StandardCharsets.UTF_16LE);
    AbiMemory mem = cx.memory();
    mem.write(ptr, encoded, 0, encoded.length);
    cx.bytes += encoded.length;
    if (!StringEncoding.Latin1.fits(src)) {
      return new long[] {Integer.toUnsignedLong(ptr), (encoded.length / 2) | StringEncoding.UTF16_TAG};
    }
    int latin1Size = encoded.length / 2;
    for (int i = 0; i < latin1Size; i++) {
      mem.write(ptr + i, mem.read(ptr + 2 * i));
    }
    ptr = cx.reallocate(ptr, srcByteLength, 1, latin1Size);
    checkRange(cx, ptr, latin1Size);
    return new long[] {Integer.toUnsignedLong(ptr), latin1Size};
  }

  static void storeList(Context cx, Value v, int ptr, AbiType.ListOf l) {
    List<Value> elements = listElements(v, l);
    if (l.length() >= 0) {
      if (elements.size() != l.length()) {
        throw mismatch(v, "a list of " + l.length() + " elements");
      }
      storeListIntoValidRange(cx, elements, ptr, l.element());
      return;
    }
    long[] r = storeListIntoRange(cx, elements, l.element());
    cx.memory().writeInt(ptr, (int) r[0]);
    cx.memory().writeInt(ptr + 4, (int) r[1]);
  }

  static long[] storeListIntoRange(Context cx, List<Value> v, AbiType elem) {
    long byteLength = (long) v.size() * elem.size();
    int ptr = cx.allocate(elem.alignment(), byteLength);
    checkAligned(ptr, elem.alignment());
    checkRange(cx, ptr, byteLength);
    storeListIntoValidRange(cx, v, ptr, elem);
    cx.bytes += byteLength;
    return new long[] {Integer.toUnsignedLong(ptr), v.size()};
  }

  static void storeListIntoValidRange(Context cx, List<Value> v, int ptr, AbiType elem) {
    if (v instanceof U8List bytes) {
      if (elem instanceof AbiType.Scalar sc && sc.prim() == ValueType.Prim.U8) {
        cx.memory().write(ptr, bytes.rawBytes(), 0, bytes.size());
        return;
      }
    }
    int size = elem.size();
    for (int i = 0; i < v.size(); i++) {
      store(cx, v.get(i), elem, ptr + i * size);
    }
  }

  static int lowerOwn(Context cx, Value v, AbiType.Own t) {
    Value.Handle h = handle(v, t.resource());
    cx.handlesCreated++;
    return cx.inst.handles.add(new ResourceHandle((RuntimeResource) t.resource(), h.rep(), true, null));
  }

  static int lowerBorrow(Context cx, Value v, AbiType.Borrow t) {
    Value.Handle h = handle(v, t.resource());
    RuntimeResource rt = (RuntimeResource) t.resource();
    if (rt.impl() == cx.inst) {
      return h.rep();
    }
    ResourceHandle handle = new ResourceHandle(rt, h.rep(), false, cx.task);
    if (cx.task != null) {
      cx.task.numBorrows++;
    }
    cx.handlesLent++;
    return cx.inst.handles.add(handle);
  }

  // ---- lift_flat ------------------------------------------------------------------------

  public static Value liftFlat(Context cx, FlatReader vi, AbiType t) {
    return switch (t) {
      case AbiType.Scalar s -> switch (s.prim()) {
        case BOOL -> Value.bool(vi.nextI32() != 0);
        case U8 -> new Value.Int(ValueType.Prim.U8, vi.nextI32() & 0xff);
        case S8 -> new Value.Int(ValueType.Prim.S8, (byte) vi.nextI32());
        case U16 -> new Value.Int(ValueType.Prim.U16, vi.nextI32() & 0xffff);
        case S16 -> new Value.Int(ValueType.Prim.S16, (short) vi.nextI32());
        case U32 -> new Value.Int(ValueType.Prim.U32, Integer.toUnsignedLong(vi.nextI32()));
        case S32 -> new Value.Int(ValueType.Prim.S32, vi.nextI32());
        case U64 -> new Value.Int(ValueType.Prim.U64, vi.next());
        case S64 -> new Value.Int(ValueType.Prim.S64, vi.next());
        case F32 -> new Value.F32(decodeF32(vi.nextI32()));
        case F64 -> new Value.F64(decodeF64(vi.next()));
        case CHAR -> new Value.Char(convertI32ToChar(vi.nextI32()));
        case STRING -> throw new IllegalStateException();
      };
      case AbiType.Str s -> {
        int ptr = vi.nextI32();
        long packed = Integer.toUnsignedLong(vi.nextI32());
        yield new Value.Str(loadStringFromRange(cx, ptr, packed));
      }
      case AbiType.ListOf l -> {
        if (l.length() >= 0) {
          List<Value> out = new ArrayList<>(l.length());
          for (int i = 0; i < l.length(); i++) {
            out.add(liftFlat(cx, vi, l.element()));
          }
          yield listValue(l, out);
        }
        int ptr = vi.nextI32();
        long length = Integer.toUnsignedLong(vi.nextI32());
        yield listValue(l, loadListFromRange(cx, ptr, length, l.element()));
      }
      case AbiType.Record r -> {
        Value[] values = new Value[r.fields().length];
        for (int i = 0; i < values.length; i++) {
          values[i] = liftFlat(cx, vi, r.fields()[i]);
        }
        yield recordValue(r, values);
      }
      case AbiType.Variant v -> liftFlatVariant(cx, vi, v);
      case AbiType.Flags f -> unpackFlags(Integer.toUnsignedLong(vi.nextI32()), f);
      case AbiType.Own o -> liftOwn(cx, vi.nextI32(), o);
      case AbiType.Borrow b -> liftBorrow(cx, vi.nextI32(), b);
      case AbiType.AsyncHandle a -> liftAsync(cx, vi.nextI32(), a);
    };
  }

  private static Value liftFlatVariant(Context cx, FlatReader vi, AbiType.Variant v) {
    long caseIndex = Integer.toUnsignedLong(vi.nextI32());
    if (caseIndex >= v.cases().length) {
      throw new Trap("invalid variant discriminant " + caseIndex + " (" + v.cases().length + " cases)");
    }
    AbiType c = v.cases()[(int) caseIndex];
    int payloadSlots = v.flat().length - 1;
    Value payload = null;
    if (c != null) {
      // The case's own values occupy the first slots; joined slots are narrowed on read.
      long[] slots = new long[payloadSlots];
      for (int i = 0; i < payloadSlots; i++) {
        slots[i] = vi.next();
      }
      payload = liftFlat(cx, new FlatReader(slots), c);
    } else {
      for (int i = 0; i < payloadSlots; i++) {
        vi.next();
      }
    }
    return variantValue(v, (int) caseIndex, payload);
  }

  // ---- lower_flat -----------------------------------------------------------------------

  public static void lowerFlat(Context cx, Value v, AbiType t, FlatWriter out) {
    switch (t) {
      case AbiType.Scalar s -> {
        switch (s.prim()) {
          case BOOL -> out.addI32(bool(v) ? 1 : 0);
          case U8, S8, U16, S16, U32, S32 -> out.addI32((int) integer(v, s.prim()));
          case U64, S64 -> out.add(integer(v, s.prim()));
          case F32 -> out.addI32(encodeF32(f32(v)));
          case F64 -> out.add(encodeF64(f64(v)));
          case CHAR -> out.addI32(character(v));
          case STRING -> throw new IllegalStateException();
        }
      }
      case AbiType.Str s -> {
        long[] r = storeStringIntoRange(cx, string(v));
        out.add(r[0]);
        out.add(r[1]);
      }
      case AbiType.ListOf l -> {
        List<Value> elements = listElements(v, l);
        if (l.length() >= 0) {
          if (elements.size() != l.length()) {
            throw mismatch(v, "a list of " + l.length() + " elements");
          }
          for (Value e : elements) {
            lowerFlat(cx, e, l.element(), out);
          }
        } else {
          long[] r = storeListIntoRange(cx, elements, l.element());
          out.add(r[0]);
          out.add(r[1]);
        }
      }
      case AbiType.Record r -> {
        Value[] fields = recordFields(v, r);
        for (int i = 0; i < fields.length; i++) {
          lowerFlat(cx, fields[i], r.fields()[i], out);
        }
      }
      case AbiType.Variant var -> {
        int caseIndex = matchCase(v, var);
        out.addI32(caseIndex);
        int start = out.size();
        AbiType c = var.cases()[caseIndex];
        if (c != null) {
          lowerFlat(cx, payload(v), c, out);
          // Widen into joined slots: an i32 or f32 bit pattern in an i64 slot is zero-extended.
          for (int i = start; i < out.size(); i++) {
            FlatType have = c.flat()[i - start];
            if (have == FlatType.F32 || have == FlatType.I32) {
              out.set(i, Integer.toUnsignedLong((int) out.values[i]));
            }
          }
        }
        while (out.size() < start + var.flat().length - 1) {
          out.add(0);
        }
      }
      case AbiType.Flags f -> {
        if (f.labels().length > 0) {
          out.addI32((int) packFlags(v, f));
        }
      }
      case AbiType.Own o -> out.addI32(lowerOwn(cx, v, o));
      case AbiType.Borrow b -> out.addI32(lowerBorrow(cx, v, b));
      case AbiType.AsyncHandle a -> out.addI32(lowerAsync(cx, v, a));
    }
  }

  // ---- function-level (lift_flat_values / lower_flat_values) -----------------------------

  /** The flat types of a list of types, concatenated. */
  public static int flatCount(AbiType[] ts) {
    int n = 0;
    for (AbiType t : ts) {
      n += t.flat().length;
    }
    return n;
  }

  public static FlatType[] flatten(AbiType[] ts) {
    List<FlatType> out = new ArrayList<>();
    for (AbiType t : ts) {
      out.addAll(List.of(t.flat()));
    }
    return out.toArray(FlatType[]::new);
  }

  /** {@code lift_flat_values}: through memory (one pointer) when there are more than {@code maxFlat} values. */
  public static Value[] liftFlatValues(Context cx, int maxFlat, FlatReader vi, AbiType[] ts, AbiType tuple) {
    return liftFlatValues(cx, flatCount(ts) > maxFlat, vi, ts, tuple);
  }

  /** {@code lift_flat_values} with whether the values spill known already (a function lifts the same types each call). */
  public static Value[] liftFlatValues(Context cx, boolean spilled, FlatReader vi, AbiType[] ts, AbiType tuple) {
    if (spilled) {
      int ptr = vi.nextI32();
      long p = Integer.toUnsignedLong(ptr);
      if (p % tuple.alignment() != 0) {
        throw AbiTraps.tupleMisaligned("spilled values", p);
      }
      if (p + tuple.size() > cx.memory().size()) {
        throw AbiTraps.tupleOutOfBounds("spilled values", p);
      }
      // load of the tuple, field by field (no tuple value to build and take apart)
      int[] offsets = ((AbiType.Record) tuple).offsets();
      Value[] out = new Value[ts.length];
      for (int i = 0; i < ts.length; i++) {
        out[i] = load(cx, ptr + offsets[i], ts[i]);
      }
      return out;
    }
    Value[] out = new Value[ts.length];
    for (int i = 0; i < ts.length; i++) {
      out[i] = liftFlat(cx, vi, ts[i]);
    }
    return out;
  }

  /**
   * {@code lower_flat_values}. With more than {@code maxFlat} values they are stored in memory:
   * at {@code outParam} when given (a lowered import's return pointer), otherwise in fresh memory
   * whose pointer is the single flat value.
   */
  public static long[] lowerFlatValues(Context cx, int maxFlat, Value[] vs, AbiType[] ts, AbiType tuple,
      Integer outParam) {
    return lowerFlatValues(cx, flatCount(ts) > maxFlat, vs, ts, tuple, outParam);
  }

  /** {@code lower_flat_values} with whether the values spill known already. */
  public static long[] lowerFlatValues(Context cx, boolean spilled, Value[] vs, AbiType[] ts, AbiType tuple,
      Integer outParam) {
    FlatWriter out = new FlatWriter();
    if (spilled) {
      int ptr;
      if (outParam == null) {
        ptr = cx.allocate(tuple.alignment(), tuple.size());
        out.addI32(ptr);
      } else {
        ptr = outParam;
      }
      long p = Integer.toUnsignedLong(ptr);
      if (p % tuple.alignment() != 0) {
        throw AbiTraps.tupleMisaligned("return pointer", p);
      }
      if (p + tuple.size() > cx.memory().size()) {
        throw AbiTraps.tupleOutOfBounds("return pointer", p);
      }
      if (vs.length != ts.length) {
        throw mismatch(new Value.TupleValue(List.of(vs)), "a " + ts.length + "-tuple");
      }
      int[] offsets = ((AbiType.Record) tuple).offsets();
      for (int i = 0; i < ts.length; i++) {
        store(cx, vs[i], ts[i], ptr + offsets[i]);
      }
      return out.toArray();
    }
    for (int i = 0; i < vs.length; i++) {
      lowerFlat(cx, vs[i], ts[i], out);
    }
    return out.toArray();
  }

  // ---- value access (the host may hand us anything) ------------------------------------

  private static IllegalArgumentException mismatch(Value v, String expected) {
    return new IllegalArgumentException("expected " + expected + ", got " + (v == null ? "nothing"
        : dev.plugboard.wave.Wave.print(v)));
  }

  private static boolean bool(Value v) {
    if (v instanceof Value.Bool b) {
      return b.value();
    }
    throw mismatch(v, "bool");
  }

  private static long integer(Value v, ValueType.Prim p) {
    if (v instanceof Value.Int i && i.type() == p) {
      return i.value();
    }
    throw mismatch(v, p.wit());
  }

  private static float f32(Value v) {
    if (v instanceof Value.F32 f) {
      return f.value();
    }
    throw mismatch(v, "f32");
  }

  private static double f64(Value v) {
    if (v instanceof Value.F64 f) {
      return f.value();
    }
    throw mismatch(v, "f64");
  }

  private static int character(Value v) {
    if (v instanceof Value.Char c) {
      int cp = c.codePoint();
      if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw mismatch(v, "a Unicode scalar value");
      }
      return cp;
    }
    throw mismatch(v, "char");
  }

  private static String string(Value v) {
    if (v instanceof Value.Str s) {
      return s.value();
    }
    throw mismatch(v, "string");
  }

  private static List<Value> listElements(Value v, AbiType.ListOf l) {
    if (l.map() && v instanceof Value.MapValue m) {
      List<Value> out = new ArrayList<>(m.entries().size());
      for (Value.Entry e : m.entries()) {
        out.add(new Value.TupleValue(List.of(e.key(), e.value())));
      }
      return out;
    }
    if (v instanceof Value.ListValue lv) {
      return lv.elements();
    }
    throw mismatch(v, l.map() ? "map" : "list");
  }

  private static Value[] recordFields(Value v, AbiType.Record r) {
    if (r.kind() == AbiType.RecordKind.TUPLE && v instanceof Value.TupleValue t
        && t.elements().size() == r.fields().length) {
      return t.elements().toArray(Value[]::new);
    }
    if (r.kind() == AbiType.RecordKind.RECORD && v instanceof Value.RecordValue rec) {
      Value[] out = new Value[r.labels().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = rec.get(r.labels()[i]);
        if (out[i] == null) {
          throw mismatch(v, "a record with field " + r.labels()[i]);
        }
      }
      return out;
    }
    throw mismatch(v, r.kind() == AbiType.RecordKind.TUPLE ? "a " + r.fields().length + "-tuple" : "record");
  }

  private static int matchCase(Value v, AbiType.Variant t) {
    Integer index = switch (v) {
      case Value.VariantValue c when t.kind() == VariantKind.VARIANT -> t.index().get(c.caseName());
      case Value.EnumValue e when t.kind() == VariantKind.ENUM -> t.index().get(e.caseName());
      case Value.OptionValue o when t.kind() == VariantKind.OPTION -> o.isSome() ? 1 : 0;
      case Value.ResultValue r when t.kind() == VariantKind.RESULT -> r.isOk() ? 0 : 1;
      default -> null;
    };
    if (index == null) {
      throw mismatch(v, t.kind().name().toLowerCase(java.util.Locale.ROOT) + " of " + String.join(", ", t.labels()));
    }
    AbiType c = t.cases()[index];
    Value p = payload(v);
    if ((c == null) != (p == null)) {
      throw mismatch(v, c == null ? "case " + t.labels()[index] + " without payload" : "case " + t.labels()[index]
          + " with a payload");
    }
    return index;
  }

  private static Value payload(Value v) {
    return switch (v) {
      case Value.VariantValue c -> c.payload();
      case Value.OptionValue o -> o.value();
      case Value.ResultValue r -> r.payload();
      default -> null;
    };
  }

  private static long packFlags(Value v, AbiType.Flags f) {
    if (!(v instanceof Value.FlagsValue fv)) {
      throw mismatch(v, "flags");
    }
    long bits = 0;
    for (String name : fv.names()) {
      Integer i = f.index().get(name);
      if (i == null) {
        throw mismatch(v, "flags of " + String.join(", ", f.labels()));
      }
      bits |= 1L << i;
    }
    return bits;
  }

  private static Value.Handle handle(Value v, dev.plugboard.types.ResourceType rt) {
    if (v instanceof Value.Handle h && h.type() == rt) {
      return h;
    }
    throw mismatch(v, "a handle to a " + rt.name());
  }
}
