package dev.plugboard.types;

import java.util.List;

/**
 * A Component Model value type: the one hierarchy that WIT, component binaries, WAVE and the
 * Canonical ABI share. Specialised types (tuple, enum, option, result) are kept as they are
 * written; the ABI despecialises them itself.
 */
public sealed interface ValueType {

  /** The primitive value types. */
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
    describe(t, out, limit);
    return out.length() > limit ? out.substring(0, limit) + "…" : out.toString();
  }

  private static void describe(ValueType t, StringBuilder out, int limit) {
    if (out.length() > limit) {
      return;
    }
    switch (t) {
      case RecordType r -> {
        out.append("record { ");
        for (int i = 0; i < r.fields().size() && out.length() <= limit; i++) {
          out.append(i == 0 ? "" : ", ").append(r.fields().get(i).name()).append(": ");
          describe(r.fields().get(i).type(), out, limit);
        }
        out.append(" }");
      }
      case TupleType tu -> {
        out.append("tuple<");
        for (int i = 0; i < tu.types().size() && out.length() <= limit; i++) {
          out.append(i == 0 ? "" : ", ");
          describe(tu.types().get(i), out, limit);
        }
        out.append(">");
      }
      case ListType l -> {
        out.append("list<");
        describe(l.element(), out, limit);
        out.append(">");
      }
      case OptionType o -> {
        out.append("option<");
        describe(o.type(), out, limit);
        out.append(">");
      }
      case VariantType v -> {
        out.append("variant { ");
        for (int i = 0; i < v.cases().size() && out.length() <= limit; i++) {
          out.append(i == 0 ? "" : ", ").append(v.cases().get(i).name());
          if (v.cases().get(i).type() != null) {
            out.append("(");
            describe(v.cases().get(i).type(), out, limit);
            out.append(")");
          }
        }
        out.append(" }");
      }
      case ResultType r when r.ok() != null && r.err() != null -> {
        out.append("result<");
        describe(r.ok(), out, limit);
        out.append(", ");
        describe(r.err(), out, limit);
        out.append(">");
      }
      case MapType m -> {
        out.append("map<");
        describe(m.key(), out, limit);
        out.append(", ");
        describe(m.value(), out, limit);
        out.append(">");
      }
      case FixedListType l -> {
        out.append("list<");
        describe(l.element(), out, limit);
        out.append(", ").append(l.length()).append(">");
      }
      default -> out.append(describe(t));
    }
  }

  /** The WIT spelling of this type (anonymous structure written out). */
  static String describe(ValueType t) {
    return switch (t) {
      case null -> "_";
      case Prim p -> p.wit();
      case ListType l -> "list<" + describe(l.element()) + ">";
      case FixedListType l -> "list<" + describe(l.element()) + ", " + l.length() + ">";
      case RecordType r -> "record { " + String.join(", ",
          r.fields().stream().map(f -> f.name() + ": " + describe(f.type())).toList()) + " }";
      case TupleType tu -> "tuple<" + String.join(", ", tu.types().stream().map(ValueType::describe).toList()) + ">";
      case VariantType v -> "variant { " + String.join(", ", v.cases().stream()
          .map(c -> c.type() == null ? c.name() : c.name() + "(" + describe(c.type()) + ")").toList()) + " }";
      case EnumType e -> "enum { " + String.join(", ", e.names()) + " }";
      case OptionType o -> "option<" + describe(o.type()) + ">";
      case ResultType r -> r.ok() == null && r.err() == null ? "result"
          : r.err() == null ? "result<" + describe(r.ok()) + ">"
          : "result<" + describe(r.ok()) + ", " + describe(r.err()) + ">";
      case FlagsType f -> "flags { " + String.join(", ", f.names()) + " }";
      case MapType m -> "map<" + describe(m.key()) + ", " + describe(m.value()) + ">";
      case OwnType o -> "own<" + o.resource().name() + ">";
      case BorrowType b -> "borrow<" + b.resource().name() + ">";
      case AsyncType a -> a.element() == null ? a.kind() : a.kind() + "<" + describe(a.element()) + ">";
    };
  }
}
