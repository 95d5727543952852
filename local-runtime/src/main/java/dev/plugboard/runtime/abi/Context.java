package dev.plugboard.runtime.abi;

/**
 * The context of one lift or lower (CanonicalABI.md {@code LiftLowerContext}): the options,
 * the instance whose handle table is used, the call's borrow scope, and counters for tracing.
 */
public final class Context {
  final CanonOptions opts;
  final InstanceState inst;
  final Task task;
  /**
   * The encoding the strings being stored came from. It decides which {@code realloc} calls a
   * store makes (the reference's {@code (str, encoding, code units)} triple).
   */
  StringEncoding sourceEncoding = StringEncoding.UTF8;

  /** Host memory the values lifted in this context take (roughly), against the instance's budget. */
  private long lifted;

  /**
   * Charges {@code n} bytes of host memory for values being lifted; a guest whose values would
   * take more than the budget (say a list of a million strings that all point at the same
   * megabyte) traps instead of exhausting the host.
   */
  void charge(long n) {
    lifted += n;
    if (lifted > inst.maxLiftBytes()) {
      throw new Trap("the values of this call would take more than " + (inst.maxLiftBytes() >> 20)
          + " MiB of host memory (the limit; --max-result raises it)");
    }
  }

  /** Bytes written or read in linear memory by this context. */
  public long bytes;
  public int reallocCalls;
  /** Strings whose encoding changed on the way. */
  public int transcodes;
  /** Owned handles put in a table, borrowed handles lent, owned handles taken out of a table. */
  public int handlesCreated;
  public int handlesLent;
  public int handlesDropped;

  public Context(CanonOptions opts, InstanceState inst, Task task) {
    this.opts = opts;
    this.inst = inst;
    this.task = task;
  }

  public Context sourceEncoding(StringEncoding encoding) {
    this.sourceEncoding = encoding;
    return this;
  }

  public CanonOptions options() {
    return opts;
  }

  AbiMemory memory() {
    return opts.requireMemory();
  }

  int allocate(int align, long size) {
    return reallocate(0, 0, align, size);
  }

  int reallocate(int oldPtr, long oldSize, int align, long newSize) {
    Realloc r = opts.realloc();
    if (r == null) {
      throw new Trap("the canonical definition has no realloc option but the value needs one");
    }
    if (newSize > 0xffff_ffffL) {
      throw new Trap("allocation of " + newSize + " bytes is too large");
    }
    reallocCalls++;
    // no built-in or import may be called from realloc (CanonicalABI.md LiftLowerContext.reallocate)
    boolean mayLeave = inst == null || inst.mayLeave;
    if (inst != null) {
      inst.mayLeave = false;
    }
    int ptr;
    try {
      ptr = r.realloc(oldPtr, (int) oldSize, align, (int) newSize);
    } finally {
      if (inst != null) {
        inst.mayLeave = mayLeave;
      }
    }
    if (Integer.toUnsignedLong(ptr) % align != 0) {
      throw AbiTraps.reallocMisaligned(Integer.toUnsignedLong(ptr), align);
    }
    return ptr;
  }
}
