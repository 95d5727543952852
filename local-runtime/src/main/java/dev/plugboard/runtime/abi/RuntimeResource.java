package dev.plugboard.runtime.abi;

import dev.plugboard.types.ResourceType;

/**
 * A resource type made by a running component instance (or by the host): compared by
 * identity, with the instance that implements it and its destructor.
 */
public final class RuntimeResource implements ResourceType {
  /** A destructor: a core function {@code (rep) -> ()}. */
  @FunctionalInterface
  public interface Destructor {
    void destroy(int rep);
  }

  private String name;
  private final InstanceState impl;
  private final Destructor dtor;

  public RuntimeResource(String name, InstanceState impl, Destructor dtor) {
    this.name = name;
    this.impl = impl;
    this.dtor = dtor;
  }

  @Override
  public String name() {
    return name;
  }

  /** Gives a generically named resource type the name it is exported under. */
  public void nameIfUnnamed(String exportName) {
    if (name.equals("resource")) {
      name = exportName;
    }
  }

  /** The instance that defined this type; null for host resources. */
  public InstanceState impl() {
    return impl;
  }

  public Destructor dtor() {
    return dtor;
  }

  @Override
  public String toString() {
    return name;
  }
}
