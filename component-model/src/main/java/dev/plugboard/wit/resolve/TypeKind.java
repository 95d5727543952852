package dev.plugboard.wit.resolve;

import java.util.List;

/**
 * What a {@link TypeDef} defines. Records of records, so structurally equal anonymous
 * types compare equal (the resolver interns them by this equality).
 */
public sealed interface TypeKind {
  record Field(String name, Type type, String docs) {}

  record Case(String name, String docs) {}

  record VariantCase(String name, Type type, String docs) {}

  record Record(List<Field> fields) implements TypeKind {
    public Record {
      fields = List.copyOf(fields);
    }
  }

  record Resource() implements TypeKind {}

  /** {@code own<R>} or {@code borrow<R>}; {@code resource} is a type id. */
  record Handle(boolean own, int resource) implements TypeKind {}

  record Flags(List<Case> flags) implements TypeKind {
    public Flags {
      flags = List.copyOf(flags);
    }
  }

  record Tuple(List<Type> types) implements TypeKind {
    public Tuple {
      types = List.copyOf(types);
    }
  }

  record Variant(List<VariantCase> cases) implements TypeKind {
    public Variant {
      cases = List.copyOf(cases);
    }
  }

  record Enum(List<Case> cases) implements TypeKind {
    public Enum {
      cases = List.copyOf(cases);
    }
  }

  record Option(Type type) implements TypeKind {}

  /** {@code ok}/{@code err} are null where absent. */
  record Result(Type ok, Type err) implements TypeKind {}

  record ListOf(Type element) implements TypeKind {}

  record FixedList(Type element, long size) implements TypeKind {}

  record MapOf(Type key, Type value) implements TypeKind {}

  /** {@code type} is null for a bare {@code future}. */
  record Future(Type type) implements TypeKind {}

  /** {@code type} is null for a bare {@code stream}. */
  record Stream(Type type) implements TypeKind {}

  /** {@code type x = T}, and every name brought in by {@code use}. */
  record Alias(Type target) implements TypeKind {}

  /** A placeholder for a type of another package, replaced during resolution. */
  record Unknown() implements TypeKind {}
}
