package dev.plugboard.runtime.wasi;

import dev.plugboard.runtime.HostFunction;
import dev.plugboard.runtime.HostInterface;
import dev.plugboard.types.ResourceType;
import java.util.HashMap;
import java.util.Map;

/** One WASI interface as the host serves it: functions and resource types by their WIT names. */
final class WasiInterface implements HostInterface {
  private final Map<String, HostFunction> functions = new HashMap<>();
  private final Map<String, ResourceType> resources = new HashMap<>();
  private HostFunction otherwise;

  WasiInterface function(String name, HostFunction f) {
    functions.put(name, f);
    return this;
  }

  WasiInterface resource(String name, ResourceTable<?> table) {
    resources.put(name, table.type());
    return this;
  }

  /** What every function not named here does (for interfaces the host only ever denies). */
  WasiInterface otherwise(HostFunction f) {
    this.otherwise = f;
    return this;
  }

  @Override
  public HostFunction function(String name) {
    return functions.getOrDefault(name, otherwise);
  }

  @Override
  public ResourceType resource(String name) {
    return resources.get(name);
  }
}
