package dev.plugboard.compose;

import dev.plugboard.binary.ComponentTypes;
import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.types.ResourceType;
import dev.plugboard.types.ValueSubtyping;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The composer's side of type checking: whether what one node provides can be given where
 * another takes it. The subtyping itself is the validator's, in one place
 * ({@link ComponentTypes#subtype}, {@link ComponentTypes.Linking} for a component's imports); this
 * class adds what only a composition has: types declared in WAC text that fit any item of their
 * kind, implicit imports of one name merged into one type, and semver-compatible names. The
 * answer is null (fits) or a {@link Mismatch}: the path to the first mismatching part and why, as
 * data a canvas can show on a port.
 */
final class TypeCheck {
  private TypeCheck() {}

  /** Where two types first differ and why: the one subtyping's answer. */
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

  /** Whether {@code provided} is a subtype of {@code wanted}, no resource left to bind. */
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
    if (wanted instanceof ItemType.Declared) {
      return null;
    }
    return Mismatch.of(ComponentTypes.subtype(provided.extern(), wanted.extern()));
  }

  /**
   * One type that fits wherever either does, for two imports of the same name: instances merge
   * their exports (resources of the same name are one resource; an export both have must be the
   * same type both ways); other types must be equal. Null when they cannot merge.
   */
  static ItemType merge(String name, ItemType a, ItemType b) {
    if (a.extern() instanceof ExternT.InstX(TypeT.Inst x) && b.extern() instanceof ExternT.InstX(TypeT.Inst y)) {
      Map<ResourceType, ResourceType> same = new IdentityHashMap<>();
      y.exports().forEach((n, t) -> {
        if (t instanceof ExternT.TypeX(TypeT.Resource r) && x.exports().get(n) instanceof ExternT.TypeX(
            TypeT.Resource mine)) {
          same.put(r.token(), mine.token());
        }
      });
      Map<String, ExternT> exports = new LinkedHashMap<>(x.exports());
      for (var e : y.exports().entrySet()) {
        ExternT theirs = ComponentTypes.substitute(e.getValue(), same);
        ExternT mine = exports.putIfAbsent(e.getKey(), theirs);
        if (mine != null && (ComponentTypes.subtype(mine, theirs) != null
            || ComponentTypes.subtype(theirs, mine) != null)) {
          return null;
        }
      }
      return ItemType.of(name, new ExternT.InstX(new TypeT.Inst(java.util.Collections.unmodifiableMap(exports),
          List.of())));
    }
    return check(a, b) == null && check(b, a) == null ? a : null;
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
