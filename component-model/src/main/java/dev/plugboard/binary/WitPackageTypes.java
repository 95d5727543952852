package dev.plugboard.binary;

import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.types.ResourceType;
import dev.plugboard.wit.resolve.Resolve;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The types of WIT packages in the arena's model, as {@code wac} reads them: each package of a
 * resolve is encoded as a binary WIT package ({@link WitPackageEncoder}), validated, and its
 * interfaces and worlds read from the arena the validator answers ({@link ComponentTypes}). So a
 * type written in WIT compares with a component's by the one subtyping, resources by identity.
 *
 * <p>An interface is the instance its wrapper component type exports, with the wrapper's imports
 * (the interfaces whose types it uses) supplied by those interfaces' own instances through
 * {@link ComponentTypes.Linking}: a resource an interface takes with {@code use} is the very
 * resource of the interface that defines it. Each interface is made once per
 * {@code WitPackageTypes}, so its resources keep their identity; a world is the component type its
 * wrapper exports (imports and exports elaborated, consistent within the world).
 */
public final class WitPackageTypes {
  private final Resolve resolve;
  private final Map<Integer, ComponentTypes.Space> packages = new HashMap<>();
  private final Map<Integer, ExternT.InstX> interfaces = new HashMap<>();
  private Map<String, Integer> interfaceIds;

  public WitPackageTypes(Resolve resolve) {
    this.resolve = resolve;
  }

  /** The instance type of interface {@code id} (as an import or export of it has). */
  public ExternT.InstX instance(int id) {
    ExternT.InstX known = interfaces.get(id);
    if (known != null) {
      return known;
    }
    var iface = resolve.interfaces.get(id);
    if (iface.name == null || iface.pkg == null) {
      throw new IllegalArgumentException("interface " + id + " has no name: it is part of a world");
    }
    TypeT.Comp wrapper = wrapper(iface.pkg, iface.name);
    ComponentTypes.Linking linking = new ComponentTypes.Linking(wrapper);
    for (var imp : wrapper.imports().entrySet()) {
      Integer used = interfaceId(imp.getKey());
      if (used == null || used == id) {
        continue; // left abstract: not an interface of this resolve
      }
      var m = linking.argument(imp.getKey(), instance(used));
      if (m != null) {
        throw new IllegalStateException("interface " + resolve.interfaceName(id) + " does not fit the "
            + imp.getKey() + " it uses: " + m.describe());
      }
    }
    Map<String, ExternT> exports = linking.instanceExports(new IdentityHashMap<ResourceType, ResourceType>());
    if (exports.size() != 1 || !(exports.values().iterator().next() instanceof ExternT.InstX inst)) {
      throw new IllegalStateException("the wrapper of " + resolve.interfaceName(id) + " does not export one instance");
    }
    interfaces.put(id, inst);
    return inst;
  }

  /** The component type of world {@code id}: what a component of that world imports and exports. */
  public TypeT.Comp world(int id) {
    var world = resolve.worlds.get(id);
    TypeT.Comp wrapper = wrapper(world.pkg, world.name);
    if (wrapper.exports().size() != 1
        || !(wrapper.exports().values().iterator().next() instanceof ExternT.CompX(TypeT.Comp c))) {
      throw new IllegalStateException("the wrapper of world " + world.name + " does not export one component");
    }
    return c;
  }

  /** The component type that package {@code pkg} exports under {@code name} (an interface's or world's). */
  private TypeT.Comp wrapper(int pkg, String name) {
    ComponentTypes.Space space = packages.computeIfAbsent(pkg, this::encode);
    if (space.exports().get(name) instanceof ExternT.TypeX(TypeT.Comp c)) {
      return c;
    }
    throw new IllegalStateException("the binary of package " + resolve.packages.get(pkg).name + " has no type `"
        + name + "`");
  }

  private ComponentTypes.Space encode(int pkg) {
    byte[] bytes = WitPackageEncoder.encode(resolve, pkg);
    Binary key = new Binary(bytes);
    synchronized (VALIDATED) {
      ComponentTypes.Space known = VALIDATED.get(key);
      if (known != null) {
        return known;
      }
    }
    ComponentTypes.Space space;
    try {
      Component c = ComponentDecoder.decode(bytes);
      space = ComponentValidator.validateStructure(c, Map.of()).space(c);
    } catch (MalformedBinaryException | InvalidComponentException e) {
      throw new IllegalStateException("the binary of WIT package " + resolve.packages.get(pkg).name
          + " does not validate: " + e.getMessage(), e);
    }
    synchronized (VALIDATED) {
      VALIDATED.put(key, space);
    }
    return space;
  }

  /**
   * The arenas of the binary WIT packages validated lately, by their bytes: a WAC document is read
   * again on each pause in typing, and its {@code deps/} packages rarely change. Sharing an arena
   * between reads keeps identity right: each {@link #instance} makes its interface's own resources
   * anew ({@link ComponentTypes.Linking#instanceExports}).
   */
  private static final Map<Binary, ComponentTypes.Space> VALIDATED = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Binary, ComponentTypes.Space> eldest) {
      return size() > 64;
    }
  };

  /** Bytes compared by content. */
  private record Binary(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Binary b && java.util.Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }
  }

  private Integer interfaceId(String name) {
    if (interfaceIds == null) {
      interfaceIds = new HashMap<>();
      for (int i = 0; i < resolve.interfaces.size(); i++) {
        if (resolve.interfaces.get(i).name != null && resolve.interfaces.get(i).pkg != null) {
          interfaceIds.putIfAbsent(resolve.interfaceName(i), i);
        }
      }
    }
    return interfaceIds.get(name);
  }
}
