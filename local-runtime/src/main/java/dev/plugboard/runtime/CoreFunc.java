package dev.plugboard.runtime;

import com.dylibso.chicory.wasm.types.FunctionType;

/** A core function: an export of a core instance, or a function the component layer made (canon lower, resource.*). */
record CoreFunc(String name, FunctionType type, Body body) {
  @FunctionalInterface
  interface Body {
    long[] call(long[] args);
  }

  long[] call(long... args) {
    return body.call(args);
  }
}
