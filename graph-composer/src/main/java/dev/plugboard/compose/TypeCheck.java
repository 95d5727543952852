package dev.plugboard.compose;

import dev.plugboard.types.ValueType;
import java.util.List;

/**
 * Whether what one instance exports can be given where another imports, by the subtyping of
 * Explainer.md: an instance must provide every function and resource the import needs (it may
 * provide more); functions must agree on parameter names and types and on the result; value
 * types are compared structurally (records: the same fields in order; variants: the same cases;
 * enums and flags: the same names; tuples: the same length); resources by name within their
 * interface. The answer is null (fits) or a {@link Mismatch}: the path to the first mismatching
 * part and why, as data a canvas can show on a port.
 */
final class TypeCheck {
  private TypeCheck() {}

  /** Where two types first differ ({@code function `draw`}, {@code parameter `p`}, {@code field `y`}) and why. */
  record Mismatch(List<String> path, String reason) {
    Mismatch {
      path = List.copyOf(path);
    }

    static Mismatch of(String reason) {
      return new Mismatch(List.of(), reason);
    }

    /** The same mismatch seen from one level up. */
    Mismatch under(String step) {
      List<String> p = new java.util.ArrayList<>();
      p.add(step);
      p.addAll(path);
      return new Mismatch(p, reason);
    }

    @Override
    public String toString() {
      return path.isEmpty() ? reason : String.join(": ", path) + ": " + reason;
    }
  }

  /** {@link #check} as a message, or null when {@code provided} fits. */
  static String mismatch(ItemType provided, ItemType wanted) {
    Mismatch m = check(provided, wanted);
    return m == null ? null : m.toString();
  }

  static Mismatch check(ItemType provided, ItemType wanted) {
    if (provided instanceof ItemType.Declared d) {
      boolean kindFits = switch (wanted) {
        case ItemType.Instance i -> d.kind().equals("interface")
            && (d.path() == null || i.interfaceName() == null || namesMatch(d.path(), i.interfaceName())
                || namesMatch(i.interfaceName(), d.path()));
        case ItemType.Func f -> d.kind().equals("func");
        default -> true;
      };
      return kindFits ? null : Mismatch.of("expected " + wanted.describe() + ", found " + d.describe());
    }
    return switch (wanted) {
      case ItemType.Func w -> provided instanceof ItemType.Func p ? func(p, w)
          : Mismatch.of("expected a function, found " + provided.describe());
      case ItemType.Instance w -> {
        if (!(provided instanceof ItemType.Instance p)) {
          yield Mismatch.of("expected an instance, found " + provided.describe());
        }
        for (String r : w.resources()) {
          if (!p.resources().contains(r)) {
            yield Mismatch.of("resource `" + r + "` is missing");
          }
        }
        for (var f : w.functions().entrySet()) {
          ItemType.Func have = p.functions().get(f.getKey());
          if (have == null) {
            yield Mismatch.of("function `" + f.getKey() + "` is missing");
          }
          Mismatch m = func(have, f.getValue());
          if (m != null) {
            yield m.under("function `" + f.getKey() + "`");
          }
        }
        yield null;
      }
      case ItemType.Other w -> provided instanceof ItemType.Other ? null
          : Mismatch.of("expected " + w.description() + ", found " + provided.describe());
      case ItemType.Declared w -> null;
    };
  }

  /**
   * One type that fits wherever either does, for two imports of the same name: instances merge
   * their functions and resources (a function both have must be the same); other types must be
   * equal. Null when they cannot merge.
   */
  static ItemType merge(ItemType a, ItemType b) {
    if (a instanceof ItemType.Instance x && b instanceof ItemType.Instance y) {
      java.util.Map<String, ItemType.Func> functions = new java.util.LinkedHashMap<>(x.functions());
      for (var f : y.functions().entrySet()) {
        ItemType.Func same = functions.putIfAbsent(f.getKey(), f.getValue());
        if (same != null && (func(same, f.getValue()) != null || func(f.getValue(), same) != null)) {
          return null;
        }
      }
      List<String> resources = new java.util.ArrayList<>(x.resources());
      y.resources().stream().filter(r -> !resources.contains(r)).forEach(resources::add);
      java.util.Map<String, ItemType.ResourceRef> used = new java.util.LinkedHashMap<>(y.usedResources());
      used.putAll(x.usedResources());
      return new ItemType.Instance(x.interfaceName() != null ? x.interfaceName() : y.interfaceName(), functions,
          resources, used);
    }
    return check(a, b) == null && check(b, a) == null ? a : null;
  }

  private static Mismatch func(ItemType.Func have, ItemType.Func want) {
    if (have.params().size() != want.params().size()) {
      return Mismatch.of("expected " + want.params().size() + " parameter(s), found " + have.params().size());
    }
    for (int i = 0; i < want.params().size(); i++) {
      if (!have.names().get(i).equals(want.names().get(i))) {
        return Mismatch.of("parameter " + i + " is named `" + have.names().get(i) + "`, expected `"
            + want.names().get(i) + "`");
      }
      Mismatch m = type(have.params().get(i), want.params().get(i));
      if (m != null) {
        return m.under("parameter `" + want.names().get(i) + "`");
      }
    }
    if ((have.result() == null) != (want.result() == null)) {
      return Mismatch.of(want.result() == null ? "expected no result" : "expected a result");
    }
    Mismatch m = want.result() == null ? null : type(have.result(), want.result());
    return m == null ? null : m.under("result");
  }

  /** Null when {@code have} is a subtype of {@code want} (for value types: equal), else where they differ. */
  static Mismatch type(ValueType have, ValueType want) {
    Mismatch expected = Mismatch.of("expected " + ValueType.describe(want) + ", found " + ValueType.describe(have));
    return switch (want) {
      case ValueType.Prim p -> have == p ? null : expected;
      case ValueType.ListType l -> have instanceof ValueType.ListType h ? under(type(h.element(), l.element()),
          "list element") : expected;
      case ValueType.FixedListType l -> have instanceof ValueType.FixedListType h && h.length() == l.length()
          ? under(type(h.element(), l.element()), "list element") : expected;
      case ValueType.OptionType o -> have instanceof ValueType.OptionType h ? under(type(h.type(), o.type()), "some")
          : expected;
      case ValueType.ResultType r -> {
        if (!(have instanceof ValueType.ResultType h) || (h.ok() == null) != (r.ok() == null)
            || (h.err() == null) != (r.err() == null)) {
          yield expected;
        }
        Mismatch m = r.ok() == null ? null : under(type(h.ok(), r.ok()), "ok");
        yield m != null ? m : r.err() == null ? null : under(type(h.err(), r.err()), "err");
      }
      case ValueType.TupleType t -> {
        if (!(have instanceof ValueType.TupleType h) || h.types().size() != t.types().size()) {
          yield expected;
        }
        for (int i = 0; i < t.types().size(); i++) {
          Mismatch m = type(h.types().get(i), t.types().get(i));
          if (m != null) {
            yield m.under("tuple element " + i);
          }
        }
        yield null;
      }
      case ValueType.RecordType r -> {
        if (!(have instanceof ValueType.RecordType h)) {
          yield expected;
        }
        if (h.fields().size() != r.fields().size()) {
          yield Mismatch.of("expected a record of " + r.fields().size() + " field(s), found one of "
              + h.fields().size());
        }
        for (int i = 0; i < r.fields().size(); i++) {
          if (!h.fields().get(i).name().equals(r.fields().get(i).name())) {
            yield Mismatch.of("field " + i + " is `" + h.fields().get(i).name() + "`, expected `"
                + r.fields().get(i).name() + "`");
          }
          Mismatch m = type(h.fields().get(i).type(), r.fields().get(i).type());
          if (m != null) {
            yield m.under("field `" + r.fields().get(i).name() + "`");
          }
        }
        yield null;
      }
      case ValueType.VariantType v -> {
        if (!(have instanceof ValueType.VariantType h) || h.cases().size() != v.cases().size()) {
          yield expected;
        }
        for (int i = 0; i < v.cases().size(); i++) {
          ValueType.Case hc = h.cases().get(i);
          ValueType.Case wc = v.cases().get(i);
          if (!hc.name().equals(wc.name()) || (hc.type() == null) != (wc.type() == null)) {
            yield Mismatch.of("case " + i + " is `" + hc.name() + (hc.type() == null ? "" : "(..)") + "`, expected `"
                + wc.name() + (wc.type() == null ? "" : "(..)") + "`");
          }
          Mismatch m = wc.type() == null ? null : type(hc.type(), wc.type());
          if (m != null) {
            yield m.under("case `" + wc.name() + "`");
          }
        }
        yield null;
      }
      case ValueType.EnumType e -> have instanceof ValueType.EnumType h && h.names().equals(e.names()) ? null : expected;
      case ValueType.FlagsType f -> have instanceof ValueType.FlagsType h && h.names().equals(f.names()) ? null
          : expected;
      case ValueType.MapType m -> {
        if (!(have instanceof ValueType.MapType h)) {
          yield expected;
        }
        Mismatch k = under(type(h.key(), m.key()), "map key");
        yield k != null ? k : under(type(h.value(), m.value()), "map value");
      }
      case ValueType.OwnType o -> have instanceof ValueType.OwnType h && h.resource().name().equals(o.resource().name())
          ? null : expected;
      case ValueType.BorrowType b -> have instanceof ValueType.BorrowType h
          && h.resource().name().equals(b.resource().name()) ? null : expected;
      case ValueType.AsyncType a -> a.equals(have) ? null : expected;
    };
  }

  private static Mismatch under(Mismatch m, String step) {
    return m == null ? null : m.under(step);
  }

  /**
   * Whether an export named {@code provided} can stand for an import named {@code wanted}: the
   * same name, or the same interface with semver-compatible versions (same major, or same
   * minor below 1.0).
   */
  static boolean namesMatch(String provided, String wanted) {
    if (provided.equals(wanted)) {
      return true;
    }
    int a = provided.indexOf('@');
    int b = wanted.indexOf('@');
    if (a < 0 || b < 0 || !provided.substring(0, a).equals(wanted.substring(0, b))) {
      return false;
    }
    String[] pv = provided.substring(a + 1).split("\\.");
    String[] wv = wanted.substring(b + 1).split("\\.");
    if (pv.length < 2 || wv.length < 2 || !pv[0].equals(wv[0])) {
      return false;
    }
    return !pv[0].equals("0") || pv[1].equals(wv[1]);
  }
}
