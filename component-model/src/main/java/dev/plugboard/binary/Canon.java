package dev.plugboard.binary;

import java.util.List;

/** A canonical definition (Binary.md, "canon"). */
public sealed interface Canon {

  /** A canonical option ({@code canonopt}): its code and, for memory/realloc/post-return/callback, an index. */
  record Option(int code, int index) {
    public static final int UTF8 = 0x00;
    public static final int UTF16 = 0x01;
    public static final int LATIN1_UTF16 = 0x02;
    public static final int MEMORY = 0x03;
    public static final int REALLOC = 0x04;
    public static final int POST_RETURN = 0x05;
    public static final int ASYNC = 0x06;
    public static final int CALLBACK = 0x07;

    public boolean hasIndex() {
      return code == MEMORY || code == REALLOC || code == POST_RETURN || code == CALLBACK;
    }
  }

  /** {@code (canon lift f opts type)}: makes a component func. */
  record Lift(int coreFunc, List<Option> options, int type) implements Canon {
    public Lift {
      options = List.copyOf(options);
    }
  }

  /** {@code (canon lower f opts)}: makes a core func. */
  record Lower(int func, List<Option> options) implements Canon {
    public Lower {
      options = List.copyOf(options);
    }
  }

  record ResourceNew(int type) implements Canon {}

  record ResourceDrop(int type, boolean async) implements Canon {}

  record ResourceRep(int type) implements Canon {}

  /**
   * Any other built-in (async, streams, futures, error contexts, threads): its opcode and
   * its immediates in order, each an {@link Operand}.
   */
  record Builtin(int opcode, List<Operand> operands) implements Canon {
    public Builtin {
      operands = List.copyOf(operands);
    }
  }

  /** A core function type as value type names ({@code i32}, {@code i64}). */
  record CoreSignature(List<String> params, List<String> results) {}

  /** The name of a built-in, as the text format writes it ({@code stream.new}). */
  public static String builtinName(int opcode) {
    return switch (opcode) {
      case 0x05 -> "task.cancel";
      case 0x06 -> "subtask.cancel";
      case 0x09 -> "task.return";
      case 0x0a -> "context.get";
      case 0x0b -> "context.set";
      case 0x0c -> "thread.yield";
      case 0x0d -> "subtask.drop";
      case 0x0e -> "stream.new";
      case 0x0f -> "stream.read";
      case 0x10 -> "stream.write";
      case 0x11 -> "stream.cancel-read";
      case 0x12 -> "stream.cancel-write";
      case 0x13 -> "stream.drop-readable";
      case 0x14 -> "stream.drop-writable";
      case 0x15 -> "future.new";
      case 0x16 -> "future.read";
      case 0x17 -> "future.write";
      case 0x18 -> "future.cancel-read";
      case 0x19 -> "future.cancel-write";
      case 0x1a -> "future.drop-readable";
      case 0x1b -> "future.drop-writable";
      case 0x1c -> "error-context.new";
      case 0x1d -> "error-context.debug-message";
      case 0x1e -> "error-context.drop";
      case 0x1f -> "waitable-set.new";
      case 0x20 -> "waitable-set.wait";
      case 0x21 -> "waitable-set.poll";
      case 0x22 -> "waitable-set.drop";
      case 0x23 -> "waitable.join";
      case 0x24 -> "backpressure.inc";
      case 0x25 -> "backpressure.dec";
      case 0x26 -> "thread.index";
      case 0x27 -> "thread.new-indirect";
      case 0x28 -> "thread.resume-later";
      case 0x29 -> "thread.suspend";
      case 0x2a -> "thread.suspend-then-resume";
      case 0x2b -> "thread.yield-then-resume";
      case 0x2c -> "thread.suspend-then-promote";
      case 0x2d -> "thread.yield-then-promote";
      case 0x40 -> "thread.spawn-ref";
      case 0x41 -> "thread.spawn-indirect";
      case 0x42 -> "thread.available-parallelism";
      default -> "built-in 0x" + Integer.toHexString(opcode);
    };
  }

  /**
   * The core function type CanonicalABI.md gives a built-in, for every built-in whose type does
   * not depend on a component type ({@code task.return} does: null), with 32-bit memories.
   * Null too for the shared-everything thread built-ins, whose types are not plain.
   */
  public static CoreSignature builtinSignature(int opcode) {
    List<String> none = List.of();
    List<String> i32 = List.of("i32");
    List<String> i32x2 = List.of("i32", "i32");
    return switch (opcode) {
      case 0x24, 0x25, 0x05 -> new CoreSignature(none, none);
      case 0x0a, 0x1f, 0x26, 0x29, 0x0c -> new CoreSignature(none, i32);
      case 0x0b, 0x0d, 0x22, 0x1e, 0x28, 0x13, 0x14, 0x1a, 0x1b -> new CoreSignature(i32, none);
      case 0x06, 0x11, 0x12, 0x18, 0x19, 0x2a, 0x2b, 0x2c, 0x2d -> new CoreSignature(i32, i32);
      case 0x0e, 0x15 -> new CoreSignature(none, List.of("i64"));
      case 0x0f, 0x10 -> new CoreSignature(List.of("i32", "i32", "i32"), i32);
      case 0x16, 0x17, 0x1c, 0x20, 0x21, 0x27 -> new CoreSignature(i32x2, i32);
      case 0x1d, 0x23 -> new CoreSignature(i32x2, none);
      default -> null;
    };
  }

  /** An immediate of a built-in. */
  sealed interface Operand {
    record U32(long value) implements Operand {}

    record Byte(int value) implements Operand {}

    record Options(List<Option> options) implements Operand {
      public Options {
        options = List.copyOf(options);
      }
    }

    /** A {@code resultlist}: a type, or none. */
    record Results(ValType type) implements Operand {}
  }
}
