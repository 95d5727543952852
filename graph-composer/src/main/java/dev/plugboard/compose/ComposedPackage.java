package dev.plugboard.compose;

import dev.plugboard.binary.Component;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.ComponentWit;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import dev.plugboard.types.ValueType;
import dev.plugboard.types.WitTypes;
import dev.plugboard.wit.resolve.Function;
import dev.plugboard.wit.resolve.Interface;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.World;
import dev.plugboard.wit.resolve.WorldItem;
import dev.plugboard.wit.resolve.WorldKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component registered in a composition under a package name ({@code example:upper}): its
 * decoded binary and the types of its imports and exports, read from its WIT view.
 */
public final class ComposedPackage {
  private final String name;
  private final byte[] bytes;
  private final Component component;
  private final Map<String, ItemType> imports;
  private final Map<String, ItemType> exports;

  private ComposedPackage(String name, byte[] bytes, Component component, Map<String, ItemType> imports,
      Map<String, ItemType> exports) {
    this.name = name;
    this.bytes = bytes;
    this.component = component;
    this.imports = imports;
    this.exports = exports;
  }

  /**
   * Reads a component binary.
   *
   * @throws CompositionException (NOT_A_COMPONENT) with the decoder's or validator's message
   */
  public static ComposedPackage of(String name, byte[] bytes) throws CompositionException {
    Component c;
    ComponentWit.View view;
    try {
      ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(bytes);
      c = d.component();
      ComponentValidator.validateStructure(c, d.offsets());
      view = ComponentWit.of(c);
    } catch (MalformedBinaryException e) {
      throw new CompositionException(CompositionException.Kind.NOT_A_COMPONENT, name + ": " + e.describe());
    } catch (InvalidComponentException e) {
      throw new CompositionException(CompositionException.Kind.NOT_A_COMPONENT, name + ": " + e.describe());
    }
    Resolve r = view.resolve();
    World world = r.packages.get(view.rootPackage()).worlds.values().stream().findFirst()
        .map(r.worlds::get).orElseThrow();
    WitTypes types = new WitTypes(r);
    return new ComposedPackage(name, bytes, c, items(r, world.imports, types), items(r, world.exports, types));
  }

  /**
   * A package known by its type only: world {@code worldId} of a WIT resolve, as a component of
   * that world would import and export. It type-checks like a component but has no binary, so a
   * composition that instantiates it can be read and checked, not encoded.
   */
  public static ComposedPackage ofWorld(String name, Resolve r, int worldId) {
    World world = r.worlds.get(worldId);
    WitTypes types = new WitTypes(r);
    return new ComposedPackage(name, null, null, items(r, world.imports, types), items(r, world.exports, types));
  }

  static Map<String, ItemType> items(Resolve r, Map<WorldKey, WorldItem> items, WitTypes types) {
    Map<String, ItemType> out = new LinkedHashMap<>();
    for (var e : items.entrySet()) {
      String key = r.keyName(e.getKey());
      out.put(key, switch (e.getValue()) {
        case WorldItem.OfFunction f -> func(f.function(), types);
        case WorldItem.OfInterface i -> instance(r, i.id(), types);
        case WorldItem.OfType t -> new ItemType.Other("type");
      });
    }
    return out;
  }

  /** The instance type of interface {@code id} of a resolve. */
  static ItemType.Instance instance(Resolve r, int id, WitTypes types) {
    Interface iface = r.interfaces.get(id);
    Map<String, ItemType.Func> functions = new LinkedHashMap<>();
    iface.functions.forEach((n, f) -> functions.put(n, func(f, types)));
    List<String> resources = new ArrayList<>();
    Map<String, ItemType.ResourceRef> used = new LinkedHashMap<>();
    iface.types.forEach((n, tid) -> {
      if (r.isResource(tid)) {
        resources.add(n);
        var def = r.types.get(r.dealias(tid));
        if (def.owner instanceof dev.plugboard.wit.resolve.Owner.OfInterface(int owner) && owner != id
            && r.interfaces.get(owner).name != null) {
          used.put(n, new ItemType.ResourceRef(r.interfaceName(owner), def.name));
        }
      }
    });
    return new ItemType.Instance(iface.name != null ? r.interfaceName(id) : null, functions, resources, used);
  }

  static ItemType.Func func(Function f, WitTypes types) {
    List<String> names = new ArrayList<>();
    List<ValueType> params = new ArrayList<>();
    for (Function.Param p : f.params()) {
      names.add(p.name());
      params.add(types.convert(p.type()));
    }
    return new ItemType.Func(names, params, types.convert(f.result()));
  }

  public String name() {
    return name;
  }

  /** The component binary; null for a package known by its type only ({@link #ofWorld}). */
  public byte[] bytes() {
    return bytes;
  }

  public Component component() {
    return component;
  }

  public Map<String, ItemType> imports() {
    return imports;
  }

  public Map<String, ItemType> exports() {
    return exports;
  }
}
