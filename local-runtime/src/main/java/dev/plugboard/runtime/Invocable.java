package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.StringEncoding;
import dev.plugboard.types.Value;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How {@code canon lower} starts a call (CanonicalABI.md's {@code FuncInst}): {@code onStart}
 * lifts the arguments when the callee is ready for them, {@code onResolve} takes the result
 * (null when the call was cancelled); the returned {@code OnCancel} asks the callee to cancel.
 */
interface Invocable {
  Runnable invoke(Supplier<Value[]> onStart, Consumer<Value[]> onResolve, InstanceState caller);

  Runnable NO_CANCEL = () -> { };

  /** Any component function: async-lifted ones start a task; others run to completion right away. */
  static Invocable of(ComponentFunction f, StringEncoding callerEncoding) {
    if (f instanceof Invocable i) {
      return i;
    }
    boolean hasResult = f.type().result() != null;
    return (onStart, onResolve, caller) -> {
      Value[] args = onStart.get();
      Value r = f instanceof LiftedFunction lf ? lf.call(args, callerEncoding, null) : f.call(args);
      onResolve.accept(hasResult ? new Value[] {r} : new Value[0]);
      return NO_CANCEL;
    };
  }
}
