package dev.plugboard.compose;

import dev.plugboard.types.ValueSubtyping;
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

  /** Where two types first differ and why: the one value subtyping's answer. */
  // (kept as a name in this package: CompositionGraph and the canvas read path() and reason())
  record Mismatch(List<String> path, String reason) {
    Mismatch {
      path = List.copyOf(path);
    }

    static Mismatch of(String reason) {
      return new Mismatch(List.of(), reason);
    }

    static Mismatch of(ValueSubtyping.Mismatch m) {
      return m == null ? null : new Mismatch(m.path(), m.reason());
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

  /**
   * Resources across WIT packages are matched by name within their interface (the composer types
   * components from their WIT; the validator checks identity again when the result is encoded).
   */
  private static final ValueSubtyping VALUES = new ValueSubtyping((have, want) -> have.name().equals(want.name())
      ? null : ValueSubtyping.Mismatch.of("expected resource `" + want.name() + "`, found `" + have.name() + "`"));

  /** Null when {@code have} is a subtype of {@code want} (for value types: equal), else where they differ. */
  static Mismatch type(ValueType have, ValueType want) {
    return Mismatch.of(VALUES.check(have, want));
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
