package dev.plugboard.compose;

import dev.plugboard.types.ValueType;
import java.util.List;

/**
 * Whether what one instance exports can be given where another imports: functions must agree
 * on parameters and result (value types are compared structurally; resources by name within
 * their interface), an instance must provide every function and resource the import needs.
 * The answer is null (fits) or the path to the first mismatch.
 */
final class TypeCheck {
  private TypeCheck() {}

  static String mismatch(ItemType provided, ItemType wanted) {
    if (provided instanceof ItemType.Declared d) {
      boolean kindFits = switch (wanted) {
        case ItemType.Instance i -> d.kind().equals("interface")
            && (d.path() == null || i.interfaceName() == null || namesMatch(d.path(), i.interfaceName())
                || namesMatch(i.interfaceName(), d.path()));
        case ItemType.Func f -> d.kind().equals("func");
        default -> true;
      };
      return kindFits ? null : "expected " + wanted.describe() + ", found " + d.describe();
    }
    return switch (wanted) {
      case ItemType.Func w -> provided instanceof ItemType.Func p ? func(p, w, "") : "expected a function, found "
          + provided.describe();
      case ItemType.Instance w -> {
        if (!(provided instanceof ItemType.Instance p)) {
          yield "expected an instance, found " + provided.describe();
        }
        for (String r : w.resources()) {
          if (!p.resources().contains(r)) {
            yield "resource `" + r + "` is missing";
          }
        }
        for (var f : w.functions().entrySet()) {
          ItemType.Func have = p.functions().get(f.getKey());
          if (have == null) {
            yield "function `" + f.getKey() + "` is missing";
          }
          String m = func(have, f.getValue(), "function `" + f.getKey() + "`");
          if (m != null) {
            yield m;
          }
        }
        yield null;
      }
      case ItemType.Other w -> provided instanceof ItemType.Other ? null : "expected " + w.description() + ", found "
          + provided.describe();
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
        if (same != null && (func(same, f.getValue(), "") != null || func(f.getValue(), same, "") != null)) {
          return null;
        }
      }
      List<String> resources = new java.util.ArrayList<>(x.resources());
      y.resources().stream().filter(r -> !resources.contains(r)).forEach(resources::add);
      return new ItemType.Instance(x.interfaceName() != null ? x.interfaceName() : y.interfaceName(), functions,
          resources);
    }
    return mismatch(a, b) == null && mismatch(b, a) == null ? a : null;
  }

  private static String func(ItemType.Func have, ItemType.Func want, String where) {
    String prefix = where.isEmpty() ? "" : where + ": ";
    if (have.params().size() != want.params().size()) {
      return prefix + "expected " + want.params().size() + " parameter(s), found " + have.params().size();
    }
    for (int i = 0; i < want.params().size(); i++) {
      if (!have.names().get(i).equals(want.names().get(i))) {
        return prefix + "parameter " + i + " is named `" + have.names().get(i) + "`, expected `" + want.names().get(i)
            + "`";
      }
      String m = type(have.params().get(i), want.params().get(i), "parameter `" + want.names().get(i) + "`");
      if (m != null) {
        return prefix + m;
      }
    }
    if ((have.result() == null) != (want.result() == null)) {
      return prefix + (want.result() == null ? "expected no result" : "expected a result");
    }
    String m = want.result() == null ? null : type(have.result(), want.result(), "result");
    return m == null ? null : prefix + m;
  }

  /** Null when equal, else "path: expected X, found Y". */
  static String type(ValueType have, ValueType want, String path) {
    String found = "found " + ValueType.describe(have);
    String expected = path + ": expected " + ValueType.describe(want) + ", " + found;
    return switch (want) {
      case ValueType.Prim p -> have == p ? null : expected;
      case ValueType.ListType l -> have instanceof ValueType.ListType h ? type(h.element(), l.element(), path + " element")
          : expected;
      case ValueType.FixedListType l -> have instanceof ValueType.FixedListType h && h.length() == l.length()
          ? type(h.element(), l.element(), path + " element") : expected;
      case ValueType.OptionType o -> have instanceof ValueType.OptionType h ? type(h.type(), o.type(), path + " some")
          : expected;
      case ValueType.ResultType r -> {
        if (!(have instanceof ValueType.ResultType h) || (h.ok() == null) != (r.ok() == null)
            || (h.err() == null) != (r.err() == null)) {
          yield expected;
        }
        String m = r.ok() == null ? null : type(h.ok(), r.ok(), path + " ok");
        yield m != null ? m : r.err() == null ? null : type(h.err(), r.err(), path + " err");
      }
      case ValueType.TupleType t -> {
        if (!(have instanceof ValueType.TupleType h) || h.types().size() != t.types().size()) {
          yield expected;
        }
        yield list(h.types(), t.types(), path + " element ");
      }
      case ValueType.RecordType r -> {
        if (!(have instanceof ValueType.RecordType h) || h.fields().size() != r.fields().size()) {
          yield expected;
        }
        for (int i = 0; i < r.fields().size(); i++) {
          if (!h.fields().get(i).name().equals(r.fields().get(i).name())) {
            yield path + ": field " + i + " is `" + h.fields().get(i).name() + "`, expected `" + r.fields().get(i).name()
                + "`";
          }
          String m = type(h.fields().get(i).type(), r.fields().get(i).type(), path + "." + r.fields().get(i).name());
          if (m != null) {
            yield m;
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
            yield path + ": case `" + wc.name() + "` differs";
          }
          String m = wc.type() == null ? null : type(hc.type(), wc.type(), path + "." + wc.name());
          if (m != null) {
            yield m;
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
        String k = type(h.key(), m.key(), path + " key");
        yield k != null ? k : type(h.value(), m.value(), path + " value");
      }
      case ValueType.OwnType o -> have instanceof ValueType.OwnType h && h.resource().name().equals(o.resource().name())
          ? null : expected;
      case ValueType.BorrowType b -> have instanceof ValueType.BorrowType h
          && h.resource().name().equals(b.resource().name()) ? null : expected;
    };
  }

  private static String list(List<ValueType> have, List<ValueType> want, String path) {
    for (int i = 0; i < want.size(); i++) {
      String m = type(have.get(i), want.get(i), path + i);
      if (m != null) {
        return m;
      }
    }
    return null;
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
