package dev.plugboard.binary;

/** A value type in a binary: a primitive, or an index into the type index space. */
public sealed interface ValType {

  /** The primitive value types with their binary codes. */
  enum Primitive implements ValType {
    BOOL(0x7f, "bool"), S8(0x7e, "s8"), U8(0x7d, "u8"), S16(0x7c, "s16"), U16(0x7b, "u16"), S32(0x7a, "s32"),
    U32(0x79, "u32"), S64(0x78, "s64"), U64(0x77, "u64"), F32(0x76, "f32"), F64(0x75, "f64"), CHAR(0x74, "char"),
    STRING(0x73, "string"), ERROR_CONTEXT(0x64, "error-context");

    private final int code;
    private final String wit;

    Primitive(int code, String wit) {
      this.code = code;
      this.wit = wit;
    }

    public int code() {
      return code;
    }

    /** The value type this primitive stands for ({@code error-context} is a handle type). */
    public dev.plugboard.types.ValueType valueType() {
      return switch (this) {
        case BOOL -> dev.plugboard.types.ValueType.Prim.BOOL;
        case S8 -> dev.plugboard.types.ValueType.Prim.S8;
        case U8 -> dev.plugboard.types.ValueType.Prim.U8;
        case S16 -> dev.plugboard.types.ValueType.Prim.S16;
        case U16 -> dev.plugboard.types.ValueType.Prim.U16;
        case S32 -> dev.plugboard.types.ValueType.Prim.S32;
        case U32 -> dev.plugboard.types.ValueType.Prim.U32;
        case S64 -> dev.plugboard.types.ValueType.Prim.S64;
        case U64 -> dev.plugboard.types.ValueType.Prim.U64;
        case F32 -> dev.plugboard.types.ValueType.Prim.F32;
        case F64 -> dev.plugboard.types.ValueType.Prim.F64;
        case CHAR -> dev.plugboard.types.ValueType.Prim.CHAR;
        case STRING -> dev.plugboard.types.ValueType.Prim.STRING;
        case ERROR_CONTEXT -> new dev.plugboard.types.ValueType.AsyncType("error-context", null);
      };
    }

    public String wit() {
      return wit;
    }

    public static Primitive of(int code) {
      for (Primitive p : values()) {
        if (p.code == code) {
          return p;
        }
      }
      return null;
    }
  }

  record Index(int index) implements ValType {}
}
