package dev.plugboard.binary;

import dev.plugboard.types.ValueType;

/** A value type in a binary: a primitive, or an index into the type index space. */
public sealed interface ValType {

  /** A primitive value type, written as one byte (Binary.md {@code primvaltype}). */
  sealed interface Primitive extends ValType {
    /** The byte that encodes it. */
    int code();

    /** The value type it stands for ({@code error-context} is a handle type). */
    ValueType valueType();

    /** How WIT spells it. */
    String wit();

    /** The primitive WIT spells {@code wit}, or null. */
    static Primitive ofWit(String wit) {
      if (wit.equals(ErrorContext.INSTANCE.wit())) {
        return ErrorContext.INSTANCE;
      }
      ValueType.Prim p = ValueType.Prim.ofWit(wit);
      return p == null ? null : Basic.of(p);
    }

    /** The primitive encoded as {@code code}, or null. */
    static Primitive of(int code) {
      if (code == ErrorContext.CODE) {
        return ErrorContext.INSTANCE;
      }
      int ordinal = Basic.BOOL_CODE - code;
      return ordinal >= 0 && ordinal < Basic.ALL.length ? Basic.ALL[ordinal] : null;
    }
  }

  /**
   * One of the value types' primitives ({@link ValueType.Prim}); its code is 0x7f for
   * {@code bool} counting down in {@code Prim}'s order to 0x73 for {@code string}.
   */
  record Basic(ValueType.Prim prim) implements Primitive {
    private static final int BOOL_CODE = 0x7f;
    private static final Basic[] ALL = java.util.Arrays.stream(ValueType.Prim.values()).map(Basic::new)
        .toArray(Basic[]::new);

    /** The binary form of {@code prim}. */
    public static Basic of(ValueType.Prim prim) {
      return ALL[prim.ordinal()];
    }

    @Override
    public int code() {
      return BOOL_CODE - prim.ordinal();
    }

    @Override
    public ValueType valueType() {
      return prim;
    }

    @Override
    public String wit() {
      return prim.wit();
    }
  }

  /** {@code error-context} (0x64): a handle of the async ABI, encoded as a primitive. */
  record ErrorContext() implements Primitive {
    static final int CODE = 0x64;
    public static final ErrorContext INSTANCE = new ErrorContext();

    @Override
    public int code() {
      return CODE;
    }

    @Override
    public ValueType valueType() {
      return new ValueType.AsyncType("error-context", null);
    }

    @Override
    public String wit() {
      return "error-context";
    }
  }

  record Index(int index) implements ValType {}
}
