package dev.plugboard.binary;

import dev.plugboard.binary.Component.*;
import dev.plugboard.wit.lex.Semver;
import dev.plugboard.wit.resolve.Function;
import dev.plugboard.wit.resolve.Interface;
import dev.plugboard.wit.resolve.Owner;
import dev.plugboard.wit.resolve.Package;
import dev.plugboard.wit.resolve.PackageId;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.Stability;
import dev.plugboard.wit.resolve.Type;
import dev.plugboard.wit.resolve.TypeKind;
import dev.plugboard.wit.resolve.World;
import dev.plugboard.wit.resolve.WorldItem;
import dev.plugboard.wit.resolve.WorldKey;
import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WIT view of a component: its imports and exports as a world {@code root} in package
 * {@code root:component}, and every interface it imports or exports, with its types, in
 * that interface's package — what {@code wasm-tools component wit} shows. Works by
 * interpreting the component's type definitions (instance types, aliases, resource
 * exports) into a {@link Resolve}, which the WIT printer and JSON writer then print.
 */
public final class ComponentWit {
  /** A type as the interpreter knows it; identity is what links uses to definitions. */
  private sealed interface WT {
    /** A defined value type, function or instance/component type, in the scope it was defined in. */
    final class Def implements WT {
      final TypeDef def;
      final Scope scope;

      Def(TypeDef def, Scope scope) {
        this.def = def;
        this.scope = scope;
      }
    }

    final class Resource implements WT {}

    /**
     * In a WIT package, a type exported or imported as equal to another: a name of its own
     * ({@code type a = b}, a {@code use}), so that a chain of them keeps every name.
     */
    record Alias(WT target) implements WT {}
  }

  /** What an index of a component or type scope holds. */
  private static final class Scope {
    final Scope parent;
    final List<WT> types = new ArrayList<>();
    final List<Map<String, Object>> instances = new ArrayList<>(); // export name → WT or WT.Def (func)
    final List<WT> funcs = new ArrayList<>();
    final List<Nested> components = new ArrayList<>();
    /** Imports of a nested component by name, in order, and its exports by name. */
    final LinkedHashMap<String, Object> importsByName = new LinkedHashMap<>();
    final LinkedHashMap<String, Object> exportsByName = new LinkedHashMap<>();

    Scope(Scope parent) {
      this.parent = parent;
    }
  }

  /** A nested component definition: its scope after evaluation (imports and exports by name). */
  private record Nested(Scope scope) {}

  private final Resolve resolve = new Resolve();
  /** Imported types of nested components replaced by what instantiation passed in. */
  private final Map<WT, WT> substitutions = new IdentityHashMap<>();
  private final Map<WT, Integer> named = new IdentityHashMap<>();
  private final Map<String, Integer> packages = new HashMap<>();
  private int rootPackage;
  private World world;
  private int worldId;

  private ComponentWit() {}

  /** The resolve and the id of the {@code root:component} package. */
  public record View(Resolve resolve, int rootPackage) {}

  public static View of(Component c) throws InvalidComponentException {
    ComponentWit w = new ComponentWit();
    w.run(c);
    return new View(w.resolve, w.rootPackage);
  }

  // ---- WIT packages (WIT.md "Package Format") ------------------------------------------

  /**
   * In a WIT package, the interfaces met so far by full name, so that a later import of one
   * links to it; null when viewing a component.
   */
  private Map<String, Integer> knownInterfaces;

  /** One top-level type export of a WIT package: its name, what it wraps, and the section offset. */
  private record PackageItem(String exportName, String innerName, TypeDef.ComponentType wrapper,
      TypeDef.Decl.ExportDecl inner, long offset) {
    boolean isWorld() {
      return inner.type() instanceof ExternType.ComponentType;
    }
  }

  /**
   * The package a binary WIT package encodes: each top-level export a component type wrapping
   * one exported instance (an interface) or component (a world) named {@code ns:pkg/name}.
   * Interfaces of other packages it imports become interfaces of those packages holding only
   * what was imported; the caller uses them only as targets of {@code use}.
   *
   * @param offsets the section offsets of {@link ComponentDecoder#decodeWithOffsets}, for errors
   * @throws InvalidComponentException when the component is not of that shape (at the offending section)
   */
  static View ofPackage(Component c, Map<Object, Integer> offsets) throws InvalidComponentException {
    ComponentWit w = new ComponentWit();
    w.knownInterfaces = new HashMap<>();
    List<PackageItem> items = w.packageItems(c, offsets);
    if (items.isEmpty()) {
      throw new InvalidComponentException(0, "not a WIT package: it exports no types");
    }
    PackageId name = null;
    for (PackageItem item : items) {
      PackageId these = packageOf(item);
      if (name != null && !name.equals(these)) {
        throw new InvalidComponentException(item.offset(), "`" + item.innerName() + "` is not in package `" + name
            + "` like the items before it");
      }
      name = these;
    }
    w.rootPackage = w.pkg(name);
    Package pkg = w.resolve.packages.get(w.rootPackage);
    List<PackageItem> interfaces = new ArrayList<>(items.stream().filter(i -> !i.isWorld()).toList());
    for (PackageItem item : dependenciesFirst(interfaces)) {
      w.packageItem(item);
    }
    for (PackageItem item : items) {
      if (item.isWorld()) {
        w.packageItem(item);
      }
    }
    // the package lists its items in the binary's order, as they were written
    Map<String, Integer> ifaces = new LinkedHashMap<>(pkg.interfaces);
    pkg.interfaces.clear();
    for (PackageItem item : items) {
      Integer id = w.knownInterfaces.get(item.innerName());
      if (!item.isWorld() && id != null) {
        pkg.interfaces.put(w.resolve.interfaces.get(id).name, id);
      }
    }
    for (Section s : c.sections()) {
      if (s instanceof CustomSection cs && cs.name().equals(WitPackageDocs.SECTION)) {
        WitPackageDocs.apply(cs.data(), offsets.getOrDefault(cs, 0), w.resolve, w.rootPackage);
      }
    }
    return new View(w.resolve, w.rootPackage);
  }

  private List<PackageItem> packageItems(Component c, Map<Object, Integer> offsets) throws InvalidComponentException {
    List<WT> types = new ArrayList<>();
    List<PackageItem> items = new ArrayList<>();
    for (Section section : c.sections()) {
      long at = offsets.getOrDefault(section, 0);
      switch (section) {
        case TypeSection ts -> ts.types().forEach(t -> types.add(define(t, null)));
        case ExportSection es -> {
          for (Export e : es.exports()) {
            String name = e.name().name();
            if (e.sort() != Sort.TYPE || e.index() >= types.size()
                || !(types.get(e.index()) instanceof WT.Def d && d.def instanceof TypeDef.ComponentType ct)) {
              throw new InvalidComponentException(at, "not a WIT package: export `" + name
                  + "` is not a component type");
            }
            types.add(types.get(e.index()));
            items.addAll(wrapped(name, ct, at));
          }
        }
        case CustomSection cs -> { }
        default -> throw new InvalidComponentException(at, "not a WIT package: it has a "
            + section.getClass().getSimpleName().replace("Section", "").toLowerCase(java.util.Locale.ROOT)
            + " section; a WIT package holds only types and their exports");
      }
    }
    return items;
  }

  /**
   * The items one top-level export wraps: one interface or world (the current form, export
   * {@code name}), or every interface and world of the package (the older form, one export named
   * {@code ns:pkg/wit}), each with the declarations up to its own export.
   */
  private static List<PackageItem> wrapped(String name, TypeDef.ComponentType ct, long at)
      throws InvalidComponentException {
    List<TypeDef.Decl> decls = ct.decls();
    List<PackageItem> out = new ArrayList<>();
    for (int i = 0; i < decls.size(); i++) {
      if (!(decls.get(i) instanceof TypeDef.Decl.ExportDecl exp)) {
        continue;
      }
      String innerName = exp.name().name();
      if (!(exp.type() instanceof ExternType.InstanceType || exp.type() instanceof ExternType.ComponentType)) {
        throw new InvalidComponentException(at, "`" + name + "` exports `" + innerName + "`, which is neither an "
            + "instance (an interface) nor a component (a world)");
      }
      if (!innerName.contains(":") || !innerName.contains("/")) {
        throw new InvalidComponentException(at, "`" + name + "` exports `" + innerName
            + "`, not a name of the form ns:pkg/" + name);
      }
      String label = innerName.substring(innerName.indexOf('/') + 1).replaceAll("@.*", "");
      out.add(new PackageItem(name.contains(":") ? label : name, innerName,
          new TypeDef.ComponentType(decls.subList(0, i + 1)), exp, at));
    }
    if (out.isEmpty() || (out.size() > 1 && !name.contains(":"))) {
      throw new InvalidComponentException(at, "`" + name + "` should export one instance (an interface) "
          + "or one component (a world), found " + out.size() + " exports");
    }
    return out;
  }

  private static PackageId packageOf(PackageItem item) throws InvalidComponentException {
    String n = item.innerName();
    int colon = n.indexOf(':');
    int slash = n.indexOf('/');
    int at = n.indexOf('@');
    try {
      ExternNames.interfaceName(n);
      Semver version = at < 0 ? null : Semver.parse(n.substring(at + 1));
      return new PackageId(n.substring(0, colon), n.substring(colon + 1, slash), version);
    } catch (ExternNames.Invalid | RuntimeException e) {
      throw new InvalidComponentException(item.offset(), "`" + n + "` is not an interface or world name: "
          + e.getMessage());
    }
  }

  /** Interfaces ordered so that one another imports comes before it (the binary may list them otherwise). */
  private static List<PackageItem> dependenciesFirst(List<PackageItem> interfaces) {
    List<PackageItem> out = new ArrayList<>();
    java.util.Set<String> placed = new java.util.HashSet<>();
    while (out.size() < interfaces.size()) {
      boolean progress = false;
      for (PackageItem item : interfaces) {
        if (placed.contains(item.innerName())) {
          continue;
        }
        boolean ready = item.wrapper().decls().stream().noneMatch(d -> d instanceof TypeDef.Decl.ImportDecl imp
            && !placed.contains(imp.name().name())
            && interfaces.stream().anyMatch(o -> o.innerName().equals(imp.name().name())));
        if (ready) {
          out.add(item);
          placed.add(item.innerName());
          progress = true;
        }
      }
      if (!progress) {
        interfaces.stream().filter(i -> !placed.contains(i.innerName())).forEach(out::add);
        break;
      }
    }
    return out;
  }

  /**
   * Reads one item of a package: walks its wrapper's declarations (imports of other interfaces,
   * and in the older one-wrapper form the items exported before it, link to what is known of them)
   * and defines the interface or world it exports.
   */
  private void packageItem(PackageItem item) throws InvalidComponentException {
    Scope s = new Scope(null);
    try {
      for (TypeDef.Decl d : item.wrapper().decls()) {
        switch (d) {
          case TypeDef.Decl.TypeDecl td -> s.types.add(define(td.type(), s));
          case TypeDef.Decl.AliasDecl ad -> alias(s, ad.alias());
          case TypeDef.Decl.ImportDecl imp -> {
            if (!imp.name().name().contains(":") || !imp.name().name().contains("/")) {
              throw new InvalidComponentException(item.offset(), "`" + item.exportName() + "` imports `"
                  + imp.name().name() + "`, which is not an interface name (ns:pkg/name)");
            }
            if (!(importItem(s, imp.type()) instanceof Map<?, ?> exports)) {
              throw new InvalidComponentException(item.offset(), "`" + item.exportName() + "` imports `"
                  + imp.name().name() + "`, which is not an instance");
            }
            interfaceFor(imp.name().name(), castExports(exports));
          }
          case TypeDef.Decl.ExportDecl exp when exp != item.inner() -> {
            if (importItem(s, exp.type()) instanceof Map<?, ?> exports) {
              interfaceFor(exp.name().name(), castExports(exports));
            }
          }
          case TypeDef.Decl.ExportDecl exp when item.isWorld() -> world(item, s);
          case TypeDef.Decl.ExportDecl exp -> {
            if (importItem(s, exp.type()) instanceof Map<?, ?> exports) {
              knownInterfaces.put(exp.name().name(), instanceInterface(exp.name().name(), castExports(exports)));
            }
          }
          default -> { }
        }
      }
    } catch (InvalidComponentException e) {
      throw e.offset() >= 0 ? e : new InvalidComponentException(item.offset(), "in `" + item.exportName() + "`: "
          + e.getMessage());
    }
  }

  private void world(PackageItem item, Scope wrapper) throws InvalidComponentException {
    int index = ((ExternType.ComponentType) item.inner().type()).type();
    if (!(typeAt(wrapper, index) instanceof WT.Def def && def.def instanceof TypeDef.ComponentType ct)) {
      throw new InvalidComponentException(item.offset(), "world `" + item.innerName() + "` is not a component type");
    }
    String name = item.innerName().substring(item.innerName().indexOf('/') + 1).replaceAll("@.*", "");
    world = new World(name);
    world.pkg = rootPackage;
    worldId = resolve.worlds.size();
    resolve.worlds.add(world);
    resolve.packages.get(rootPackage).worlds.put(name, worldId);
    Scope s = new Scope(def.scope);
    for (TypeDef.Decl d : ct.decls()) {
      switch (d) {
        case TypeDef.Decl.TypeDecl td -> s.types.add(define(td.type(), s));
        case TypeDef.Decl.AliasDecl ad -> alias(s, ad.alias());
        case TypeDef.Decl.ImportDecl imp -> worldItem(imp.name().name(), importItem(s, imp.type()), true);
        case TypeDef.Decl.ExportDecl exp -> worldItem(exp.name().name(), importItem(s, exp.type()), false);
        default -> { }
      }
    }
  }

  /**
   * The interface an imported instance stands for: one met before (its types then link to the
   * ones defined there, so that uses of them become {@code use}s), or a new one.
   */
  private int interfaceFor(String name, Map<String, Object> exports) throws InvalidComponentException {
    Integer known = knownInterfaces.get(name);
    if (known == null) {
      int id = instanceInterface(name, exports);
      if (name.contains(":")) {
        knownInterfaces.put(name, id);
      }
      return id;
    }
    Interface iface = resolve.interfaces.get(known);
    for (var e : exports.entrySet()) {
      Integer type = iface.types.get(e.getKey());
      if (e.getValue() instanceof WT t && !(t instanceof WT.Def d && d.def instanceof TypeDef.Func)) {
        if (type != null) {
          named.putIfAbsent(resolved(t), type);
        } else {
          // another part of an interface of another package: what this import adds to it
          iface.types.put(e.getKey(), namedType(e.getKey(), t, new Owner.OfInterface(known)));
        }
      }
    }
    return known;
  }

  private void run(Component c) throws InvalidComponentException {
    rootPackage = pkg(new PackageId("root", "component", null));
    world = new World("root");
    world.pkg = rootPackage;
    worldId = resolve.worlds.size();
    resolve.worlds.add(world);
    resolve.packages.get(rootPackage).worlds.put("root", worldId);
    evaluate(c, new Scope(null), true);
  }

  /**
   * Walks a component's definitions, keeping what each index holds. At the top level,
   * imports and exports also become the world's items; in nested components they are
   * recorded by name for instantiation.
   */
  private void evaluate(Component c, Scope s, boolean top) throws InvalidComponentException {
    for (Section section : c.sections()) {
      switch (section) {
        case TypeSection ts -> {
          for (TypeDef t : ts.types()) {
            s.types.add(define(t, s));
          }
        }
        case AliasSection as -> {
          for (Alias a : as.aliases()) {
            alias(s, a);
          }
        }
        case ImportSection is -> {
          for (Import i : is.imports()) {
            Object item = importItem(s, i.type());
            s.importsByName.put(i.name().name(), item);
            if (top) {
              worldItem(i.name().name(), item, true);
            }
          }
        }
        case ExportSection es -> {
          for (Export e : es.exports()) {
            Object item = exportItem(s, e);
            s.exportsByName.put(e.name().name(), item);
            if (top && item != null) {
              worldItem(e.name().name(), item, false);
            }
          }
        }
        case CanonSection cs -> {
          for (Canon canon : cs.canons()) {
            if (canon instanceof Canon.Lift l) {
              s.funcs.add(l.type() < s.types.size() ? s.types.get(l.type()) : null);
            }
          }
        }
        case NestedComponentSection n -> {
          Scope inner = new Scope(s);
          evaluate(n.component(), inner, false);
          s.components.add(new Nested(inner));
        }
        case InstanceSection is -> {
          for (Instance i : is.instances()) {
            s.instances.add(instance(s, i));
          }
        }
        default -> { }
      }
    }
  }

  /** What an instance exports, by name: a {@link WT} for types, a function type for funcs, a map for instances. */
  private Map<String, Object> instance(Scope s, Instance i) throws InvalidComponentException {
    switch (i) {
      case Instance.Instantiate in -> {
        if (in.component() >= s.components.size()) {
          return Map.of();
        }
        Scope def = s.components.get(in.component()).scope();
        for (Arg a : in.args()) {
          Object imported = def.importsByName.get(a.name());
          Object given = sortItem(s, a.sort(), a.index());
          if (imported instanceof WT from && given instanceof WT to && from != to) {
            substitutions.put(from, to);
          }
        }
        return def.exportsByName;
      }
      case Instance.FromExports fe -> {
        Map<String, Object> exports = new LinkedHashMap<>();
        for (InlineExport e : fe.exports()) {
          exports.put(e.name().name(), sortItem(s, e.sort(), e.index()));
        }
        return exports;
      }
    }
  }

  private Object sortItem(Scope s, Sort sort, int index) {
    return switch (sort) {
      case TYPE -> index < s.types.size() ? s.types.get(index) : null;
      case FUNC -> index < s.funcs.size() ? s.funcs.get(index) : null;
      case INSTANCE -> index < s.instances.size() ? s.instances.get(index) : null;
      default -> null;
    };
  }

  private Object importItem(Scope s, ExternType type) throws InvalidComponentException {
    switch (type) {
      case ExternType.InstanceType it -> {
        WT t = typeAt(s, it.type());
        Map<String, Object> exports = t instanceof WT.Def d && d.def instanceof TypeDef.InstanceType inst
            ? instanceTypeExports(inst, d.scope) : Map.of();
        s.instances.add(exports);
        return exports;
      }
      case ExternType.Func f -> {
        WT t = typeAt(s, f.type());
        s.funcs.add(t);
        return t;
      }
      case ExternType.Type ty -> {
        WT t = !ty.eq() ? new WT.Resource()
            : knownInterfaces != null ? new WT.Alias(typeAt(s, ty.type())) : typeAt(s, ty.type());
        s.types.add(t);
        return t;
      }
      default -> {
        return null;
      }
    }
  }

  private Object exportItem(Scope s, Export e) throws InvalidComponentException {
    Object item = sortItem(s, e.sort(), e.index());
    if (e.type() instanceof ExternType.Func f && f.type() < s.types.size()) {
      item = s.types.get(f.type());
    } else if (e.type() instanceof ExternType.InstanceType it) {
      WT t = typeAt(s, it.type());
      if (t instanceof WT.Def d && d.def instanceof TypeDef.InstanceType inst) {
        item = instanceTypeExports(inst, d.scope);
      }
    }
    switch (e.sort()) {
      case TYPE -> s.types.add(item instanceof WT w ? w : new WT.Resource());
      case FUNC -> s.funcs.add(item instanceof WT w ? w : null);
      case INSTANCE -> s.instances.add(item instanceof Map<?, ?> m ? castExports(m) : Map.of());
      default -> { }
    }
    return item;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castExports(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** The exports of an instance type, by name, evaluated in their own scope. */
  private Map<String, Object> instanceTypeExports(TypeDef.InstanceType inst, Scope outer)
      throws InvalidComponentException {
    Scope s = new Scope(outer);
    Map<String, Object> exports = new LinkedHashMap<>();
    for (TypeDef.Decl d : inst.decls()) {
      switch (d) {
        case TypeDef.Decl.TypeDecl td -> s.types.add(define(td.type(), s));
        case TypeDef.Decl.AliasDecl ad -> alias(s, ad.alias());
        case TypeDef.Decl.ExportDecl ed -> exports.put(ed.name().name(), importItem(s, ed.type()));
        default -> { }
      }
    }
    return exports;
  }

  /** A top-level import or export as a world item. */
  private void worldItem(String name, Object item, boolean isImport) throws InvalidComponentException {
    var map = isImport ? world.imports : world.exports;
    if (item == null) {
      throw new InvalidComponentException(-1, (isImport ? "import" : "export") + " `" + name + "` is a component, "
          + "a core module or a value, which WIT cannot express");
    }
    switch (item) {
      case Map<?, ?> exports -> {
        int iface = knownInterfaces == null ? instanceInterface(name, castExports(exports))
            : interfaceFor(name, castExports(exports));
        WorldKey key = name.contains(":") ? new WorldKey.OfInterface(iface) : new WorldKey.Name(name);
        map.put(key, new WorldItem.OfInterface(iface, Stability.UNKNOWN, null, null, Span.NONE));
      }
      case WT.Def d when d.def instanceof TypeDef.Func -> map.put(new WorldKey.Name(name),
          new WorldItem.OfFunction(function(name, d, worldResource(name))));
      case WT t -> {
        int id = namedType(name, t, new Owner.OfWorld(worldId));
        if (isImport) {
          world.imports.put(new WorldKey.Name(name), new WorldItem.OfType(id));
        }
      }
      default -> { }
    }
  }

  /** The world's resource type a {@code [method]r.m}, {@code [static]r.m} or {@code [constructor]r} belongs to, or -1. */
  private int worldResource(String functionName) {
    if (!functionName.startsWith("[")) {
      return -1;
    }
    String rest = functionName.substring(functionName.indexOf(']') + 1);
    int dot = rest.indexOf('.');
    WorldItem item = world.imports.get(new WorldKey.Name(dot < 0 ? rest : rest.substring(0, dot)));
    return item instanceof WorldItem.OfType(int id) ? id : -1;
  }

  private WT define(TypeDef t, Scope s) {
    return t instanceof TypeDef.Resource ? new WT.Resource() : new WT.Def(t, s);
  }

  private void alias(Scope s, Alias a) throws InvalidComponentException {
    switch (a.target()) {
      case AliasTarget.InstanceExport e -> {
        Object item = e.instance() < s.instances.size() ? s.instances.get(e.instance()).get(e.name()) : null;
        switch (a.sort()) {
          case TYPE -> s.types.add(item instanceof WT w ? w : new WT.Resource());
          case FUNC -> s.funcs.add(item instanceof WT w ? w : null);
          case INSTANCE -> s.instances.add(item instanceof Map<?, ?> m ? castExports(m) : Map.of());
          default -> { }
        }
      }
      case AliasTarget.Outer o -> {
        Scope target = s;
        for (int i = 0; i < o.count() && target != null; i++) {
          target = target.parent;
        }
        if (a.sort() == Sort.TYPE) {
          if (target == null || o.index() >= target.types.size()) {
            throw new InvalidComponentException(-1, "outer alias to a type that does not exist");
          }
          s.types.add(target.types.get(o.index()));
        }
      }
      case AliasTarget.CoreInstanceExport e -> { }
    }
  }

  private WT typeAt(Scope s, int index) throws InvalidComponentException {
    if (index < 0 || index >= s.types.size()) {
      throw new InvalidComponentException(-1, "type index out of bounds: " + index);
    }
    return s.types.get(index);
  }

  // ---- interfaces ---------------------------------------------------------------------

  private int pkg(PackageId id) {
    return packages.computeIfAbsent(id.toString(), k -> {
      resolve.packages.add(new Package(id));
      return resolve.packages.size() - 1;
    });
  }

  /** An interface from an instance's exports: its types in export order, then its functions. */
  private int instanceInterface(String name, Map<String, Object> exports) throws InvalidComponentException {
    String ifaceName = null;
    Integer pkgId = null;
    if (name.contains(":")) {
      ExternNames.Parsed parsed;
      try {
        parsed = ExternNames.interfaceName(name);
      } catch (ExternNames.Invalid e) {
        throw new InvalidComponentException(-1, "`" + name + "`: " + e.getMessage());
      }
      int colon = name.indexOf(':');
      int slash = name.indexOf('/');
      int at = name.indexOf('@');
      ifaceName = parsed.label();
      Semver version = at < 0 ? null : Semver.parse(name.substring(at + 1));
      pkgId = pkg(new PackageId(name.substring(0, colon), name.substring(colon + 1, slash), version));
    }
    int id = resolve.interfaces.size();
    Interface iface = new Interface(ifaceName);
    iface.pkg = pkgId == null ? rootPackage : pkgId;
    resolve.interfaces.add(iface);
    if (ifaceName != null) {
      resolve.packages.get(pkgId).interfaces.putIfAbsent(ifaceName, id);
    }
    Owner owner = new Owner.OfInterface(id);
    for (var e : exports.entrySet()) {
      if (e.getValue() instanceof WT t && !(t instanceof WT.Def d && d.def instanceof TypeDef.Func)) {
        iface.types.put(e.getKey(), namedType(e.getKey(), t, owner));
      }
    }
    for (var e : exports.entrySet()) {
      if (e.getValue() instanceof WT.Def d && d.def instanceof TypeDef.Func) {
        String fname = e.getKey();
        int resource = -1;
        if (fname.startsWith("[")) {
          String rest = fname.substring(fname.indexOf(']') + 1);
          int dot = rest.indexOf('.');
          Integer r = iface.types.get(dot < 0 ? rest : rest.substring(0, dot));
          resource = r == null ? -1 : r;
        }
        Function f = function(fname, d, resource);
        iface.functions.put(f.name(), f);
      }
    }
    return id;
  }

  /**
   * A named type of an interface or world. If the type already has a name elsewhere (it
   * came in through an alias of another interface's export), this is a {@code use}: an
   * alias of that type.
   */
  private WT resolved(WT t) {
    int guard = 0;
    while (substitutions.containsKey(t) && guard++ < 1000) {
      t = substitutions.get(t);
    }
    return t;
  }

  private int namedType(String name, WT t, Owner owner) throws InvalidComponentException {
    t = resolved(t);
    Integer existing = named.get(t);
    int id = resolve.types.size();
    if (existing != null) {
      resolve.types.add(new dev.plugboard.wit.resolve.TypeDef(name, new TypeKind.Alias(new Type.Ref(existing)), owner,
          null, Stability.UNKNOWN, null, Span.NONE));
      return id;
    }
    if (t instanceof WT.Alias(WT target) && !named.containsKey(resolved(target))
        && !(resolved(target) instanceof WT.Alias)
        && !(resolved(target) instanceof WT.Def d && d.def instanceof TypeDef.Prim)) {
      // exporting a definition under its name: the name is the definition's own
      int defined = namedType(name, target, owner);
      named.put(t, defined);
      return defined;
    }
    dev.plugboard.wit.resolve.TypeDef def = new dev.plugboard.wit.resolve.TypeDef(name, new TypeKind.Unknown(),
        owner, null, Stability.UNKNOWN, null, Span.NONE);
    resolve.types.add(def);
    named.put(t, id);
    def.kind = switch (t) {
      case WT.Resource r -> new TypeKind.Resource();
      case WT.Def d -> d.def instanceof TypeDef.Prim p ? new TypeKind.Alias(primitive(p.type())) : kind(d.def, d.scope);
      case WT.Alias a -> new TypeKind.Alias(typeRef(a.target()));
    };
    return id;
  }

  private Function function(String name, WT.Def d, int resource) throws InvalidComponentException {
    TypeDef.Func f = (TypeDef.Func) d.def;
    List<Function.Param> params = new ArrayList<>();
    for (TypeDef.Param p : f.params()) {
      params.add(new Function.Param(p.name(), valType(p.type(), d.scope)));
    }
    Type result = f.result() == null ? null : valType(f.result(), d.scope);
    Function.Kind kind;
    if (name.startsWith("[constructor]")) {
      kind = Function.Kind.CONSTRUCTOR;
    } else if (name.startsWith("[method]")) {
      kind = f.async() ? Function.Kind.ASYNC_METHOD : Function.Kind.METHOD;
    } else if (name.startsWith("[static]")) {
      kind = f.async() ? Function.Kind.ASYNC_STATIC : Function.Kind.STATIC;
    } else {
      kind = f.async() ? Function.Kind.ASYNC_FREESTANDING : Function.Kind.FREESTANDING;
    }
    return new Function(name, kind, resource, params, result, null, Stability.UNKNOWN, null, Span.NONE);
  }

  // ---- value types --------------------------------------------------------------------

  private static Type primitive(ValType.Primitive p) {
    return switch (p) {
      case ValType.Basic b -> Type.Basic.of(b.prim());
      case ValType.ErrorContext e -> Type.ErrorContext.INSTANCE;
    };
  }

  private Type valType(ValType v, Scope s) throws InvalidComponentException {
    return switch (v) {
      case ValType.Primitive p -> primitive(p);
      case ValType.Index i -> typeRef(typeAt(s, i.index()));
    };
  }

  private Type typeRef(WT t) throws InvalidComponentException {
    t = resolved(t);
    Integer id = named.get(t);
    if (id != null) {
      return new Type.Ref(id);
    }
    if (t instanceof WT.Alias a) {
      return typeRef(a.target());
    }
    if (t instanceof WT.Def d) {
      if (d.def instanceof TypeDef.Prim p) {
        return primitive(p.type());
      }
      int anon = resolve.types.size();
      dev.plugboard.wit.resolve.TypeDef def = new dev.plugboard.wit.resolve.TypeDef(null, new TypeKind.Unknown(),
          Owner.NONE, null, Stability.UNKNOWN, null, Span.NONE);
      resolve.types.add(def);
      def.kind = kind(d.def, d.scope);
      return new Type.Ref(anon);
    }
    throw new InvalidComponentException(-1, "a resource is used before it is named");
  }

  private int resourceId(int index, Scope s) throws InvalidComponentException {
    Type t = typeRef(typeAt(s, index));
    if (!(t instanceof Type.Ref r)) {
      throw new InvalidComponentException(-1, "handle to a primitive type");
    }
    return r.id();
  }

  private TypeKind kind(TypeDef def, Scope s) throws InvalidComponentException {
    return switch (def) {
      case TypeDef.Record r -> {
        List<TypeKind.Field> fields = new ArrayList<>();
        for (TypeDef.Field f : r.fields()) {
          fields.add(new TypeKind.Field(f.name(), valType(f.type(), s), null));
        }
        yield new TypeKind.Record(fields);
      }
      case TypeDef.Variant v -> {
        List<TypeKind.VariantCase> cases = new ArrayList<>();
        for (TypeDef.Case c : v.cases()) {
          cases.add(new TypeKind.VariantCase(c.name(), c.type() == null ? null : valType(c.type(), s), null));
        }
        yield new TypeKind.Variant(cases);
      }
      case TypeDef.ListOf l -> new TypeKind.ListOf(valType(l.element(), s));
      case TypeDef.FixedList l -> new TypeKind.FixedList(valType(l.element(), s), l.length());
      case TypeDef.Tuple t -> {
        List<Type> types = new ArrayList<>();
        for (ValType x : t.types()) {
          types.add(valType(x, s));
        }
        yield new TypeKind.Tuple(types);
      }
      case TypeDef.Flags f -> new TypeKind.Flags(f.names().stream().map(n -> new TypeKind.Case(n, null)).toList());
      case TypeDef.Enum e -> new TypeKind.Enum(e.names().stream().map(n -> new TypeKind.Case(n, null)).toList());
      case TypeDef.Option o -> new TypeKind.Option(valType(o.type(), s));
      case TypeDef.Result r -> new TypeKind.Result(r.ok() == null ? null : valType(r.ok(), s),
          r.err() == null ? null : valType(r.err(), s));
      case TypeDef.Own o -> new TypeKind.Handle(true, resourceId(o.resource(), s));
      case TypeDef.Borrow b -> new TypeKind.Handle(false, resourceId(b.resource(), s));
      case TypeDef.Stream st -> new TypeKind.Stream(st.element() == null ? null : valType(st.element(), s));
      case TypeDef.Future fu -> new TypeKind.Future(fu.element() == null ? null : valType(fu.element(), s));
      case TypeDef.MapOf m -> new TypeKind.MapOf(valType(m.key(), s), valType(m.value(), s));
      case TypeDef.Prim p -> new TypeKind.Alias(primitive(p.type()));
      default -> throw new InvalidComponentException(-1, "a " + def.getClass().getSimpleName()
          + " type cannot be used as a value type");
    };
  }
}
