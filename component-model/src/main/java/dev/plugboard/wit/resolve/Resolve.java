package dev.plugboard.wit.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of resolved WIT packages: four arenas (worlds, interfaces, types, packages)
 * addressed by index, in the order wasm-tools gives them. Built by {@link WitResolver};
 * read-only for everyone else.
 */
public final class Resolve {
  public final List<World> worlds = new ArrayList<>();
  public final List<Interface> interfaces = new ArrayList<>();
  public final List<TypeDef> types = new ArrayList<>();
  public final List<Package> packages = new ArrayList<>();

  /** Follows {@code type x = y} aliases to the defining type's id. */
  public int dealias(int id) {
    int guard = 0;
    while (types.get(id).kind instanceof TypeKind.Alias(Type.Ref(int target)) && guard++ < types.size()) {
      id = target;
    }
    return id;
  }

  public boolean isResource(int id) {
    return types.get(dealias(id)).kind instanceof TypeKind.Resource;
  }

  /** The full name of an interface: {@code ns:pkg/name@v}, or its bare name if it has no package. */
  public String interfaceName(int id) {
    Interface i = interfaces.get(id);
    if (i.name == null) {
      return "<inline interface>";
    }
    return i.pkg == null ? i.name : packages.get(i.pkg).name.qualify(i.name);
  }

  /** The printed name of a world key: a name, or the interface's full name. */
  public String keyName(WorldKey key) {
    return switch (key) {
      case WorldKey.Name(String n) -> n;
      case WorldKey.OfInterface(int id) -> interfaceName(id);
    };
  }
}
