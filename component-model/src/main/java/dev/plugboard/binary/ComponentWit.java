package dev.plugboard.binary;

import dev.plugboard.binary.Component.*;
import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.types.ResourceType;
import dev.plugboard.types.ValueType;
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
 * that interface's package — what {@code wasm-tools component wit} shows — as a {@link Resolve}
 * that the WIT printer and JSON writer print.
 *
 * <p>A component's types come from the arena its validation produced ({@link ComponentTypes}):
 * world items from the component's imports and exports, interfaces from instance types, value
 * and function types as {@code ValueType}s. Names come from the import and export names and from
 * identity: a resource by its token, a record, variant, enum or flags type through the new
 * identity an import or export gives it ({@link ComponentTypes#definition(TypeT)}), a type written
 * as the index of {@code type instant = u64} through the arena's record of how each part was
 * written ({@link ComponentTypes#partsOf}). A type met again under another name is a {@code use}.
 *
 * <p>A binary WIT package ({@link #ofPackage}) is still read by interpreting its type
 * definitions: there every export of a type as equal to another is a name of its own
 * ({@code type b = a}, which a reference to {@code b} must keep), and the arena, whose value
 * types are shared objects, does not tell two such indices of one primitive or list apart.
 */
public final class ComponentWit {
  /** A type of a WIT package as the interpreter knows it; identity is what links uses to definitions. */
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

    Scope(Scope parent) {
      this.parent = parent;
    }
  }

  private final Resolve resolve = new Resolve();
  private final Map<WT, Integer> named = new IdentityHashMap<>();
  private final Map<String, Integer> packages = new HashMap<>();
  private int rootPackage;
  private World world;
  private int worldId;

  private ComponentWit() {}

  /** The resolve and the id of the {@code root:component} package. */
  public record View(Resolve resolve, int rootPackage) {}

  /** The WIT view of a component; validates its structure first (for its types). */
  public static View of(Component c) throws InvalidComponentException {
    return of(c, ComponentValidator.validateStructure(c, Map.of()));
  }

  /** The WIT view of a component whose types {@code types} are (validation's answer for {@code c}). */
  public static View of(Component c, ComponentTypes types) throws InvalidComponentException {
    ComponentTypes.Space space = types.space(c);
    if (space == null) {
      throw new IllegalArgumentException("the types given are not the types of this component");
    }
    ComponentWit w = new ComponentWit();
    w.arena = types;
    w.rootPackage = w.pkg(new PackageId("root", "component", null));
    w.newWorld("root");
    // imports and exports in the order the binary declares them
    for (Section section : c.sections()) {
      switch (section) {
        case ImportSection is -> {
          for (Import i : is.imports()) {
            w.worldItem(i.name().name(), space.imports().get(i.name().name()), true);
          }
        }
        case ExportSection es -> {
          for (Export e : es.exports()) {
            w.worldItem(e.name().name(), space.exports().get(e.name().name()), false);
          }
        }
        default -> { }
      }
    }
    return new View(w.resolve, w.rootPackage);
  }

  // ---- a component: its types from the arena validation produced -------------------------

  /** The arena of the component viewed (null for a WIT package, still read from its definitions). */
  private ComponentTypes arena;
  /**
   * Named types by identity: a resource by its token (past aliases), a primitive by the type
   * definition that holds it ({@code type instant = u64}), any other value type by itself (past the
   * new identity an import or export of a record, variant, enum or flags gives it).
   */
  private final Map<Object, Integer> names = new IdentityHashMap<>();

  private void newWorld(String name) {
    world = new World(name);
    world.pkg = rootPackage;
    worldId = resolve.worlds.size();
    resolve.worlds.add(world);
    resolve.packages.get(rootPackage).worlds.put(name, worldId);
  }

  /** A new type definition of the view (its kind may be set once its parts are known). */
  private dev.plugboard.wit.resolve.TypeDef addType(String name, TypeKind kind, Owner owner) {
    dev.plugboard.wit.resolve.TypeDef def = new dev.plugboard.wit.resolve.TypeDef(name, kind, owner, null,
        Stability.UNKNOWN, null, Span.NONE);
    resolve.types.add(def);
    return def;
  }

  private static InvalidComponentException inexpressible(String name, boolean isImport) {
    return new InvalidComponentException(-1, (isImport ? "import" : "export") + " `" + name + "` is a component, "
        + "a core module or a value, which WIT cannot express");
  }

  /** A top-level import or export of the component as a world item. */
  private void worldItem(String name, ExternT item, boolean isImport) throws InvalidComponentException {
    var map = isImport ? world.imports : world.exports;
    switch (item) {
      case ExternT.InstX(TypeT.Inst inst) -> {
        int iface = instanceInterface(name, inst);
        WorldKey key = name.contains(":") ? new WorldKey.OfInterface(iface) : new WorldKey.Name(name);
        map.put(key, new WorldItem.OfInterface(iface, Stability.UNKNOWN, null, null, Span.NONE));
      }
      case ExternT.FuncX(TypeT.Func f) -> map.put(new WorldKey.Name(name),
          new WorldItem.OfFunction(function(name, f, worldResource(name))));
      case ExternT.TypeX(TypeT t) -> {
        int id = namedType(name, t, new Owner.OfWorld(worldId));
        if (isImport) {
          world.imports.put(new WorldKey.Name(name), new WorldItem.OfType(id));
        }
      }
      case null, default -> {
        if (isImport) {
          throw inexpressible(name, true);
        }
      }
    }
  }

  /**
   * An interface from an instance's exports: its types in export order, then its functions. An
   * imported instance whose resources were made anew is read as its type was defined (where the
   * arena knows how its parts were written); its own resources and types are names too.
   */
  private int instanceInterface(String name, TypeT.Inst inst) throws InvalidComponentException {
    TypeT.Inst defined = arena.instanceType(inst);
    int id = newInterface(name);
    Interface iface = resolve.interfaces.get(id);
    Owner owner = new Owner.OfInterface(id);
    for (var e : defined.exports().entrySet()) {
      if (e.getValue() instanceof ExternT.TypeX(TypeT t)) {
        int type = namedType(e.getKey(), t, owner);
        iface.types.put(e.getKey(), type);
        if (inst.exports().get(e.getKey()) instanceof ExternT.TypeX(TypeT renewed)) {
          names.putIfAbsent(key(renewed), type);
        }
      }
    }
    for (var e : defined.exports().entrySet()) {
      if (e.getValue() instanceof ExternT.FuncX(TypeT.Func f)) {
        Function fn = function(e.getKey(), f, resourceOf(iface.types, e.getKey()));
        iface.functions.put(fn.name(), fn);
      }
    }
    return id;
  }

  /** What a type is known by when it is named (see {@link #names}). */
  private Object key(TypeT t) {
    return switch (arena.definition(t)) {
      case TypeT.Resource r -> ComponentValidator.root(r.token());
      case TypeT.Val v when v.value() instanceof ValueType.Prim -> v;
      case TypeT.Val v -> v.value();
      case TypeT other -> other;
    };
  }

  /** A named type of an interface or world; a type named before is a {@code use} of it (an alias). */
  private int namedType(String name, TypeT t, Owner owner) throws InvalidComponentException {
    Object key = key(t);
    Integer existing = names.get(key);
    int id = resolve.types.size();
    if (existing != null) {
      addType(name, new TypeKind.Alias(new Type.Ref(existing)), owner);
      return id;
    }
    dev.plugboard.wit.resolve.TypeDef def = addType(name, new TypeKind.Unknown(), owner);
    names.put(key, id);
    TypeT definition = arena.definition(t);
    def.kind = switch (definition) {
      case TypeT.Resource r -> new TypeKind.Resource();
      case TypeT.Val v -> kind(v.value(), arena.partsOf(definition));
      default -> throw new InvalidComponentException(-1, "a " + switch (definition) {
        case TypeT.Func f -> "Func";
        case TypeT.Inst i -> "InstanceType";
        default -> "ComponentType";
      } + " type cannot be used as a value type");
    };
    return id;
  }

  private Function function(String name, TypeT.Func f, int resource) throws InvalidComponentException {
    Parts parts = new Parts(arena.partsOf(f));
    List<Function.Param> params = new ArrayList<>();
    for (int i = 0; i < f.params().size(); i++) {
      params.add(new Function.Param(f.names().get(i), type(f.params().get(i), parts.next())));
    }
    Type result = f.result() == null ? null : type(f.result(), parts.next());
    return new Function(name, functionKind(name, f.async()), resource, params, result, null, Stability.UNKNOWN, null,
        Span.NONE);
  }

  /** The types a type's parts were written with, one after the other (nulls when the arena does not know). */
  private static final class Parts {
    private final List<TypeT> sources;
    private int next;

    Parts(List<TypeT> sources) {
      this.sources = sources;
    }

    TypeT next() {
      return sources == null || next >= sources.size() ? null : sources.get(next++);
    }
  }

  /**
   * A value type where it is used: the name of the type it was written with ({@code source}, the
   * type at the index, when known) or of the type itself, else the type spelled out (a primitive,
   * or an anonymous type definition).
   */
  private Type type(ValueType v, TypeT source) throws InvalidComponentException {
    Integer id = source != null ? names.get(key(source)) : null;
    if (id == null && !(v instanceof ValueType.Prim)) {
      id = names.get(arena.definition(v));
    }
    if (id != null) {
      return new Type.Ref(id);
    }
    if (v instanceof ValueType.Prim p) {
      return Type.Basic.of(p);
    }
    if (v instanceof ValueType.AsyncType(String kind, ValueType e) && kind.equals("error-context")) {
      return Type.ErrorContext.INSTANCE;
    }
    int anon = resolve.types.size();
    dev.plugboard.wit.resolve.TypeDef def = addType(null, new TypeKind.Unknown(), Owner.NONE);
    def.kind = kind(v, source == null ? null : arena.partsOf(arena.definition(source)));
    return new Type.Ref(anon);
  }

  private int resourceId(ResourceType r) throws InvalidComponentException {
    Integer id = names.get(ComponentValidator.root(r));
    if (id == null) {
      throw new InvalidComponentException(-1, "a resource is used before it is named");
    }
    return id;
  }

  /** The definition of a value type, its parts named by how they were written ({@code sources}, when known). */
  private TypeKind kind(ValueType v, List<TypeT> sources) throws InvalidComponentException {
    Parts parts = new Parts(sources);
    return switch (v) {
      case ValueType.Prim p -> new TypeKind.Alias(Type.Basic.of(p));
      case ValueType.RecordType r -> {
        List<TypeKind.Field> fields = new ArrayList<>();
        for (ValueType.Field f : r.fields()) {
          fields.add(new TypeKind.Field(f.name(), type(f.type(), parts.next()), null));
        }
        yield new TypeKind.Record(fields);
      }
      case ValueType.VariantType vt -> {
        List<TypeKind.VariantCase> cases = new ArrayList<>();
        for (ValueType.Case c : vt.cases()) {
          cases.add(new TypeKind.VariantCase(c.name(), c.type() == null ? null : type(c.type(), parts.next()), null));
        }
        yield new TypeKind.Variant(cases);
      }
      case ValueType.ListType l -> new TypeKind.ListOf(type(l.element(), parts.next()));
      case ValueType.FixedListType l -> new TypeKind.FixedList(type(l.element(), parts.next()), l.length());
      case ValueType.TupleType t -> {
        List<Type> types = new ArrayList<>();
        for (ValueType x : t.types()) {
          types.add(type(x, parts.next()));
        }
        yield new TypeKind.Tuple(types);
      }
      case ValueType.FlagsType f -> new TypeKind.Flags(f.names().stream().map(n -> new TypeKind.Case(n, null)).toList());
      case ValueType.EnumType e -> new TypeKind.Enum(e.names().stream().map(n -> new TypeKind.Case(n, null)).toList());
      case ValueType.OptionType o -> new TypeKind.Option(type(o.type(), parts.next()));
      case ValueType.ResultType r -> {
        Type ok = r.ok() == null ? null : type(r.ok(), parts.next());
        yield new TypeKind.Result(ok, r.err() == null ? null : type(r.err(), parts.next()));
      }
      case ValueType.OwnType o -> new TypeKind.Handle(true, resourceId(o.resource()));
      case ValueType.BorrowType b -> new TypeKind.Handle(false, resourceId(b.resource()));
      case ValueType.AsyncType a when a.kind().equals("error-context") -> new TypeKind.Alias(Type.ErrorContext.INSTANCE);
      case ValueType.AsyncType a -> {
        Type element = a.element() == null ? null : type(a.element(), parts.next());
        yield a.kind().equals("stream") ? new TypeKind.Stream(element) : new TypeKind.Future(element);
      }
      case ValueType.MapType m -> {
        Type key = type(m.key(), parts.next());
        yield new TypeKind.MapOf(key, type(m.value(), parts.next()));
      }
    };
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
    newWorld(name);
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
          named.putIfAbsent(t, type);
        } else {
          // another part of an interface of another package: what this import adds to it
          iface.types.put(e.getKey(), namedType(e.getKey(), t, new Owner.OfInterface(known)));
        }
      }
    }
    return known;
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

  /** A top-level import or export of a world in a WIT package as a world item. */
  private void worldItem(String name, Object item, boolean isImport) throws InvalidComponentException {
    var map = isImport ? world.imports : world.exports;
    if (item == null) {
      throw inexpressible(name, isImport);
    }
    switch (item) {
      case Map<?, ?> exports -> {
        int iface = interfaceFor(name, castExports(exports));
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
    String resource = resourceName(functionName);
    WorldItem item = resource == null ? null : world.imports.get(new WorldKey.Name(resource));
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
    int id = newInterface(name);
    Interface iface = resolve.interfaces.get(id);
    Owner owner = new Owner.OfInterface(id);
    for (var e : exports.entrySet()) {
      if (e.getValue() instanceof WT t && !(t instanceof WT.Def d && d.def instanceof TypeDef.Func)) {
        iface.types.put(e.getKey(), namedType(e.getKey(), t, owner));
      }
    }
    for (var e : exports.entrySet()) {
      if (e.getValue() instanceof WT.Def d && d.def instanceof TypeDef.Func) {
        Function f = function(e.getKey(), d, resourceOf(iface.types, e.getKey()));
        iface.functions.put(f.name(), f);
      }
    }
    return id;
  }

  /** A new interface named after an import or export: of its package, or of the root package for a plain name. */
  private int newInterface(String name) throws InvalidComponentException {
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
    return id;
  }

  /** The resource among {@code types} a {@code [method]r.m}, {@code [static]r.m} or {@code [constructor]r} belongs to, or -1. */
  private static int resourceOf(Map<String, Integer> types, String functionName) {
    String resource = resourceName(functionName);
    Integer r = resource == null ? null : types.get(resource);
    return r == null ? -1 : r;
  }

  /** The {@code r} of {@code [method]r.m}, {@code [static]r.m} or {@code [constructor]r}, else null. */
  private static String resourceName(String functionName) {
    if (!functionName.startsWith("[")) {
      return null;
    }
    String rest = functionName.substring(functionName.indexOf(']') + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static Function.Kind functionKind(String name, boolean async) {
    if (name.startsWith("[constructor]")) {
      return Function.Kind.CONSTRUCTOR;
    } else if (name.startsWith("[method]")) {
      return async ? Function.Kind.ASYNC_METHOD : Function.Kind.METHOD;
    } else if (name.startsWith("[static]")) {
      return async ? Function.Kind.ASYNC_STATIC : Function.Kind.STATIC;
    }
    return async ? Function.Kind.ASYNC_FREESTANDING : Function.Kind.FREESTANDING;
  }

  /**
   * A named type of an interface or world. If the type already has a name elsewhere (it
   * came in through an alias of another interface's export), this is a {@code use}: an
   * alias of that type.
   */
  private int namedType(String name, WT t, Owner owner) throws InvalidComponentException {
    Integer existing = named.get(t);
    int id = resolve.types.size();
    if (existing != null) {
      addType(name, new TypeKind.Alias(new Type.Ref(existing)), owner);
      return id;
    }
    if (t instanceof WT.Alias(WT target) && !named.containsKey(target)
        && !(target instanceof WT.Alias)
        && !(target instanceof WT.Def d && d.def instanceof TypeDef.Prim)) {
      // exporting a definition under its name: the name is the definition's own
      int defined = namedType(name, target, owner);
      named.put(t, defined);
      return defined;
    }
    dev.plugboard.wit.resolve.TypeDef def = addType(name, new TypeKind.Unknown(), owner);
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
    return new Function(name, functionKind(name, f.async()), resource, params, result, null, Stability.UNKNOWN, null,
        Span.NONE);
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
      dev.plugboard.wit.resolve.TypeDef def = addType(null, new TypeKind.Unknown(), Owner.NONE);
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
