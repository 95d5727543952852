package dev.plugboard.editor;

import dev.plugboard.wit.ast.Ast;
import dev.plugboard.wit.ast.Parser;
import dev.plugboard.wit.source.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The names of a WIT package and its {@code deps/}, from the syntax trees of all their files
 * (broken files included, as far as they parse): every definition (interfaces, worlds, types,
 * functions) and every reference to one (type uses, {@code use} paths and names, world imports,
 * exports and includes). The language services (go to definition, usages, hover, rename,
 * completion) are answered from it.
 */
public final class PackageIndex {

  public enum Kind { PACKAGE, INTERFACE, WORLD, TYPE, FUNCTION }

  /**
   * A definition: its kind, name, the file and the name's file-local range, the range of the
   * whole declaration, its package, the interface or world it is in (null at the top), its
   * doc comment (without the slashes) and what it is ({@code record}, {@code func}, ...).
   */
  public record Symbol(Kind kind, String name, Path file, int start, int end, int declStart, int declEnd,
      String pkg, String container, String docs, String detail) {
    /** {@code ns:pkg/iface.name}, {@code ns:pkg/iface}, for messages. */
    public String qualifiedName() {
      String owner = container == null ? pkg : pkg + "/" + container;
      return switch (kind) {
        case PACKAGE -> name;
        case INTERFACE, WORLD -> pkg + "/" + name;
        default -> owner + "." + name;
      };
    }
  }

  /**
   * A use of a name: where it is and what it means. {@code renames} is false where the text
   * names something else than the target ({@code use a.{x as y}}: uses of {@code y}).
   */
  public record Reference(Path file, int start, int end, Symbol target, boolean renames) {}

  /** A place in a file, with the line and column (1-based) for display. */
  public record Location(Path file, int start, int end, int line, int column) {}

  /** A text edit in a file: replace {@code [start, end)} with {@code text}. */
  public record Edit(Path file, int start, int end, String text) {}

  private final Map<Path, String> texts = new LinkedHashMap<>();
  private final List<Symbol> symbols = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();
  /** Interfaces and worlds by package name (unversioned {@code ns:pkg}) then name. */
  private final Map<String, Map<String, Symbol>> interfaces = new HashMap<>();
  private final Map<String, Map<String, Symbol>> worlds = new HashMap<>();
  /** Types by their interface or world symbol. */
  private final Map<Symbol, Map<String, Symbol>> members = new HashMap<>();
  /** The names in scope in each interface or world: local types and names brought by {@code use}. */
  private final Map<Symbol, Map<String, Symbol>> scopes = new HashMap<>();
  /** Packages as written ({@code ns:pkg@1.0.0}) by unversioned name. */
  private final Map<String, String> packageNames = new LinkedHashMap<>();

  private PackageIndex() {}

  // ---- building ---------------------------------------------------------------------------

  /**
   * The index of the package {@code file} belongs to: its folder with {@code deps/} when the
   * folder is a package, else the file alone. {@code overrides} are unsaved editor texts.
   */
  public static PackageIndex of(Path file, Map<Path, String> overrides) {
    Path abs = file.toAbsolutePath().normalize();
    Map<Path, String> normalized = new HashMap<>();
    overrides.forEach((p, t) -> normalized.put(p.toAbsolutePath().normalize(), t));
    List<Path> files = new ArrayList<>();
    Path folder = abs.getParent();
    if (folder != null && FileDiagnostics.folderIsPackage(folder)) {
      files.addAll(witFiles(folder, false));
      Path deps = folder.resolve("deps");
      if (Files.isDirectory(deps)) {
        files.addAll(witFiles(deps, true));
      }
    }
    if (!files.contains(abs)) {
      files.add(abs);
    }
    PackageIndex index = new PackageIndex();
    Map<Path, Ast.File> trees = new LinkedHashMap<>();
    for (Path f : files) {
      String text = normalized.get(f);
      if (text == null) {
        try {
          text = Files.readString(f);
        } catch (IOException e) {
          continue;
        }
      }
      index.texts.put(f, text);
      trees.put(f, Parser.parse(text, 0).file());
    }
    index.build(trees, folder);
    return index;
  }

  /** Builds from in-memory texts (tests); every file is one package unless it says otherwise. */
  public static PackageIndex ofTexts(Map<Path, String> files) {
    PackageIndex index = new PackageIndex();
    Map<Path, Ast.File> trees = new LinkedHashMap<>();
    files.forEach((p, t) -> {
      index.texts.put(p, t);
      trees.put(p, Parser.parse(t, 0).file());
    });
    index.build(trees, null);
    return index;
  }

  private static List<Path> witFiles(Path dir, boolean recursive) {
    try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".wit") && Files.isRegularFile(p))
          .map(p -> p.toAbsolutePath().normalize()).sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The package each file's items belong to: its header, else the header of a sibling file. */
  private void build(Map<Path, Ast.File> trees, Path mainFolder) {
    Map<Path, String> folderPackage = new HashMap<>();
    for (var e : trees.entrySet()) {
      if (e.getValue().packageName() != null) {
        folderPackage.putIfAbsent(e.getKey().getParent(), e.getValue().packageName().toString());
      }
    }
    // definitions first, then references (which need every definition)
    List<Runnable> second = new ArrayList<>();
    for (var e : trees.entrySet()) {
      Path file = e.getKey();
      Ast.File tree = e.getValue();
      String pkg = tree.packageName() != null ? tree.packageName().toString()
          : folderPackage.getOrDefault(file.getParent(), "<package>");
      if (tree.packageName() != null) {
        symbols.add(new Symbol(Kind.PACKAGE, pkg, file, tree.packageName().span().start(),
            tree.packageName().span().end(), tree.packageName().span().start(), tree.packageName().span().end(), pkg,
            null, docs(tree.packageDocs()), "package"));
      }
      packageNames.putIfAbsent(unversioned(pkg), pkg);
      Map<String, Symbol> fileUses = new HashMap<>();
      defineTop(file, pkg, tree.items(), fileUses, second);
      for (Ast.NestedPackage n : tree.nested()) {
        String nested = n.name().toString();
        packageNames.putIfAbsent(unversioned(nested), nested);
        defineTop(file, nested, n.items(), new HashMap<>(), second);
      }
    }
    second.forEach(Runnable::run);
  }

  private void defineTop(Path file, String pkg, List<Ast.TopItem> items, Map<String, Symbol> fileUses,
      List<Runnable> second) {
    for (Ast.TopItem item : items) {
      switch (item) {
        case Ast.Interface i -> {
          Symbol s = define(Kind.INTERFACE, i.name(), file, i.span(), pkg, null, i.docs(), "interface");
          interfaces.computeIfAbsent(unversioned(pkg), k -> new LinkedHashMap<>()).put(i.name().name(), s);
          defineInterfaceItems(file, pkg, s, i.items(), second, fileUses);
        }
        case Ast.World w -> {
          Symbol s = define(Kind.WORLD, w.name(), file, w.span(), pkg, null, w.docs(), "world");
          worlds.computeIfAbsent(unversioned(pkg), k -> new LinkedHashMap<>()).put(w.name().name(), s);
          defineWorldItems(file, pkg, s, w.items(), second, fileUses);
        }
        case Ast.TopLevelUse u -> second.add(() -> {
          Symbol target = interfaceFor(pkg, u.path(), Map.of(), file);
          if (target != null) {
            fileUses.put(u.localName().name(), target);
            references.add(new Reference(file, u.path().interfaceName().span().start(),
                u.path().interfaceName().span().end(), target, true));
          }
        });
      }
    }
  }

  private Symbol define(Kind kind, Ast.Id name, Path file, Span decl, String pkg, String container, Ast.Docs docs,
      String detail) {
    Symbol s = new Symbol(kind, name.name(), file, name.span().start(), name.span().end(), decl.start(), decl.end(),
        pkg, container, docs(docs), detail);
    symbols.add(s);
    return s;
  }

  private void defineInterfaceItems(Path file, String pkg, Symbol owner, List<Ast.InterfaceItem> items,
      List<Runnable> second, Map<String, Symbol> fileUses) {
    Map<String, Symbol> local = members.computeIfAbsent(owner, k -> new LinkedHashMap<>());
    Map<String, Symbol> scope = scopes.computeIfAbsent(owner, k -> new LinkedHashMap<>());
    for (Ast.InterfaceItem item : items) {
      switch (item) {
        case Ast.TypeDef t -> {
          Symbol s = define(Kind.TYPE, t.name(), file, t.span(), pkg, owner.name(), t.docs(), kindOf(t.kind()));
          local.put(t.name().name(), s);
          scope.put(t.name().name(), s);
          if (t.kind() instanceof Ast.TypeDefKind.Resource r) {
            for (Ast.ResourceFunc f : r.functions()) {
              if (f.name() != null && f.kind() != Ast.ResourceFunc.Kind.CONSTRUCTOR) {
                define(Kind.FUNCTION, f.name(), file, f.span(), pkg, owner.name(), f.docs(),
                    f.kind() == Ast.ResourceFunc.Kind.STATIC ? "static func" : "method");
              }
            }
          }
        }
        case Ast.Func f -> define(Kind.FUNCTION, f.name(), file, f.span(), pkg, owner.name(), f.docs(), "func");
        case Ast.Use u -> { }
      }
    }
    second.add(() -> {
      for (Ast.InterfaceItem item : items) {
        if (item instanceof Ast.Use u) {
          use(file, pkg, u, scope, fileUses);
        }
      }
      for (Ast.InterfaceItem item : items) {
        switch (item) {
          case Ast.TypeDef t -> typeDefRefs(file, t.kind(), scope);
          case Ast.Func f -> funcRefs(file, f.type(), scope);
          case Ast.Use u -> { }
        }
      }
    });
  }

  private void defineWorldItems(Path file, String pkg, Symbol owner, List<Ast.WorldItem> items, List<Runnable> second,
      Map<String, Symbol> fileUses) {
    Map<String, Symbol> local = members.computeIfAbsent(owner, k -> new LinkedHashMap<>());
    Map<String, Symbol> scope = scopes.computeIfAbsent(owner, k -> new LinkedHashMap<>());
    for (Ast.WorldItem item : items) {
      if (item instanceof Ast.TypeDef t) {
        Symbol s = define(Kind.TYPE, t.name(), file, t.span(), pkg, owner.name(), t.docs(), kindOf(t.kind()));
        local.put(t.name().name(), s);
        scope.put(t.name().name(), s);
      } else if (item instanceof Ast.ImportExport ie && ie.extern() instanceof Ast.Extern.NamedFunc nf) {
        define(Kind.FUNCTION, nf.name(), file, ie.span(), pkg, owner.name(), ie.docs(),
            ie.isImport() ? "imported func" : "exported func");
      }
    }
    second.add(() -> {
      for (Ast.WorldItem item : items) {
        if (item instanceof Ast.Use u) {
          use(file, pkg, u, scope, fileUses);
        }
      }
      for (Ast.WorldItem item : items) {
        switch (item) {
          case Ast.TypeDef t -> typeDefRefs(file, t.kind(), scope);
          case Ast.ImportExport ie -> {
            switch (ie.extern()) {
              case Ast.Extern.Path p -> pathRef(file, pkg, p.path(), fileUses);
              case Ast.Extern.NamedPath np -> pathRef(file, pkg, np.path(), fileUses);
              case Ast.Extern.NamedFunc nf -> funcRefs(file, nf.type(), scope);
              case Ast.Extern.NamedInterface ni -> {
                for (Ast.InterfaceItem i : ni.items()) {
                  if (i instanceof Ast.Func f) {
                    funcRefs(file, f.type(), scope);
                  } else if (i instanceof Ast.TypeDef t) {
                    typeDefRefs(file, t.kind(), scope);
                  }
                }
              }
            }
          }
          case Ast.Include inc -> {
            Symbol target = worldFor(pkg, inc.from());
            if (target != null) {
              references.add(new Reference(file, inc.from().interfaceName().span().start(),
                  inc.from().interfaceName().span().end(), target, true));
            }
          }
          case Ast.Use u -> { }
        }
      }
    });
  }

  private void pathRef(Path file, String pkg, Ast.UsePath path, Map<String, Symbol> fileUses) {
    Symbol target = interfaceFor(pkg, path, fileUses, file);
    if (target != null) {
      references.add(new Reference(file, path.interfaceName().span().start(), path.interfaceName().span().end(),
          target, true));
    }
  }

  private void use(Path file, String pkg, Ast.Use u, Map<String, Symbol> scope, Map<String, Symbol> fileUses) {
    Symbol from = interfaceFor(pkg, u.from(), fileUses, file);
    if (from == null) {
      return;
    }
    references.add(new Reference(file, u.from().interfaceName().span().start(), u.from().interfaceName().span().end(),
        from, true));
    Map<String, Symbol> types = members.getOrDefault(from, Map.of());
    for (Ast.UseName n : u.names()) {
      Symbol t = types.get(n.name().name());
      if (t == null) {
        continue;
      }
      references.add(new Reference(file, n.name().span().start(), n.name().span().end(), t, true));
      scope.put(n.localName().name(), t);
    }
  }

  private void typeDefRefs(Path file, Ast.TypeDefKind kind, Map<String, Symbol> scope) {
    switch (kind) {
      case Ast.TypeDefKind.Alias a -> typeRefs(file, a.type(), scope);
      case Ast.TypeDefKind.Record r -> r.fields().forEach(f -> typeRefs(file, f.type(), scope));
      case Ast.TypeDefKind.Variant v -> v.cases().forEach(c -> typeRefs(file, c.type(), scope));
      case Ast.TypeDefKind.Resource r -> r.functions().forEach(f -> funcRefs(file, f.type(), scope));
      case Ast.TypeDefKind.Flags f -> { }
      case Ast.TypeDefKind.Enum e -> { }
    }
  }

  private void funcRefs(Path file, Ast.FuncType type, Map<String, Symbol> scope) {
    if (type == null) {
      return;
    }
    for (Ast.Param p : type.params()) {
      typeRefs(file, p.type(), scope);
    }
    typeRefs(file, type.result(), scope);
  }

  private void typeRefs(Path file, Ast.TypeExpr t, Map<String, Symbol> scope) {
    switch (t) {
      case null -> { }
      case Ast.TypeExpr.Named n -> nameRef(file, n.name(), scope);
      case Ast.TypeExpr.Own o -> nameRef(file, o.resource(), scope);
      case Ast.TypeExpr.Borrow b -> nameRef(file, b.resource(), scope);
      case Ast.TypeExpr.ListOf l -> typeRefs(file, l.element(), scope);
      case Ast.TypeExpr.MapOf m -> {
        typeRefs(file, m.key(), scope);
        typeRefs(file, m.value(), scope);
      }
      case Ast.TypeExpr.OptionOf o -> typeRefs(file, o.type(), scope);
      case Ast.TypeExpr.ResultOf r -> {
        typeRefs(file, r.ok(), scope);
        typeRefs(file, r.err(), scope);
      }
      case Ast.TypeExpr.TupleOf tu -> tu.types().forEach(x -> typeRefs(file, x, scope));
      case Ast.TypeExpr.FutureOf f -> typeRefs(file, f.type(), scope);
      case Ast.TypeExpr.StreamOf s -> typeRefs(file, s.type(), scope);
      case Ast.TypeExpr.Primitive p -> { }
    }
  }

  private void nameRef(Path file, Ast.Id id, Map<String, Symbol> scope) {
    if (id == null) {
      return;
    }
    Symbol target = scope.get(id.name());
    if (target != null) {
      boolean direct = target.name().equals(id.name());
      references.add(new Reference(file, id.span().start(), id.span().end(), target, direct));
    }
  }

  private Symbol interfaceFor(String pkg, Ast.UsePath path, Map<String, Symbol> fileUses, Path file) {
    return switch (path) {
      case Ast.UsePath.Local l -> {
        Symbol viaUse = fileUses.get(l.name().name());
        yield viaUse != null ? viaUse : interfaces.getOrDefault(unversioned(pkg), Map.of()).get(l.name().name());
      }
      case Ast.UsePath.Package p -> interfaces.getOrDefault(p.pkg().unversioned(), Map.of()).get(p.name().name());
    };
  }

  private Symbol worldFor(String pkg, Ast.UsePath path) {
    return switch (path) {
      case Ast.UsePath.Local l -> worlds.getOrDefault(unversioned(pkg), Map.of()).get(l.name().name());
      case Ast.UsePath.Package p -> worlds.getOrDefault(p.pkg().unversioned(), Map.of()).get(p.name().name());
    };
  }

  private static String unversioned(String pkg) {
    int at = pkg.indexOf('@');
    return at < 0 ? pkg : pkg.substring(0, at);
  }

  private static String kindOf(Ast.TypeDefKind k) {
    return switch (k) {
      case Ast.TypeDefKind.Alias a -> "type";
      case Ast.TypeDefKind.Record r -> "record";
      case Ast.TypeDefKind.Variant v -> "variant";
      case Ast.TypeDefKind.Enum e -> "enum";
      case Ast.TypeDefKind.Flags f -> "flags";
      case Ast.TypeDefKind.Resource r -> "resource";
    };
  }

  private static String docs(Ast.Docs d) {
    if (d == null || d.isEmpty()) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    for (String c : d.comments()) {
      if (c.startsWith("///")) {
        lines.add(c.substring(3).strip());
      } else if (c.startsWith("/**")) {
        lines.add(c.substring(3, Math.max(3, c.length() - 2)).strip());
      }
    }
    return String.join("\n", lines);
  }

  // ---- queries ----------------------------------------------------------------------------

  public List<Symbol> symbols() {
    return List.copyOf(symbols);
  }

  /** The symbol whose name or a reference to which is at {@code offset} in {@code file}. */
  public Optional<Symbol> symbolAt(Path file, int offset) {
    Path f = file.toAbsolutePath().normalize();
    for (Reference r : references) {
      if (r.file().equals(f) && r.start() <= offset && offset <= r.end()) {
        return Optional.of(r.target());
      }
    }
    for (Symbol s : symbols) {
      if (s.file().equals(f) && s.start() <= offset && offset <= s.end()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Where {@code s} is defined. */
  public Location definition(Symbol s) {
    return location(s.file(), s.start(), s.end());
  }

  /** The definition and every reference, in file order. */
  public List<Location> usages(Symbol s) {
    List<Location> out = new ArrayList<>();
    out.add(definition(s));
    for (Reference r : references) {
      if (r.target().equals(s)) {
        out.add(location(r.file(), r.start(), r.end()));
      }
    }
    out.sort(Comparator.comparing((Location l) -> l.file().toString()).thenComparingInt(Location::start));
    return out;
  }

  /** What hovering {@code s} shows: its declaration as written (first lines), where it is, its docs. */
  public String hover(Symbol s) {
    String text = texts.getOrDefault(s.file(), "");
    String decl = s.declStart() >= 0 && s.declEnd() <= text.length() ? text.substring(s.declStart(), s.declEnd())
        : s.name();
    List<String> lines = decl.lines().toList();
    if (lines.size() > 12) {
      decl = String.join("\n", lines.subList(0, 12)) + "\n  …";
    }
    StringBuilder sb = new StringBuilder(decl.strip());
    sb.append("\n\n").append(s.detail()).append(" ").append(s.qualifiedName());
    if (!s.docs().isEmpty()) {
      sb.append("\n\n").append(s.docs());
    }
    return sb.toString();
  }

  /**
   * The edits that rename {@code s} to {@code newName} everywhere it is named: its definition
   * and every reference that spells its name (not the uses of a {@code use ... as} alias).
   *
   * @throws IllegalArgumentException when {@code newName} is not a WIT identifier, or the
   *     symbol lives in {@code deps/} (a dependency is not edited from here)
   */
  public List<Edit> rename(Symbol s, String newName) {
    if (!newName.matches("%?[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*")) {
      throw new IllegalArgumentException("\"" + newName + "\" is not a WIT identifier (kebab-case, like my-name)");
    }
    if (s.kind() == Kind.PACKAGE) {
      throw new IllegalArgumentException("packages are renamed by editing their header");
    }
    List<Edit> out = new ArrayList<>();
    out.add(new Edit(s.file(), s.start(), s.end(), newName));
    for (Reference r : references) {
      if (r.target().equals(s) && r.renames()) {
        out.add(new Edit(r.file(), r.start(), r.end(), newName));
      }
    }
    out.sort(Comparator.comparing((Edit e) -> e.file().toString()).thenComparing(Comparator.comparingInt(Edit::start)
        .reversed()));
    return out;
  }

  /** The names that a type may be written with inside the interface or world at {@code offset}. */
  public List<Symbol> typesInScope(Path file, int offset) {
    Symbol owner = ownerAt(file, offset);
    if (owner == null) {
      return List.of();
    }
    List<Symbol> out = new ArrayList<>();
    scopes.getOrDefault(owner, Map.of()).forEach((name, s) -> {
      if (name.equals(s.name())) {
        out.add(s);
      } else {
        out.add(new Symbol(s.kind(), name, s.file(), s.start(), s.end(), s.declStart(), s.declEnd(), s.pkg(),
            s.container(), s.docs(), s.detail() + " (as " + name + ")"));
      }
    });
    return out;
  }

  /** The interface or world whose declaration contains {@code offset}. */
  public Symbol ownerAt(Path file, int offset) {
    Path f = file.toAbsolutePath().normalize();
    for (Symbol s : symbols) {
      if ((s.kind() == Kind.INTERFACE || s.kind() == Kind.WORLD) && s.file().equals(f) && s.declStart() <= offset
          && offset <= s.declEnd()) {
        return s;
      }
    }
    return null;
  }

  /** The types an interface defines (for {@code use iface.{…}}), by a path as written. */
  public List<Symbol> membersOf(Path file, String path) {
    Path f = file.toAbsolutePath().normalize();
    String pkg = packageOf(f);
    Symbol iface;
    int slash = path.indexOf('/');
    if (slash > 0) {
      String pkgName = unversioned(path.substring(0, slash));
      String name = path.substring(slash + 1);
      int at = name.indexOf('@');
      iface = interfaces.getOrDefault(pkgName, Map.of()).get(at < 0 ? name : name.substring(0, at));
    } else {
      iface = interfaces.getOrDefault(unversioned(pkg), Map.of()).get(path);
    }
    return iface == null ? List.of() : List.copyOf(members.getOrDefault(iface, Map.of()).values());
  }

  /** Every interface by how a {@code use} in {@code file} would name it: local ones plainly, others {@code ns:pkg/name}. */
  public List<String> interfacePaths(Path file) {
    String own = unversioned(packageOf(file.toAbsolutePath().normalize()));
    List<String> out = new ArrayList<>();
    interfaces.forEach((pkg, byName) -> byName.keySet().forEach(name -> {
      if (pkg.equals(own)) {
        out.add(name);
      } else {
        String written = packageNames.getOrDefault(pkg, pkg);
        int at = written.indexOf('@');
        out.add(pkg + "/" + name + (at < 0 ? "" : written.substring(at)));
      }
    }));
    return out;
  }

  private String packageOf(Path file) {
    for (Symbol s : symbols) {
      if (s.file().equals(file)) {
        return s.pkg();
      }
    }
    return "<package>";
  }

  public String text(Path file) {
    return texts.get(file.toAbsolutePath().normalize());
  }

  private Location location(Path file, int start, int end) {
    String text = texts.getOrDefault(file, "");
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(start, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new Location(file, start, end, line, col);
  }
}
