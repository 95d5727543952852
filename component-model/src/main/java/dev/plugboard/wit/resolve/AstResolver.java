package dev.plugboard.wit.resolve;

import dev.plugboard.types.ValueType;
import dev.plugboard.wit.ast.Ast;
import dev.plugboard.wit.ast.Ast.Attribute;
import dev.plugboard.wit.ast.Ast.Extern;
import dev.plugboard.wit.ast.Ast.Id;
import dev.plugboard.wit.ast.Ast.TypeExpr;
import dev.plugboard.wit.ast.Ast.UsePath;
import dev.plugboard.wit.lex.Semver;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Phase 1 of resolution: the names of one package's files, resolved inside that package
 * into an {@link UnresolvedPackage}. Items of other packages become placeholders, to be
 * mapped by {@link Remap}. Arena order follows wasm-tools' (docs/wit-resolve notes in
 * shared/spec/wit-resolve-json.md, section 2.3).
 */
final class AstResolver {
  /** Unwinds out of one item after its error was recorded. */
  private static final class Skip extends RuntimeException {
    Skip() {
      super(null, null, false, false);
    }
  }

  /** A package-level interface or world, by declaration index. */
  private record Decl(boolean world, int file, Ast.TopItem item, Id name) {}

  /** What a path names: a local declaration or a foreign placeholder. */
  private record Target(boolean foreign, boolean world, int index) {}

  private final UnresolvedPackage out = new UnresolvedPackage();
  private final List<Diagnostic> errors = new ArrayList<>();
  private final List<List<Ast.TopItem>> files;

  private final List<Decl> decls = new ArrayList<>();
  private final Map<String, Integer> declIndex = new HashMap<>();
  private final List<Map<String, Target>> fileScopes = new ArrayList<>();
  private final int[] declToId;
  private final Map<TypeKind, Integer> anonymous = new HashMap<>();
  /** Handles whose resource is a foreign placeholder: checked once the placeholder is mapped. */
  final List<Object[]> deferredHandleChecks = new ArrayList<>();

  private AstResolver(PackageId name, List<List<Ast.TopItem>> files) {
    this.files = files;
    out.name = name;
    for (List<Ast.TopItem> f : files) {
      for (Ast.TopItem item : f) {
        if (item instanceof Ast.Interface i) {
          addDecl(new Decl(false, fileScopes.size(), i, i.name()));
        } else if (item instanceof Ast.World w) {
          addDecl(new Decl(true, fileScopes.size(), w, w.name()));
        }
      }
      fileScopes.add(new LinkedHashMap<>());
    }
    declToId = new int[decls.size()];
  }

  private void addDecl(Decl d) {
    Integer prev = declIndex.putIfAbsent(d.name().name(), decls.size());
    if (prev != null) {
      error(d.name().span(), "duplicate item named `" + d.name().name() + "`",
          decls.get(prev).name().span(), "first defined here");
      return;
    }
    decls.add(d);
  }

  /** Resolves one package: its name, its docs and its files' items (one list per file). */
  static AstResolver run(PackageId name, String docs, Span span, List<List<Ast.TopItem>> files) {
    AstResolver r = new AstResolver(name, files);
    r.out.docs = docs;
    r.out.span = span;
    r.resolve();
    return r;
  }

  UnresolvedPackage result() {
    return out;
  }

  List<Diagnostic> errors() {
    return errors;
  }

  private void error(Span span, String message) {
    errors.add(Diagnostic.error(span, message));
  }

  private void error(Span span, String message, Span previous, String note) {
    errors.add(Diagnostic.error(span, message, previous, note));
  }

  private Skip fail(Span span, String message) {
    error(span, message);
    return new Skip();
  }

  // ---- the steps ----------------------------------------------------------------------

  private void resolve() {
    for (int f = 0; f < files.size(); f++) {
      collectForeignPaths(f);
    }
    for (int f = 0; f < files.size(); f++) {
      resolveTopLevelUses(f);
    }
    for (int f = 0; f < files.size(); f++) {
      collectForeignTypes(f);
    }
    if (!errors.isEmpty()) {
      return;
    }
    List<Integer> order = sortDecls();
    if (order == null) {
      return;
    }
    int nextInterface = out.interfaces.size();
    int nextWorld = out.worlds.size();
    for (int d : order) {
      Decl decl = decls.get(d);
      if (decl.world()) {
        declToId[d] = nextWorld++;
        out.worlds.add(new World(decl.name().name()));
      } else {
        declToId[d] = nextInterface++;
        out.interfaces.add(new Interface(decl.name().name()));
      }
    }
    for (int d : order) {
      Decl decl = decls.get(d);
      if (!decl.world()) {
        try {
          resolveInterface(declToId[d], decl.file(), (Ast.Interface) decl.item());
        } catch (Skip s) {
          // recorded; go on with the next interface
        }
      }
    }
    for (int d : order) {
      Decl decl = decls.get(d);
      if (decl.world()) {
        try {
          resolveWorld(declToId[d], decl.file(), (Ast.World) decl.item());
        } catch (Skip s) {
          // recorded
        }
      }
    }
  }

  // ---- foreign items (placeholders at the head of the arenas) -------------------------

  /** Paths in wasm-tools' "first mentioned" order; foreign ones become placeholders. */
  private void collectForeignPaths(int file) {
    for (Ast.TopItem item : files.get(file)) {
      switch (item) {
        case Ast.TopLevelUse u -> foreignPath(u.path(), false);
        case Ast.Interface i -> {
          for (Ast.InterfaceItem ii : i.items()) {
            if (ii instanceof Ast.Use u) {
              foreignPath(u.from(), false);
            }
          }
        }
        case Ast.World w -> {
          for (Ast.WorldItem wi : w.items()) {
            if (wi instanceof Ast.Use u) {
              foreignPath(u.from(), false);
            } else if (wi instanceof Ast.Include inc) {
              foreignPath(inc.from(), true);
            }
          }
          for (boolean imports : new boolean[] {true, false}) {
            for (Ast.WorldItem wi : w.items()) {
              if (wi instanceof Ast.ImportExport ie && ie.isImport() == imports) {
                switch (ie.extern()) {
                  case Extern.Path p -> foreignPath(p.path(), false);
                  case Extern.NamedPath p -> foreignPath(p.path(), false);
                  case Extern.NamedInterface ni -> {
                    for (Ast.InterfaceItem ii : ni.items()) {
                      if (ii instanceof Ast.Use u) {
                        foreignPath(u.from(), false);
                      }
                    }
                  }
                  case Extern.NamedFunc f -> { }
                }
              }
            }
          }
        }
      }
    }
  }

  private void foreignPath(UsePath path, boolean world) {
    if (!(path instanceof UsePath.Package p)) {
      return;
    }
    PackageId pkg = packageId(p.pkg());
    out.foreignDepSpans.putIfAbsent(pkg, p.pkg().span());
    var table = world ? out.foreignWorlds : out.foreignInterfaces;
    var items = table.computeIfAbsent(pkg, k -> new LinkedHashMap<>());
    if (!items.containsKey(p.name().name())) {
      if (world) {
        items.put(p.name().name(), out.worlds.size());
        out.worlds.add(new World(p.name().name()));
        out.foreignWorldItems.add(new UnresolvedPackage.ForeignItem(pkg, p.name().name(), true, p.span()));
      } else {
        items.put(p.name().name(), out.interfaces.size());
        out.interfaces.add(new Interface(p.name().name()));
        out.foreignInterfaceItems.add(new UnresolvedPackage.ForeignItem(pkg, p.name().name(), false, p.span()));
      }
    }
  }

  static PackageId packageId(Ast.PackageName n) {
    return new PackageId(n.namespace().name(), n.name().name(), n.version() == null ? null : Semver.parse(n.version()));
  }

  private void resolveTopLevelUses(int file) {
    Map<String, Target> scope = fileScopes.get(file);
    for (Ast.TopItem item : files.get(file)) {
      if (item instanceof Ast.TopLevelUse u) {
        try {
          Target t = resolvePath(file, u.path(), false, true);
          Id local = u.localName();
          if (declIndex.containsKey(local.name()) || scope.containsKey(local.name())) {
            error(local.span(), "name `" + local.name() + "` is defined more than once");
            continue;
          }
          scope.put(local.name(), t);
        } catch (Skip s) {
          // recorded
        }
      }
    }
  }

  /** One placeholder type per distinct name used from a foreign interface, first mention first. */
  private void collectForeignTypes(int file) {
    for (Ast.TopItem item : files.get(file)) {
      if (item instanceof Ast.Interface i) {
        foreignTypes(file, i.items());
      } else if (item instanceof Ast.World w) {
        List<Ast.InterfaceItem> uses = new ArrayList<>();
        for (Ast.WorldItem wi : w.items()) {
          if (wi instanceof Ast.Use u) {
            uses.add(u);
          }
        }
        foreignTypes(file, uses);
        for (Ast.WorldItem wi : w.items()) {
          if (wi instanceof Ast.ImportExport ie && ie.extern() instanceof Extern.NamedInterface ni) {
            foreignTypes(file, ni.items());
          }
        }
      }
    }
  }

  private void foreignTypes(int file, List<Ast.InterfaceItem> items) {
    for (Ast.InterfaceItem ii : items) {
      if (!(ii instanceof Ast.Use u)) {
        continue;
      }
      Target t;
      try {
        t = resolvePath(file, u.from(), false, false);
      } catch (Skip s) {
        continue;
      }
      if (t == null || !t.foreign()) {
        continue;
      }
      for (Ast.UseName n : u.names()) {
        String k2 = t.index() + "/" + n.name().name();
        Integer existing = foreignTypeByName.get(k2);
        if (existing == null) {
          foreignTypeByName.put(k2, out.types.size());
          out.types.add(new TypeDef(n.name().name(), new TypeKind.Unknown(), new Owner.OfInterface(t.index()), null,
              Stability.UNKNOWN, null, n.name().span()));
          out.foreignTypes.add(new UnresolvedPackage.ForeignType(t.index(), n.name().name(), n.name().span()));
        }
      }
    }
  }

  private final Map<String, Integer> foreignTypeByName = new HashMap<>();

  /**
   * Resolves a path in a file's scope. With {@code report} false, a missing local name
   * returns null silently (it is reported where the path is resolved for real).
   */
  private Target resolvePath(int file, UsePath path, boolean wantWorld, boolean report) {
    switch (path) {
      case UsePath.Package p -> {
        PackageId pkg = packageId(p.pkg());
        var table = wantWorld ? out.foreignWorlds : out.foreignInterfaces;
        Integer idx = table.getOrDefault(pkg, new LinkedHashMap<>()).get(p.name().name());
        if (idx == null) {
          throw new IllegalStateException("foreign path not collected: " + p);
        }
        return new Target(true, wantWorld, idx);
      }
      case UsePath.Local l -> {
        String name = l.name().name();
        Target t = fileScopes.get(file).get(name);
        if (t == null) {
          Integer d = declIndex.get(name);
          if (d == null) {
            if (!report) {
              return null;
            }
            throw fail(l.span(), "interface or world `" + name + "` does not exist");
          }
          t = new Target(false, decls.get(d).world(), d);
        }
        if (t.world() != wantWorld) {
          if (!report) {
            return null;
          }
          throw fail(l.span(), "name `" + name + "` is defined as " + (t.world() ? "a world" : "an interface")
              + ", not " + (wantWorld ? "a world" : "an interface"));
        }
        return t;
      }
    }
  }

  /** The phase-1 interface id a resolved target stands for. */
  private int interfaceId(Target t) {
    return t.foreign() ? t.index() : declToId[t.index()];
  }

  private int worldId(Target t) {
    return t.foreign() ? t.index() : declToId[t.index()];
  }

  // ---- ordering of interfaces and worlds ----------------------------------------------

  private List<Integer> sortDecls() {
    List<String> names = new ArrayList<>();
    List<List<Toposort.Dep>> deps = new ArrayList<>();
    for (Decl d : decls) {
      names.add(d.name().name());
      List<Toposort.Dep> ds = new ArrayList<>();
      if (d.item() instanceof Ast.Interface i) {
        for (Ast.InterfaceItem ii : i.items()) {
          if (ii instanceof Ast.Use u) {
            localDep(d.file(), u.from(), false, ds);
          }
        }
      } else if (d.item() instanceof Ast.World w) {
        for (Ast.WorldItem wi : w.items()) {
          if (wi instanceof Ast.Include inc) {
            localDep(d.file(), inc.from(), true, ds);
          }
        }
      }
      deps.add(ds);
    }
    if (!errors.isEmpty()) {
      return null;
    }
    try {
      return Toposort.sort(names, deps);
    } catch (Toposort.Failure f) {
      error(f.span, f.cycle ? "interface or world `" + f.name + "` depends on itself"
          : "interface or world `" + f.name + "` does not exist");
      return null;
    }
  }

  private void localDep(int file, UsePath path, boolean world, List<Toposort.Dep> deps) {
    try {
      Target t = resolvePath(file, path, world, true);
      if (!t.foreign()) {
        Decl target = decls.get(t.index());
        deps.add(new Toposort.Dep(target.name().name(), target.name().span()));
      }
    } catch (Skip s) {
      // recorded
    }
  }

  // ---- interfaces ---------------------------------------------------------------------

  /** The names of one interface or world body, with their type ids. */
  private final class Body {
    final LinkedHashMap<String, Integer> types = new LinkedHashMap<>();
    final Map<String, Span> names = new HashMap<>();
    private final Map<String, Id> folded = new HashMap<>();
    final Owner owner;
    final int file;

    Body(Owner owner, int file) {
      this.owner = owner;
      this.file = file;
    }

    void define(Id name) {
      Span prev = names.putIfAbsent(name.name(), name.span());
      if (prev != null) {
        error(name.span(), "name `" + name.name() + "` is defined more than once", prev, "first defined here");
        throw new Skip();
      }
      // WIT.md "WIT Worlds": names are case-insensitively unique in their scope (the
      // component type of the interface could not be encoded otherwise)
      Id other = folded.putIfAbsent(name.name().toLowerCase(Locale.ROOT), name);
      if (other != null) {
        error(name.span(), "name `" + name.name() + "` conflicts with `" + other.name()
            + "` (kebab-case identifiers are case-insensitive)", other.span(), "first defined here");
        throw new Skip();
      }
    }
  }

  private void resolveInterface(int id, int file, Ast.Interface ast) {
    Interface iface = out.interfaces.get(id);
    iface.docs = Docs.of(ast.docs());
    iface.stability = stability(ast.attributes());
    iface.span = ast.name().span();
    resolveInterfaceBody(iface, id, file, ast.items());
  }

  private void resolveInterfaceBody(Interface iface, int id, int file, List<Ast.InterfaceItem> items) {
    Body body = new Body(new Owner.OfInterface(id), file);
    List<Ast.TypeDef> defs = new ArrayList<>();
    List<Ast.Use> uses = new ArrayList<>();
    for (Ast.InterfaceItem item : items) {
      if (item instanceof Ast.TypeDef t) {
        defs.add(t);
      } else if (item instanceof Ast.Use u) {
        uses.add(u);
      }
    }
    resolveTypes(body, uses, defs, items);
    iface.types.putAll(body.types);
    for (Ast.InterfaceItem item : items) {
      try {
        switch (item) {
          case Ast.Func f -> {
            body.define(f.name());
            Function fn = function(body, f.name(), f.docs(), f.attributes(), f.type(), null, null);
            iface.functions.put(fn.name(), fn);
          }
          case Ast.TypeDef t when t.kind() instanceof Ast.TypeDefKind.Resource r -> {
            for (Function fn : resourceFunctions(body, t, r)) {
              iface.functions.put(fn.name(), fn);
            }
          }
          default -> { }
        }
      } catch (Skip s) {
        // recorded; next item
      }
    }
  }

  /** Steps 1–3: {@code use} aliases, then definitions in dependency order. */
  private void resolveTypes(Body body, List<Ast.Use> uses, List<Ast.TypeDef> defs, List<?> itemsInOrder) {
    for (Ast.Use u : uses) {
      try {
        resolveUse(body, u);
      } catch (Skip s) {
        // recorded
      }
    }
    List<String> names = new ArrayList<>();
    List<List<Toposort.Dep>> deps = new ArrayList<>();
    List<Ast.TypeDef> nodes = new ArrayList<>();
    for (Object item : itemsInOrder) {
      if (item instanceof Ast.Use u) {
        for (Ast.UseName n : u.names()) {
          names.add(n.localName().name());
          deps.add(List.of());
          nodes.add(null);
        }
      } else if (item instanceof Ast.TypeDef t) {
        try {
          body.define(t.name());
        } catch (Skip s) {
          continue;
        }
        names.add(t.name().name());
        List<Toposort.Dep> ds = new ArrayList<>();
        mentions(t.kind(), ds);
        deps.add(ds);
        nodes.add(t);
      }
    }
    List<Integer> order;
    try {
      order = Toposort.sort(names, deps);
    } catch (Toposort.Failure f) {
      throw fail(f.span, f.cycle ? "type `" + f.name + "` depends on itself" : missingType(f.name));
    }
    for (int i : order) {
      Ast.TypeDef def = nodes.get(i);
      if (def != null) {
        try {
          typeDef(body, def);
        } catch (Skip s) {
          // recorded
        }
      }
    }
  }

  private static String missingType(String name) {
    String msg = "type `" + name + "` does not exist";
    if (name.equals("float32") || name.equals("float64")) {
      msg += "\nthe `" + name + "` type has been renamed to `f" + name.substring(5) + "` and is no longer accepted";
    }
    return msg;
  }

  private void resolveUse(Body body, Ast.Use u) {
    Target t = resolvePath(body.file, u.from(), false, true);
    Stability stab = stability(u.attributes());
    for (Ast.UseName n : u.names()) {
      int target;
      if (t.foreign()) {
        target = foreignTypeByName.get(t.index() + "/" + n.name().name());
      } else {
        Interface from = out.interfaces.get(declToId[t.index()]);
        Integer found = from.types.get(n.name().name());
        if (found == null) {
          throw fail(n.name().span(), "name `" + n.name().name() + "` does not exist");
        }
        target = found;
      }
      Id local = n.localName();
      body.define(local);
      int id = out.types.size();
      out.types.add(new TypeDef(local.name(), new TypeKind.Alias(new Type.Ref(target)), body.owner, null, stab, null,
          local.span()));
      body.types.put(local.name(), id);
    }
  }

  private static void mentions(Ast.TypeDefKind kind, List<Toposort.Dep> deps) {
    switch (kind) {
      case Ast.TypeDefKind.Alias a -> mentions(a.type(), deps);
      case Ast.TypeDefKind.Record r -> r.fields().forEach(f -> mentions(f.type(), deps));
      case Ast.TypeDefKind.Variant v -> v.cases().forEach(c -> mentions(c.type(), deps));
      default -> { }
    }
  }

  private static void mentions(TypeExpr t, List<Toposort.Dep> deps) {
    switch (t) {
      case null -> { }
      case TypeExpr.Named n -> deps.add(new Toposort.Dep(n.name().name(), n.name().span()));
      case TypeExpr.Own o -> deps.add(new Toposort.Dep(o.resource().name(), o.resource().span()));
      case TypeExpr.Borrow b -> deps.add(new Toposort.Dep(b.resource().name(), b.resource().span()));
      case TypeExpr.ListOf l -> mentions(l.element(), deps);
      case TypeExpr.MapOf m -> {
        mentions(m.key(), deps);
        mentions(m.value(), deps);
      }
      case TypeExpr.OptionOf o -> mentions(o.type(), deps);
      case TypeExpr.ResultOf r -> {
        mentions(r.ok(), deps);
        mentions(r.err(), deps);
      }
      case TypeExpr.TupleOf tu -> tu.types().forEach(x -> mentions(x, deps));
      case TypeExpr.FutureOf f -> mentions(f.type(), deps);
      case TypeExpr.StreamOf s -> mentions(s.type(), deps);
      case TypeExpr.Primitive p -> { }
    }
  }

  private void typeDef(Body body, Ast.TypeDef def) {
    Stability stab = stability(def.attributes());
    TypeKind kind = switch (def.kind()) {
      case Ast.TypeDefKind.Alias a -> constructed(body, a.type(), stab, true);
      case Ast.TypeDefKind.Record r -> {
        List<TypeKind.Field> fields = new ArrayList<>();
        Map<String, Span> seen = new HashMap<>();
        for (Ast.Field f : r.fields()) {
          unique(seen, f.name(), "field");
          fields.add(new TypeKind.Field(f.name().name(), type(body, f.type(), stab, true), Docs.of(f.docs())));
        }
        yield new TypeKind.Record(fields);
      }
      case Ast.TypeDefKind.Flags f -> {
        Map<String, Span> seen = new HashMap<>();
        List<TypeKind.Case> cases = new ArrayList<>();
        for (Ast.Case c : f.flags()) {
          unique(seen, c.name(), "flag");
          cases.add(new TypeKind.Case(c.name().name(), Docs.of(c.docs())));
        }
        yield new TypeKind.Flags(cases);
      }
      case Ast.TypeDefKind.Enum e -> {
        Map<String, Span> seen = new HashMap<>();
        List<TypeKind.Case> cases = new ArrayList<>();
        for (Ast.Case c : e.cases()) {
          unique(seen, c.name(), "case");
          cases.add(new TypeKind.Case(c.name().name(), Docs.of(c.docs())));
        }
        yield new TypeKind.Enum(cases);
      }
      case Ast.TypeDefKind.Variant v -> {
        Map<String, Span> seen = new HashMap<>();
        List<TypeKind.VariantCase> cases = new ArrayList<>();
        for (Ast.VariantCase c : v.cases()) {
          unique(seen, c.name(), "case");
          cases.add(new TypeKind.VariantCase(c.name().name(),
              c.type() == null ? null : type(body, c.type(), stab, true), Docs.of(c.docs())));
        }
        yield new TypeKind.Variant(cases);
      }
      case Ast.TypeDefKind.Resource r -> new TypeKind.Resource();
    };
    int id = out.types.size();
    out.types.add(new TypeDef(def.name().name(), kind, body.owner, Docs.of(def.docs()), stab, externalId(def.attributes()),
        def.name().span()));
    body.types.put(def.name().name(), id);
  }

  /**
   * WIT.md's {@code kt}: a map key is an integer, {@code char}, {@code bool} or {@code string},
   * perhaps through aliases of this package; a type from another package is checked where it is defined.
   */
  private void checkMapKey(Type key, Span span) {
    Type t = key;
    for (int hops = 0; t instanceof Type.Ref(int id) && id < out.types.size() && hops < out.types.size(); hops++) {
      if (!(out.types.get(id).kind instanceof TypeKind.Alias(Type target))) {
        break;
      }
      t = target;
    }
    boolean foreign = t instanceof Type.Ref(int id) && out.types.get(id).kind instanceof TypeKind.Unknown;
    boolean allowed = t instanceof Type.Basic(ValueType.Prim p) && p != ValueType.Prim.F32 && p != ValueType.Prim.F64;
    if (!allowed && !foreign) {
      throw fail(span, "invalid map key type: a map key must be an integer type, `char`, `bool` or `string`");
    }
  }

  private void unique(Map<String, Span> seen, Id name, String what) {
    Span prev = seen.putIfAbsent(name.name(), name.span());
    if (prev != null) {
      error(name.span(), what + " `" + name.name() + "` is defined more than once", prev, "first defined here");
      throw new Skip();
    }
  }

  // ---- type expressions ---------------------------------------------------------------

  /** A type expression's meaning; {@code inDefinition} picks the "type" wording for unknown names. */
  private Type type(Body body, TypeExpr t, Stability ctx, boolean inDefinition) {
    return switch (t) {
      case TypeExpr.Primitive p -> Type.Primitive.of(p.name());
      case TypeExpr.Named n -> new Type.Ref(lookup(body, n.name(), inDefinition));
      case TypeExpr.Own o -> new Type.Ref(resource(body, o.resource(), inDefinition));
      default -> anon(constructed(body, t, ctx, inDefinition), ctx);
    };
  }

  /**
   * The kind a type constructor ({@code list<..>}, {@code borrow<..>}, ...) builds. Used
   * directly by a named definition ({@code type a = list<u8>} is a list, not an alias of
   * one), and interned as an anonymous type elsewhere.
   */
  private TypeKind constructed(Body body, TypeExpr t, Stability ctx, boolean inDefinition) {
    return switch (t) {
      case TypeExpr.Own o -> new TypeKind.Handle(true, resource(body, o.resource(), inDefinition));
      case TypeExpr.Borrow b -> new TypeKind.Handle(false, resource(body, b.resource(), inDefinition));
      case TypeExpr.ListOf l -> {
        Type e = type(body, l.element(), ctx, inDefinition);
        yield l.size() == null ? new TypeKind.ListOf(e) : new TypeKind.FixedList(e, l.size());
      }
      case TypeExpr.MapOf m -> {
        Type key = type(body, m.key(), ctx, inDefinition);
        checkMapKey(key, m.key().span());
        yield new TypeKind.MapOf(key, type(body, m.value(), ctx, inDefinition));
      }
      case TypeExpr.OptionOf o -> new TypeKind.Option(type(body, o.type(), ctx, inDefinition));
      case TypeExpr.ResultOf r -> new TypeKind.Result(r.ok() == null ? null : type(body, r.ok(), ctx, inDefinition),
          r.err() == null ? null : type(body, r.err(), ctx, inDefinition));
      case TypeExpr.TupleOf tu -> {
        List<Type> types = new ArrayList<>();
        for (TypeExpr x : tu.types()) {
          types.add(type(body, x, ctx, inDefinition));
        }
        yield new TypeKind.Tuple(types);
      }
      case TypeExpr.FutureOf f -> new TypeKind.Future(f.type() == null ? null : type(body, f.type(), ctx,
          inDefinition));
      case TypeExpr.StreamOf s -> new TypeKind.Stream(s.type() == null ? null : type(body, s.type(), ctx,
          inDefinition));
      case TypeExpr.Primitive p -> new TypeKind.Alias(Type.Primitive.of(p.name()));
      case TypeExpr.Named n -> new TypeKind.Alias(new Type.Ref(lookup(body, n.name(), inDefinition)));
    };
  }

  private int lookup(Body body, Id name, boolean inDefinition) {
    Integer id = body.types.get(name.name());
    if (id == null) {
      throw fail(name.span(), inDefinition ? missingType(name.name()) : "name `" + name.name() + "` does not exist");
    }
    return id;
  }

  private int resource(Body body, Id name, boolean inDefinition) {
    int id = lookup(body, name, inDefinition);
    int target = dealias(id);
    TypeDef def = out.types.get(target);
    if (def.kind instanceof TypeKind.Unknown) {
      deferredHandleChecks.add(new Object[] {target, name.span()});
    } else if (!(def.kind instanceof TypeKind.Resource)) {
      throw fail(name.span(), "type `" + name.name() + "` used in a handle must be a resource");
    }
    return id;
  }

  private int dealias(int id) {
    int guard = 0;
    while (out.types.get(id).kind instanceof TypeKind.Alias(Type.Ref(int target)) && guard++ < out.types.size()) {
      id = target;
    }
    return id;
  }

  /** An anonymous type, interned per package by structure. */
  private Type anon(TypeKind kind, Stability ctx) {
    Integer existing = anonymous.get(kind);
    if (existing != null) {
      return new Type.Ref(existing);
    }
    Stability stab = ctx.isUnknown() ? componentStability(kind) : ctx;
    int id = out.types.size();
    out.types.add(new TypeDef(null, kind, Owner.NONE, null, stab, null, Span.NONE));
    anonymous.put(kind, id);
    return new Type.Ref(id);
  }

  private Stability componentStability(TypeKind kind) {
    List<Type> parts = new ArrayList<>();
    switch (kind) {
      case TypeKind.Handle h -> parts.add(new Type.Ref(h.resource()));
      case TypeKind.ListOf l -> parts.add(l.element());
      case TypeKind.FixedList l -> parts.add(l.element());
      case TypeKind.MapOf m -> {
        parts.add(m.key());
        parts.add(m.value());
      }
      case TypeKind.Option o -> parts.add(o.type());
      case TypeKind.Result r -> {
        parts.add(r.ok());
        parts.add(r.err());
      }
      case TypeKind.Tuple t -> parts.addAll(t.types());
      case TypeKind.Future f -> parts.add(f.type());
      case TypeKind.Stream s -> parts.add(s.type());
      default -> { }
    }
    for (Type p : parts) {
      if (p instanceof Type.Ref(int id) && !out.types.get(id).stability.isUnknown()) {
        return out.types.get(id).stability;
      }
    }
    return Stability.UNKNOWN;
  }

  // ---- functions ----------------------------------------------------------------------

  private Function function(Body body, Id name, Ast.Docs docs, List<Attribute> attrs, Ast.FuncType ft,
      Ast.ResourceFunc.Kind resourceKind, Id resource) {
    Stability stab = stability(attrs);
    String fullName;
    Function.Kind kind;
    int resourceId = -1;
    List<Function.Param> params = new ArrayList<>();
    Map<String, Span> seen = new HashMap<>();
    if (resourceKind == null) {
      fullName = name.name();
      kind = ft.async() ? Function.Kind.ASYNC_FREESTANDING : Function.Kind.FREESTANDING;
    } else {
      resourceId = body.types.get(resource.name());
      switch (resourceKind) {
        case CONSTRUCTOR -> {
          fullName = "[constructor]" + resource.name();
          kind = Function.Kind.CONSTRUCTOR;
        }
        case METHOD -> {
          fullName = "[method]" + resource.name() + "." + name.name();
          kind = ft.async() ? Function.Kind.ASYNC_METHOD : Function.Kind.METHOD;
          seen.put("self", name.span());
          params.add(new Function.Param("self", anon(new TypeKind.Handle(false, resourceId), Stability.UNKNOWN)));
        }
        default -> {
          fullName = "[static]" + resource.name() + "." + name.name();
          kind = ft.async() ? Function.Kind.ASYNC_STATIC : Function.Kind.STATIC;
        }
      }
    }
    for (Ast.Param p : ft.params()) {
      Span prev = seen.putIfAbsent(p.name().name(), p.name().span());
      if (prev != null) {
        error(p.name().span(), "param `" + p.name().name() + "` is defined more than once", prev,
            "first defined here");
        throw new Skip();
      }
      params.add(new Function.Param(p.name().name(), type(body, p.type(), Stability.UNKNOWN, false)));
    }
    Type result = null;
    if (kind == Function.Kind.CONSTRUCTOR) {
      result = new Type.Ref(resourceId);
      if (ft.result() != null) {
        if (!(ft.result() instanceof TypeExpr.ResultOf r)) {
          throw fail(ft.result().span(), "if a constructor return type is declared it must be a `result`");
        }
        if (r.ok() == null || !(r.ok() instanceof TypeExpr.Named n) || !n.name().name().equals(resource.name())) {
          throw fail(r.ok() == null ? r.span() : r.ok().span(), "the `ok` type must be the resource being constructed");
        }
        result = type(body, ft.result(), Stability.UNKNOWN, false);
      }
    } else if (ft.result() != null) {
      result = type(body, ft.result(), Stability.UNKNOWN, false);
    }
    if (result != null && kind != Function.Kind.CONSTRUCTOR && Borrows.contains(out.types, result)) {
      throw fail(name.span(), "function `" + fullName + "` returns a type which contains a `borrow<T>` which is not "
          + "supported");
    }
    return new Function(fullName, kind, resourceId, params, result, Docs.of(docs), stab, externalId(attrs),
        name.span());
  }

  private List<Function> resourceFunctions(Body body, Ast.TypeDef def, Ast.TypeDefKind.Resource r) {
    List<Function> fns = new ArrayList<>();
    Map<String, Span> seen = new HashMap<>();
    for (Ast.ResourceFunc rf : r.functions()) {
      String key = rf.kind() == Ast.ResourceFunc.Kind.CONSTRUCTOR ? "constructor" : rf.name().name();
      Span prev = seen.putIfAbsent(key, rf.name().span());
      if (prev != null) {
        error(rf.name().span(), "name `" + key + "` is defined more than once", prev, "first defined here");
        continue;
      }
      try {
        fns.add(function(body, rf.name(), rf.docs(), rf.attributes(), rf.type(), rf.kind(), def.name()));
      } catch (Skip s) {
        // recorded
      }
    }
    return fns;
  }

  // ---- worlds -------------------------------------------------------------------------

  private void resolveWorld(int id, int file, Ast.World ast) {
    World world = out.worlds.get(id);
    world.docs = Docs.of(ast.docs());
    world.stability = stability(ast.attributes());
    world.span = ast.name().span();
    Body body = new Body(new Owner.OfWorld(id), file);
    List<Ast.TypeDef> defs = new ArrayList<>();
    List<Ast.Use> uses = new ArrayList<>();
    for (Ast.WorldItem item : ast.items()) {
      if (item instanceof Ast.TypeDef t) {
        defs.add(t);
      } else if (item instanceof Ast.Use u) {
        uses.add(u);
      }
    }
    resolveTypes(body, uses, defs, ast.items());
    Map<String, String> importKinds = new HashMap<>();
    Map<String, String> exportKinds = new HashMap<>();
    Map<String, String> importFolded = new HashMap<>();
    Map<String, String> exportFolded = new HashMap<>();
    for (var e : body.types.entrySet()) {
      world.imports.put(new WorldKey.Name(e.getKey()), new WorldItem.OfType(e.getValue()));
      importKinds.put(e.getKey(), "type");
      importFolded.put(e.getKey().toLowerCase(Locale.ROOT), e.getKey());
    }
    for (Ast.WorldItem item : ast.items()) {
      try {
        switch (item) {
          case Ast.ImportExport ie -> importExport(world, body, file, ie,
              ie.isImport() ? importKinds : exportKinds, ie.isImport() ? importFolded : exportFolded);
          case Ast.TypeDef t when t.kind() instanceof Ast.TypeDefKind.Resource r -> {
            for (Function fn : resourceFunctions(body, t, r)) {
              world.imports.put(new WorldKey.Name(fn.name()), new WorldItem.OfFunction(fn));
            }
          }
          case Ast.Include inc -> {
            Target t = resolvePath(file, inc.from(), true, true);
            List<String[]> renames = new ArrayList<>();
            for (Ast.IncludeName n : inc.names()) {
              renames.add(new String[] {n.name().name(), n.as().name(), Integer.toString(n.name().span().start()),
                  Integer.toString(n.name().span().end())});
            }
            world.includes.add(new World.IncludeDecl(worldId(t), stability(inc.attributes()), renames, inc.from().span()));
          }
          default -> { }
        }
      } catch (Skip s) {
        // recorded
      }
    }
  }

  private void importExport(World world, Body body, int file, Ast.ImportExport ie, Map<String, String> kinds,
      Map<String, String> folded) {
    var map = ie.isImport() ? world.imports : world.exports;
    String verb = ie.isImport() ? "import" : "export";
    Stability stab = stability(ie.attributes());
    String ext = externalId(ie.attributes());
    String docs = Docs.of(ie.docs());
    switch (ie.extern()) {
      case Extern.Path p -> {
        int iface = interfaceId(resolvePath(file, p.path(), false, true));
        WorldKey key = new WorldKey.OfInterface(iface);
        if (map.containsKey(key)) {
          throw fail(p.path().span(), "interface cannot be " + verb + "ed more than once");
        }
        map.put(key, new WorldItem.OfInterface(iface, stab, ext, docs, p.path().span()));
      }
      case Extern.NamedFunc f -> {
        checkName(world, f.name(), verb, "func", kinds, folded);
        Function fn = function(body, f.name(), ie.docs(), ie.attributes(), f.type(), null, null);
        map.put(new WorldKey.Name(f.name().name()), new WorldItem.OfFunction(fn));
      }
      case Extern.NamedInterface ni -> {
        checkName(world, ni.name(), verb, "interface", kinds, folded);
        int id = out.interfaces.size();
        Interface iface = new Interface(null);
        iface.docs = docs;
        iface.stability = stab;
        iface.span = ni.name().span();
        out.interfaces.add(iface);
        resolveInterfaceBody(iface, id, file, ni.items());
        map.put(new WorldKey.Name(ni.name().name()), new WorldItem.OfInterface(id, stab, ext, null, ni.name().span()));
      }
      case Extern.NamedPath np -> {
        checkName(world, np.name(), verb, "interface", kinds, folded);
        int iface = interfaceId(resolvePath(file, np.path(), false, true));
        map.put(new WorldKey.Name(np.name().name()), new WorldItem.OfInterface(iface, stab, ext, docs,
            np.path().span()));
      }
    }
  }

  private void checkName(World world, Id name, String verb, String kind, Map<String, String> kinds,
      Map<String, String> folded) {
    String prev = kinds.get(name.name());
    if (prev != null) {
      throw fail(name.span(), verb + " `" + name.name() + "` conflicts with prior " + prev + " of same name");
    }
    String lower = name.name().toLowerCase(Locale.ROOT);
    String other = folded.get(lower);
    if (other != null) {
      throw fail(name.span(), verb + " `" + name.name() + "` in world `" + world.name + "` conflicts with " + verb
          + " `" + other + "` (kebab-case identifiers are case-insensitive)");
    }
    kinds.put(name.name(), kind);
    folded.put(lower, name.name());
  }

  // ---- attributes ---------------------------------------------------------------------

  private Stability stability(List<Attribute> attrs) {
    String since = null;
    String feature = null;
    String deprecated = null;
    for (Attribute a : attrs) {
      switch (a) {
        case Attribute.Since s -> {
          if (since != null || feature != null) {
            throw fail(s.span(), feature != null ? "cannot specify both `@since` and `@unstable`"
                : "`@since` is specified more than once");
          }
          since = s.version();
        }
        case Attribute.Unstable u -> {
          if (since != null || feature != null) {
            throw fail(u.span(), since != null ? "cannot specify both `@since` and `@unstable`"
                : "`@unstable` is specified more than once");
          }
          feature = u.feature().name();
        }
        case Attribute.Deprecated d -> {
          if (deprecated != null) {
            throw fail(d.span(), "`@deprecated` is specified more than once");
          }
          deprecated = d.version();
        }
        case Attribute.ExternalId e -> { }
      }
    }
    if (since != null) {
      return new Stability.Stable(since, deprecated);
    }
    if (feature != null) {
      return new Stability.Unstable(feature, deprecated);
    }
    if (deprecated != null) {
      Attribute d = attrs.stream().filter(a -> a instanceof Attribute.Deprecated).findFirst().orElseThrow();
      throw fail(d.span(), "`@deprecated` must be paired with `@since` or `@unstable`");
    }
    return Stability.UNKNOWN;
  }

  private static String externalId(List<Attribute> attrs) {
    for (Attribute a : attrs) {
      if (a instanceof Attribute.ExternalId e) {
        return e.value();
      }
    }
    return null;
  }
}
