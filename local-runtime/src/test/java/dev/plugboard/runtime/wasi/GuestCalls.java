package dev.plugboard.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.types.Value;

/** Calls into the WASI host as a guest would: by interface and function name, with borrowed handles. */
final class GuestCalls {
  private GuestCalls() {}

  static Value call(WasiHost host, String iface, String function, Value... args) {
    return host.served(iface).function(function).call(args);
  }

  /** The borrow a guest passes for a handle it owns. */
  static Value borrow(Value handle) {
    Value.Handle h = (Value.Handle) handle;
    return new Value.Handle(h.type(), h.rep(), false);
  }

  /** The payload of an {@code ok} result (failing the test on {@code err}). */
  static Value ok(Value result) {
    assertThat(result).isInstanceOf(Value.ResultValue.class);
    assertThat(((Value.ResultValue) result).isOk()).as("%s", result).isTrue();
    return ((Value.ResultValue) result).payload();
  }
}
