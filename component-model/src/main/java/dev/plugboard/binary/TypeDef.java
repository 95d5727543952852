package dev.plugboard.binary;

import java.util.List;

/** A component-level type definition (Binary.md, "deftype"). */
public sealed interface TypeDef {

  // ---- defined value types ------------------------------------------------------------

  /** A primitive used as a type definition. */
  record Prim(ValType.Primitive type) implements TypeDef {}

  record Field(String name, ValType type) {}

  record Record(List<Field> fields) implements TypeDef {
    public Record {
      fields = List.copyOf(fields);
    }
  }

  /** A case; {@code type} is null without payload. */
  record Case(String name, ValType type) {}

  record Variant(List<Case> cases) implements TypeDef {
    public Variant {
      cases = List.copyOf(cases);
    }
  }

  record ListOf(ValType element) implements TypeDef {}

  record FixedList(ValType element, long length) implements TypeDef {}

  record Tuple(List<ValType> types) implements TypeDef {
    public Tuple {
      types = List.copyOf(types);
    }
  }

  record Flags(List<String> names) implements TypeDef {
    public Flags {
      names = List.copyOf(names);
    }
  }

  record Enum(List<String> names) implements TypeDef {
    public Enum {
      names = List.copyOf(names);
    }
  }

  record Option(ValType type) implements TypeDef {}

  /** {@code ok}/{@code err} null when absent. */
  record Result(ValType ok, ValType err) implements TypeDef {}

  record Own(int resource) implements TypeDef {}

  record Borrow(int resource) implements TypeDef {}

  record Stream(ValType element) implements TypeDef {}

  record Future(ValType element) implements TypeDef {}

  record MapOf(ValType key, ValType value) implements TypeDef {}

  // ---- other type definitions ---------------------------------------------------------

  record Param(String name, ValType type) {}

  /** {@code result} is null for no result. */
  record Func(boolean async, List<Param> params, ValType result) implements TypeDef {
    public Func {
      params = List.copyOf(params);
    }
  }

  /** {@code dtor} is the core function index of the destructor, or -1. */
  record Resource(int rep, int dtor) implements TypeDef {}

  record ComponentType(List<Decl> decls) implements TypeDef {
    public ComponentType {
      decls = List.copyOf(decls);
    }
  }

  record InstanceType(List<Decl> decls) implements TypeDef {
    public InstanceType {
      decls = List.copyOf(decls);
    }
  }

  /** A declaration inside a component or instance type. */
  sealed interface Decl {
    record CoreTypeDecl(CoreType type) implements Decl {}

    record TypeDecl(TypeDef type) implements Decl {}

    record AliasDecl(Component.Alias alias) implements Decl {}

    record ImportDecl(Component.ExternName name, Component.ExternType type) implements Decl {}

    record ExportDecl(Component.ExternName name, Component.ExternType type) implements Decl {}
  }

  /** Whether this definition is a defined value type (usable as a {@code valtype}). */
  default boolean isValueType() {
    return !(this instanceof Func || this instanceof Resource || this instanceof ComponentType
        || this instanceof InstanceType);
  }
}
