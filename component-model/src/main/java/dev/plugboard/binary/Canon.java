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
