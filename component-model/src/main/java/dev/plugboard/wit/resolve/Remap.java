package dev.plugboard.wit.resolve;

import dev.plugboard.wit.lex.Semver;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phase 2 of resolution: appends one {@link UnresolvedPackage} to a {@link Resolve}.
 * Maps placeholders onto the dependencies' items, drops feature-gated items, inserts the
 * implicit {@code own<R>} handles, expands {@code include}s and elaborates worlds (their
 * implicit imports and final order), following wasm-tools (shared/spec/wit-resolve-json.md
 * sections 2.4–2.8 and 3).
 */
final class Remap {
  /** Unwinds out of a package after its first phase-2 error. */
  static final class Failure extends Exception {
    final Diagnostic diagnostic;

    Failure(Span span, String message) {
      super(message, null, false, false);
      this.diagnostic = Diagnostic.error(span, message);
    }
  }

  private final Resolve resolve;
  private final WitResolver.Options options;
  private final Map<PackageId, Integer> packageIds;
  private final Map<Integer, Set<String>> droppedInterfaces;
  private final Map<Integer, Set<String>> droppedWorlds;

  private final List<Integer> types = new ArrayList<>();
  private final List<Integer> interfaces = new ArrayList<>();
  private final List<Integer> worlds = new ArrayList<>();
  private final Map<Integer, Integer> ownHandles = new HashMap<>();
  private int pkg;
  private PackageId pkgName;

  Remap(Resolve resolve, WitResolver.Options options, Map<PackageId, Integer> packageIds,
      Map<Integer, Set<String>> droppedInterfaces, Map<Integer, Set<String>> droppedWorlds) {
    this.resolve = resolve;
    this.options = options;
    this.packageIds = packageIds;
    this.droppedInterfaces = droppedInterfaces;
    this.droppedWorlds = droppedWorlds;
  }

  int append(UnresolvedPackage u, List<Object[]> deferredHandleChecks) throws Failure {
    pkg = resolve.packages.size();
    pkgName = u.name;
    Package p = new Package(u.name);
    p.docs = u.docs;
    p.span = u.span;
    resolve.packages.add(p);
    packageIds.put(u.name, pkg);
    droppedInterfaces.put(pkg, new HashSet<>());
    droppedWorlds.put(pkg, new HashSet<>());

    mapForeignItems(u.foreignInterfaceItems, interfaces, false);
    mapForeignItems(u.foreignWorldItems, worlds, true);
    for (UnresolvedPackage.ForeignType ft : u.foreignTypes) {
      Integer iface = interfaces.get(ft.iface());
      if (iface == null) {
        types.add(null);
        continue;
      }
      Integer id = resolve.interfaces.get(iface).types.get(ft.name());
      if (id == null) {
        throw new Failure(ft.span(), "type `" + ft.name() + "` not defined in interface");
      }
      types.add(id);
    }
    for (Object[] check : deferredHandleChecks) {
      Integer target = types.get((Integer) check[0]);
      if (target != null && !resolve.isResource(target)) {
        throw new Failure((Span) check[1], "type used in a handle must be a resource");
      }
    }

    int firstType = resolve.types.size();
    for (int i = u.foreignTypes.size(); i < u.types.size(); i++) {
      TypeDef t = u.types.get(i);
      if (!include(t.stability, t.span)) {
        types.add(null);
        continue;
      }
      TypeDef copy = t.copy();
      copy.kind = mapKind(t.kind, t.span);
      int id = resolve.types.size();
      resolve.types.add(copy);
      types.add(id);
    }

    for (int i = u.foreignInterfaceItems.size(); i < u.interfaces.size(); i++) {
      Interface src = u.interfaces.get(i);
      if (!include(src.stability, src.span)) {
        interfaces.add(null);
        if (src.name != null) {
          droppedInterfaces.get(pkg).add(src.name);
        }
        continue;
      }
      Interface iface = new Interface(src.name);
      iface.docs = src.docs;
      iface.stability = src.stability;
      iface.pkg = pkg;
      iface.span = src.span;
      for (var e : src.types.entrySet()) {
        Integer id = types.get(e.getValue());
        if (id != null) {
          iface.types.put(e.getKey(), id);
        }
      }
      for (Function f : src.functions.values()) {
        if (include(f.stability(), f.span())) {
          Function mapped = mapFunction(f);
          iface.functions.put(mapped.name(), mapped);
        }
      }
      interfaces.add(resolve.interfaces.size());
      resolve.interfaces.add(iface);
    }
    fixOwners(firstType, false);

    int firstWorld = resolve.worlds.size();
    for (int i = u.foreignWorldItems.size(); i < u.worlds.size(); i++) {
      World src = u.worlds.get(i);
      if (!include(src.stability, src.span)) {
        worlds.add(null);
        droppedWorlds.get(pkg).add(src.name);
        continue;
      }
      worlds.add(resolve.worlds.size());
      World w = new World(src.name);
      w.docs = src.docs;
      w.stability = src.stability;
      w.pkg = pkg;
      w.span = src.span;
      resolve.worlds.add(w);
      w.imports = mapWorldItems(src.imports);
      w.exports = mapWorldItems(src.exports);
      for (World.IncludeDecl inc : src.includes) {
        if (!include(inc.stability(), inc.span())) {
          continue;
        }
        Integer target = worlds.get(inc.world());
        if (target == null) {
          throw new Failure(inc.span(), "found a reference to a world which is excluded due to its feature not being "
              + "activated");
        }
        w.includes.add(new World.IncludeDecl(target, inc.stability(), inc.renames(), inc.span()));
      }
    }
    fixOwners(firstType, true);

    for (int id = firstWorld; id < resolve.worlds.size(); id++) {
      new Includes(resolve).expand(id);
      new Elaboration(resolve).elaborate(id);
    }

    for (int id = 0; id < resolve.interfaces.size(); id++) {
      Interface i = resolve.interfaces.get(id);
      if (i.pkg != null && i.pkg == pkg && i.name != null) {
        p.interfaces.put(i.name, id);
      }
    }
    for (int id = firstWorld; id < resolve.worlds.size(); id++) {
      p.worlds.put(resolve.worlds.get(id).name, id);
    }
    return pkg;
  }

  private void mapForeignItems(List<UnresolvedPackage.ForeignItem> items, List<Integer> map, boolean world)
      throws Failure {
    for (UnresolvedPackage.ForeignItem f : items) {
      Integer depId = packageIds.get(f.pkg());
      if (depId == null) {
        StringBuilder known = new StringBuilder();
        packageIds.keySet().stream().sorted().forEach(k -> known.append("\n    ").append(k));
        throw new Failure(f.span(), "package '" + f.pkg() + "' not found. known packages:" + known);
      }
      Package dep = resolve.packages.get(depId);
      Integer id = (world ? dep.worlds : dep.interfaces).get(f.name());
      if (id == null) {
        if (droppedWorlds.get(depId).contains(f.name()) || droppedInterfaces.get(depId).contains(f.name())) {
          map.add(null);
          continue;
        }
        throw new Failure(f.span(), (world ? "world" : "interface") + " `" + f.name() + "` not found in package `"
            + f.pkg() + "`");
      }
      map.add(id);
    }
  }

  private void fixOwners(int firstType, boolean worldOwners) throws Failure {
    for (int id = firstType; id < resolve.types.size(); id++) {
      TypeDef t = resolve.types.get(id);
      if (!worldOwners && t.owner instanceof Owner.OfInterface(int local)) {
        Integer mapped = interfaces.get(local);
        if (mapped == null) {
          throw new Failure(t.span, "found a reference to a interface which is excluded due to its feature not being "
              + "activated; this type is not gated by a feature but its interface is");
        }
        t.owner = new Owner.OfInterface(mapped);
      } else if (worldOwners && t.owner instanceof Owner.OfWorld(int local)) {
        Integer mapped = worlds.get(local);
        if (mapped == null) {
          throw new Failure(t.span, "found a reference to a world which is excluded due to its feature not being "
              + "activated; this type is not gated by a feature but its world is");
        }
        t.owner = new Owner.OfWorld(mapped);
      }
    }
  }

  // ---- gates --------------------------------------------------------------------------

  /** Whether an item with this stability is part of the resolve (wasm-tools' include_stability). */
  boolean include(Stability s, Span span) throws Failure {
    return switch (s) {
      case Stability.Unknown u -> true;
      case Stability.Stable st -> {
        if (pkgName.version() == null) {
          throw new Failure(span, "package [" + pkgName + "] contains a feature gate with a version specifier, so "
              + "it must have a version");
        }
        Semver since = Semver.parse(st.since());
        if (since != null && since.compareTo(pkgName.version()) > 0) {
          throw new Failure(span, "feature gate cannot reference unreleased version " + st.since() + " of package ["
              + pkgName + "] (current version " + pkgName.version() + ")");
        }
        yield true;
      }
      case Stability.Unstable un -> options.allFeatures() || options.features().contains(un.feature());
    };
  }

  // ---- types --------------------------------------------------------------------------

  private int mapId(int local, Span span) throws Failure {
    Integer id = types.get(local);
    if (id == null) {
      throw new Failure(span, "found a reference to a type which is excluded due to its feature not being activated");
    }
    return id;
  }

  /** A type in a position that holds a value: a resource there means {@code own<R>}. */
  private Type value(Type t, Span span) throws Failure {
    if (t == null || t instanceof Type.Primitive) {
      return t;
    }
    int id = mapId(((Type.Ref) t).id(), span);
    if (resolve.isResource(id)) {
      Integer handle = ownHandles.get(id);
      if (handle == null) {
        handle = resolve.types.size();
        resolve.types.add(new TypeDef(null, new TypeKind.Handle(true, id), Owner.NONE, null, Stability.UNKNOWN, null,
            Span.NONE));
        ownHandles.put(id, handle);
      }
      return new Type.Ref(handle);
    }
    return new Type.Ref(id);
  }

  private TypeKind mapKind(TypeKind kind, Span span) throws Failure {
    return switch (kind) {
      case TypeKind.Alias a -> new TypeKind.Alias(a.target() instanceof Type.Ref(int id)
          ? new Type.Ref(mapId(id, span)) : a.target());
      case TypeKind.Handle h -> new TypeKind.Handle(h.own(), mapId(h.resource(), span));
      case TypeKind.Record r -> {
        List<TypeKind.Field> fields = new ArrayList<>();
        for (TypeKind.Field f : r.fields()) {
          fields.add(new TypeKind.Field(f.name(), value(f.type(), span), f.docs()));
        }
        yield new TypeKind.Record(fields);
      }
      case TypeKind.Variant v -> {
        List<TypeKind.VariantCase> cases = new ArrayList<>();
        for (TypeKind.VariantCase c : v.cases()) {
          cases.add(new TypeKind.VariantCase(c.name(), value(c.type(), span), c.docs()));
        }
        yield new TypeKind.Variant(cases);
      }
      case TypeKind.Tuple t -> {
        List<Type> ts = new ArrayList<>();
        for (Type x : t.types()) {
          ts.add(value(x, span));
        }
        yield new TypeKind.Tuple(ts);
      }
      case TypeKind.Option o -> new TypeKind.Option(value(o.type(), span));
      case TypeKind.Result r -> new TypeKind.Result(value(r.ok(), span), value(r.err(), span));
      case TypeKind.ListOf l -> new TypeKind.ListOf(value(l.element(), span));
      case TypeKind.FixedList l -> new TypeKind.FixedList(value(l.element(), span), l.size());
      case TypeKind.MapOf m -> new TypeKind.MapOf(value(m.key(), span), value(m.value(), span));
      case TypeKind.Future f -> new TypeKind.Future(value(f.type(), span));
      case TypeKind.Stream s -> new TypeKind.Stream(value(s.type(), span));
      case TypeKind.Resource r -> r;
      case TypeKind.Flags f -> f;
      case TypeKind.Enum e -> e;
      case TypeKind.Unknown un -> un;
    };
  }

  private Function mapFunction(Function f) throws Failure {
    List<Function.Param> params = new ArrayList<>();
    for (Function.Param p : f.params()) {
      params.add(new Function.Param(p.name(), value(p.type(), f.span())));
    }
    int resource = f.resource() < 0 ? -1 : mapId(f.resource(), f.span());
    Type result = value(f.result(), f.span());
    if (result != null && f.kind() != Function.Kind.CONSTRUCTOR && Borrows.contains(resolve.types, result)) {
      throw new Failure(f.span(), "function `" + f.name() + "` returns a type which contains a `borrow<T>` which is "
          + "not supported");
    }
    return f.with(params, result, resource);
  }

  private LinkedHashMap<WorldKey, WorldItem> mapWorldItems(LinkedHashMap<WorldKey, WorldItem> items) throws Failure {
    LinkedHashMap<WorldKey, WorldItem> out = new LinkedHashMap<>();
    for (var e : items.entrySet()) {
      WorldKey key = e.getKey();
      switch (e.getValue()) {
        case WorldItem.OfInterface i -> {
          if (!include(i.stability(), i.span())) {
            continue;
          }
          Integer id = interfaces.get(i.id());
          if (id == null) {
            throw new Failure(i.span(), "found a reference to a interface which is excluded due to its feature not "
                + "being activated");
          }
          if (key instanceof WorldKey.OfInterface) {
            key = new WorldKey.OfInterface(id);
          }
          out.put(key, new WorldItem.OfInterface(id, i.stability(), i.externalId(), i.docs(), i.span()));
        }
        case WorldItem.OfFunction f -> {
          if (include(f.function().stability(), f.function().span())) {
            out.put(key, new WorldItem.OfFunction(mapFunction(f.function())));
          }
        }
        case WorldItem.OfType t -> {
          // a type the world defines or uses under an inactive gate leaves with its item
          if (types.get(t.id()) != null) {
            out.put(key, new WorldItem.OfType(types.get(t.id())));
          }
        }
      }
    }
    return out;
  }
}
