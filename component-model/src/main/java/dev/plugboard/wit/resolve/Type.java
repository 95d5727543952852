package dev.plugboard.wit.resolve;

/**
 * A use of a type in a resolved package: a primitive, or a reference to a {@link TypeDef}
 * in the {@link Resolve}'s type arena.
 */
public sealed interface Type {

  /** The primitive value types, spelled as in WIT. */
  enum Primitive implements Type {
    BOOL("bool"), U8("u8"), U16("u16"), U32("u32"), U64("u64"), S8("s8"), S16("s16"), S32("s32"),
    S64("s64"), F32("f32"), F64("f64"), CHAR("char"), STRING("string"), ERROR_CONTEXT("error-context");

    private final String wit;

    Primitive(String wit) {
      this.wit = wit;
    }

    public String wit() {
      return wit;
    }

    public static Primitive of(String wit) {
      for (Primitive p : values()) {
        if (p.wit.equals(wit)) {
          return p;
        }
      }
      throw new IllegalArgumentException(wit);
    }
  }

  /** A reference to {@code resolve.types().get(id)}. */
  record Ref(int id) implements Type {}
}
