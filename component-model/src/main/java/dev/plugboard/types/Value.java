package dev.plugboard.types;

import java.util.List;
import java.util.Objects;

/**
 * A Component Model value: what WAVE reads and prints and what the Canonical ABI lifts and
 * lowers. Floats compare by bits with every NaN equal to every NaN ({@link Float#equals}).
 */
public sealed interface Value {

  record Bool(boolean value) implements Value {}

  /**
   * An integer of one of the eight integer types. {@code value} holds the number, with
   * {@code u64} values above {@code Long.MAX_VALUE} stored as their two's-complement bits.
   */
  record Int(ValueType.Prim type, long value) implements Value {
    public Int {
      if (!type.isInteger()) {
        throw new IllegalArgumentException(type + " is not an integer type");
      }
    }
  }

  record F32(float value) implements Value {}

  record F64(double value) implements Value {}

  /** A Unicode scalar value. */
  record Char(int codePoint) implements Value {}

  record Str(String value) implements Value {
    public Str {
      Objects.requireNonNull(value);
    }
  }

  record ListValue(List<Value> elements) implements Value {
    public ListValue {
      elements = elements instanceof U8List ? elements : List.copyOf(elements);
    }
  }

  record Field(String name, Value value) {}

  record RecordValue(List<Field> fields) implements Value {
    public RecordValue {
      fields = List.copyOf(fields);
    }

    public Value get(String name) {
      for (Field f : fields) {
        if (f.name().equals(name)) {
          return f.value();
        }
      }
      return null;
    }
  }

  record TupleValue(List<Value> elements) implements Value {
    public TupleValue {
      elements = List.copyOf(elements);
    }
  }

  /** A variant case; {@code payload} is null for a case without one. */
  record VariantValue(String caseName, Value payload) implements Value {}

  record EnumValue(String caseName) implements Value {}

  /** {@code some(value)}, or {@code none} when {@code value} is null. */
  record OptionValue(Value value) implements Value {
    public static final OptionValue NONE = new OptionValue(null);

    public boolean isSome() {
      return value != null;
    }
  }

  /** {@code ok(payload)} or {@code err(payload)}; {@code payload} is null where the type has none. */
  record ResultValue(boolean isOk, Value payload) implements Value {}

  /** The set flags, in the type's label order. */
  record FlagsValue(List<String> names) implements Value {
    public FlagsValue {
      names = List.copyOf(names);
    }
  }

  /** A map value as its entries in order. */
  record MapValue(List<Entry> entries) implements Value {
    public MapValue {
      entries = List.copyOf(entries);
    }
  }

  record Entry(Value key, Value value) {}

  /**
   * A resource handle held outside any component instance: the resource type and the
   * representation its defining instance gave it. {@code own} says whether this is an owning
   * handle or a borrow.
   */
  record Handle(ResourceType type, int rep, boolean own) implements Value {}

  /**
   * A {@code stream}, {@code future} (the readable end) or {@code error-context} held outside any
   * component instance: {@code kind} names which, {@code state} is the runtime's shared state.
   */
  record Async(String kind, Object state) implements Value {}

  // ---- convenience constructors -------------------------------------------------------

  static Value bool(boolean b) {
    return new Bool(b);
  }

  static Value u8(int v) {
    return new Int(ValueType.Prim.U8, v & 0xff);
  }

  static Value u32(long v) {
    return new Int(ValueType.Prim.U32, v & 0xffffffffL);
  }

  static Value s32(int v) {
    return new Int(ValueType.Prim.S32, v);
  }

  static Value u64(long v) {
    return new Int(ValueType.Prim.U64, v);
  }

  static Value s64(long v) {
    return new Int(ValueType.Prim.S64, v);
  }

  static Value string(String s) {
    return new Str(s);
  }

  static Value list(List<Value> elements) {
    return new ListValue(elements);
  }

  static Value some(Value v) {
    return new OptionValue(Objects.requireNonNull(v));
  }

  static Value none() {
    return OptionValue.NONE;
  }

  static Value ok(Value v) {
    return new ResultValue(true, v);
  }

  static Value err(Value v) {
    return new ResultValue(false, v);
  }
}
