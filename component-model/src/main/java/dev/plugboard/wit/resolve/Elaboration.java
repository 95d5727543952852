package dev.plugboard.wit.resolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completes a world: every interface an import or export depends on becomes an import
 * (dependencies first), and items are ordered as wasm-tools orders them — interfaces,
 * {@code use}d types, other types, functions, resource functions for imports; functions
 * before interfaces for exports (shared/spec/wit-resolve-json.md section 2.8).
 */
final class Elaboration {
  private final Resolve resolve;

  Elaboration(Resolve resolve) {
    this.resolve = resolve;
  }

  private dev.plugboard.wit.source.Span worldSpan = dev.plugboard.wit.source.Span.NONE;

  void elaborate(int worldId) throws Remap.Failure {
    World w = resolve.worlds.get(worldId);
    worldSpan = w.span;
    LinkedHashMap<WorldKey, WorldItem> imports = new LinkedHashMap<>();
    for (var e : sortByClass(w.imports)) {
      switch (e.getValue()) {
        case WorldItem.OfInterface i -> {
          if (!imports.containsKey(e.getKey())) {
            for (int dep : directDeps(i.id())) {
              importImplicit(imports, dep, i.stability(), null);
            }
            imports.putIfAbsent(e.getKey(), i);
          }
        }
        case WorldItem.OfFunction f -> imports.put(e.getKey(), f);
        case WorldItem.OfType t -> {
          Integer dep = typeInterfaceDep(t.id());
          if (dep != null) {
            importImplicit(imports, dep, resolve.types.get(t.id()).stability, null);
          }
          imports.put(e.getKey(), t);
        }
      }
    }

    LinkedHashMap<WorldKey, WorldItem> exports = new LinkedHashMap<>();
    for (var e : w.exports.entrySet()) {
      if (!(e.getValue() instanceof WorldItem.OfInterface)) {
        exports.put(e.getKey(), e.getValue());
      }
    }
    Set<WorldKey> exportKeys = w.exports.keySet();
    for (var e : w.exports.entrySet()) {
      if (e.getValue() instanceof WorldItem.OfInterface i) {
        export(w, e.getKey(), i, imports, exports, exportKeys);
      }
    }
    w.imports = new LinkedHashMap<>();
    for (var e : sortByClass(imports)) {
      w.imports.put(e.getKey(), e.getValue());
    }
    w.exports = exports;
  }

  private void export(World w, WorldKey key, WorldItem.OfInterface item, Map<WorldKey, WorldItem> imports,
      Map<WorldKey, WorldItem> exports, Set<WorldKey> exportKeys) throws Remap.Failure {
    if (exports.containsKey(key)) {
      return;
    }
    for (int dep : directDeps(item.id())) {
      WorldKey depKey = new WorldKey.OfInterface(dep);
      if (exportKeys.contains(depKey)) {
        export(w, depKey, (WorldItem.OfInterface) w.exports.get(depKey), imports, exports, exportKeys);
      } else {
        requireImport(dep, item, imports, exportKeys, key);
      }
    }
    exports.put(key, item);
  }

  private void requireImport(int id, WorldItem.OfInterface exporter, Map<WorldKey, WorldItem> imports,
      Set<WorldKey> exportKeys, WorldKey exporting) throws Remap.Failure {
    WorldKey key = new WorldKey.OfInterface(id);
    if (exportKeys.contains(key)) {
      throw new Remap.Failure(worldSpan, "interface `" + resolve.keyName(exporting)
          + "` transitively depends on an interface in incompatible ways");
    }
    for (int dep : directDeps(id)) {
      requireImport(dep, exporter, imports, exportKeys, exporting);
    }
    if (imports.containsKey(key)) {
      return;
    }
    imports.put(key, new WorldItem.OfInterface(id, exporter.stability(), exporter.externalId(), null,
        exporter.span()));
  }

  private void importImplicit(Map<WorldKey, WorldItem> imports, int id, Stability stability, String externalId) {
    WorldKey key = new WorldKey.OfInterface(id);
    if (imports.containsKey(key)) {
      return;
    }
    for (int dep : directDeps(id)) {
      importImplicit(imports, dep, stability, externalId);
    }
    imports.put(key, new WorldItem.OfInterface(id, stability, externalId, null, dev.plugboard.wit.source.Span.NONE));
  }

  /** Interfaces whose types this interface {@code use}s, in the order of its types map. */
  List<Integer> directDeps(int iface) {
    Set<Integer> deps = new LinkedHashSet<>();
    for (int t : resolve.interfaces.get(iface).types.values()) {
      Integer dep = typeInterfaceDep(t);
      if (dep != null && dep != iface) {
        deps.add(dep);
      }
    }
    return new ArrayList<>(deps);
  }

  /** For {@code use}d types: the interface the aliased type belongs to. */
  private Integer typeInterfaceDep(int typeId) {
    TypeDef t = resolve.types.get(typeId);
    if (t.kind instanceof TypeKind.Alias(Type.Ref(int target))
        && resolve.types.get(target).owner instanceof Owner.OfInterface(int iface)
        && !t.owner.equals(resolve.types.get(target).owner)) {
      return iface;
    }
    return null;
  }

  private List<Map.Entry<WorldKey, WorldItem>> sortByClass(Map<WorldKey, WorldItem> items) {
    List<Map.Entry<WorldKey, WorldItem>> list = new ArrayList<>(items.entrySet());
    list.sort(Comparator.comparingInt(e -> itemClass(e.getValue())));
    return list;
  }

  private int itemClass(WorldItem item) {
    return switch (item) {
      case WorldItem.OfInterface i -> 0;
      case WorldItem.OfType t -> typeInterfaceDep(t.id()) != null || isForeignAlias(t.id()) ? 1 : 2;
      case WorldItem.OfFunction f -> f.function().kind().isResourceFunction() ? 4 : 3;
    };
  }

  private boolean isForeignAlias(int typeId) {
    TypeDef t = resolve.types.get(typeId);
    return t.kind instanceof TypeKind.Alias(Type.Ref(int target)) && !t.owner.equals(resolve.types.get(target).owner)
        && resolve.types.get(target).owner instanceof Owner.OfInterface;
  }
}
