package dev.plugboard.types;

import java.util.List;

/**
 * A Component Model value type: the one hierarchy that WIT, component binaries, WAVE and the
 * Canonical ABI share. Specialised types (tuple, enum, option, result) are kept as they are
 * written; the ABI despecialises them itself.
 */
public sealed interface ValueType {

  /**
   * The primitive value types: the one list that WIT ({@code wit.resolve.Type.Basic}), binaries
   * ({@code binary.ValType.Basic}) and the ABI share. Its order is Binary.md's: codes 0x7f
   * ({@code bool}) down to 0x73 ({@code string}).
   */
  enum Prim implements ValueType {
    BOOL("bool"), S8("s8"), U8("u8"), S16("s16"), U16("u16"), S32("s32"), U32("u32"), S64("s64"), U64("u64"),
    F32("f32"), F64("f64"), CHAR("char"), STRING("string");

    private final String wit;

    Prim(String wit) {
      this.wit = wit;
    }

    public String wit() {
      return wit;
    }

    /** The primitive that WIT spells {@code wit}, or null. */
    public static Prim ofWit(String wit) {
      for (Prim p : values()) {
        if (p.wit.equals(wit)) {
          return p;
        }
      }
      return null;
    }

    /** Whether this is one of the eight integer types. */
    public boolean isInteger() {
      return ordinal() >= S8.ordinal() && ordinal() <= U64.ordinal();
    }

    public boolean isSigned() {
      return this == S8 || this == S16 || this == S32 || this == S64;
    }

    /** Bit width of an integer type. */
    public int bits() {
      return switch (this) {
        case S8, U8 -> 8;
        case S16, U16 -> 16;
        case S32, U32 -> 32;
        case S64, U64 -> 64;
        default -> throw new IllegalStateException(wit + " is not an integer");
      };
    }

    @Override
    public String toString() {
      return wit;
    }
  }

  record ListType(ValueType element) implements ValueType {}

  /** {@code list<T, N>}. */
  record FixedListType(ValueType element, int length) implements ValueType {}

  record Field(String name, ValueType type) {}

  record RecordType(List<Field> fields) implements ValueType {
    public RecordType {
      fields = List.copyOf(fields);
    }
  }

  record TupleType(List<ValueType> types) implements ValueType {
    public TupleType {
      types = List.copyOf(types);
    }
  }

  /** A case; {@code type} is null when the case has no payload. */
  record Case(String name, ValueType type) {}

  record VariantType(List<Case> cases) implements ValueType {
    public VariantType {
      cases = List.copyOf(cases);
    }
  }

  record EnumType(List<String> names) implements ValueType {
    public EnumType {
      names = List.copyOf(names);
    }
  }

  record OptionType(ValueType type) implements ValueType {}

  /** {@code ok} and {@code err} are null where absent. */
  record ResultType(ValueType ok, ValueType err) implements ValueType {}

  record FlagsType(List<String> names) implements ValueType {
    public FlagsType {
      names = List.copyOf(names);
    }
  }

  /** {@code map<K, V>}: an ABI-level list of key/value tuples. */
  record MapType(ValueType key, ValueType value) implements ValueType {}

  /** {@code own<R>}; resource types are compared by identity. */
  record OwnType(ResourceType resource) implements ValueType {}

  /** {@code borrow<R>}. */
  record BorrowType(ResourceType resource) implements ValueType {}

  /**
   * {@code stream<T>}, {@code future<T>} (element may be null) or {@code error-context}: handles
   * of the async ABI. Plugboard types and validates them; values of them cannot be passed yet.
   */
  record AsyncType(String kind, ValueType element) implements ValueType {}

  /**
   * The WIT spelling of this type, at most about {@code limit} characters: longer spellings end
   * in {@code …} (a type whose parts are shared can spell out to far more than its size).
   */
  static String describe(ValueType t, int limit) {
    StringBuilder out = new StringBuilder();
    write(t, out, limit);
    return out.length() > limit ? out.substring(0, limit) + "…" : out.toString();
  }

  /** The WIT spelling of this type (anonymous structure written out). */
  static String describe(ValueType t) {
    StringBuilder out = new StringBuilder();
    write(t, out, Integer.MAX_VALUE);
    return out.toString();
  }

  /** Writes the spelling of {@code t}, stopping once {@code out} is longer than {@code limit}. */
  private static void write(ValueType t, StringBuilder out, int limit) {
    if (out.length() > limit) {
      return;
    }
    switch (t) {
      case null -> out.append('_');
      case Prim p -> out.append(p.wit());
      case ListType l -> parts(out, "list<", List.of(l.element()), ">", limit);
      case FixedListType l -> {
        parts(out, "list<", List.of(l.element()), "", limit);
        out.append(", ").append(l.length()).append('>');
      }
      case TupleType tu -> parts(out, "tuple<", tu.types(), ">", limit);
      case OptionType o -> parts(out, "option<", List.of(o.type()), ">", limit);
      case MapType m -> parts(out, "map<", List.of(m.key(), m.value()), ">", limit);
      case ResultType r -> {
        if (r.ok() == null && r.err() == null) {
          out.append("result");
        } else {
          parts(out, "result<", r.err() == null ? List.of(r.ok()) : java.util.Arrays.asList(r.ok(), r.err()), ">",
              limit);
        }
      }
      case RecordType r -> {
        out.append("record { ");
        for (int i = 0; i < r.fields().size() && out.length() <= limit; i++) {
          out.append(i == 0 ? "" : ", ").append(r.fields().get(i).name()).append(": ");
          write(r.fields().get(i).type(), out, limit);
        }
        out.append(" }");
      }
      case VariantType v -> {
        out.append("variant { ");
        for (int i = 0; i < v.cases().size() && out.length() <= limit; i++) {
          out.append(i == 0 ? "" : ", ").append(v.cases().get(i).name());
          if (v.cases().get(i).type() != null) {
            parts(out, "(", List.of(v.cases().get(i).type()), ")", limit);
          }
        }
        out.append(" }");
      }
      case EnumType e -> out.append("enum { ").append(String.join(", ", e.names())).append(" }");
      case FlagsType f -> out.append("flags { ").append(String.join(", ", f.names())).append(" }");
      case OwnType o -> out.append("own<").append(o.resource().name()).append('>');
      case BorrowType b -> out.append("borrow<").append(b.resource().name()).append('>');
      case AsyncType a -> {
        if (a.element() == null) {
          out.append(a.kind());
        } else {
          parts(out, a.kind() + "<", List.of(a.element()), ">", limit);
        }
      }
    }
  }

  private static void parts(StringBuilder out, String open, List<ValueType> parts, String close, int limit) {
    out.append(open);
    for (int i = 0; i < parts.size() && out.length() <= limit; i++) {
      out.append(i == 0 ? "" : ", ");
      write(parts.get(i), out, limit);
    }
    out.append(close);
  }
}
