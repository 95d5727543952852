package dev.plugboard.runtime;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.plugboard.abi.FlatType;
import dev.plugboard.abi.Layout;
import dev.plugboard.runtime.abi.Abi;
import dev.plugboard.runtime.abi.CanonOptions;
import dev.plugboard.runtime.abi.Context;
import dev.plugboard.runtime.abi.GuestThread;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.Subtask;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code canon lower} with a {@link Subtask} (CanonicalABI.md {@code canon_lower}): every lower
 * with the {@code async} option, and sync lowers of {@code async func}s. An async lower returns
 * at once: RETURNED when the callee finished, otherwise the subtask's state and its index in the
 * caller's handle table, and progress arrives later as SUBTASK events. A sync lower of an async
 * callee blocks the calling thread until the callee resolves.
 */
final class AsyncLower {

  private AsyncLower() {}

  static CoreFunc build(InstanceState caller, ComponentFunction callee, CanonOptions opts, boolean async, String name) {
    FuncType ft = callee.type();
    FuncType.Lowered lw = FuncType.Lowered.of(ft);
    FlatType[] flatParams = Abi.flatten(lw.params());
    FlatType[] flatResults = Abi.flatten(lw.results());
    int maxParams = async ? Layout.MAX_FLAT_ASYNC_PARAMS : Abi.MAX_FLAT_PARAMS;
    int maxResults = async ? 0 : Abi.MAX_FLAT_RESULTS;
    List<ValType> params = new ArrayList<>();
    List<ValType> results = new ArrayList<>();
    if (flatParams.length > maxParams) {
      params.add(ValType.I32);
    } else {
      for (FlatType f : flatParams) {
        params.add(Instantiator.core(f));
      }
    }
    boolean outParam = flatResults.length > maxResults;
    if (outParam) {
      params.add(ValType.I32);
    } else {
      for (FlatType f : flatResults) {
        results.add(Instantiator.core(f));
      }
    }
    if (async) {
      results = List.of(ValType.I32);
    }
    Invocable target = Invocable.of(callee, opts.encoding());
    return new CoreFunc(name, FunctionType.of(params, results), args -> {
      GuestThread thread = caller.store().current();
      if (thread == null || thread.task() == null) {
        throw new Trap("`" + name + "` was called outside of a task");
      }
      caller.checkMayLeave("an import");
      Subtask subtask = new Subtask();
      Context cx = new Context(opts, caller, subtask.scope);
      Abi.FlatReader reader = new Abi.FlatReader(args);
      Runnable[] onProgress = {null};
      Supplier<Value[]> onStart = () -> {
        if (onProgress[0] != null) {
          onProgress[0].run();
        }
        subtask.state = Subtask.STARTED;
        return Abi.liftFlatValues(cx, maxParams, reader, lw.params(), lw.paramTuple());
      };
      Consumer<Value[]> onResolve = result -> {
        if (onProgress[0] != null) {
          onProgress[0].run();
        }
        if (result == null) {
          subtask.resolve(subtask.state == Subtask.STARTING ? Subtask.CANCELLED_BEFORE_STARTED
              : Subtask.CANCELLED_BEFORE_RETURNED, new long[0]);
        } else {
          Integer out = outParam ? (int) args[args.length - 1] : null;
          subtask.resolve(Subtask.RETURNED, Abi.lowerFlatValues(new Context(opts, caller, subtask.scope), maxResults,
              result, lw.results(), lw.resultTuple(), out));
        }
      };
      subtask.onCancel = target.invoke(onStart, onResolve, caller);
      if (!async) {
        if (!subtask.resolved()) {
          thread.waitUntil(subtask::resolved, false, false);
        }
        subtask.deliverResolve();
        return subtask.flatResults;
      }
      if (subtask.resolved()) {
        subtask.deliverResolve();
        return new long[] {Subtask.RETURNED};
      }
      int index = caller.handles.add(subtask);
      onProgress[0] = () -> subtask.onProgress(index);
      return new long[] {Integer.toUnsignedLong(subtask.state | (index << 4))};
    });
  }
}
