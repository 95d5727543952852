package dev.plugboard.wit.resolve;

import dev.plugboard.types.ValueType;

/**
 * A use of a type in a resolved package: a primitive, or a reference to a {@link TypeDef}
 * in the {@link Resolve}'s type arena.
 */
public sealed interface Type {

  /** A type that WIT spells with a keyword: one of the value types' primitives, or {@code error-context}. */
  sealed interface Primitive extends Type {
    /** How WIT spells it. */
    String wit();

    /** The primitive WIT spells {@code wit}. */
    static Primitive of(String wit) {
      if (wit.equals(ErrorContext.INSTANCE.wit())) {
        return ErrorContext.INSTANCE;
      }
      ValueType.Prim p = ValueType.Prim.ofWit(wit);
      if (p == null) {
        throw new IllegalArgumentException(wit);
      }
      return Basic.of(p);
    }
  }

  /** One of the value types' primitives ({@link ValueType.Prim}). */
  record Basic(ValueType.Prim prim) implements Primitive {
    private static final Basic[] ALL = java.util.Arrays.stream(ValueType.Prim.values()).map(Basic::new)
        .toArray(Basic[]::new);

    public static Basic of(ValueType.Prim prim) {
      return ALL[prim.ordinal()];
    }

    @Override
    public String wit() {
      return prim.wit();
    }
  }

  /** {@code error-context}: a handle type of the async ABI, spelt like a primitive. */
  record ErrorContext() implements Primitive {
    public static final ErrorContext INSTANCE = new ErrorContext();

    @Override
    public String wit() {
      return "error-context";
    }
  }

  /** A reference to {@code resolve.types().get(id)}. */
  record Ref(int id) implements Type {}
}
