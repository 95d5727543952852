package dev.plugboard.runtime;

import dev.plugboard.types.ResourceType;

/**
 * Host code serving an imported interface, asked by name for each function and resource type
 * the importing component declares (so one host can serve every minor version of an interface,
 * whatever subset of it a component imports). A resource type the host names is used as the
 * import's resource type: handles the host creates for it ({@code new Value.Handle(type, rep,
 * true)}) then flow into and out of the component, and dropping one runs the type's destructor.
 */
public interface HostInterface {
  /** The function {@code name}, or null when the host does not provide it. */
  HostFunction function(String name);

  /** The host's resource type {@code name} (a {@link dev.plugboard.runtime.abi.RuntimeResource}), or null. */
  default ResourceType resource(String name) {
    return null;
  }
}
