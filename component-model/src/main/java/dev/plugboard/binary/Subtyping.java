package dev.plugboard.binary;

import dev.plugboard.binary.ComponentValidator.CoreExportT;
import dev.plugboard.binary.ComponentValidator.CoreFuncT;
import dev.plugboard.binary.ComponentValidator.CoreImport;
import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.ModuleT;
import dev.plugboard.binary.ComponentValidator.RV;
import dev.plugboard.binary.ComponentValidator.TypeT;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  /** Why a type is not a subtype of another: the path to the part that differs, and how. */
  record Mismatch(List<String> path, String detail) {
    Mismatch within(String step) {
      List<String> p = new ArrayList<>();
      p.add(step);
      p.addAll(path);
      return new Mismatch(p, detail);
    }

    String describe() {
      return path.isEmpty() ? detail : String.join(": ", path) + ": " + detail;
    }
  }

  private final Map<Object, Object> bound;
  private final Set<Object> bindable;

  /**
   * @param bound expected resource token → actual token, filled in as open tokens bind
   * @param bindable the expected side's open (abstract, not yet supplied) resource tokens
   */
  Subtyping(Map<Object, Object> bound, Set<Object> bindable) {
    this.bound = bound;
    this.bindable = bindable;
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
      case ExternT.ValueX(RV e) -> actual instanceof ExternT.ValueX(RV a)
          ? (e == null || a == null ? null : value(a, e)) : sortMismatch("value", actual);
    };
  }

  private static Mismatch sortMismatch(String expected, ExternT actual) {
    return new Mismatch(List.of(), "expected " + expected + ", found " + sortName(actual));
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
        return new Mismatch(List.of(), "expected resource, found " + kind(actual));
      }
      return resource(a.token(), e.token());
    }
    if (actual instanceof TypeT.Resource) {
      return new Mismatch(List.of(), "expected " + kind(expected) + ", found resource");
    }
    return switch (expected) {
      case TypeT.Val(RV e) -> {
        if (!(actual instanceof TypeT.Val(RV a))) {
          yield new Mismatch(List.of(), "expected a value type, found " + kind(actual));
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
    return new Mismatch(List.of(), "expected " + kind(expected) + ", found " + kind(actual));
  }

  private static String kind(TypeT t) {
    return switch (t) {
      case TypeT.Val v -> "a value type";
      case TypeT.Func f -> "a function type";
      case TypeT.Inst i -> "an instance type";
      case TypeT.Comp c -> "a component type";
      case TypeT.Resource r -> "a resource type";
    };
  }

  private Mismatch resource(Object actual, Object expected) {
    Object target = bound.get(expected);
    if (target == null && bindable.contains(expected)) {
      bound.put(expected, actual);
      return null;
    }
    if (target == null) {
      target = expected;
    }
    return target == actual ? null : new Mismatch(List.of(), "resource types are not the same");
  }

  Mismatch func(TypeT.Func actual, TypeT.Func expected) {
    if (actual.async() != expected.async()) {
      return new Mismatch(List.of(), expected.async() ? "expected an async function" : "expected a sync function");
    }
    if (actual.params().size() != expected.params().size()) {
      return new Mismatch(List.of(), "expected " + expected.params().size() + " parameters, found "
          + actual.params().size());
    }
    for (int i = 0; i < expected.params().size(); i++) {
      String name = expected.names().get(i);
      if (!name.equals(actual.names().get(i))) {
        return new Mismatch(List.of(), "expected parameter named `" + name + "`, found `" + actual.names().get(i) + "`");
      }
      Mismatch m = value(actual.params().get(i), expected.params().get(i));
      if (m != null) {
        return m.within("type mismatch in function parameter `" + name + "`");
      }
    }
    if ((actual.result() == null) != (expected.result() == null)) {
      return new Mismatch(List.of(), expected.result() == null ? "expected no result, found one"
          : "expected a result, found none");
    }
    Mismatch m = actual.result() == null ? null : value(actual.result(), expected.result());
    return m == null ? null : m.within("type mismatch with result type");
  }

  private Mismatch instance(TypeT.Inst actual, TypeT.Inst expected) {
    for (var e : expected.exports().entrySet()) {
      ExternT a = actual.exports().get(e.getKey());
      if (a == null) {
        return new Mismatch(List.of(), "missing expected export `" + e.getKey() + "`");
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
        return new Mismatch(List.of(), "missing expected import `" + a.getKey() + "`");
      }
      Mismatch m = reversed.extern(e, a.getValue());
      if (m != null) {
        return m.within("type mismatch in import `" + a.getKey() + "`");
      }
    }
    Set<Object> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    open.addAll(bindable);
    open.addAll(expected.definedResources());
    Subtyping covariant = new Subtyping(bound, open);
    for (var e : expected.exports().entrySet()) {
      ExternT a = actual.exports().get(e.getKey());
      if (a == null) {
        return new Mismatch(List.of(), "missing expected export `" + e.getKey() + "`");
      }
      Mismatch m = covariant.extern(a, e.getValue());
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
        return new Mismatch(List.of(), "missing expected import `" + a.module() + "::" + a.name() + "`");
      }
      if (e.kind() != a.kind() || !sameFunc(a.func(), e.func())) {
        return new Mismatch(List.of(), "type mismatch in import `" + a.module() + "::" + a.name() + "`");
      }
    }
    for (var e : expected.exports().entrySet()) {
      CoreExportT a = actual.exports().get(e.getKey());
      if (a == null) {
        return new Mismatch(List.of(), "missing expected export `" + e.getKey() + "`");
      }
      if (a.kind() != e.getValue().kind() || !sameFunc(a.func(), e.getValue().func())) {
        return new Mismatch(List.of(), "type mismatch in export `" + e.getKey() + "`: expected "
            + describe(e.getValue()) + ", found " + describe(a));
      }
    }
    return null;
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

  /** Value types are compared structurally (the reference requires equal types here). */
  Mismatch value(RV actual, RV expected) {
    if (actual == expected) {
      return null;
    }
    if (actual == null || expected == null) {
      return new Mismatch(List.of(), expected == null ? "expected no type, found " + show(actual)
          : "expected " + show(expected) + ", found no type");
    }
    return switch (expected) {
      case RV.Prim e -> actual.equals(e) ? null : differ(actual, expected);
      case RV.Rec e -> {
        if (!(actual instanceof RV.Rec a)) {
          yield differ(actual, expected);
        }
        if (a.names().size() != e.names().size()) {
          yield new Mismatch(List.of(), "expected " + e.names().size() + " fields, found " + a.names().size());
        }
        for (int i = 0; i < e.names().size(); i++) {
          if (!e.names().get(i).equals(a.names().get(i))) {
            yield new Mismatch(List.of(), "expected field name `" + e.names().get(i) + "`, found `"
                + a.names().get(i) + "`");
          }
          Mismatch m = value(a.types().get(i), e.types().get(i));
          if (m != null) {
            yield m.within("type mismatch in record field `" + e.names().get(i) + "`");
          }
        }
        yield null;
      }
      case RV.Var e -> {
        if (!(actual instanceof RV.Var a)) {
          yield differ(actual, expected);
        }
        if (a.names().size() != e.names().size()) {
          yield new Mismatch(List.of(), "expected " + e.names().size() + " cases, found " + a.names().size());
        }
        for (int i = 0; i < e.names().size(); i++) {
          if (!e.names().get(i).equals(a.names().get(i))) {
            yield new Mismatch(List.of(), "expected case named `" + e.names().get(i) + "`, found `"
                + a.names().get(i) + "`");
          }
          Mismatch m = value(a.types().get(i), e.types().get(i));
          if (m != null) {
            yield m.within("type mismatch in variant case `" + e.names().get(i) + "`");
          }
        }
        yield null;
      }
      case RV.Flg e -> actual instanceof RV.Flg a && a.names().equals(e.names()) ? null
          : actual instanceof RV.Flg a ? new Mismatch(List.of(), "expected flags " + e.names() + ", found " + a.names())
          : differ(actual, expected);
      case RV.Enm e -> actual instanceof RV.Enm a && a.names().equals(e.names()) ? null
          : actual instanceof RV.Enm a ? new Mismatch(List.of(), "expected enum cases " + e.names() + ", found "
          + a.names()) : differ(actual, expected);
      case RV.Lst e -> {
        if (!(actual instanceof RV.Lst a) || a.length() != e.length()) {
          yield differ(actual, expected);
        }
        Mismatch m = value(a.element(), e.element());
        yield m == null ? null : m.within("type mismatch in list element");
      }
      case RV.Tup e -> {
        if (!(actual instanceof RV.Tup a) || a.types().size() != e.types().size()) {
          yield differ(actual, expected);
        }
        for (int i = 0; i < e.types().size(); i++) {
          Mismatch m = value(a.types().get(i), e.types().get(i));
          if (m != null) {
            yield m.within("type mismatch in tuple field " + i);
          }
        }
        yield null;
      }
      case RV.Opt e -> actual instanceof RV.Opt a ? within(value(a.type(), e.type()), "type mismatch in option")
          : differ(actual, expected);
      case RV.Res e -> {
        if (!(actual instanceof RV.Res a)) {
          yield differ(actual, expected);
        }
        Mismatch m = value(a.ok(), e.ok());
        if (m != null) {
          yield m.within("type mismatch in ok variant");
        }
        yield within(value(a.err(), e.err()), "type mismatch in err variant");
      }
      case RV.Own e -> actual instanceof RV.Own a ? within(resource(a.resource(), e.resource()), "in `own`")
          : differ(actual, expected);
      case RV.Borrow e -> actual instanceof RV.Borrow a
          ? within(resource(a.resource(), e.resource()), "in `borrow`") : differ(actual, expected);
      case RV.Async e -> actual instanceof RV.Async a && a.stream() == e.stream()
          ? within(value(a.element(), e.element()), "type mismatch in " + (e.stream() ? "stream" : "future"))
          : differ(actual, expected);
      case RV.MapT e -> {
        if (!(actual instanceof RV.MapT a)) {
          yield differ(actual, expected);
        }
        Mismatch m = value(a.key(), e.key());
        yield m != null ? m.within("type mismatch in map key") : within(value(a.value(), e.value()),
            "type mismatch in map value");
      }
    };
  }

  private static Mismatch within(Mismatch m, String step) {
    return m == null ? null : m.within(step);
  }

  private static Mismatch differ(RV actual, RV expected) {
    return new Mismatch(List.of(), "expected " + show(expected) + ", found " + show(actual));
  }

  /** A short name for a value type, for messages. */
  static String show(RV t) {
    return switch (t) {
      case null -> "nothing";
      case RV.Prim p -> p.p().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      case RV.Rec r -> "record";
      case RV.Var v -> "variant";
      case RV.Lst l -> l.length() >= 0 ? "list<" + show(l.element()) + ", " + l.length() + ">"
          : "list<" + show(l.element()) + ">";
      case RV.Tup tu -> "tuple<" + String.join(", ", tu.types().stream().map(Subtyping::show).toList()) + ">";
      case RV.Flg f -> "flags";
      case RV.Enm e -> "enum";
      case RV.Opt o -> "option<" + show(o.type()) + ">";
      case RV.Res r -> "result";
      case RV.Own o -> "own";
      case RV.Borrow b -> "borrow";
      case RV.Async a -> a.stream() ? "stream" : "future";
      case RV.MapT m -> "map<" + show(m.key()) + ", " + show(m.value()) + ">";
    };
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

    private Object token(Object t) {
      return map.getOrDefault(t, t);
    }

    ExternT extern(ExternT t) {
      return switch (t) {
        case ExternT.FuncX(TypeT.Func f) -> same(f, func(f)) ? t : new ExternT.FuncX(func(f));
        case ExternT.InstX(TypeT.Inst i) -> same(i, inst(i)) ? t : new ExternT.InstX(inst(i));
        case ExternT.CompX(TypeT.Comp c) -> same(c, comp(c)) ? t : new ExternT.CompX(comp(c));
        case ExternT.TypeX(TypeT ty) -> same(ty, type(ty)) ? t : new ExternT.TypeX(type(ty));
        case ExternT.ValueX(RV v) -> v == null || same(v, value(v)) ? t : new ExternT.ValueX(value(v));
        case ExternT.ModuleX m -> t;
      };
    }

    private static boolean same(Object a, Object b) {
      return a == b;
    }

    TypeT type(TypeT t) {
      return switch (t) {
        case TypeT.Val v -> memo(v, () -> {
          RV x = value(v.value());
          return x == v.value() ? v : new TypeT.Val(x);
        });
        case TypeT.Func f -> func(f);
        case TypeT.Inst i -> inst(i);
        case TypeT.Comp c -> comp(c);
        case TypeT.Resource r -> map.containsKey(r.token()) ? new TypeT.Resource(token(r.token()), false) : r;
      };
    }

    TypeT.Func func(TypeT.Func f) {
      return memo(f, () -> {
        List<RV> params = values(f.params());
        RV result = f.result() == null ? null : value(f.result());
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

    private List<RV> values(List<RV> l) {
      List<RV> out = new ArrayList<>(l.size());
      boolean changed = false;
      for (RV x : l) {
        RV y = x == null ? null : value(x);
        changed |= y != x;
        out.add(y);
      }
      return changed ? java.util.Collections.unmodifiableList(out) : l;
    }

    RV value(RV t) {
      if (map.get(t) instanceof RV supplied) {
        return supplied;
      }
      return switch (t) {
        case RV.Prim p -> p;
        case RV.Flg f -> f;
        case RV.Enm e -> e;
        case RV.Own o -> map.containsKey(o.resource()) ? new RV.Own(token(o.resource())) : o;
        case RV.Borrow b -> map.containsKey(b.resource()) ? new RV.Borrow(token(b.resource())) : b;
        default -> memo(t, () -> switch (t) {
          case RV.Rec r -> {
            List<RV> types = values(r.types());
            yield types == r.types() ? r : new RV.Rec(r.names(), types);
          }
          case RV.Var v -> {
            List<RV> types = values(v.types());
            yield types == v.types() ? v : new RV.Var(v.names(), types);
          }
          case RV.Lst l -> {
            RV e = value(l.element());
            yield e == l.element() ? l : new RV.Lst(e, l.length());
          }
          case RV.Tup tu -> {
            List<RV> types = values(tu.types());
            yield types == tu.types() ? tu : new RV.Tup(types);
          }
          case RV.Opt o -> {
            RV e = value(o.type());
            yield e == o.type() ? o : new RV.Opt(e);
          }
          case RV.Res r -> {
            RV ok = r.ok() == null ? null : value(r.ok());
            RV err = r.err() == null ? null : value(r.err());
            yield ok == r.ok() && err == r.err() ? r : new RV.Res(ok, err);
          }
          case RV.Async a -> {
            RV e = a.element() == null ? null : value(a.element());
            yield e == a.element() ? a : new RV.Async(a.stream(), e);
          }
          case RV.MapT m -> {
            RV k = value(m.key());
            RV v = value(m.value());
            yield k == m.key() && v == m.value() ? m : new RV.MapT(k, v);
          }
          default -> t;
        });
      };
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
