package dev.plugboard.binary;

import dev.plugboard.binary.ComponentValidator.CoreExportT;
import dev.plugboard.binary.ComponentValidator.CoreFuncT;
import dev.plugboard.binary.ComponentValidator.CoreImport;
import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.ModuleT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.plugboard.types.ResourceType;
import dev.plugboard.types.ValueSubtyping;
import dev.plugboard.types.ValueSubtyping.Mismatch;
import dev.plugboard.types.ValueType;

/**
 * Subtyping of component types (Explainer.md, "Subtyping"; Binary.md, "instantiate"), as
 * the reference validator applies it: instance and component types by their exports (and,
 * contravariantly, imports), module types by their imports and exports, functions and value
 * types by structure, resources by identity. Abstract resource types of the expected side
 * that are still open ({@code bindable}) are bound to the actual side's resource the first
 * time they are met, so later imports are checked against the types already supplied.
 *
 * <p>A mismatch is reported as data: {@link Mismatch#path()} leads from the outermost item to
 * the part that differs, so that a caller can show it next to the right port or name.
 */
final class Subtyping {
  private final Map<Object, Object> bound;
  private final Set<Object> bindable;

  /**
   * @param bound expected resource token → actual token, filled in as open tokens bind
   * @param bindable the expected side's open (abstract, not yet supplied) resource tokens
   */
  private final ValueSubtyping values = new ValueSubtyping(this::resource);

  Subtyping(Map<Object, Object> bound, Set<Object> bindable) {
    this.bound = bound;
    this.bindable = bindable;
  }

  /**
   * A mismatch in the reference validator's words, for the validator's own messages: wasm-tools
   * words a result-count mismatch naming the two sides the other way round ("expected a result,
   * found none" where the import wants none). The composer and the runtime show the mismatch as
   * it is, which says which side has what.
   */
  static String referenceWords(Mismatch m) {
    String d = m.describe();
    if (d.endsWith("expected no result, found one")) {
      return d.substring(0, d.length() - "expected no result, found one".length()) + "expected a result, found none";
    }
    if (d.endsWith("expected a result, found none")) {
      return d.substring(0, d.length() - "expected a result, found none".length()) + "expected no result, found one";
    }
    return d;
  }

  /** Null when {@code actual} is a subtype of {@code expected}; else why not. */
  Mismatch extern(ExternT actual, ExternT expected) {
    return switch (expected) {
      case ExternT.FuncX(TypeT.Func e) -> actual instanceof ExternT.FuncX(TypeT.Func a) ? func(a, e)
          : sortMismatch("func", actual);
      case ExternT.InstX(TypeT.Inst e) -> actual instanceof ExternT.InstX(TypeT.Inst a) ? instance(a, e)
          : sortMismatch("instance", actual);
      case ExternT.CompX(TypeT.Comp e) -> actual instanceof ExternT.CompX(TypeT.Comp a) ? component(a, e)
          : sortMismatch("component", actual);
      case ExternT.ModuleX(ModuleT e) -> actual instanceof ExternT.ModuleX(ModuleT a) ? module(a, e)
          : sortMismatch("module", actual);
      case ExternT.TypeX(TypeT e) -> actual instanceof ExternT.TypeX(TypeT a) ? type(a, e)
          : sortMismatch("type", actual);
      case ExternT.ValueX(ValueType e) -> actual instanceof ExternT.ValueX(ValueType a)
          ? (e == null || a == null ? null : value(a, e)) : sortMismatch("value", actual);
    };
  }

  private static Mismatch sortMismatch(String expected, ExternT actual) {
    return Mismatch.of("expected " + expected + ", found " + sortName(actual));
  }

  static String sortName(ExternT t) {
    return switch (t) {
      case ExternT.FuncX f -> "func";
      case ExternT.InstX i -> "instance";
      case ExternT.CompX c -> "component";
      case ExternT.ModuleX m -> "module";
      case ExternT.TypeX ty -> "type";
      case ExternT.ValueX v -> "value";
    };
  }

  private Mismatch type(TypeT actual, TypeT expected) {
    if (expected instanceof TypeT.Resource e) {
      if (!(actual instanceof TypeT.Resource a)) {
        return Mismatch.of("expected resource, found " + kind(actual));
      }
      return resource(a.token(), e.token());
    }
    if (actual instanceof TypeT.Resource) {
      return Mismatch.of("expected " + kind(expected) + ", found resource");
    }
    return switch (expected) {
      case TypeT.Val(ValueType e) -> {
        if (!(actual instanceof TypeT.Val(ValueType a))) {
          yield Mismatch.of("expected defined type, found " + kind(actual));
        }
        Mismatch m = value(a, e);
        if (m == null && a != e) {
          // a supplied type import stands for the argument's type from here on (Binary.md), so
          // the named type it was keeps its name through the instance's exports
          bound.putIfAbsent(e, a);
        }
        yield m;
      }
      case TypeT.Func e -> actual instanceof TypeT.Func a ? func(a, e) : kindMismatch(actual, expected);
      case TypeT.Inst e -> actual instanceof TypeT.Inst a ? instance(a, e) : kindMismatch(actual, expected);
      case TypeT.Comp e -> actual instanceof TypeT.Comp a ? component(a, e) : kindMismatch(actual, expected);
      case TypeT.Resource e -> throw new AssertionError();
    };
  }

  private static Mismatch kindMismatch(TypeT actual, TypeT expected) {
    return Mismatch.of("expected " + kind(expected) + ", found " + kind(actual));
  }

  /** A type's kind in wasm-tools' words. */
  private static String kind(TypeT t) {
    return switch (t) {
      case TypeT.Val v -> "defined type";
      case TypeT.Func f -> "func";
      case TypeT.Inst i -> "instance";
      case TypeT.Comp c -> "component";
      case TypeT.Resource r -> "resource";
    };
  }

  private Mismatch resource(Object actualToken, Object expectedToken) {
    Object actual = ComponentValidator.root(actualToken);
    Object expected = ComponentValidator.root(expectedToken);
    Object target = bound.get(expected);
    if (target == null && bindable.contains(expected)) {
      bound.put(expected, actual);
      return null;
    }
    if (target == null) {
      target = expected;
    }
    return target == actual ? null : Mismatch.of("resource types are not the same");
  }

  Mismatch func(TypeT.Func actual, TypeT.Func expected) {
    if (actual.async() != expected.async()) {
      return Mismatch.of(expected.async() ? "expected an async function" : "expected a sync function");
    }
    if (actual.params().size() != expected.params().size()) {
      return Mismatch.of("expected " + expected.params().size() + " parameters, found "
          + actual.params().size());
    }
    for (int i = 0; i < expected.params().size(); i++) {
      String name = expected.names().get(i);
      if (!name.equals(actual.names().get(i))) {
        return Mismatch.of("expected parameter named `" + name + "`, found `" + actual.names().get(i) + "`");
      }
      Mismatch m = value(actual.params().get(i), expected.params().get(i));
      if (m != null) {
        return m.within("type mismatch in function parameter `" + name + "`");
      }
    }
    if ((actual.result() == null) != (expected.result() == null)) {
      return Mismatch.of(expected.result() == null ? "expected no result, found one"
          : "expected a result, found none");
    }
    Mismatch m = actual.result() == null ? null : value(actual.result(), expected.result());
    return m == null ? null : m.within("type mismatch with result type");
  }

  private Mismatch instance(TypeT.Inst actual, TypeT.Inst expected) {
    for (var e : expected.exports().entrySet()) {
      ExternT a = actual.exports().get(e.getKey());
      if (a == null) {
        return Mismatch.of("missing expected export `" + e.getKey() + "`");
      }
      Mismatch m = extern(a, e.getValue());
      if (m != null) {
        return m.within("type mismatch in instance export `" + e.getKey() + "`");
      }
    }
    return null;
  }

  private Mismatch component(TypeT.Comp actual, TypeT.Comp expected) {
    // Contravariant in imports: whatever the actual component imports, the expected type
    // must promise to supply, with a type the actual import accepts.
    Subtyping reversed = new Subtyping(bound, Set.copyOf(actual.importedResources()));
    for (var a : actual.imports().entrySet()) {
      ExternT e = expected.imports().get(a.getKey());
      if (e == null) {
        return Mismatch.of("missing import named `" + a.getKey() + "`");
      }
      Mismatch m = reversed.extern(e, a.getValue());
      if (m != null) {
        return m.within("type mismatch in import `" + a.getKey() + "`");
      }
    }
    // The actual component's imported resources now stand for the expected side's, in what it
    // exports too.
    Map<Object, Object> supplied = new IdentityHashMap<>();
    for (Object r : actual.importedResources()) {
      Object to = bound.get(r);
      if (to != null) {
        supplied.put(r, to);
      }
    }
    Substitution asExpected = new Substitution(supplied);
    Set<Object> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    open.addAll(bindable);
    open.addAll(expected.definedResources());
    Subtyping covariant = new Subtyping(bound, open);
    for (var e : expected.exports().entrySet()) {
      ExternT a = actual.exports().get(e.getKey());
      if (a == null) {
        return Mismatch.of("missing export named `" + e.getKey() + "`");
      }
      Mismatch m = covariant.extern(asExpected.extern(a), e.getValue());
      if (m != null) {
        return m.within("type mismatch in export `" + e.getKey() + "`");
      }
    }
    return null;
  }

  private static Mismatch module(ModuleT actual, ModuleT expected) {
    for (CoreImport a : actual.imports()) {
      CoreImport e = expected.imports().stream()
          .filter(x -> x.module().equals(a.module()) && x.name().equals(a.name())).findFirst().orElse(null);
      if (e == null) {
        return Mismatch.of("missing expected import `" + a.module() + "::" + a.name() + "`");
      }
      if (e.kind() != a.kind() || !sameFunc(a.func(), e.func())) {
        return Mismatch.of("type mismatch in import `" + a.module() + "::" + a.name() + "`");
      }
      String why = externMismatch(e.type(), a.type());
      if (why != null) {
        return Mismatch.of("type mismatch in import `" + a.module() + "::" + a.name() + "`: " + why);
      }
    }
    for (var e : expected.exports().entrySet()) {
      CoreExportT a = actual.exports().get(e.getKey());
      if (a == null) {
        return Mismatch.of("missing expected export `" + e.getKey() + "`");
      }
      if (a.kind() != e.getValue().kind() || !sameFunc(a.func(), e.getValue().func())) {
        return Mismatch.of("type mismatch in export `" + e.getKey() + "`: expected "
            + describe(e.getValue()) + ", found " + describe(a));
      }
      String why = externMismatch(a.type(), e.getValue().type());
      if (why != null) {
        return Mismatch.of("type mismatch in export `" + e.getKey() + "`: " + why);
      }
    }
    return null;
  }

  /** Why a table, memory or global type is not a subtype of another; null if it is or either is unknown. */
  private static String externMismatch(CoreExternType actual, CoreExternType expected) {
    return actual == null || expected == null ? null : actual.mismatch(expected);
  }

  private static String describe(CoreExportT t) {
    return t.func() == null ? t.kind().name().toLowerCase(java.util.Locale.ROOT) : "func " + t.func();
  }

  private static boolean sameFunc(CoreFuncT a, CoreFuncT e) {
    if (a == null || e == null || a.params() == null || e.params() == null) {
      return true;
    }
    return a.params().equals(e.params()) && a.results().equals(e.results());
  }

  /** Value types, by the one value subtyping; resources by identity, binding open ones. */
  Mismatch value(ValueType actual, ValueType expected) {
    return values.check(actual, expected);
  }




  // ---- substitution -------------------------------------------------------------------

  /**
   * Replaces resource tokens throughout a type ({@code map}: old token → new token). Parts
   * that do not change are returned as they are, and a part met twice is rebuilt once, so
   * the identity of named types survives.
   */
  static final class Substitution {
    private final Map<Object, Object> map;
    private final Map<Object, Object> done = new IdentityHashMap<>();

    Substitution(Map<Object, Object> map) {
      this.map = map;
    }

    ExternT extern(ExternT t) {
      return switch (t) {
        case ExternT.FuncX(TypeT.Func f) -> same(f, func(f)) ? t : new ExternT.FuncX(func(f));
        case ExternT.InstX(TypeT.Inst i) -> same(i, inst(i)) ? t : new ExternT.InstX(inst(i));
        case ExternT.CompX(TypeT.Comp c) -> same(c, comp(c)) ? t : new ExternT.CompX(comp(c));
        case ExternT.TypeX(TypeT ty) -> same(ty, type(ty)) ? t : new ExternT.TypeX(type(ty));
        case ExternT.ValueX(ValueType v) -> v == null || same(v, value(v)) ? t : new ExternT.ValueX(value(v));
        case ExternT.ModuleX m -> t;
      };
    }

    private static boolean same(Object a, Object b) {
      return a == b;
    }

    TypeT type(TypeT t) {
      return switch (t) {
        case TypeT.Val v -> memo(v, () -> {
          ValueType x = value(v.value());
          return x == v.value() ? v : new TypeT.Val(x);
        });
        case TypeT.Func f -> func(f);
        case TypeT.Inst i -> inst(i);
        case TypeT.Comp c -> comp(c);
        case TypeT.Resource r -> map.get(ComponentValidator.root(r.token())) instanceof ResourceType x
            ? new TypeT.Resource(x, false) : r;
      };
    }

    TypeT.Func func(TypeT.Func f) {
      return memo(f, () -> {
        List<ValueType> params = values(f.params());
        ValueType result = f.result() == null ? null : value(f.result());
        return params == f.params() && result == f.result() ? f
            : new TypeT.Func(f.async(), f.names(), params, result);
      });
    }

    TypeT.Inst inst(TypeT.Inst i) {
      return memo(i, () -> {
        Map<String, ExternT> exports = externs(i.exports());
        return exports == i.exports() ? i : new TypeT.Inst(exports, i.definedResources());
      });
    }

    TypeT.Comp comp(TypeT.Comp c) {
      return memo(c, () -> {
        Map<String, ExternT> imports = externs(c.imports());
        Map<String, ExternT> exports = externs(c.exports());
        return imports == c.imports() && exports == c.exports() ? c
            : new TypeT.Comp(imports, exports, c.importedResources(), c.definedResources());
      });
    }

    private Map<String, ExternT> externs(Map<String, ExternT> m) {
      Map<String, ExternT> out = new LinkedHashMap<>();
      boolean changed = false;
      for (var e : m.entrySet()) {
        ExternT x = extern(e.getValue());
        changed |= x != e.getValue();
        out.put(e.getKey(), x);
      }
      return changed ? java.util.Collections.unmodifiableMap(out) : m;
    }

    private List<ValueType> values(List<ValueType> l) {
      List<ValueType> out = new ArrayList<>(l.size());
      boolean changed = false;
      for (ValueType x : l) {
        ValueType y = x == null ? null : value(x);
        changed |= y != x;
        out.add(y);
      }
      return changed ? java.util.Collections.unmodifiableList(out) : l;
    }

    ValueType value(ValueType t) {
      if (map.get(t) instanceof ValueType supplied) {
        return supplied;
      }
      return switch (t) {
        case ValueType.Prim p -> p;
        case ValueType.FlagsType f -> f;
        case ValueType.EnumType e -> e;
        case ValueType.OwnType o -> map.get(ComponentValidator.root(o.resource())) instanceof ResourceType r
            ? new ValueType.OwnType(r) : o;
        case ValueType.BorrowType b -> map.get(ComponentValidator.root(b.resource())) instanceof ResourceType r
            ? new ValueType.BorrowType(r) : b;
        default -> memo(t, () -> switch (t) {
          case ValueType.RecordType r -> {
            List<ValueType> types = values(r.fields().stream().map(ValueType.Field::type).toList());
            yield unchanged(types, r.fields().stream().map(ValueType.Field::type).toList()) ? r
                : new ValueType.RecordType(ValueTypes.fields(r.fields().stream().map(ValueType.Field::name).toList(),
                    types));
          }
          case ValueType.VariantType v -> {
            List<ValueType> before = v.cases().stream().map(ValueType.Case::type).toList();
            List<ValueType> types = values(before);
            yield unchanged(types, before) ? v : new ValueType.VariantType(ValueTypes.cases(
                v.cases().stream().map(ValueType.Case::name).toList(), types));
          }
          case ValueType.ListType l -> {
            ValueType e = value(l.element());
            yield e == l.element() ? l : new ValueType.ListType(e);
          }
          case ValueType.FixedListType l -> {
            ValueType e = value(l.element());
            yield e == l.element() ? l : new ValueType.FixedListType(e, l.length());
          }
          case ValueType.TupleType tu -> {
            List<ValueType> types = values(tu.types());
            yield types == tu.types() ? tu : new ValueType.TupleType(types);
          }
          case ValueType.OptionType o -> {
            ValueType e = value(o.type());
            yield e == o.type() ? o : new ValueType.OptionType(e);
          }
          case ValueType.ResultType r -> {
            ValueType ok = r.ok() == null ? null : value(r.ok());
            ValueType err = r.err() == null ? null : value(r.err());
            yield ok == r.ok() && err == r.err() ? r : new ValueType.ResultType(ok, err);
          }
          case ValueType.AsyncType a -> {
            ValueType e = a.element() == null ? null : value(a.element());
            yield e == a.element() ? a : new ValueType.AsyncType(a.kind(), e);
          }
          case ValueType.MapType m -> {
            ValueType k = value(m.key());
            ValueType v = value(m.value());
            yield k == m.key() && v == m.value() ? m : new ValueType.MapType(k, v);
          }
          default -> t;
        });
      };
    }

    private static boolean unchanged(List<ValueType> after, List<ValueType> before) {
      for (int i = 0; i < after.size(); i++) {
        if (after.get(i) != before.get(i)) {
          return false;
        }
      }
      return true;
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(T key, java.util.function.Supplier<T> build) {
      Object hit = done.get(key);
      if (hit != null) {
        return (T) hit;
      }
      T built = build.get();
      done.put(key, built);
      return built;
    }
  }
}
