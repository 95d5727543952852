package dev.plugboard.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Subtyping of value types (Explainer.md, "Subtyping"), in the one form every part of Plugboard
 * uses: the validator's instantiation and ascription checks, and the composer's wire check. The
 * reference requires value types to be equal: structurally, with the same labels in the same
 * order; resources are compared as the caller says (by identity in a binary, by name across WIT
 * packages). A mismatch is data: the path to the part that differs, and how.
 */
public final class ValueSubtyping {
  /** Why a type is not a subtype of another: the path to the part that differs, and how. */
  public record Mismatch(List<String> path, String reason) {
    public Mismatch {
      path = List.copyOf(path);
    }

    public static Mismatch of(String reason) {
      return new Mismatch(List.of(), reason);
    }

    /** The same mismatch seen from one level up. */
    public Mismatch within(String step) {
      List<String> p = new ArrayList<>();
      p.add(step);
      p.addAll(path);
      return new Mismatch(p, reason);
    }

    public String describe() {
      return path.isEmpty() ? reason : String.join(": ", path) + ": " + reason;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** How two resource types are matched: null when they are the same, else why not. */
  @FunctionalInterface
  public interface Resources {
    Mismatch same(ResourceType actual, ResourceType expected);
  }

  /** Resources match when they are the same object. */
  public static final Resources BY_IDENTITY = (a, e) -> a == e ? null : Mismatch.of("resource types are not the same");

  private final Resources resources;

  public ValueSubtyping(Resources resources) {
    this.resources = resources;
  }

  /** Value types are compared structurally (the reference requires equal types here). */
  public Mismatch check(ValueType actual, ValueType expected) {
    if (actual == expected) {
      return null;
    }
    if (actual == null || expected == null) {
      return Mismatch.of(expected == null ? "expected no type, found " + show(actual)
          : "expected " + show(expected) + ", found no type");
    }
    return switch (expected) {
      case ValueType.Prim e -> actual == e ? null : differ(actual, expected);
      case ValueType.RecordType e -> {
        if (!(actual instanceof ValueType.RecordType a)) {
          yield differ(actual, expected);
        }
        if (a.fields().size() != e.fields().size()) {
          yield Mismatch.of("expected a record of " + e.fields().size() + " field(s), found one of "
              + a.fields().size());
        }
        for (int i = 0; i < e.fields().size(); i++) {
          String name = e.fields().get(i).name();
          if (!name.equals(a.fields().get(i).name())) {
            yield Mismatch.of("field " + i + " is `" + a.fields().get(i).name() + "`, expected `" + name + "`");
          }
          Mismatch m = check(a.fields().get(i).type(), e.fields().get(i).type());
          if (m != null) {
            yield m.within("field `" + name + "`");
          }
        }
        yield null;
      }
      case ValueType.VariantType e -> {
        if (!(actual instanceof ValueType.VariantType a)) {
          yield differ(actual, expected);
        }
        if (a.cases().size() != e.cases().size()) {
          yield differ(actual, expected);
        }
        for (int i = 0; i < e.cases().size(); i++) {
          String name = e.cases().get(i).name();
          ValueType.Case ac = a.cases().get(i);
          ValueType.Case ec = e.cases().get(i);
          if (!name.equals(ac.name()) || (ac.type() == null) != (ec.type() == null)) {
            yield Mismatch.of("case " + i + " is `" + ac.name() + (ac.type() == null ? "" : "(..)") + "`, expected `"
                + name + (ec.type() == null ? "" : "(..)") + "`");
          }
          Mismatch m = check(a.cases().get(i).type(), e.cases().get(i).type());
          if (m != null) {
            yield m.within("case `" + name + "`");
          }
        }
        yield null;
      }
      case ValueType.FlagsType e -> actual instanceof ValueType.FlagsType a && a.names().equals(e.names()) ? null
          : differ(actual, expected);
      case ValueType.EnumType e -> actual instanceof ValueType.EnumType a && a.names().equals(e.names()) ? null
          : differ(actual, expected);
      case ValueType.ListType e -> actual instanceof ValueType.ListType a
          ? within(check(a.element(), e.element()), "list element") : differ(actual, expected);
      case ValueType.FixedListType e -> actual instanceof ValueType.FixedListType a && a.length() == e.length()
          ? within(check(a.element(), e.element()), "list element") : differ(actual, expected);
      case ValueType.TupleType e -> {
        if (!(actual instanceof ValueType.TupleType a) || a.types().size() != e.types().size()) {
          yield differ(actual, expected);
        }
        for (int i = 0; i < e.types().size(); i++) {
          Mismatch m = check(a.types().get(i), e.types().get(i));
          if (m != null) {
            yield m.within("tuple element " + i);
          }
        }
        yield null;
      }
      case ValueType.OptionType e -> actual instanceof ValueType.OptionType a
          ? within(check(a.type(), e.type()), "some") : differ(actual, expected);
      case ValueType.ResultType e -> {
        if (!(actual instanceof ValueType.ResultType a)) {
          yield differ(actual, expected);
        }
        if ((a.ok() == null) != (e.ok() == null) || (a.err() == null) != (e.err() == null)) {
          yield differ(actual, expected);
        }
        Mismatch m = check(a.ok(), e.ok());
        if (m != null) {
          yield m.within("ok");
        }
        yield within(check(a.err(), e.err()), "err");
      }
      case ValueType.OwnType e -> actual instanceof ValueType.OwnType a
          ? within(resources.same(a.resource(), e.resource()), "in `own`") : differ(actual, expected);
      case ValueType.BorrowType e -> actual instanceof ValueType.BorrowType a
          ? within(resources.same(a.resource(), e.resource()), "in `borrow`") : differ(actual, expected);
      case ValueType.AsyncType e -> actual instanceof ValueType.AsyncType a && a.kind().equals(e.kind())
          ? within(check(a.element(), e.element()), e.kind() + " element") : differ(actual, expected);
      case ValueType.MapType e -> {
        if (!(actual instanceof ValueType.MapType a)) {
          yield differ(actual, expected);
        }
        Mismatch m = check(a.key(), e.key());
        yield m != null ? m.within("map key") : within(check(a.value(), e.value()),
            "map value");
      }
    };
  }

  private static Mismatch within(Mismatch m, String step) {
    return m == null ? null : m.within(step);
  }
  private static Mismatch differ(ValueType actual, ValueType expected) {
    return Mismatch.of("expected " + brief(expected) + ", found " + brief(actual));
  }
  /** A type's WIT spelling for a message, cut short when it is long (shared parts spell out in full). */
  static String brief(ValueType t) {
    String s = ValueType.describe(t, 200);
    return s;
  }

  /** A short name for a value type, for messages. */
  public static String show(ValueType t) {
    return switch (t) {
      case null -> "nothing";
      case ValueType.RecordType r -> "record";
      case ValueType.VariantType v -> "variant";
      case ValueType.FlagsType f -> "flags";
      case ValueType.EnumType e -> "enum";
      case ValueType.ResultType r -> "result";
      case ValueType.OwnType o -> "own";
      case ValueType.BorrowType b -> "borrow";
      default -> ValueType.describe(t);
    };
  }

}
