package dev.plugboard.binary;

import dev.plugboard.binary.ComponentValidator.CoreFuncT;
import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flatten_functype} of the Canonical ABI (CanonicalABI.md, "Flattening"): the core
 * signature that lifting or lowering a component function takes, used by validation.
 */
final class Flattening {
  static final int MAX_FLAT_PARAMS = 16;
  static final int MAX_FLAT_RESULTS = 1;

  private Flattening() {}

  static final int MAX_FLAT_ASYNC_PARAMS = 4;

  /** {@code flatten_functype(opts, ft, 'lift' | 'lower')}, with 32-bit memories. */
  static CoreFuncT flatten(ComponentValidator.TypeT.Func ft, boolean async, boolean callback, boolean lift) {
    List<String> params = flatten(ft.params());
    List<String> results = ft.result() == null ? List.of() : flatten(List.of(ft.result()));
    if (!async) {
      if (params.size() > MAX_FLAT_PARAMS) {
        params = List.of("i32");
      }
      if (results.size() > MAX_FLAT_RESULTS) {
        if (lift) {
          results = List.of("i32");
        } else {
          params = append(params, "i32");
          results = List.of();
        }
      }
      return new CoreFuncT(params, results);
    }
    if (lift) {
      return new CoreFuncT(params.size() > MAX_FLAT_PARAMS ? List.of("i32") : params,
          callback ? List.of("i32") : List.of());
    }
    if (params.size() > MAX_FLAT_ASYNC_PARAMS) {
      params = List.of("i32");
    }
    if (!results.isEmpty()) {
      params = append(params, "i32");
    }
    return new CoreFuncT(params, List.of("i32"));
  }

  private static List<String> append(List<String> l, String x) {
    List<String> out = new ArrayList<>(l);
    out.add(x);
    return out;
  }

  static int flatCount(List<ValueType> types) {
    return flatten(types).size();
  }

  static List<String> flatten(List<ValueType> types) {
    List<String> out = new ArrayList<>();
    for (ValueType t : types) {
      flatten(t, out);
    }
    return out;
  }

  private static void flatten(ValueType t, List<String> out) {
    switch (t) {
      case ValueType.Prim p -> {
        switch (p) {
          case S64, U64 -> out.add("i64");
          case F32 -> out.add("f32");
          case F64 -> out.add("f64");
          case STRING -> {
            out.add("i32");
            out.add("i32");
          }
          default -> out.add("i32");
        }
      }
      case ValueType.ListType l -> {
        out.add("i32");
        out.add("i32");
      }
      case ValueType.FixedListType l -> {
        for (long i = 0; i < l.length() && out.size() <= MAX_FLAT_PARAMS; i++) {
          flatten(l.element(), out);
        }
      }
      case ValueType.RecordType r -> r.fields().forEach(f -> flatten(f.type(), out));
      case ValueType.TupleType tu -> tu.types().forEach(x -> flatten(x, out));
      case ValueType.FlagsType f -> {
        if (!f.names().isEmpty()) {
          out.add("i32");
        }
      }
      case ValueType.EnumType e -> out.add("i32");
      case ValueType.VariantType v -> variant(v.cases().stream().map(ValueType.Case::type).toList(), out);
      case ValueType.OptionType o -> variant(java.util.Arrays.asList(null, o.type()), out);
      case ValueType.ResultType r -> variant(java.util.Arrays.asList(r.ok(), r.err()), out);
      case ValueType.OwnType o -> out.add("i32");
      case ValueType.BorrowType b -> out.add("i32");
      case ValueType.AsyncType a -> out.add("i32");
      case ValueType.MapType m -> {
        out.add("i32");
        out.add("i32");
      }
    }
  }

  private static void variant(List<ValueType> cases, List<String> out) {
    List<String> flat = new ArrayList<>();
    for (ValueType c : cases) {
      if (c == null) {
        continue;
      }
      List<String> f = new ArrayList<>();
      flatten(c, f);
      for (int i = 0; i < f.size(); i++) {
        if (i < flat.size()) {
          flat.set(i, join(flat.get(i), f.get(i)));
        } else {
          flat.add(f.get(i));
        }
      }
    }
    out.add("i32");
    out.addAll(flat);
  }

  private static String join(String a, String b) {
    if (a.equals(b)) {
      return a;
    }
    if ((a.equals("i32") && b.equals("f32")) || (a.equals("f32") && b.equals("i32"))) {
      return "i32";
    }
    return "i64";
  }

  /**
   * {@code elem_size} of the Canonical ABI: the bytes a value of this type takes in linear memory
   * (saturating at {@link Long#MAX_VALUE} / 2, which is far past any limit that applies).
   */
  static long elementSize(ValueType t) {
    return switch (t) {
      case ValueType.Prim p -> switch (p) {
        case BOOL, S8, U8 -> 1;
        case S16, U16 -> 2;
        case S32, U32, F32, CHAR -> 4;
        case S64, U64, F64, STRING -> 8;
      };
      case ValueType.ListType l -> 8;
      case ValueType.MapType m -> 8;
      case ValueType.FixedListType l -> saturate(l.length() * elementSize(l.element()));
      case ValueType.RecordType r -> record(r.fields().stream().map(ValueType.Field::type).toList());
      case ValueType.TupleType tu -> record(tu.types());
      case ValueType.FlagsType f -> f.names().size() <= 8 ? 1 : f.names().size() <= 16 ? 2 : 4;
      case ValueType.EnumType e -> discriminantSize(e.names().size());
      case ValueType.VariantType v -> variantSize(v.cases().stream().map(ValueType.Case::type).toList());
      case ValueType.OptionType o -> variantSize(java.util.Arrays.asList(null, o.type()));
      case ValueType.ResultType r -> variantSize(java.util.Arrays.asList(r.ok(), r.err()));
      case ValueType.OwnType o -> 4;
      case ValueType.BorrowType b -> 4;
      case ValueType.AsyncType a -> 4;
    };
  }

  static int alignment(ValueType t) {
    return switch (t) {
      case ValueType.Prim p -> (int) Math.min(elementSize(p), 8) == 8 && p == ValueType.Prim.STRING ? 4
          : (int) elementSize(p);
      case ValueType.ListType l -> 4;
      case ValueType.MapType m -> 4;
      case ValueType.FixedListType l -> alignment(l.element());
      case ValueType.RecordType r -> r.fields().stream().mapToInt(f -> alignment(f.type())).max().orElse(1);
      case ValueType.TupleType tu -> tu.types().stream().mapToInt(Flattening::alignment).max().orElse(1);
      case ValueType.FlagsType f -> (int) elementSize(f);
      case ValueType.EnumType e -> (int) discriminantSize(e.names().size());
      case ValueType.VariantType v -> variantAlignment(v.cases().stream().map(ValueType.Case::type).toList());
      case ValueType.OptionType o -> variantAlignment(java.util.Arrays.asList(null, o.type()));
      case ValueType.ResultType r -> variantAlignment(java.util.Arrays.asList(r.ok(), r.err()));
      default -> 4;
    };
  }

  private static long record(List<ValueType> fields) {
    long size = 0;
    for (ValueType f : fields) {
      size = alignTo(size, alignment(f)) + elementSize(f);
      size = saturate(size);
    }
    return alignTo(size, fields.stream().mapToInt(Flattening::alignment).max().orElse(1));
  }

  private static long discriminantSize(int cases) {
    return cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;
  }

  private static long variantSize(List<ValueType> cases) {
    long size = discriminantSize(cases.size());
    long max = 0;
    for (ValueType c : cases) {
      if (c != null) {
        max = Math.max(max, elementSize(c));
      }
    }
    return saturate(alignTo(alignTo(size, variantAlignment(cases)) + max, variantAlignment(cases)));
  }

  private static int variantAlignment(List<ValueType> cases) {
    int align = (int) discriminantSize(cases.size());
    for (ValueType c : cases) {
      if (c != null) {
        align = Math.max(align, alignment(c));
      }
    }
    return align;
  }

  private static long alignTo(long n, int align) {
    return (n + align - 1) / align * align;
  }

  private static long saturate(long n) {
    return n < 0 || n > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : n;
  }

  /** Whether lifting or lowering this type touches linear memory (strings, lists). */
  static boolean usesMemory(ValueType t) {
    return switch (t) {
      case null -> false;
      case ValueType.Prim p -> p == ValueType.Prim.STRING;
      case ValueType.ListType l -> true;
      case ValueType.MapType m -> true;
      case ValueType.FixedListType l -> usesMemory(l.element());
      case ValueType.AsyncType a -> false;
      default -> ValueTypes.parts(t).stream().anyMatch(Flattening::usesMemory);
    };
  }

}
