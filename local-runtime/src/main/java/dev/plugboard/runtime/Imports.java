package dev.plugboard.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the host gives a component's imports: functions by import name, and instances (an
 * interface name such as {@code example:text/transform@0.1.0}) with their functions. A running
 * component's export instance can be passed as another's import, which links them by hand.
 */
public final class Imports {
  final Map<String, Object> entries = new LinkedHashMap<>();

  public static Imports none() {
    return new Imports();
  }

  /** A top-level function import. */
  public Imports function(String name, HostFunction f) {
    entries.put(name, f);
    return this;
  }

  /** An instance import built from host functions. */
  public Imports instance(String name, Map<String, HostFunction> functions) {
    entries.put(name, Map.copyOf(functions));
    return this;
  }

  /** An instance import served by host code that provides functions and resource types by name. */
  public Imports instance(String name, HostInterface host) {
    entries.put(name, host);
    return this;
  }

  /** A component import (a composition that imports its parts): the component to instantiate there. */
  public Imports component(String name, LoadedComponent component) {
    entries.put(name, component);
    return this;
  }

  /** An instance import served by an export instance of another running component. */
  public Imports instance(String name, ComponentInstance.ExportedInstance exported) {
    entries.put(name, exported);
    return this;
  }
}
