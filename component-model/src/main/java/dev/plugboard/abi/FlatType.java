package dev.plugboard.abi;

import java.util.Locale;

/** A core value type of the flattened Canonical ABI (CanonicalABI.md, "Flattening"). */
public enum FlatType {
  I32, I64, F32, F64;

  /** {@code join}: the slot type that two variant cases share. */
  public static FlatType join(FlatType a, FlatType b) {
    if (a == b) {
      return a;
    }
    if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
      return I32;
    }
    return I64;
  }

  /** The core type's name as WebAssembly text writes it ({@code i32}, {@code f64}). */
  public String wat() {
    return name().toLowerCase(Locale.ROOT);
  }
}
