package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.AbiType;
import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * A component function type: named parameters and at most one result ({@code result} null for
 * none); {@code async} for an {@code async func}, which may block before returning.
 */
public record FuncType(List<Param> params, ValueType result, boolean async) {
  public record Param(String name, ValueType type) {}

  public FuncType {
    params = List.copyOf(params);
  }

  public FuncType(List<Param> params, ValueType result) {
    this(params, result, false);
  }

  public List<ValueType> paramTypes() {
    return params.stream().map(Param::type).toList();
  }

  /** The WIT spelling: {@code func(name: string) -> string}. */
  public String describe() {
    List<String> ps = new ArrayList<>();
    for (Param p : params) {
      ps.add(p.name() + ": " + ValueType.describe(p.type()));
    }
    return (async ? "async func(" : "func(") + String.join(", ", ps) + ")" + (result == null ? "" : " -> " + ValueType.describe(result));
  }

  /** The despecialised parameter and result types, with their tuples for spilling. */
  record Lowered(AbiType[] params, AbiType paramTuple, AbiType[] results, AbiType resultTuple) {
    static Lowered of(FuncType ft) {
      AbiType[] ps = ft.params().stream().map(p -> AbiType.of(p.type())).toArray(AbiType[]::new);
      AbiType[] rs = ft.result() == null ? new AbiType[0] : new AbiType[] {AbiType.of(ft.result())};
      return new Lowered(ps, AbiType.of(new ValueType.TupleType(ft.paramTypes())), rs,
          AbiType.of(new ValueType.TupleType(ft.result() == null ? List.of() : List.of(ft.result()))));
    }
  }
}
