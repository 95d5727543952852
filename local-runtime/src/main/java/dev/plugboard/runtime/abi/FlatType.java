package dev.plugboard.runtime.abi;

/** A core value type of the flattened ABI. */
public enum FlatType {
  I32, I64, F32, F64;

  /** {@code join} of CanonicalABI.md: the slot type two variant cases share. */
  static FlatType join(FlatType a, FlatType b) {
    if (a == b) {
      return a;
    }
    if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
      return I32;
    }
    return I64;
  }

  public String wat() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
