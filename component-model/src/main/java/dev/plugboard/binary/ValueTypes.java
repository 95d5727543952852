package dev.plugboard.binary;

import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small helpers over {@link ValueType} for validation: the parts of a type, fields and cases from lists. */
final class ValueTypes {
  private ValueTypes() {}

  /** The value types a type is made of, one level down (absent payloads left out). */
  static List<ValueType> parts(ValueType t) {
    List<ValueType> out = switch (t) {
      case null -> List.of();
      case ValueType.RecordType r -> r.fields().stream().map(ValueType.Field::type).toList();
      case ValueType.VariantType v -> nonNull(v.cases().stream().map(ValueType.Case::type).toList());
      case ValueType.TupleType tu -> tu.types();
      case ValueType.ListType l -> List.of(l.element());
      case ValueType.FixedListType l -> List.of(l.element());
      case ValueType.OptionType o -> List.of(o.type());
      case ValueType.ResultType r -> nonNull(java.util.Arrays.asList(r.ok(), r.err()));
      case ValueType.AsyncType a -> a.element() == null ? List.of() : List.of(a.element());
      case ValueType.MapType m -> List.of(m.key(), m.value());
      default -> List.of();
    };
    return out;
  }

  private static List<ValueType> nonNull(List<ValueType> l) {
    if (!l.contains(null)) {
      return l;
    }
    List<ValueType> out = new ArrayList<>(l);
    out.removeIf(java.util.Objects::isNull);
    return Collections.unmodifiableList(out);
  }

  static List<ValueType.Field> fields(List<String> names, List<ValueType> types) {
    List<ValueType.Field> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(new ValueType.Field(names.get(i), types.get(i)));
    }
    return out;
  }

  static List<ValueType.Case> cases(List<String> names, List<ValueType> types) {
    List<ValueType.Case> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(new ValueType.Case(names.get(i), types.get(i)));
    }
    return out;
  }
}
