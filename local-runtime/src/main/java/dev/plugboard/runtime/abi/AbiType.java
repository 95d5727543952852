package dev.plugboard.runtime.abi;

import dev.plugboard.abi.FlatType;
import dev.plugboard.abi.Layout;
import dev.plugboard.types.ResourceType;
import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime's compiled lift/lower plan of a value type, after {@code despecialize}
 * (CanonicalABI.md): tuples are records, enums, options and results are variants, maps are lists
 * of pairs. Each node knows its size, alignment, field offsets and flat types, taken once from the
 * Canonical ABI's one layout ({@link Layout}); {@link #kind} remembers what it was written as so
 * that lifting gives back the specialised value.
 */
public sealed interface AbiType {
  int size();

  int alignment();

  FlatType[] flat();

  /** Bool, the integers, floats and char: one flat slot, no memory. */
  record Scalar(ValueType.Prim prim, int size, int alignment, FlatType[] flat) implements AbiType {}

  record Str(int size, int alignment, FlatType[] flat) implements AbiType {}

  /** {@code length} is -1 for a variable-length list. {@code map} for a despecialised map. */
  record ListOf(AbiType element, int length, boolean map, int size, int alignment, FlatType[] flat)
      implements AbiType {}

  enum RecordKind { RECORD, TUPLE }

  record Record(RecordKind kind, String[] labels, AbiType[] fields, int[] offsets, int size, int alignment,
      FlatType[] flat) implements AbiType {}

  enum VariantKind { VARIANT, ENUM, OPTION, RESULT }

  /**
   * {@code cases[i]} is null for a case without payload. {@code payloadOffset} is where the
   * payload starts after the discriminant.
   */
  record Variant(VariantKind kind, String[] labels, AbiType[] cases, Map<String, Integer> index, int discSize,
      int payloadOffset, int size, int alignment, FlatType[] flat) implements AbiType {}

  record Flags(String[] labels, Map<String, Integer> index, int size, int alignment, FlatType[] flat)
      implements AbiType {}

  record Own(ResourceType resource, int size, int alignment, FlatType[] flat) implements AbiType {}

  record Borrow(ResourceType resource, int size, int alignment, FlatType[] flat) implements AbiType {}

  /** A stream, future or error-context handle: an i32 index into the handle table. */
  record AsyncHandle(ValueType.AsyncType type, int size, int alignment, FlatType[] flat) implements AbiType {}

  FlatType[] I32 = {FlatType.I32};
  FlatType[] PTR_LEN = {FlatType.I32, FlatType.I32};

  /** The despecialised form of {@code t}. */
  static AbiType of(ValueType t) {
    return Despecializer.CACHE.get().of(t);
  }

  static int alignTo(int ptr, int alignment) {
    return (int) Layout.alignTo(ptr, alignment);
  }

  /** Builds {@link AbiType}s; a per-thread cache keeps repeated types cheap. */
  final class Despecializer {
    static final ThreadLocal<Despecializer> CACHE = ThreadLocal.withInitial(Despecializer::new);
    private final Map<ValueType, AbiType> cache = new HashMap<>();

    AbiType of(ValueType t) {
      AbiType cached = cache.get(t);
      if (cached == null) {
        cached = build(t);
        if (cache.size() > 10_000) {
          cache.clear();
        }
        cache.put(t, cached);
      }
      return cached;
    }

    private AbiType build(ValueType t) {
      return switch (t) {
        case ValueType.Prim p -> prim(p);
        case ValueType.ListType l -> list(of(l.element()), -1, false);
        case ValueType.FixedListType l -> list(of(l.element()), l.length(), false);
        case ValueType.MapType m -> list(record(RecordKind.TUPLE, new String[] {"0", "1"},
            new AbiType[] {of(m.key()), of(m.value())}), -1, true);
        case ValueType.RecordType r -> record(RecordKind.RECORD,
            r.fields().stream().map(ValueType.Field::name).toArray(String[]::new),
            r.fields().stream().map(f -> of(f.type())).toArray(AbiType[]::new));
        case ValueType.TupleType tu -> {
          String[] labels = new String[tu.types().size()];
          for (int i = 0; i < labels.length; i++) {
            labels[i] = Integer.toString(i);
          }
          yield record(RecordKind.TUPLE, labels, tu.types().stream().map(this::of).toArray(AbiType[]::new));
        }
        case ValueType.VariantType v -> variant(VariantKind.VARIANT,
            v.cases().stream().map(ValueType.Case::name).toArray(String[]::new),
            v.cases().stream().map(c -> c.type() == null ? null : of(c.type())).toArray(AbiType[]::new));
        case ValueType.EnumType e -> variant(VariantKind.ENUM, e.names().toArray(String[]::new),
            new AbiType[e.names().size()]);
        case ValueType.OptionType o -> variant(VariantKind.OPTION, new String[] {"none", "some"},
            new AbiType[] {null, of(o.type())});
        case ValueType.ResultType r -> variant(VariantKind.RESULT, new String[] {"ok", "error"},
            new AbiType[] {r.ok() == null ? null : of(r.ok()), r.err() == null ? null : of(r.err())});
        case ValueType.FlagsType f -> flags(f.names());
        case ValueType.OwnType o -> new Own(o.resource(), 4, 4, I32);
        case ValueType.BorrowType b -> new Borrow(b.resource(), 4, 4, I32);
        case ValueType.AsyncType a -> new AsyncHandle(a, 4, 4, I32);
      };
    }

    private static AbiType prim(ValueType.Prim p) {
      int size = (int) Layout.elemSize(p);
      int alignment = Layout.alignment(p);
      return p == ValueType.Prim.STRING ? new Str(size, alignment, PTR_LEN)
          : new Scalar(p, size, alignment, Layout.flatten(p).toArray(FlatType[]::new));
    }

    private static AbiType list(AbiType element, int length, boolean map) {
      int size = (int) Layout.listSize(element.size(), length);
      int alignment = Layout.listAlignment(element.alignment(), length);
      if (length < 0) {
        return new ListOf(element, -1, map, size, alignment, PTR_LEN);
      }
      return new ListOf(element, length, map, size, alignment,
          Layout.listFlat(List.of(element.flat()), length).toArray(FlatType[]::new));
    }

    private static AbiType record(RecordKind kind, String[] labels, AbiType[] fields) {
      long[] sizes = new long[fields.length];
      int[] alignments = new int[fields.length];
      List<FlatType> flat = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        sizes[i] = fields[i].size();
        alignments[i] = fields[i].alignment();
        flat.addAll(List.of(fields[i].flat()));
      }
      Layout.RecordLayout layout = Layout.record(sizes, alignments);
      int[] offsets = new int[fields.length];
      for (int i = 0; i < fields.length; i++) {
        offsets[i] = (int) layout.offsets()[i];
      }
      return new Record(kind, labels, fields, offsets, (int) layout.size(), layout.alignment(),
          flat.toArray(FlatType[]::new));
    }

    private static AbiType variant(VariantKind kind, String[] labels, AbiType[] cases) {
      int maxCaseAlign = 1;
      long maxCaseSize = 0;
      List<List<FlatType>> caseFlats = new ArrayList<>();
      for (AbiType c : cases) {
        if (c != null) {
          maxCaseAlign = Math.max(maxCaseAlign, c.alignment());
          maxCaseSize = Math.max(maxCaseSize, c.size());
          caseFlats.add(List.of(c.flat()));
        }
      }
      Layout.VariantLayout layout = Layout.variant(cases.length, maxCaseSize, maxCaseAlign);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < labels.length; i++) {
        index.put(labels[i], i);
      }
      return new Variant(kind, labels, cases, index, layout.discriminantSize(), (int) layout.payloadOffset(),
          (int) layout.size(), layout.alignment(), Layout.variantFlat(caseFlats).toArray(FlatType[]::new));
    }

    private static AbiType flags(List<String> names) {
      int n = names.size();
      int size = Layout.flagsSize(n);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < n; i++) {
        index.put(names.get(i), i);
      }
      return new Flags(names.toArray(String[]::new), index, size, size, n == 0 ? new FlatType[0] : I32);
    }
  }
}
