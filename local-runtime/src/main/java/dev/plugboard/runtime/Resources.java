package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.ResourceHandle;
import dev.plugboard.runtime.abi.RuntimeResource;

/** The resource built-ins ({@code resource.new/drop}) on top of the ABI's handle tables. */
final class Resources {
  private Resources() {}

  static ResourceHandle own(RuntimeResource rt, int rep) {
    return dev.plugboard.runtime.abi.Handles.own(rt, rep);
  }

  static void drop(InstanceState inst, RuntimeResource rt, long index) {
    dev.plugboard.runtime.abi.Handles.drop(inst, rt, index);
  }
}
