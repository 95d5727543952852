package dev.plugboard.runtime;

import dev.plugboard.types.Value;

/** A component-level function: an export of a running component, or a host function given as an import. */
public interface ComponentFunction {
  FuncType type();

  /**
   * Calls the function. Returns its result, or null when the type has none.
   *
   * @throws dev.plugboard.runtime.abi.Trap when the guest or the ABI traps
   * @throws IllegalArgumentException when the arguments do not match {@link #type()}
   */
  Value call(Value... args);
}
