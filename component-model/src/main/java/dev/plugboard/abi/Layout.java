package dev.plugboard.abi;

import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Canonical ABI's layout rules, in one place: despecialisation, alignment, element size and
 * flattening of value types, and {@code flatten_functype} (CanonicalABI.md, sections
 * "Despecialization", "Alignment", "Element Size", "Flattening"; {@code definitions.py}), for
 * 32-bit memories. The validator checks core signatures with it, {@code plugboard new} decides
 * which functions need memory with it, and the runtime's compiled lift/lower plan
 * ({@code runtime.abi.AbiType}) takes its sizes, offsets and flat types from it.
 *
 * <p>The rules over parts ({@link #record}, {@link #variant}, {@link #variantFlat},
 * {@link #flagsSize}, {@link #discriminantSize}) are public so that a plan built bottom-up gets
 * each node's layout from its children's without walking them again.
 */
public final class Layout {
  /** {@code MAX_FLAT_PARAMS}: more flat parameters than this are passed through memory. */
  public static final int MAX_FLAT_PARAMS = 16;
  /** {@code MAX_FLAT_RESULTS}: more flat results than this are returned through memory. */
  public static final int MAX_FLAT_RESULTS = 1;
  /** {@code MAX_FLAT_ASYNC_PARAMS}: the limit for the parameters of an async lower. */
  public static final int MAX_FLAT_ASYNC_PARAMS = 4;
  /** Sizes saturate here: far past every limit that applies (lists are at most 2^28 bytes). */
  public static final long SATURATED = Long.MAX_VALUE / 4;

  private static final int PTR_SIZE = 4;

  private Layout() {}

  // ---- Despecialization -------------------------------------------------------------------

  /**
   * {@code despecialize}: tuples become records with fields {@code "0"}, {@code "1"}…; enums,
   * options and results become variants; a map becomes a list of key/value records. Every other
   * type is returned as it is.
   */
  public static ValueType despecialize(ValueType t) {
    return switch (t) {
      case ValueType.TupleType tu -> {
        List<ValueType.Field> fields = new ArrayList<>(tu.types().size());
        for (int i = 0; i < tu.types().size(); i++) {
          fields.add(new ValueType.Field(Integer.toString(i), tu.types().get(i)));
        }
        yield new ValueType.RecordType(fields);
      }
      case ValueType.EnumType e ->
          new ValueType.VariantType(e.names().stream().map(n -> new ValueType.Case(n, null)).toList());
      case ValueType.OptionType o ->
          new ValueType.VariantType(List.of(new ValueType.Case("none", null), new ValueType.Case("some", o.type())));
      case ValueType.ResultType r ->
          new ValueType.VariantType(List.of(new ValueType.Case("ok", r.ok()), new ValueType.Case("error", r.err())));
      case ValueType.MapType m -> new ValueType.ListType(despecialize(new ValueType.TupleType(List.of(m.key(),
          m.value()))));
      default -> t;
    };
  }

  /** The payload types of a despecialised variant, in case order, null for a case without one. */
  private static List<ValueType> cases(ValueType t) {
    return switch (t) {
      case ValueType.VariantType v -> v.cases().stream().map(ValueType.Case::type).toList();
      case ValueType.EnumType e -> Arrays.asList(new ValueType[e.names().size()]);
      case ValueType.OptionType o -> Arrays.asList(null, o.type());
      case ValueType.ResultType r -> Arrays.asList(r.ok(), r.err());
      default -> throw new IllegalArgumentException(t + " is not a variant");
    };
  }

  /** The field types of a despecialised record. */
  private static List<ValueType> fields(ValueType t) {
    return switch (t) {
      case ValueType.RecordType r -> r.fields().stream().map(ValueType.Field::type).toList();
      case ValueType.TupleType tu -> tu.types();
      default -> throw new IllegalArgumentException(t + " is not a record");
    };
  }

  // ---- Alignment and element size -----------------------------------------------------------

  /** {@code alignment(t)}. */
  public static int alignment(ValueType t) {
    return (int) sizeAndAlignment(t)[1];
  }

  /** {@code elem_size(t)}, saturating at {@link #SATURATED}. */
  public static long elemSize(ValueType t) {
    return sizeAndAlignment(t)[0];
  }

  /** {@code {elem_size(t), alignment(t)}}, computed in one walk. */
  private static long[] sizeAndAlignment(ValueType t) {
    return switch (t) {
      case ValueType.Prim p -> switch (p) {
        case BOOL, S8, U8 -> new long[] {1, 1};
        case S16, U16 -> new long[] {2, 2};
        case S32, U32, F32, CHAR -> new long[] {4, 4};
        case S64, U64, F64 -> new long[] {8, 8};
        case STRING -> new long[] {2 * PTR_SIZE, PTR_SIZE};
      };
      case ValueType.ListType l -> new long[] {listSize(0, -1), listAlignment(1, -1)};
      case ValueType.MapType m -> new long[] {listSize(0, -1), listAlignment(1, -1)};
      case ValueType.FixedListType l -> {
        long[] e = sizeAndAlignment(l.element());
        yield new long[] {listSize(e[0], l.length()), listAlignment((int) e[1], l.length())};
      }
      case ValueType.RecordType r -> recordOf(fields(r));
      case ValueType.TupleType tu -> recordOf(fields(tu));
      case ValueType.VariantType v -> variantOf(cases(v));
      case ValueType.EnumType e -> variantOf(cases(e));
      case ValueType.OptionType o -> variantOf(cases(o));
      case ValueType.ResultType r -> variantOf(cases(r));
      case ValueType.FlagsType f -> {
        int size = flagsSize(f.names().size());
        yield new long[] {size, size};
      }
      case ValueType.OwnType o -> new long[] {4, 4};
      case ValueType.BorrowType b -> new long[] {4, 4};
      case ValueType.AsyncType a -> new long[] {4, 4};
    };
  }

  private static long[] recordOf(List<ValueType> fields) {
    long[] sizes = new long[fields.size()];
    int[] alignments = new int[fields.size()];
    for (int i = 0; i < sizes.length; i++) {
      long[] f = sizeAndAlignment(fields.get(i));
      sizes[i] = f[0];
      alignments[i] = (int) f[1];
    }
    RecordLayout r = record(sizes, alignments);
    return new long[] {r.size(), r.alignment()};
  }

  private static long[] variantOf(List<ValueType> cases) {
    long maxSize = 0;
    int maxAlignment = 1;
    for (ValueType c : cases) {
      if (c != null) {
        long[] l = sizeAndAlignment(c);
        maxSize = Math.max(maxSize, l[0]);
        maxAlignment = Math.max(maxAlignment, (int) l[1]);
      }
    }
    VariantLayout v = variant(cases.size(), maxSize, maxAlignment);
    return new long[] {v.size(), v.alignment()};
  }

  /**
   * {@code elem_size_list}: a list of {@code length} elements of {@code elemSize} bytes, or a
   * pointer and a length when {@code length} is negative (a variable-length list).
   */
  public static long listSize(long elemSize, int length) {
    return length < 0 ? 2 * PTR_SIZE : saturate((double) elemSize * length);
  }

  /** {@code alignment_list}, {@code length} negative for a variable-length list. */
  public static int listAlignment(int elemAlignment, int length) {
    return length < 0 ? PTR_SIZE : elemAlignment;
  }

  /** Where each field of a record starts, its size and its alignment. */
  public record RecordLayout(long[] offsets, long size, int alignment) {}

  /** {@code elem_size_record} and {@code alignment_record} over the fields' sizes and alignments. */
  public static RecordLayout record(long[] sizes, int[] alignments) {
    long[] offsets = new long[sizes.length];
    long size = 0;
    int alignment = 1;
    for (int i = 0; i < sizes.length; i++) {
      size = alignTo(size, alignments[i]);
      offsets[i] = size;
      size = saturate((double) size + sizes[i]);
      alignment = Math.max(alignment, alignments[i]);
    }
    return new RecordLayout(offsets, alignTo(size, alignment), alignment);
  }

  /** A variant's discriminant size, where its payload starts, its size and its alignment. */
  public record VariantLayout(int discriminantSize, long payloadOffset, long size, int alignment) {}

  /**
   * {@code elem_size_variant} and {@code alignment_variant} of a variant with {@code cases}
   * cases whose largest payload takes {@code maxCaseSize} bytes and whose most aligned payload
   * needs {@code maxCaseAlignment} ({@code max_case_alignment}, 1 when no case has a payload).
   */
  public static VariantLayout variant(int cases, long maxCaseSize, int maxCaseAlignment) {
    int disc = discriminantSize(cases);
    long payloadOffset = alignTo(disc, maxCaseAlignment);
    int alignment = Math.max(disc, maxCaseAlignment);
    return new VariantLayout(disc, payloadOffset, alignTo(saturate((double) payloadOffset + maxCaseSize), alignment),
        alignment);
  }

  /** The size in bytes of {@code discriminant_type(cases)}: u8, u16 or u32. */
  public static int discriminantSize(int cases) {
    return cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;
  }

  /** {@code elem_size_flags} (which is also the alignment) for {@code labels} flags. */
  public static int flagsSize(int labels) {
    return labels <= 8 ? 1 : labels <= 16 ? 2 : 4;
  }

  /** {@code align_to}. */
  public static long alignTo(long n, int alignment) {
    return (n + alignment - 1) / alignment * alignment;
  }

  private static long saturate(double n) {
    return n > SATURATED ? SATURATED : (long) n;
  }

  // ---- Flattening ------------------------------------------------------------------------------

  /** {@code flatten_type(t)}. */
  public static List<FlatType> flatten(ValueType t) {
    List<FlatType> out = new ArrayList<>();
    flatten(t, out, Integer.MAX_VALUE);
    return out;
  }

  /** {@code flatten_types(ts)}. */
  public static List<FlatType> flatten(List<ValueType> ts) {
    return flattenUpTo(ts, Integer.MAX_VALUE);
  }

  /**
   * {@code flatten_types(ts)} when it has at most {@code limit} entries; otherwise some list
   * longer than {@code limit} (a fixed-length list of a million elements is not spelt out to
   * learn that it is passed through memory).
   */
  public static List<FlatType> flattenUpTo(List<ValueType> ts, int limit) {
    List<FlatType> out = new ArrayList<>();
    for (ValueType t : ts) {
      flatten(t, out, limit);
    }
    return out;
  }

  private static void flatten(ValueType t, List<FlatType> out, int limit) {
    switch (t) {
      case ValueType.Prim p -> {
        switch (p) {
          case S64, U64 -> out.add(FlatType.I64);
          case F32 -> out.add(FlatType.F32);
          case F64 -> out.add(FlatType.F64);
          case STRING -> {
            out.add(FlatType.I32);
            out.add(FlatType.I32);
          }
          default -> out.add(FlatType.I32);
        }
      }
      case ValueType.ListType l -> {
        out.add(FlatType.I32);
        out.add(FlatType.I32);
      }
      case ValueType.MapType m -> {
        out.add(FlatType.I32);
        out.add(FlatType.I32);
      }
      case ValueType.FixedListType l -> {
        List<FlatType> element = new ArrayList<>();
        flatten(l.element(), element, limit);
        // past the limit, only enough repetitions to exceed it (nested lists stay small)
        int times = limit == Integer.MAX_VALUE || element.isEmpty() ? l.length()
            : (int) Math.min(l.length(), (long) limit / element.size() + 1);
        out.addAll(listFlat(element, times));
      }
      case ValueType.RecordType r -> fields(r).forEach(f -> flatten(f, out, limit));
      case ValueType.TupleType tu -> fields(tu).forEach(f -> flatten(f, out, limit));
      case ValueType.FlagsType f -> {
        if (!f.names().isEmpty()) {
          out.add(FlatType.I32);
        }
      }
      case ValueType.EnumType e -> out.add(FlatType.I32);
      case ValueType.VariantType v -> variantFlatOf(cases(v), out, limit);
      case ValueType.OptionType o -> variantFlatOf(cases(o), out, limit);
      case ValueType.ResultType r -> variantFlatOf(cases(r), out, limit);
      case ValueType.OwnType o -> out.add(FlatType.I32);
      case ValueType.BorrowType b -> out.add(FlatType.I32);
      case ValueType.AsyncType a -> out.add(FlatType.I32);
    }
  }

  private static void variantFlatOf(List<ValueType> cases, List<FlatType> out, int limit) {
    List<List<FlatType>> flats = new ArrayList<>(cases.size());
    for (ValueType c : cases) {
      if (c != null) {
        List<FlatType> f = new ArrayList<>();
        flatten(c, f, limit);
        flats.add(f);
      }
    }
    out.addAll(variantFlat(flats));
  }

  /** {@code flatten_list} of a fixed-length list: the element's flat types {@code length} times. */
  public static List<FlatType> listFlat(List<FlatType> element, int length) {
    List<FlatType> flat = new ArrayList<>(element.size() * length);
    for (int i = 0; i < length; i++) {
      flat.addAll(element);
    }
    return flat;
  }

  /**
   * {@code flatten_variant} over the flat types of the cases that have a payload: the
   * discriminant's i32, then each slot joined across the cases.
   */
  public static List<FlatType> variantFlat(List<List<FlatType>> caseFlats) {
    List<FlatType> flat = new ArrayList<>();
    flat.add(FlatType.I32);
    for (List<FlatType> f : caseFlats) {
      for (int i = 0; i < f.size(); i++) {
        if (i + 1 < flat.size()) {
          flat.set(i + 1, FlatType.join(flat.get(i + 1), f.get(i)));
        } else {
          flat.add(f.get(i));
        }
      }
    }
    return flat;
  }

  /**
   * {@code flatten_functype(opts, ft, context)} with a 32-bit memory: {@code lift} for
   * {@code canon lift}, otherwise {@code lower}; {@code callback} only matters for an async lift.
   */
  public static CoreSignature flattenFunctype(List<ValueType> params, ValueType result, boolean lift, boolean async,
      boolean callback) {
    List<FlatType> flatParams = flattenUpTo(params, MAX_FLAT_PARAMS);
    List<FlatType> flatResults = result == null ? List.of() : flattenUpTo(List.of(result), MAX_FLAT_PARAMS);
    if (!async) {
      if (flatParams.size() > MAX_FLAT_PARAMS) {
        flatParams = List.of(FlatType.I32);
      }
      if (flatResults.size() > MAX_FLAT_RESULTS) {
        if (lift) {
          flatResults = List.of(FlatType.I32);
        } else {
          flatParams = append(flatParams, FlatType.I32);
          flatResults = List.of();
        }
      }
      return new CoreSignature(flatParams, flatResults);
    }
    if (lift) {
      return new CoreSignature(flatParams.size() > MAX_FLAT_PARAMS ? List.of(FlatType.I32) : flatParams,
          callback ? List.of(FlatType.I32) : List.of());
    }
    if (flatParams.size() > MAX_FLAT_ASYNC_PARAMS) {
      flatParams = List.of(FlatType.I32);
    }
    if (!flatResults.isEmpty()) {
      flatParams = append(flatParams, FlatType.I32);
    }
    return new CoreSignature(flatParams, List.of(FlatType.I32));
  }

  private static List<FlatType> append(List<FlatType> l, FlatType x) {
    List<FlatType> out = new ArrayList<>(l);
    out.add(x);
    return out;
  }

  /** Whether lifting or lowering a value of {@code t} touches linear memory (strings, lists). */
  public static boolean usesMemory(ValueType t) {
    return switch (t) {
      case null -> false;
      case ValueType.Prim p -> p == ValueType.Prim.STRING;
      case ValueType.ListType l -> true;
      case ValueType.MapType m -> true;
      case ValueType.FixedListType l -> usesMemory(l.element());
      case ValueType.RecordType r -> fields(r).stream().anyMatch(Layout::usesMemory);
      case ValueType.TupleType tu -> fields(tu).stream().anyMatch(Layout::usesMemory);
      case ValueType.VariantType v -> cases(v).stream().anyMatch(Layout::usesMemory);
      case ValueType.OptionType o -> usesMemory(o.type());
      case ValueType.ResultType r -> usesMemory(r.ok()) || usesMemory(r.err());
      case ValueType.EnumType e -> false;
      case ValueType.FlagsType f -> false;
      case ValueType.OwnType o -> false;
      case ValueType.BorrowType b -> false;
      case ValueType.AsyncType a -> false;
    };
  }
}
