package dev.plugboard.binary;

import dev.plugboard.binary.ComponentValidator.CoreFuncT;
import dev.plugboard.binary.ComponentValidator.RV;
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

  static int flatCount(List<RV> types) {
    return flatten(types).size();
  }

  static List<String> flatten(List<RV> types) {
    List<String> out = new ArrayList<>();
    for (RV t : types) {
      flatten(t, out);
    }
    return out;
  }

  private static void flatten(RV t, List<String> out) {
    switch (t) {
      case RV.Prim p -> {
        switch (p.p()) {
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
      case RV.Lst l -> {
        if (l.length() < 0) {
          out.add("i32");
          out.add("i32");
        } else {
          for (long i = 0; i < l.length() && out.size() <= MAX_FLAT_PARAMS; i++) {
            flatten(l.element(), out);
          }
        }
      }
      case RV.Rec r -> r.types().forEach(x -> flatten(x, out));
      case RV.Tup tu -> tu.types().forEach(x -> flatten(x, out));
      case RV.Flg f -> {
        if (f.names().size() > 0) {
          out.add("i32");
        }
      }
      case RV.Enm e -> out.add("i32");
      case RV.Var v -> variant(v.types(), out);
      case RV.Opt o -> {
        List<RV> cases = new ArrayList<>();
        cases.add(null);
        cases.add(o.type());
        variant(cases, out);
      }
      case RV.Res r -> {
        List<RV> cases = new ArrayList<>();
        cases.add(r.ok());
        cases.add(r.err());
        variant(cases, out);
      }
      case RV.Own o -> out.add("i32");
      case RV.Borrow b -> out.add("i32");
      case RV.Async a -> out.add("i32");
      case RV.MapT m -> {
        out.add("i32");
        out.add("i32");
      }
    }
  }

  private static void variant(List<RV> cases, List<String> out) {
    List<String> flat = new ArrayList<>();
    for (RV c : cases) {
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

  /** Whether lifting or lowering this type touches linear memory (strings, lists). */
  static boolean usesMemory(RV t) {
    return switch (t) {
      case null -> false;
      case RV.Prim p -> p.p() == ValType.Primitive.STRING;
      case RV.Lst l -> l.length() < 0 || usesMemory(l.element());
      case RV.MapT m -> true;
      case RV.Rec r -> r.types().stream().anyMatch(Flattening::usesMemory);
      case RV.Tup tu -> tu.types().stream().anyMatch(Flattening::usesMemory);
      case RV.Var v -> v.types().stream().anyMatch(Flattening::usesMemory);
      case RV.Opt o -> usesMemory(o.type());
      case RV.Res r -> usesMemory(r.ok()) || usesMemory(r.err());
      default -> false;
    };
  }
}
