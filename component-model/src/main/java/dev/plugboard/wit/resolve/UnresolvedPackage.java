package dev.plugboard.wit.resolve;

import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One package after phase 1 (name resolution inside the package): local arenas whose
 * heads are placeholders for items of other packages. {@link Remap} merges it into a
 * {@link Resolve}.
 */
final class UnresolvedPackage {
  /** A placeholder for an interface or world of another package. */
  record ForeignItem(PackageId pkg, String name, boolean world, Span span) {}

  /** A placeholder type: {@code name} in the foreign interface placeholder {@code iface}. */
  record ForeignType(int iface, String name, Span span) {}

  PackageId name;
  String docs;
  Span span = Span.NONE;
  final List<Interface> interfaces = new ArrayList<>();
  final List<World> worlds = new ArrayList<>();
  final List<TypeDef> types = new ArrayList<>();

  /** Foreign packages in first-mention order, each with its placeholders by item name. */
  final LinkedHashMap<PackageId, LinkedHashMap<String, Integer>> foreignInterfaces = new LinkedHashMap<>();
  final LinkedHashMap<PackageId, LinkedHashMap<String, Integer>> foreignWorlds = new LinkedHashMap<>();
  final LinkedHashMap<PackageId, Span> foreignDepSpans = new LinkedHashMap<>();
  final List<ForeignItem> foreignInterfaceItems = new ArrayList<>();
  final List<ForeignItem> foreignWorldItems = new ArrayList<>();
  final List<ForeignType> foreignTypes = new ArrayList<>();

  /** Foreign packages in the order they are first mentioned. */
  List<PackageId> foreignDeps() {
    return List.copyOf(foreignDepSpans.keySet());
  }
}
