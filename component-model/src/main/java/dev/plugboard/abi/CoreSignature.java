package dev.plugboard.abi;

import java.util.List;

/** The core function type that lifting or lowering a component function takes. */
public record CoreSignature(List<FlatType> params, List<FlatType> results) {
  public CoreSignature {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  /** The parameter types as WebAssembly text names them. */
  public List<String> watParams() {
    return params.stream().map(FlatType::wat).toList();
  }

  /** The result types as WebAssembly text names them. */
  public List<String> watResults() {
    return results.stream().map(FlatType::wat).toList();
  }
}
