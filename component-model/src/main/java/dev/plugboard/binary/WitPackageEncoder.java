package dev.plugboard.binary;

import dev.plugboard.binary.Component.Alias;
import dev.plugboard.binary.Component.AliasTarget;
import dev.plugboard.binary.Component.ExternName;
import dev.plugboard.binary.Component.ExternType;
import dev.plugboard.binary.TypeDef.Decl;
import dev.plugboard.wit.resolve.Function;
import dev.plugboard.wit.resolve.Interface;
import dev.plugboard.wit.resolve.Owner;
import dev.plugboard.wit.resolve.Package;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.Type;
import dev.plugboard.wit.resolve.TypeKind;
import dev.plugboard.wit.resolve.World;
import dev.plugboard.wit.resolve.WorldItem;
import dev.plugboard.wit.resolve.WorldKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A resolved WIT package as a component binary, the "Package Format" of WIT.md (what
 * {@code wasm-tools component wit --wasm} writes): each interface is a type export of its own
 * name whose component type exports one instance {@code ns:pkg/iface} and imports, partially,
 * the other interfaces whose types it uses; each world is a type export whose component type
 * exports one component {@code ns:pkg/world} (its imports and exports elaborated, interfaces
 * copied in full). Docs and {@code @since}/{@code @unstable} gates go in the
 * {@code package-docs} custom section ({@link WitPackageDocs}). {@link WitPackageDecoder} reads
 * it back.
 */
public final class WitPackageEncoder {
  private final Resolve resolve;

  /** One index space being filled: a component type (an interface's wrapper, a world) or an instance type. */
  private final class Scope {
    final Scope parent;
    /** The interface whose named types this instance scope defines, or the world whose types this scope imports. */
    final Integer ownerInterface;
    final Integer ownerWorld;
    /** For a wrapper: the foreign types each imported interface must export. */
    final Map<Integer, TreeSet<Integer>> needed;
    final List<Decl> decls = new ArrayList<>();
    final Map<Integer, Integer> typeIndex = new HashMap<>();
    final Map<Integer, Integer> instanceOf = new HashMap<>();
    int types;
    int instances;

    Scope(Scope parent, Integer ownerInterface, Integer ownerWorld, Map<Integer, TreeSet<Integer>> needed) {
      this.parent = parent;
      this.ownerInterface = ownerInterface;
      this.ownerWorld = ownerWorld;
      this.needed = needed;
    }

    int add(Decl d) {
      decls.add(d);
      return types++;
    }

    Scope root() {
      Scope s = this;
      while (s.parent != null) {
        s = s.parent;
      }
      return s;
    }
  }

  private WitPackageEncoder(Resolve resolve) {
    this.resolve = resolve;
  }

  /** The binary of package {@code pkg} of a complete resolve. */
  public static byte[] encode(Resolve resolve, int pkg) {
    return ComponentEncoder.encode(new WitPackageEncoder(resolve).component(pkg));
  }

  private Component component(int pkgId) {
    Package pkg = resolve.packages.get(pkgId);
    List<Component.Section> sections = new ArrayList<>();
    pkg.interfaces.forEach((name, id) -> typeExport(sections, name, interfaceWrapper(id)));
    pkg.worlds.forEach((name, id) -> typeExport(sections, name, worldWrapper(id)));
    sections.add(new Component.CustomSection(WitPackageDocs.SECTION, WitPackageDocs.encode(resolve, pkgId)));
    return new Component(sections);
  }

  /** {@code (type (export "name") (component ...))}: a definition, then its export (two type indices). */
  private static void typeExport(List<Component.Section> sections, String name, List<Decl> wrapper) {
    int index = sections.size(); // each earlier item took a type section and an export, a type index each
    sections.add(new Component.TypeSection(List.of(new TypeDef.ComponentType(wrapper))));
    sections.add(new Component.ExportSection(List.of(
        new Component.Export(ExternName.of(name), Sort.TYPE, index, null))));
  }

  // ---- interfaces ---------------------------------------------------------------------

  private List<Decl> interfaceWrapper(int iface) {
    Scope wrapper = new Scope(null, null, null, neededForeignTypes(iface));
    Scope inst = fullInterface(iface, wrapper);
    int k = wrapper.add(new Decl.TypeDecl(new TypeDef.InstanceType(inst.decls)));
    wrapper.decls.add(new Decl.ExportDecl(ExternName.of(resolve.interfaceName(iface)), new ExternType.InstanceType(k)));
    return wrapper.decls;
  }

  /** An instance scope exporting every type and function of {@code iface}. */
  private Scope fullInterface(int iface, Scope outer) {
    Interface i = resolve.interfaces.get(iface);
    Scope inst = new Scope(outer, iface, null, null);
    for (int t : i.types.values()) {
      typeIndex(t, inst);
    }
    for (Function f : i.functions.values()) {
      int k = inst.add(new Decl.TypeDecl(func(f, inst)));
      inst.decls.add(new Decl.ExportDecl(ExternName.of(f.name()), new ExternType.Func(k)));
    }
    return inst;
  }

  /**
   * The named types of other interfaces that {@code iface} reaches, by owning interface: what
   * its wrapper imports. Types of the interface itself and anonymous types are walked through.
   */
  private Map<Integer, TreeSet<Integer>> neededForeignTypes(int iface) {
    Map<Integer, TreeSet<Integer>> needed = new TreeMap<>();
    Set<Integer> seen = new HashSet<>();
    Interface i = resolve.interfaces.get(iface);
    for (int t : i.types.values()) {
      walk(new Type.Ref(t), iface, needed, seen);
    }
    for (Function f : i.functions.values()) {
      f.params().forEach(p -> walk(p.type(), iface, needed, seen));
      if (f.result() != null) {
        walk(f.result(), iface, needed, seen);
      }
    }
    return needed;
  }

  private void walk(Type t, int iface, Map<Integer, TreeSet<Integer>> needed, Set<Integer> seen) {
    if (!(t instanceof Type.Ref(int id)) || !seen.add(id)) {
      return;
    }
    var def = resolve.types.get(id);
    if (def.name != null && def.owner instanceof Owner.OfInterface(int owner) && owner != iface) {
      needed.computeIfAbsent(owner, k -> new TreeSet<>()).add(id);
    }
    for (Type child : children(def.kind)) {
      walk(child, iface, needed, seen);
    }
  }

  private static List<Type> children(TypeKind kind) {
    List<Type> out = new ArrayList<>();
    switch (kind) {
      case TypeKind.Record r -> r.fields().forEach(f -> out.add(f.type()));
      case TypeKind.Variant v -> v.cases().forEach(c -> out.add(c.type()));
      case TypeKind.Tuple t -> out.addAll(t.types());
      case TypeKind.Option o -> out.add(o.type());
      case TypeKind.Result r -> {
        out.add(r.ok());
        out.add(r.err());
      }
      case TypeKind.ListOf l -> out.add(l.element());
      case TypeKind.FixedList l -> out.add(l.element());
      case TypeKind.MapOf m -> {
        out.add(m.key());
        out.add(m.value());
      }
      case TypeKind.Future f -> out.add(f.type());
      case TypeKind.Stream s -> out.add(s.type());
      case TypeKind.Handle h -> out.add(new Type.Ref(h.resource()));
      case TypeKind.Alias a -> out.add(a.target());
      default -> { }
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  // ---- worlds -------------------------------------------------------------------------

  private List<Decl> worldWrapper(int worldId) {
    World w = resolve.worlds.get(worldId);
    Scope wrapper = new Scope(null, null, null, Map.of());
    Scope c = new Scope(wrapper, null, worldId, Map.of());
    for (var e : w.imports.entrySet()) {
      worldItem(c, e.getKey(), e.getValue(), true);
    }
    for (var e : w.exports.entrySet()) {
      worldItem(c, e.getKey(), e.getValue(), false);
    }
    int k = wrapper.add(new Decl.TypeDecl(new TypeDef.ComponentType(c.decls)));
    Package pkg = resolve.packages.get(w.pkg);
    wrapper.decls.add(new Decl.ExportDecl(ExternName.of(pkg.name.qualify(w.name)), new ExternType.ComponentType(k)));
    return wrapper.decls;
  }

  private void worldItem(Scope c, WorldKey key, WorldItem item, boolean isImport) {
    ExternName name = ExternName.of(resolve.keyName(key));
    switch (item) {
      case WorldItem.OfInterface i -> {
        Scope inst = fullInterface(i.id(), c);
        int k = c.add(new Decl.TypeDecl(new TypeDef.InstanceType(inst.decls)));
        ExternType type = new ExternType.InstanceType(k);
        c.decls.add(isImport ? new Decl.ImportDecl(name, type) : new Decl.ExportDecl(name, type));
        c.instanceOf.put(i.id(), c.instances++);
      }
      case WorldItem.OfFunction f -> {
        int k = c.add(new Decl.TypeDecl(func(f.function(), c)));
        ExternType type = new ExternType.Func(k);
        c.decls.add(isImport ? new Decl.ImportDecl(name, type) : new Decl.ExportDecl(name, type));
      }
      case WorldItem.OfType t -> typeIndex(t.id(), c);
    }
  }

  // ---- types --------------------------------------------------------------------------

  /** The index of resolve type {@code id} in scope {@code s}, defining, importing or aliasing it on first use. */
  private int typeIndex(int id, Scope s) {
    return typeIndex(id, s, true);
  }

  /**
   * With {@code viaLocalName}, a type of another interface that this scope's interface names
   * too ({@code use}) is referred to by that name, so every type a function uses is exported here.
   */
  private int typeIndex(int id, Scope s, boolean viaLocalName) {
    Integer known = s.typeIndex.get(id);
    if (known != null) {
      return known;
    }
    var def = resolve.types.get(id);
    int index;
    Integer local = viaLocalName && def.name != null && !owns(s, def.owner) ? localName(s, id) : null;
    if (local != null) {
      return typeIndex(local, s, false);
    }
    if (def.name == null) {
      index = s.add(new Decl.TypeDecl(deftype(def.kind, s)));
    } else if (owns(s, def.owner)) {
      index = defineNamed(def, s);
    } else {
      index = fromOutside(id, s);
    }
    s.typeIndex.put(id, index);
    return index;
  }

  /** The type of this scope's interface (or world) that is an alias of {@code id}, if any. */
  private Integer localName(Scope s, int id) {
    if (s.ownerInterface == null && s.ownerWorld == null) {
      return null;
    }
    var names = s.ownerInterface != null ? resolve.interfaces.get(s.ownerInterface).types.values()
        : resolve.worlds.get(s.ownerWorld).imports.values().stream()
            .filter(i -> i instanceof WorldItem.OfType).map(i -> ((WorldItem.OfType) i).id()).toList();
    for (int t : names) {
      if (resolve.types.get(t).kind instanceof TypeKind.Alias(Type.Ref(int target)) && target == id) {
        return t;
      }
    }
    return null;
  }

  private static boolean owns(Scope s, Owner owner) {
    return switch (owner) {
      case Owner.OfInterface(int i) -> s.ownerInterface != null && s.ownerInterface == i;
      case Owner.OfWorld(int w) -> s.ownerWorld != null && s.ownerWorld == w;
      case Owner.None n -> false;
    };
  }

  /** A named type of this scope's interface (exported) or world (imported). */
  private int defineNamed(dev.plugboard.wit.resolve.TypeDef def, Scope s) {
    ExternType type;
    if (def.kind instanceof TypeKind.Resource) {
      type = new ExternType.Type(false, 0);
    } else if (def.kind instanceof TypeKind.Alias(Type.Ref(int target))) {
      type = new ExternType.Type(true, typeIndex(target, s, false));
    } else {
      type = new ExternType.Type(true, s.add(new Decl.TypeDecl(deftype(def.kind, s))));
    }
    ExternName name = ExternName.of(def.name);
    s.decls.add(s.ownerInterface != null ? new Decl.ExportDecl(name, type) : new Decl.ImportDecl(name, type));
    return s.types++;
  }

  /**
   * A named type defined elsewhere: an outer alias if an enclosing scope has it, else an alias
   * of the export of the instance of its interface in the outermost scope (importing that
   * interface there first, with the types the wrapper needs of it).
   */
  private int fromOutside(int id, Scope s) {
    int depth = 0;
    for (Scope a = s.parent; a != null; a = a.parent) {
      depth++;
      Integer there = a.typeIndex.get(id);
      if (there != null) {
        return s.add(new Decl.AliasDecl(new Alias(Sort.TYPE, new AliasTarget.Outer(depth, there))));
      }
    }
    var def = resolve.types.get(id);
    Scope holder = s.ownerInterface == null ? s : s.parent;
    if (!(def.owner instanceof Owner.OfInterface(int owner))) {
      throw new IllegalStateException("type `" + def.name + "` is used outside the world that defines it");
    }
    Integer instance = holder.instanceOf.get(owner);
    if (instance == null) {
      instance = importPart(owner, holder, holder.needed.getOrDefault(owner, new TreeSet<>(Set.of(id))));
    }
    int there = holder.add(new Decl.AliasDecl(new Alias(Sort.TYPE, new AliasTarget.InstanceExport(instance, def.name))));
    holder.typeIndex.put(id, there);
    return holder == s ? there : typeIndex(id, s, false);
  }

  /** Imports into a wrapper the types {@code wanted} of interface {@code iface}. */
  private int importPart(int iface, Scope wrapper, Set<Integer> wanted) {
    Scope inst = new Scope(wrapper, iface, null, null);
    for (int t : wanted) {
      typeIndex(t, inst);
    }
    int k = wrapper.add(new Decl.TypeDecl(new TypeDef.InstanceType(inst.decls)));
    wrapper.decls.add(new Decl.ImportDecl(ExternName.of(resolve.interfaceName(iface)), new ExternType.InstanceType(k)));
    int instance = wrapper.instances++;
    wrapper.instanceOf.put(iface, instance);
    return instance;
  }

  private TypeDef.Func func(Function f, Scope s) {
    List<TypeDef.Param> params = new ArrayList<>();
    for (Function.Param p : f.params()) {
      params.add(new TypeDef.Param(p.name(), val(p.type(), s)));
    }
    return new TypeDef.Func(f.kind().isAsync(), params, f.result() == null ? null : val(f.result(), s));
  }

  private ValType val(Type t, Scope s) {
    return switch (t) {
      case Type.Primitive p -> ValType.Primitive.ofWit(p.wit());
      case Type.Ref(int id) -> new ValType.Index(typeIndex(id, s));
    };
  }

  private ValType valOrNull(Type t, Scope s) {
    return t == null ? null : val(t, s);
  }

  private TypeDef deftype(TypeKind kind, Scope s) {
    return switch (kind) {
      case TypeKind.Record r -> new TypeDef.Record(
          r.fields().stream().map(f -> new TypeDef.Field(f.name(), val(f.type(), s))).toList());
      case TypeKind.Variant v -> new TypeDef.Variant(
          v.cases().stream().map(c -> new TypeDef.Case(c.name(), valOrNull(c.type(), s))).toList());
      case TypeKind.Enum e -> new TypeDef.Enum(e.cases().stream().map(TypeKind.Case::name).toList());
      case TypeKind.Flags f -> new TypeDef.Flags(f.flags().stream().map(TypeKind.Case::name).toList());
      case TypeKind.Tuple t -> new TypeDef.Tuple(t.types().stream().map(x -> val(x, s)).toList());
      case TypeKind.Option o -> new TypeDef.Option(val(o.type(), s));
      case TypeKind.Result r -> new TypeDef.Result(valOrNull(r.ok(), s), valOrNull(r.err(), s));
      case TypeKind.ListOf l -> new TypeDef.ListOf(val(l.element(), s));
      case TypeKind.FixedList l -> new TypeDef.FixedList(val(l.element(), s), l.size());
      case TypeKind.MapOf m -> new TypeDef.MapOf(val(m.key(), s), val(m.value(), s));
      case TypeKind.Future f -> new TypeDef.Future(valOrNull(f.type(), s));
      case TypeKind.Stream st -> new TypeDef.Stream(valOrNull(st.type(), s));
      case TypeKind.Handle h -> h.own() ? new TypeDef.Own(typeIndex(h.resource(), s))
          : new TypeDef.Borrow(typeIndex(h.resource(), s));
      case TypeKind.Alias(Type.Primitive p) -> new TypeDef.Prim(ValType.Primitive.ofWit(p.wit()));
      case TypeKind.Alias(Type.Ref r) -> throw new IllegalStateException("an anonymous alias");
      case TypeKind.Resource r -> throw new IllegalStateException("an anonymous resource");
      case TypeKind.Unknown u -> throw new IllegalStateException("an unresolved type");
    };
  }
}
