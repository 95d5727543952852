package dev.plugboard.runtime;

import dev.plugboard.types.Value;

/** A function the host gives a component as an import: values in, a value (or null) out. */
@FunctionalInterface
public interface HostFunction {
  Value call(Value[] args);
}
