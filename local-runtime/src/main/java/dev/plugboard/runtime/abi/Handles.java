package dev.plugboard.runtime.abi;

/** {@code canon resource.drop} and {@code canon resource.rep} (CanonicalABI.md), synchronous. */
public final class Handles {
  private Handles() {}

  public static ResourceHandle own(RuntimeResource rt, int rep) {
    return new ResourceHandle(rt, rep, true, null);
  }

  public static void drop(InstanceState inst, RuntimeResource rt, long index) {
    inst.checkMayLeave("resource.drop");
    ResourceHandle h = inst.handles.get(index);
    if (h.type != rt) {
      throw AbiTraps.wrongResourceType(index, h.type, rt);
    }
    if (h.numLends != 0) {
      throw AbiTraps.lentOut(index);
    }
    inst.handles.remove(index);
    if (h.own) {
      if (rt.dtor() != null) {
        destroy(rt, h.rep, inst);
      } else if (rt.impl() != null && !rt.impl().mayEnterFrom(inst)) {
        // the reference calls even a missing destructor as a call into the resource's instance
        throw new Trap("cannot enter component instance " + rt.impl().name() + " to drop a " + rt.name()
            + " (its destructor is a call into it, and it is on the stack)");
      }
    } else if (h.borrowScope != null) {
      h.borrowScope.numBorrows--;
    }
  }

  /** {@code canon resource.rep}: the representation of the handle at {@code index}, of type {@code rt}. */
  public static int rep(InstanceState inst, RuntimeResource rt, long index) {
    ResourceHandle h = inst.handles.get(index);
    if (h.type != rt) {
      throw AbiTraps.wrongResourceType(index, h.type, rt);
    }
    return h.rep;
  }

  /** Drops an owned handle the host holds (a {@code Value.Handle} it received): runs the destructor. */
  public static void dropHostOwned(RuntimeResource rt, int rep) {
    if (rt.dtor() != null) {
      destroy(rt, rep, null);
    }
  }

  /**
   * Runs the destructor as a call from {@code caller} (null: the host) into the resource's
   * instance: entered, and with a task of its own, so its core code may use the built-ins.
   */
  private static void destroy(RuntimeResource rt, int rep, InstanceState caller) {
    InstanceState impl = rt.impl();
    if (impl == null) {
      rt.dtor().destroy(rep);
      return;
    }
    impl.enterFrom(caller);
    GuestThread callerThread = impl.store.enterInline(new Task(impl));
    try {
      rt.dtor().destroy(rep);
    } finally {
      impl.store.swapCurrent(callerThread);
      impl.leaveTo(caller);
    }
  }
}
