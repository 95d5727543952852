package dev.plugboard.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.plugboard.abi.FlatType;
import dev.plugboard.binary.Canon;
import dev.plugboard.runtime.Extern.RtType;
import dev.plugboard.runtime.abi.Abi;
import dev.plugboard.runtime.abi.AbiMemory;
import dev.plugboard.runtime.abi.AbiType;
import dev.plugboard.runtime.abi.AsyncCanon;
import dev.plugboard.runtime.abi.CanonOptions;
import dev.plugboard.runtime.abi.ChicoryMemory;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.ThreadCanon;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical built-ins of the async ABI and error contexts as core functions, typed as
 * CanonicalABI.md says and running {@link AsyncCanon}, and the cooperative-thread built-ins
 * running {@link ThreadCanon}. The shared-everything thread built-ins (🧵②) link but trap when
 * called.
 */
final class AsyncBuiltins {
  private AsyncBuiltins() {}

  static CoreFunc builtin(Scope s, Canon.Builtin b) {
    String name = Canon.builtinName(b.opcode());
    InstanceState inst = s.state;
    List<Canon.Operand> ops = b.operands();
    FunctionType type = type(s, b);
    CoreFunc.Body body = switch (b.opcode()) {
      case 0x0a -> {
        int slot = (int) u32(ops, 1);
        yield args -> new long[] {Integer.toUnsignedLong(AsyncCanon.contextGet(inst, slot))};
      }
      case 0x0b -> {
        int slot = (int) u32(ops, 1);
        yield args -> {
          AsyncCanon.contextSet(inst, slot, (int) args[0]);
          return new long[0];
        };
      }
      case 0x09 -> {
        ValueType result = ((Canon.Operand.Results) ops.get(0)).type() == null ? null
            : Instantiator.valueType(s, ((Canon.Operand.Results) ops.get(0)).type());
        CanonOptions o = options(s, ops.get(1));
        yield args -> AsyncCanon.taskReturn(inst, result, o, args);
      }
      case 0x05 -> args -> AsyncCanon.taskCancel(inst);
      case 0x24 -> args -> AsyncCanon.backpressure(inst, 1);
      case 0x25 -> args -> AsyncCanon.backpressure(inst, -1);
      case 0x0c -> {
        boolean cancellable = flag(ops, 0);
        yield args -> AsyncCanon.yield(inst, cancellable);
      }
      case 0x1f -> args -> AsyncCanon.waitableSetNew(inst);
      case 0x20, 0x21 -> {
        boolean cancellable = flag(ops, 0);
        AbiMemory mem = new ChicoryMemory(Scope.at(s.memories, (int) u32(ops, 1), "core memory"));
        yield b.opcode() == 0x20
            ? args -> AsyncCanon.waitableSetWait(inst, cancellable, mem, u(args[0]), (int) args[1])
            : args -> AsyncCanon.waitableSetPoll(inst, cancellable, mem, u(args[0]), (int) args[1]);
      }
      case 0x22 -> args -> AsyncCanon.waitableSetDrop(inst, u(args[0]));
      case 0x23 -> args -> AsyncCanon.waitableJoin(inst, u(args[0]), u(args[1]));
      case 0x06 -> {
        boolean async = flag(ops, 0);
        yield args -> AsyncCanon.subtaskCancel(inst, async, u(args[0]));
      }
      case 0x0d -> args -> AsyncCanon.subtaskDrop(inst, u(args[0]));
      case 0x0e, 0x15 -> {
        ValueType t = element(s, ops);
        boolean stream = b.opcode() == 0x0e;
        yield args -> AsyncCanon.streamOrFutureNew(inst, stream, t);
      }
      case 0x0f, 0x10 -> {
        ValueType t = element(s, ops);
        Instantiator.Options o = Instantiator.options(s, ((Canon.Operand.Options) ops.get(1)).options());
        boolean write = b.opcode() == 0x10;
        yield args -> AsyncCanon.streamCopy(inst, write, t, o.canon(), o.async(), u(args[0]), (int) args[1],
            u(args[2]));
      }
      case 0x16, 0x17 -> {
        ValueType t = element(s, ops);
        Instantiator.Options o = Instantiator.options(s, ((Canon.Operand.Options) ops.get(1)).options());
        boolean write = b.opcode() == 0x17;
        yield args -> AsyncCanon.futureCopy(inst, write, t, o.canon(), o.async(), u(args[0]), (int) args[1]);
      }
      case 0x11, 0x12, 0x18, 0x19 -> {
        ValueType t = element(s, ops);
        boolean async = flag(ops, 1);
        boolean stream = b.opcode() <= 0x12;
        boolean write = b.opcode() == 0x12 || b.opcode() == 0x19;
        yield args -> AsyncCanon.cancelCopy(inst, stream, write, t, async, u(args[0]));
      }
      case 0x13, 0x14, 0x1a, 0x1b -> {
        ValueType t = element(s, ops);
        boolean stream = b.opcode() <= 0x14;
        boolean readable = b.opcode() == 0x13 || b.opcode() == 0x1a;
        yield args -> AsyncCanon.dropEnd(inst, stream, readable, t, u(args[0]));
      }
      case 0x1c -> {
        CanonOptions o = options(s, ops.get(0));
        yield args -> AsyncCanon.errorContextNew(inst, o, (int) args[0], u(args[1]));
      }
      case 0x1d -> {
        CanonOptions o = options(s, ops.get(0));
        yield args -> AsyncCanon.errorContextDebugMessage(inst, o, u(args[0]), (int) args[1]);
      }
      case 0x1e -> args -> AsyncCanon.errorContextDrop(inst, u(args[0]));
      case 0x26 -> args -> ThreadCanon.index(inst);
      case 0x27 -> {
        TableInstance table = Scope.at(s.tables, (int) u32(ops, 1), "core table");
        yield args -> ThreadCanon.newIndirect(inst, fi -> threadEntry(table, fi), u(args[0]), u(args[1]));
      }
      case 0x28 -> args -> ThreadCanon.resumeLater(inst, u(args[0]));
      case 0x29 -> {
        boolean cancellable = flag(ops, 0);
        yield args -> ThreadCanon.suspend(inst, cancellable);
      }
      case 0x2a, 0x2b -> {
        boolean cancellable = flag(ops, 0);
        boolean yield = b.opcode() == 0x2b;
        yield args -> ThreadCanon.thenResume(inst, yield, cancellable, u(args[0]));
      }
      case 0x2c, 0x2d -> {
        boolean cancellable = flag(ops, 0);
        boolean yield = b.opcode() == 0x2d;
        yield args -> ThreadCanon.thenPromote(inst, yield, cancellable, u(args[0]));
      }
      default -> args -> {
        throw new Trap("`" + name + "` (shared-everything threads) is not supported by Plugboard's runtime");
      };
    };
    return new CoreFunc(name, type, body);
  }

  private static final FunctionType THREAD_START = FunctionType.of(List.of(ValType.I32), List.of());

  /** The function a new thread starts with: the table's element {@code fi}, a {@code (func (param i32))}. */
  private static java.util.function.LongConsumer threadEntry(TableInstance table, long fi) {
    if (fi >= table.size()) {
      throw new Trap("thread.new-indirect: table index " + fi + " is out of bounds (the table has " + table.size()
          + " elements)");
    }
    int funcIndex = table.ref((int) fi);
    Instance owner = table.instance((int) fi);
    if (funcIndex == com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE || owner == null) {
      throw new Trap("thread.new-indirect: table element " + fi + " is null");
    }
    FunctionType actual = owner.type(owner.functionType(funcIndex));
    if (!actual.equals(THREAD_START)) {
      throw new Trap("thread.new-indirect: table element " + fi + " has type " + actual + ", not (func (param i32))");
    }
    return c -> LiftedFunction.guest(new CoreFunc("thread start", actual,
        a -> owner.getMachine().call(funcIndex, a)), new long[] {c});
  }

  private static long u(long v) {
    return v & 0xffff_ffffL;
  }

  private static long u32(List<Canon.Operand> ops, int i) {
    return ((Canon.Operand.U32) ops.get(i)).value();
  }

  private static boolean flag(List<Canon.Operand> ops, int i) {
    return ((Canon.Operand.Byte) ops.get(i)).value() != 0;
  }

  private static CanonOptions options(Scope s, Canon.Operand op) {
    return Instantiator.options(s, ((Canon.Operand.Options) op).options()).canon();
  }

  /** The element type of the stream or future type the first operand names. */
  private static ValueType element(Scope s, List<Canon.Operand> ops) {
    RtType t = Scope.at(s.types, (int) u32(ops, 0), "type");
    if (t instanceof RtType.Val(ValueType.AsyncType a)) {
      return a.element();
    }
    throw new IllegalStateException("type " + u32(ops, 0) + " is not a stream or future type");
  }

  /** The core type CanonicalABI.md gives the built-in ({@code task.return}: its result as parameters). */
  private static FunctionType type(Scope s, Canon.Builtin b) {
    if (b.opcode() == 0x09) {
      dev.plugboard.binary.ValType result = ((Canon.Operand.Results) b.operands().get(0)).type();
      List<ValType> params = new ArrayList<>();
      if (result != null) {
        FlatType[] flat = Abi.flatten(new AbiType[] {AbiType.of(Instantiator.valueType(s, result))});
        if (flat.length > Abi.MAX_FLAT_PARAMS) {
          params.add(ValType.I32);
        } else {
          for (FlatType f : flat) {
            params.add(Instantiator.core(f));
          }
        }
      }
      return FunctionType.of(params, List.of());
    }
    Canon.CoreSignature sig = Canon.builtinSignature(b.opcode());
    return sig == null ? FunctionType.of(List.of(), List.of())
        : FunctionType.of(sig.params().stream().map(AsyncBuiltins::coreType).toList(),
            sig.results().stream().map(AsyncBuiltins::coreType).toList());
  }

  private static ValType coreType(String name) {
    return switch (name) {
      case "i64" -> ValType.I64;
      case "f32" -> ValType.F32;
      case "f64" -> ValType.F64;
      default -> ValType.I32;
    };
  }
}
