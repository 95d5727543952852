package dev.plugboard.compose;

import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.compose.CompositionGraph.Node;
import dev.plugboard.compose.CompositionGraph.Source;
import dev.plugboard.compose.WacLexer.T;
import dev.plugboard.compose.WacLexer.Tok;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.SourceMap;
import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WAC language ({@code wac-LANGUAGE.md}) over a {@link CompositionGraph}: {@link #read}
 * evaluates a document into a graph (packages come from a resolver), {@link #write} prints a
 * graph as WAC. Errors are {@link WacException}s with a span, rendered like WIT's.
 */
public final class Wac {
  private Wac() {}

  /** Finds the component registered under a package name ({@code example:upper}, perhaps with a version). */
  @FunctionalInterface
  public interface Packages {
    /** The package, or null when there is none by that name. */
    ComposedPackage find(String name) throws CompositionException;
  }

  /** A WAC document that does not parse or does not make a valid composition. */
  public static final class WacException extends Exception {
    private final String rendered;
    private final Span span;

    WacException(SourceMap sources, Span span, String message) {
      super(message);
      this.span = span;
      this.rendered = sources.render(Diagnostic.error(span, message));
    }

    /** {@code file.wac:line:col: error: message} and an excerpt with a caret. */
    public String rendered() {
      return rendered;
    }

    public Span span() {
      return span;
    }
  }

  /** The result of reading: the graph, the package name the document declares, its type statements as written. */
  public record Document(String packageName, String targets, CompositionGraph graph, List<String> typeStatements) {}

  // ---- reading ------------------------------------------------------------------------------

  /** Reads {@code text} (from {@code path}, for messages) into a new graph. */
  public static Document read(String path, String text, Packages packages) throws WacException {
    return read(path, text, packages, List.of());
  }

  /**
   * Like {@link #read(String, String, Packages)}, with WIT packages ({@code deps/}) that the
   * document's type statements may {@code use} and its {@code targets} clause may name.
   */
  public static Document read(String path, String text, Packages packages,
      List<dev.plugboard.wit.resolve.WitResolver.Group> witDeps) throws WacException {
    SourceMap sources = new SourceMap();
    sources.add(path, text);
    Reader r = new Reader(sources, text, new WacLexer(text).all(sources), packages);
    r.witDeps = witDeps;
    return r.document();
  }

  /** A value a local name can be bound to. */
  private sealed interface Val {
    /** An instance made by {@code new}. */
    record Inst(String node) implements Val {}

    /** An item: an import of the composition, or an export of an instance. */
    record Item(Source source, String name) implements Val {}
  }

  private static final Set<String> KEYWORDS = Set.of("package", "targets", "import", "as", "let", "new", "export",
      "interface", "world", "type", "record", "variant", "enum", "flags", "resource", "use", "include", "with");

  /**
   * The other words of the grammar (types, {@code func}, resource items): reserved like the
   * keywords, so a name that is one of them is written {@code %string}. Path segments may be
   * any word.
   */
  private static final Set<String> TYPE_WORDS = Set.of("func", "static", "constructor", "u8", "s8", "u16", "s16",
      "u32", "s32", "u64", "s64", "f32", "f64", "char", "bool", "string", "tuple", "list", "option", "result",
      "borrow");

  private static final class Reader {
    private final SourceMap sources;
    private final String text;
    private final List<Tok> toks;
    private final Packages packages;
    private final CompositionGraph graph = new CompositionGraph();
    private final Map<String, Val> scope = new LinkedHashMap<>();
    private final List<String> typeStatements = new ArrayList<>();
    private int p;
    /** The document's type declarations, resolved as a WIT package (null when there are none). */
    private dev.plugboard.wit.resolve.Resolve declared;
    private dev.plugboard.binary.WitPackageTypes declaredTypes;
    /** Inline import types ({@code func(...)}, {@code interface { … }}) by the import's token index. */
    private final Map<Integer, String> inlineImports = new LinkedHashMap<>();
    /** Imports made by {@code ...}, by import name, with the package whose instantiation made each. */
    private final Map<String, String> implicitImports = new LinkedHashMap<>();
    private String packageName;
    private List<dev.plugboard.wit.resolve.WitResolver.Group> witDeps = List.of();

    Reader(SourceMap sources, String text, List<Tok> toks, Packages packages) {
      this.sources = sources;
      this.text = text;
      this.toks = toks;
      this.packages = packages;
    }

    private Tok peek() {
      return toks.get(p);
    }

    private Tok next() {
      return toks.get(p++);
    }

    /** Token {@code i}, or the end of file past it. */
    private Tok tok(int i) {
      return toks.get(Math.min(i, toks.size() - 1));
    }

    private boolean at(String s) {
      return !peek().kind().equals(T.STRING) && peek().text().equals(s) && peek().kind() != T.EOF;
    }

    private WacException error(Tok t, String message) {
      return new WacException(sources, new Span(t.start(), Math.max(t.end(), t.start() + 1)), message);
    }

    private WacException error(int start, int end, String message) {
      return new WacException(sources, new Span(start, Math.max(end, start + 1)), message);
    }

    private Tok expect(String s) throws WacException {
      if (!at(s)) {
        throw error(peek(), "expected `" + s + "`, found " + describe(peek()));
      }
      return next();
    }

    private static String describe(Tok t) {
      return t.kind() == T.EOF ? "end of file" : t.kind() == T.STRING ? "a string" : "`" + t.text() + "`";
    }

    private Tok id() throws WacException {
      Tok t = peek();
      if (t.kind() == T.ID && (KEYWORDS.contains(t.text()) || TYPE_WORDS.contains(t.text()))) {
        throw error(t, "expected an identifier, found the keyword `" + t.text() + "` (write `%" + t.text()
            + "` for a name)");
      }
      return pathSegment();
    }

    /** A word of a package name or path: any identifier, keywords included. */
    private Tok pathSegment() throws WacException {
      Tok t = peek();
      if (t.kind() != T.ID || Character.isDigit(t.text().charAt(0))) {
        throw error(t, "expected an identifier, found " + describe(t));
      }
      p++;
      return t;
    }

    private static String unescape(String id) {
      return id.startsWith("%") ? id.substring(1) : id;
    }

    /** A package path, {@code ns:pkg/name@version}: a package name and at least one {@code /name}. */
    private Tok packagePath() throws WacException {
      Tok path = path(true);
      if (!path.text().contains("/")) {
        throw error(path, "expected a path such as `ns:pkg/name`, found the package name `" + path.text() + "`");
      }
      return path;
    }

    /** {@code ns:name(:more)*('/' id)*('@' version)?}; returns the text and its span. */
    private Tok path(boolean allowSlash) throws WacException {
      Tok first = pathSegment();
      int end = first.end();
      if (!at(":")) {
        throw error(first, "expected a package name such as `ns:name`, found `" + first.text() + "`");
      }
      while (at(":")) {
        next();
        end = pathSegment().end();
      }
      while (allowSlash && at("/")) {
        next();
        end = pathSegment().end();
      }
      if (at("@")) {
        next();
        Tok v = peek();
        while (peek().kind() == T.ID || at(".") || at("+")) {
          Tok t = next();
          end = t.end();
          if (peek().start() != t.end()) {
            break;
          }
        }
        if (end <= v.start()) {
          throw error(v, "expected a version after `@`");
        }
        String version = text.substring(v.start(), end);
        if (dev.plugboard.wit.lex.Semver.parse(version) == null) {
          throw error(v.start(), end, "`" + version + "` is not a valid semantic version");
        }
      }
      return new Tok(T.ID, text.substring(first.start(), end).replace(" ", ""), first.start(), end);
    }

    Document document() throws WacException {
      if (!at("package")) {
        throw error(peek(), "a WAC document starts with `package ns:name;`");
      }
      next();
      Tok name = path(false);
      String targets = null;
      Tok targetsTok = null;
      if (at("targets")) {
        next();
        targetsTok = packagePath();
        targets = targetsTok.text();
      }
      expect(";");
      packageName = name.text();
      int body = p;
      declarations(name);
      p = body;
      while (peek().kind() != T.EOF) {
        statement();
      }
      if (targetsTok != null) {
        checkTargets(targetsTok);
      }
      typeUnpluggedImports();
      return new Document(name.text(), targets, graph, typeStatements);
    }

    // ---- type declarations, resolved as WIT ----

    /** A piece of WIT made from the document: its place in the generated text and in the document. */
    private record Chunk(int witStart, int witEnd, int wacStart) {}

    private final List<Chunk> chunks = new ArrayList<>();

    /**
     * First pass: the type statements and inline import types, put together as one WIT package
     * ({@code interface}s and {@code world}s as written, other type declarations in an interface
     * {@code wac-types}, each inline import type in an interface {@code wac-import-N}) and resolved.
     * WAC is read top-down: an interface or world sees the top-level types declared before it
     * (through a generated {@code use wac-types.{..}}) and may only name interfaces and worlds
     * declared before it. Named function types ({@code type f = func(..)}) are written out where
     * they are used.
     */
    private void declarations(Tok name) throws WacException {
      StringBuilder wit = new StringBuilder("package ").append(name.text()).append(";\n");
      List<int[]> loose = new ArrayList<>();
      List<String> looseNames = new ArrayList<>();
      Set<String> items = new java.util.HashSet<>();
      int imports = 0;
      emptyBodies();
      while (peek().kind() != T.EOF) {
        Tok t = peek();
        String kw = t.kind() == T.ID ? t.text() : "";
        int statementStart = p;
        if (kw.equals("interface") || kw.equals("world")) {
          int end = statementEnd(true);
          declaration(wit, statementStart, p, end, looseNames, items);
          items.add(unescape(tok(statementStart + 1).text()));
          if (kw.equals("interface")) {
            interfaceBodies.put(unescape(tok(statementStart + 1).text()), new int[] {statementStart, p});
          }
        } else if (kw.equals("type") && tok(p + 2).text().equals("=") && tok(p + 3).text().equals("func")) {
          Tok alias = tok(p + 1);
          next();
          next();
          next();
          int from = peek().start();
          int end = statementEnd(false);
          funcAliases.put(unescape(alias.text()), new int[] {from, end});
        } else if (kw.equals("resource")) {
          throw error(t, "a resource is declared inside an interface or a world, not at the top level");
        } else if (Set.of("type", "record", "variant", "enum", "flags").contains(kw)) {
          Tok typeName = tok(p + 1);
          loose.add(new int[] {t.start(), statementEnd(true)});
          looseNames.add(unescape(typeName.text()));
        } else if (kw.equals("import")) {
          next();
          Tok local = peek();
          while (!at(":") && peek().kind() != T.EOF && !at(";")) {
            next();
          }
          if (at(":")) {
            next();
            Tok type = peek();
            int[] alias = type.kind() == T.ID && tok(p + 1).text().equals(";")
                ? funcAliases.get(unescape(type.text())) : null;
            if (at("func") || at("interface") || alias != null) {
              int typeIndex = p;
              int end = statementEnd(false);
              String iface = "wac-import-" + word(++imports);
              inlineImports.put(statementStart, iface);
              // the top-level types declared so far are visible in an inline import type
              String uses = looseNames.isEmpty() ? "" : " use wac-types.{" + String.join(", ", looseNames) + "};";
              if (!type.text().equals("interface")) {
                wit.append("\ninterface ").append(iface).append(" {").append(uses).append("\n  ")
                    .append(unescape(local.text()).isEmpty() ? "f" : local.text()).append(": ");
                if (alias != null) {
                  append(wit, alias[0], alias[1]);
                } else {
                  append(wit, type.start(), end);
                }
                wit.append(";\n}\n");
              } else if (tok(typeIndex + 1).text().equals("{") && toks.get(p - 1).text().equals("}")) {
                wit.append("\ninterface ").append(iface).append(" {");
                body(wit, typeIndex + 1, p - 1, looseNames, false);
                append(wit, toks.get(p - 1).start(), toks.get(p - 1).end());
                wit.append('\n');
              } else {
                wit.append("\ninterface ").append(iface).append(' ');
                append(wit, type.end(), end);
                wit.append('\n');
              }
            }
          }
          statementEnd(false);
          if (at(";")) {
            next();
          }
        } else {
          statementEnd(false);
          if (at(";")) {
            next();
          }
        }
        if (p == statementStart) {
          next();
        }
      }
      if (!loose.isEmpty()) {
        wit.append("\ninterface wac-types {\n");
        for (int[] l : loose) {
          append(wit, l[0], l[1]);
          wit.append('\n');
        }
        wit.append("}\n");
      }
      if (chunks.isEmpty() && inlineImports.isEmpty() && witDeps.isEmpty()) {
        return;
      }
      List<dev.plugboard.wit.resolve.WitResolver.Group> deps = new ArrayList<>(witDeps);
      deps.addAll(componentPackages(name.text()));
      var r = dev.plugboard.wit.resolve.WitResolver.resolve(new dev.plugboard.wit.resolve.WitResolver.Group(List.of(
          new dev.plugboard.wit.resolve.WitResolver.SourceFile("declarations.wit", wit.toString()))), deps,
          dev.plugboard.wit.resolve.WitResolver.Options.DEFAULT);
      for (var d : r.diagnostics()) {
        if (d.severity() == dev.plugboard.wit.source.Diagnostic.Severity.ERROR) {
          int at = d.span().isNone() ? name.start() : toWac(d.span().start(), name.start());
          int end = d.span().isNone() ? name.end() : toWac(d.span().end(), name.end());
          String message = d.message();
          java.util.regex.Matcher missing = java.util.regex.Pattern.compile("(?:type|name) `([^`]+)` does not exist")
              .matcher(message);
          if (missing.matches() && funcAliases.containsKey(missing.group(1))) {
            message = "`" + missing.group(1) + "` is a function type: it names the type of an import or an "
                + "interface's function, not a value type";
          }
          throw error(at, Math.max(end, at + 1), message);
        }
      }
      declared = r.resolve();
      declaredTypes = new dev.plugboard.binary.WitPackageTypes(declared);
    }

    /**
     * The grammar's lists that may not be empty: a {@code record}'s fields, the cases of a
     * {@code variant} or an {@code enum}, the names of {@code flags}, a {@code tuple}'s types.
     * The error is at the token that closes the empty list.
     */
    private void emptyBodies() throws WacException {
      for (int k = 0; k + 3 < toks.size(); k++) {
        Tok t = toks.get(k);
        if (t.kind() != T.ID) {
          continue;
        }
        String what = switch (t.text()) {
          case "record" -> "a record needs at least one field";
          case "variant" -> "a variant needs at least one case";
          case "enum" -> "an enum needs at least one case";
          case "flags" -> "flags need at least one flag";
          default -> null;
        };
        if (what != null && toks.get(k + 1).kind() == T.ID && toks.get(k + 2).text().equals("{")
            && toks.get(k + 3).text().equals("}")) {
          throw error(toks.get(k + 3), what);
        }
        if (t.text().equals("tuple") && toks.get(k + 1).text().equals("<") && toks.get(k + 2).text().equals(">")) {
          throw error(toks.get(k + 2), "a tuple needs at least one type");
        }
      }
    }

    /** The declared world of each type made for a component import ({@link #declaredComponent}). */
    private final Map<ItemType, Integer> worldOfType = new java.util.IdentityHashMap<>();

    /** Declared worlds of the imports typed by a world (component imports), by import name. */
    private final Map<String, Integer> declaredComponentImports = new LinkedHashMap<>();

    /** Declared interfaces of the inline and by-path imports, by import name. */
    private final Map<String, Integer> declaredImports = new LinkedHashMap<>();

    /**
     * The imports that no instantiation takes get their binary types from the document's
     * declarations: a component of a world that imports each of them (see
     * {@link CompositionGraph#importTypes()}). Where that cannot be built, encoding says so.
     */
    private void typeUnpluggedImports() {
      if (declared == null) {
        return;
      }
      for (var e : declaredComponentImports.entrySet()) {
        try {
          graph.setComponentImportType(e.getKey(), dev.plugboard.binary.ComponentNew.componentType(declared,
              e.getValue()));
        } catch (dev.plugboard.binary.ComponentNew.Failure | RuntimeException x) {
          // left untyped: encoding reports the import whose type is unknown
        }
      }
      var world = new dev.plugboard.wit.resolve.World("wac-document-imports");
      for (Node n : graph.nodes().values()) {
        Integer id = n instanceof Node.Import i ? declaredImports.get(i.importName()) : null;
        if (id == null) {
          continue;
        }
        String importName = ((Node.Import) n).importName();
        var iface = declared.interfaces.get(id);
        boolean inline = iface.name != null && iface.name.startsWith("wac-import-");
        if (inline && ((Node.Import) n).type() instanceof ItemType.Func && iface.functions.size() == 1) {
          var f = iface.functions.values().iterator().next();
          world.imports.put(new dev.plugboard.wit.resolve.WorldKey.Name(importName),
              new dev.plugboard.wit.resolve.WorldItem.OfFunction(new dev.plugboard.wit.resolve.Function(importName,
                  f.kind(), f.resource(), f.params(), f.result(), f.docs(), f.stability(), f.externalId(), f.span())));
        } else {
          world.imports.put(new dev.plugboard.wit.resolve.WorldKey.Name(importName),
              new dev.plugboard.wit.resolve.WorldItem.OfInterface(id, dev.plugboard.wit.resolve.Stability.UNKNOWN,
                  null, null, Span.NONE));
        }
      }
      if (world.imports.isEmpty()) {
        return;
      }
      // the interfaces whose types those use (a declared interface, the top-level types'
      // `wac-types`) are imported first, by their names, so the types have a place
      var all = new LinkedHashMap<dev.plugboard.wit.resolve.WorldKey, dev.plugboard.wit.resolve.WorldItem>();
      Set<Integer> used = new java.util.LinkedHashSet<>();
      for (Node n : graph.nodes().values()) {
        Integer id = n instanceof Node.Import i ? declaredImports.get(i.importName()) : null;
        if (id != null) {
          usedInterfaces(id, used);
        }
      }
      for (int id : used) {
        all.put(new dev.plugboard.wit.resolve.WorldKey.OfInterface(id), new dev.plugboard.wit.resolve.WorldItem
            .OfInterface(id, dev.plugboard.wit.resolve.Stability.UNKNOWN, null, null, Span.NONE));
      }
      all.putAll(world.imports);
      world.imports = all;
      world.pkg = declared.packages.size() - 1;
      declared.worlds.add(world);
      try {
        byte[] component = dev.plugboard.binary.ComponentNew.wrap(EMPTY_MODULE, declared, declared.worlds.size() - 1);
        graph.setImportTypes(ComposedPackage.of("wac-document-imports", component));
      } catch (dev.plugboard.binary.ComponentNew.Failure | CompositionException | RuntimeException e) {
        // left untyped: encoding reports the import whose type is unknown
      } finally {
        declared.worlds.removeLast();
      }
    }

    /** The interfaces whose types interface {@code id} uses, transitively, those used first. */
    private void usedInterfaces(int id, Set<Integer> out) {
      for (int t : declared.interfaces.get(id).types.values()) {
        var def = declared.types.get(t);
        if (def.kind instanceof dev.plugboard.wit.resolve.TypeKind.Alias(dev.plugboard.wit.resolve.Type.Ref(int target))
            && declared.types.get(target).owner instanceof dev.plugboard.wit.resolve.Owner.OfInterface(int other)
            && other != id && !out.contains(other)) {
          usedInterfaces(other, out);
          out.add(other);
        }
      }
    }

    /** {@code (module)}. */
    private static final byte[] EMPTY_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private static final java.util.regex.Pattern WIT_PACKAGE = java.util.regex.Pattern.compile(
        "(?m)^\\s*package\\s+([^;{\\s@]+)");

    /**
     * The WIT of the packages that type statements name by path ({@code use ns:pkg/iface.{..}},
     * {@code import ns:pkg/iface;}) and that no {@code deps/} WIT package declares, where a
     * component of that name imports or exports the interfaces: each printed from the
     * component's WIT view. A package found nowhere is left to the resolver to report.
     */
    private List<dev.plugboard.wit.resolve.WitResolver.Group> componentPackages(String self) {
      Set<String> known = new java.util.HashSet<>();
      known.add(self.replaceAll("@.*", ""));
      for (var g : witDeps) {
        for (var f : g.files()) {
          java.util.regex.Matcher m = WIT_PACKAGE.matcher(f.text());
          while (m.find()) {
            known.add(m.group(1));
          }
        }
      }
      List<dev.plugboard.wit.resolve.WitResolver.Group> out = new ArrayList<>();
      for (int k = 1; k + 2 < toks.size(); k++) {
        String before = toks.get(k - 1).text();
        if (!Set.of("use", "import", "export", "include").contains(before) || !tok(k + 1).text().equals(":")) {
          continue;
        }
        String path = pathAt(k, true);
        int slash = path.indexOf('/');
        String pkg = slash < 0 ? "" : path.substring(0, slash);
        if (pkg.isEmpty() || !known.add(pkg)) {
          continue;
        }
        List<ComposedPackage> candidates = new ArrayList<>();
        for (String name : componentNames(pkg)) {
          try {
            ComposedPackage c = packages.find(name);
            if (c != null && c.component() != null) {
              candidates.add(c);
            }
          } catch (CompositionException e) {
            // reported where that package is instantiated
          }
        }
        for (ComposedPackage c : candidates) {
          try {
            var view = dev.plugboard.binary.ComponentWit.of(c.component());
            var resolve = view.resolve();
            Integer main = null;
            List<Integer> others = new ArrayList<>();
            for (int id = 0; id < resolve.packages.size(); id++) {
              String other = resolve.packages.get(id).name.toString().replaceAll("@.*", "");
              if (other.equals(pkg)) {
                main = id;
              } else if (id != view.rootPackage() && !known.contains(other)) {
                others.add(id); // the packages it uses, unless declared elsewhere
              }
            }
            if (main == null) {
              continue;
            }
            others.forEach(id -> known.add(resolve.packages.get(id).name.toString().replaceAll("@.*", "")));
            String text = dev.plugboard.wit.print.WitPrinter.print(resolve, main, others);
            out.add(new dev.plugboard.wit.resolve.WitResolver.Group(List.of(
                new dev.plugboard.wit.resolve.WitResolver.SourceFile(pkg + " (from " + c.name() + ").wit", text))));
            break;
          } catch (dev.plugboard.binary.InvalidComponentException | RuntimeException e) {
            // not usable as WIT: the resolver reports the package as unknown where it is named
          }
        }
      }
      return out;
    }

    /** Named function types: name → the offsets of their {@code func(..) -> ..} text. */
    private final Map<String, int[]> funcAliases = new LinkedHashMap<>();

    /**
     * Writes the interface or world declared by tokens {@code [from, to)} (text ending at
     * {@code end}) as WIT: the top-level types it mentions are brought in with a {@code use},
     * named function types are written out, and the interfaces and worlds it names must be
     * declared before it ({@code items}).
     */
    private void declaration(StringBuilder wit, int from, int to, int end, List<String> looseNames, Set<String> items)
        throws WacException {
      int open = from;
      while (open < to && !toks.get(open).text().equals("{")) {
        open++;
      }
      if (open >= to) {
        append(wit, toks.get(from).start(), end);
        return;
      }
      for (int k = open + 1; k < to; k++) {
        Tok t = toks.get(k);
        if (t.kind() != T.ID) {
          continue;
        }
        String prev = toks.get(k - 1).text();
        boolean named = (prev.equals("use") || prev.equals("include")) && toks.get(k - 1).kind() == T.ID
            && !tok(k + 1).text().equals(":");
        boolean item = (prev.equals("import") || prev.equals("export")) && tok(k + 1).text().equals(";");
        if ((named || item) && !items.contains(unescape(t.text()))) {
          throw error(t, "undefined name `" + unescape(t.text()) + "`" + (items.isEmpty() ? ""
              : ": an interface or world must be declared before it is used"));
        }
      }
      append(wit, toks.get(from).start(), toks.get(open).end());
      body(wit, open, to - 1, looseNames, toks.get(from).text().equals("world"));
      append(wit, toks.get(to - 1).start(), end);
    }

    /** Interfaces declared so far: name → the tokens of their declaration, {@code [first, past the last)}. */
    private final Map<String, int[]> interfaceBodies = new LinkedHashMap<>();

    /**
     * The text between braces {@code open} and {@code close} (token indices) as WIT: a {@code use}
     * of the top-level types it mentions first, named function types written out, and in a world
     * an item typed by a declared interface ({@code import x: iface;}) given that interface's body.
     */
    private void body(StringBuilder wit, int open, int close, List<String> looseNames, boolean world)
        throws WacException {
      Set<String> mentioned = new java.util.LinkedHashSet<>();
      Set<String> local = new java.util.HashSet<>();
      for (int k = open + 1; k < close; k++) {
        Tok t = toks.get(k);
        String prev = toks.get(k - 1).text();
        if (t.kind() == T.ID && Set.of("type", "record", "variant", "enum", "flags", "resource").contains(prev)) {
          local.add(unescape(t.text()));
        } else if (t.kind() == T.ID && looseNames.contains(unescape(t.text()))) {
          mentioned.add(unescape(t.text()));
        }
      }
      mentioned.removeAll(local);
      if (!mentioned.isEmpty()) {
        wit.append(" use wac-types.{").append(String.join(", ", mentioned)).append("};");
      }
      int copied = toks.get(open).end();
      for (int k = open + 1; k < close; k++) {
        Tok t = toks.get(k);
        boolean typed = t.kind() == T.ID && toks.get(k - 1).text().equals(":");
        int[] alias = typed ? funcAliases.get(unescape(t.text())) : null;
        int[] iface = typed && world && tok(k + 1).text().equals(";") ? interfaceBodies.get(unescape(t.text())) : null;
        if (typed && alias == null && !world && tok(k + 1).text().equals(";")
            && looseNames.contains(unescape(t.text()))) {
          throw error(t, "`" + unescape(t.text()) + "` is not a function type: an interface exports functions");
        }
        if (alias != null) {
          append(wit, copied, t.start());
          append(wit, alias[0], alias[1]);
          copied = t.end();
        } else if (iface != null) {
          int braceOpen = iface[0];
          while (!toks.get(braceOpen).text().equals("{")) {
            braceOpen++;
          }
          append(wit, copied, t.start());
          wit.append("interface {");
          body(wit, braceOpen, iface[1] - 1, looseNames, false);
          append(wit, toks.get(iface[1] - 1).start(), toks.get(iface[1] - 1).end());
          copied = tok(k + 1).end(); // WIT writes no `;` after an inline interface
          k++;
        }
      }
      append(wit, copied, toks.get(close).start());
    }

    /** 1 → a, 2 → b, … 27 → ba: a kebab-case word for a number. */
    private static String word(int n) {
      StringBuilder sb = new StringBuilder();
      do {
        sb.insert(0, (char) ('a' + (n - 1) % 26));
        n = (n - 1) / 26;
      } while (n > 0);
      return sb.toString();
    }

    private void append(StringBuilder wit, int wacStart, int wacEnd) {
      wit.append('\n');
      int start = wit.length();
      wit.append(text, wacStart, wacEnd);
      chunks.add(new Chunk(start, wit.length(), wacStart));
    }

    private int toWac(int witOffset, int fallback) {
      for (Chunk c : chunks) {
        if (witOffset >= c.witStart() && witOffset <= c.witEnd()) {
          return c.wacStart() + (witOffset - c.witStart());
        }
      }
      return fallback;
    }

    /**
     * Advances to the end of the statement at hand: its closing {@code ;} (not consumed) or, for a
     * braced declaration ({@code braced}), the {@code }} that closes it when no {@code ;} follows.
     * Returns the offset where the statement's text ends.
     */
    private int statementEnd(boolean braced) throws WacException {
      int depth = 0;
      Tok start = peek();
      while (peek().kind() != T.EOF) {
        Tok t = peek();
        if (t.kind() == T.PUNCT && (t.text().equals("{") || t.text().equals("("))) {
          depth++;
        } else if (t.kind() == T.PUNCT && (t.text().equals("}") || t.text().equals(")"))) {
          depth--;
          if (depth == 0 && braced && t.text().equals("}")) {
            next();
            return t.end();
          }
        } else if (depth == 0 && t.kind() == T.PUNCT && t.text().equals(";")) {
          if (braced) {
            next();
            return t.end();
          }
          return t.start();
        }
        next();
      }
      if (braced) {
        throw error(start, "unterminated `" + start.text() + "` declaration");
      }
      return peek().start();
    }

    /** The declared interface {@code name}, if the document declares it. */
    private Integer declaredInterface(String name) {
      if (declared == null) {
        return null;
      }
      for (int i = 0; i < declared.interfaces.size(); i++) {
        if (name.equals(declared.interfaces.get(i).name)) {
          return i;
        }
      }
      return null;
    }

    /** An import of a component of the document's world {@code name}: the world's component type. */
    private ItemType declaredComponent(String name, Tok at) throws WacException {
      for (int i = declared.worlds.size() - 1; i >= 0; i--) { // the document's own package comes last
        if (name.equals(declared.worlds.get(i).name)) {
          ItemType t = ItemType.of(name, new dev.plugboard.binary.ComponentValidator.ExternT.CompX(declaredWorldType(i, at)));
          worldOfType.put(t, i);
          return t;
        }
      }
      throw error(at, "undefined world `" + name + "`");
    }

    /** World {@code world} of package {@code pkg} among the declarations and {@code deps/}, if there. */
    private dev.plugboard.wit.resolve.World declaredWorld(String pkg, String world) {
      if (declared == null) {
        return null;
      }
      String bare = pkg.replaceAll("@.*", "");
      for (var p : declared.packages) {
        String name = p.name.toString().replaceAll("@.*", "");
        if (name.equals(bare) && p.worlds.containsKey(world)) {
          return declared.worlds.get(p.worlds.get(world));
        }
      }
      return null;
    }

    private void checkTargets(Tok targets) throws WacException {
      String path = targets.text();
      int slash = path.lastIndexOf('/');
      String pkgName = path.substring(0, slash);
      String world = path.substring(slash + 1).replaceAll("@.*", "");
      dev.plugboard.binary.ComponentValidator.TypeT.Comp want;
      dev.plugboard.wit.resolve.World witWorld = declaredWorld(pkgName, world);
      Integer asInterface = witWorld == null ? declaredByPath(path) : null;
      if (asInterface != null && asInterface >= 0) {
        throw error(targets, "`" + path + "` is an interface; `targets` names a world");
      }
      if (witWorld == null && asInterface != null) {
        throw error(targets, "package `" + pkgName + "` has no world `" + world + "`");
      }
      if (witWorld != null || pkgName.replaceAll("@.*", "").equals(packageName.replaceAll("@.*", ""))) {
        dev.plugboard.wit.resolve.World w = witWorld;
        if (w == null) {
          throw error(targets, "the document declares no world `" + world + "`");
        }
        want = declaredWorldType(declared.worlds.indexOf(w), targets);
      } else {
        ComposedPackage pkg;
        try {
          pkg = packages.find(pkgName);
        } catch (CompositionException e) {
          throw error(targets, e.getMessage());
        }
        if (pkg == null) {
          throw error(targets, "unknown package `" + pkgName + "` for `targets`");
        }
        want = pkg.type();
      }
      Map<String, ItemType> wantImports = ItemType.of(want.imports());
      // the composition as a component type, under the world's names, and the world as far as it is
      // known (a type declared in WAC text fits anything): checked by the validator's subtyping
      Map<String, dev.plugboard.binary.ComponentValidator.ExternT> haveImports = new LinkedHashMap<>();
      Map<String, dev.plugboard.binary.ComponentValidator.ExternT> haveExports = new LinkedHashMap<>();
      Map<String, dev.plugboard.binary.ComponentValidator.ExternT> wantExports = new LinkedHashMap<>();
      for (Node n : graph.nodes().values()) {
        if (n instanceof Node.Import i) {
          String match = wantImports.keySet().stream().filter(k -> TypeCheck.namesMatch(k, i.importName()))
              .findFirst().orElse(null);
          if (match == null) {
            throw error(targets, "the composition imports `" + i.importName() + "`, which " + path + " does not");
          }
          String m = i.type().extern() == null ? TypeCheck.mismatch(wantImports.get(match), i.type()) : null;
          if (m != null) {
            throw error(targets, "import `" + i.importName() + "` does not match " + path + ": " + m);
          }
          if (i.type().extern() != null) {
            haveImports.put(match, i.type().extern());
          }
        }
      }
      for (var e : want.exports().entrySet()) {
        Source have = graph.exports().entrySet().stream().filter(x -> TypeCheck.namesMatch(x.getKey(), e.getKey()))
            .map(Map.Entry::getValue).findFirst().orElse(null);
        if (have == null) {
          throw error(targets, path + " requires the export `" + e.getKey() + "`, which the composition does not "
              + "export");
        }
        try {
          ItemType t = graph.typeOf(have);
          if (t.extern() != null) {
            haveExports.put(e.getKey(), t.extern());
            wantExports.put(e.getKey(), e.getValue());
          }
        } catch (CompositionException ex) {
          throw error(targets, ex.getMessage());
        }
      }
      var have = dev.plugboard.binary.ComponentTypes.componentType(haveImports, haveExports);
      var wanted = new dev.plugboard.binary.ComponentValidator.TypeT.Comp(want.imports(), wantExports,
          want.importedResources(), want.definedResources());
      var m = dev.plugboard.binary.ComponentTypes.subtype(new dev.plugboard.binary.ComponentValidator.ExternT.CompX(have),
          new dev.plugboard.binary.ComponentValidator.ExternT.CompX(wanted));
      if (m != null) {
        throw error(targets, "the composition does not match " + path + ": " + m.describe());
      }
    }

    /** The component type of declared world {@code id}, from its binary WIT package's arena. */
    private dev.plugboard.binary.ComponentValidator.TypeT.Comp declaredWorldType(int id, Tok at) throws WacException {
      try {
        return declaredTypes.world(id);
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw error(at, "the types of world " + declared.worlds.get(id).name + " cannot be read: " + e.getMessage());
      }
    }

    /** The instance type of declared interface {@code id}, from its binary WIT package's arena. */
    private ItemType.Instance declaredInstance(int id, Tok at) throws WacException {
      try {
        return (ItemType.Instance) ItemType.of(declared.interfaceName(id), declaredTypes.instance(id));
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw error(at, "the types of interface " + declared.interfaceName(id) + " cannot be read: "
            + e.getMessage());
      }
    }

    private void statement() throws WacException {
      Tok t = peek();
      switch (t.kind() == T.ID ? t.text() : "") {
        case "import" -> importStatement();
        case "let" -> letStatement();
        case "export" -> exportStatement();
        case "interface", "world", "type", "record", "variant", "enum", "flags", "resource" -> typeStatement();
        default -> throw error(t, "expected `import`, `let`, `export` or a type declaration, found " + describe(t));
      }
    }

    /**
     * Names of the document's type statements ({@code interface}, {@code world}, {@code record},
     * …) by name, with the keyword that declared each: they share one namespace with the
     * names that imports and {@code let} bind, in the document's order.
     */
    private final Map<String, String> declaredNames = new java.util.HashMap<>();

    /** A name may be defined once in a document: as an import, a {@code let} or a type statement. */
    private void undefined(Tok local) throws WacException {
      String name = unescape(local.text());
      if (scope.containsKey(name)) {
        throw error(local, "`" + name + "` is already defined");
      }
      if (declaredNames.containsKey(name)) {
        throw error(local, "`" + name + "` is already defined as " + article(declaredNames.get(name)));
      }
    }

    private static String article(String keyword) {
      return ("aeiou".indexOf(keyword.charAt(0)) >= 0 ? "an " : "a ") + keyword;
    }

    /** The value a name in an expression is bound to. */
    private Val value(Tok name) throws WacException {
      Val v = scope.get(unescape(name.text()));
      if (v == null && declaredNames.containsKey(unescape(name.text()))) {
        throw error(name, "`" + unescape(name.text()) + "` is " + article(declaredNames.get(unescape(name.text())))
            + ", not a value: an expression names an import, an instance or an export of one");
      }
      if (v == null) {
        throw error(name, "undefined name `" + unescape(name.text()) + "`");
      }
      return v;
    }

    /** Type declarations are kept as written (a composition may declare types for its imports). */
    private void typeStatement() throws WacException {
      Tok keyword = peek();
      Tok name = tok(p + 1);
      if (name.kind() == T.ID) {
        undefined(name);
        declaredNames.put(unescape(name.text()), keyword.text());
      }
      int start = peek().start();
      typeStatements.add(text.substring(start, statementEnd(true)));
    }

    private void importStatement() throws WacException {
      int statementIndex = p;
      next();
      Tok local = id();
      String importName = null;
      Tok asTok = null;
      if (at("as") || at("with")) {
        Tok kw = next();
        asTok = next();
        if (asTok.kind() != T.ID && asTok.kind() != T.STRING) {
          throw error(asTok, "expected a name after `" + kw.text() + "`");
        }
        importName = asTok.kind() == T.STRING ? asTok.text() : unescape(asTok.text());
        checkName(asTok, importName);
      }
      expect(":");
      ItemType type;
      Tok typeStart = peek();
      if (at("func") || at("interface")) {
        statementEnd(false);
        type = new ItemType.Declared(typeStart.text(), null);
        String iface = inlineImports.get(statementIndex);
        Integer id = iface == null ? null : declaredInterface(iface);
        if (importName == null) {
          importName = unescape(local.text());
        }
        if (id != null) {
          ItemType.Instance inst = declaredInstance(id, typeStart);
          type = typeStart.text().equals("func") ? inst.functions().values().iterator().next() : inst;
          declaredImports.put(importName, id);
        }
      } else if (tok(p + 1).text().equals(":")) {
        Tok path = packagePath();
        type = typeOfPath(path);
        if (importName == null) {
          importName = path.text();
        }
        Integer id = declaredByPath(path.text());
        if (id != null && id >= 0) {
          declaredImports.put(importName, id);
        }
      } else if (inlineImports.containsKey(statementIndex)) {
        Tok ref = id();
        Integer id = declaredInterface(inlineImports.get(statementIndex));
        if (id == null) {
          throw error(ref, "`" + unescape(ref.text()) + "` is not a function type the document declares");
        }
        type = declaredInstance(id, ref).functions().values().iterator().next();
        if (importName == null) {
          importName = unescape(local.text());
        }
        declaredImports.put(importName, id);
      } else {
        Tok ref = id();
        Integer id = declaredInterface(unescape(ref.text()));
        if (id == null && local.text().equals(tok(statementIndex + 1).text()) && tok(p).text().equals("/")) {
          throw error(local, "an import by package path needs a local name first: `import "
              + unescape(ref.text()) + ": " + unescape(local.text()) + ":" + unescape(ref.text()) + "/...;`");
        }
        String kind = declaredNames.get(unescape(ref.text()));
        if (id == null && "world".equals(kind)) {
          type = declaredComponent(unescape(ref.text()), ref); // an import of a component of that world
        } else if (id == null) {
          throw error(ref, kind == null ? "undefined name `" + unescape(ref.text()) + "`" : "`" + unescape(ref.text())
              + "` is " + article(kind) + ": an import's type is a function type, an interface or a world");
        } else {
          type = declaredInstance(id, ref);
        }
        if (importName == null) {
          importName = unescape(local.text());
        }
        if (id != null) {
          declaredImports.put(importName, id);
        }
      }
      expect(";");
      define(local, null);
      if (worldOfType.containsKey(type)) {
        declaredComponentImports.put(importName, worldOfType.get(type));
      }
      if (implicitImports.containsKey(importName)) {
        throw error(asTok != null ? asTok : local, "import `" + importName + "` conflicts with an item that was "
            + "implicitly imported by an instantiation of " + implicitImports.get(importName));
      }
      for (Node n : graph.nodes().values()) {
        if (n instanceof Node.Import other && other.importName().equalsIgnoreCase(importName)) {
          throw error(asTok != null ? asTok : local, "duplicate import `" + importName + "`: the composition already "
              + "imports " + (other.importName().equals(importName) ? "that name"
              : "`" + other.importName() + "` (names are unique regardless of case)"));
        }
      }
      annotated(asTok, importName, type);
      try {
        graph.addImport(unescape(local.text()), importName, type);
      } catch (CompositionException e) {
        throw error(asTok != null ? asTok : local, e.getMessage());
      }
      scope.put(unescape(local.text()), new Val.Item(new Source.Whole(unescape(local.text())), importName));
    }

    /**
     * The type of an interface by its path ({@code ns:pkg/iface@version}): from a registered
     * component that imports or exports it, from the WIT packages (the document's declarations and
     * {@code deps/}), or from the package of that name. An unknown package or interface is an error.
     */
    private ItemType typeOfPath(Tok path) throws WacException {
      ItemType known = typeIn(graph.packages().values(), path.text());
      if (known != null) {
        return known;
      }
      String text = path.text();
      int slash = text.indexOf('/');
      int at = text.indexOf('@');
      String pkgName = text.substring(0, slash) + (at < 0 ? "" : text.substring(at));
      String iface = text.substring(slash + 1, at < 0 ? text.length() : at);
      Integer id = declaredByPath(text);
      if (id != null && id >= 0) {
        return declaredInstance(id, path);
      }
      if (id != null) {
        for (var p : declared.packages) {
          if (p.name.toString().replaceAll("@.*", "").equals(pkgName.replaceAll("@.*", ""))
              && p.worlds.containsKey(iface)) {
            ItemType t = new ItemType.Other("component of world " + text, // an import of a component
                new dev.plugboard.binary.ComponentValidator.ExternT.CompX(declaredWorldType(p.worlds.get(iface), path)));
            worldOfType.put(t, p.worlds.get(iface));
            return t;
          }
        }
        throw error(path, "package `" + pkgName + "` has no interface or world `" + iface + "`");
      }
      ComposedPackage pkg;
      try {
        pkg = packages.find(pkgName);
      } catch (CompositionException e) {
        throw error(path, e.getMessage());
      }
      List<ComposedPackage> candidates = new ArrayList<>();
      if (pkg != null) {
        candidates.add(pkg);
      } else {
        // an interface of another package that a component instantiated later in the document imports or exports
        for (String name : componentNames(pkgName).subList(1, componentNames(pkgName).size())) {
          try {
            ComposedPackage later = packages.find(name);
            if (later != null) {
              candidates.add(later);
            }
          } catch (CompositionException e) {
            // reported where that package is instantiated
          }
        }
      }
      known = typeIn(candidates, text);
      if (known == null && pkg == null) {
        throw error(path, "unknown package `" + pkgName + "`");
      }
      if (known == null) {
        throw error(path, "package `" + pkgName + "` has no interface `" + iface + "`");
      }
      return known;
    }

    /**
     * The declared (document or {@code deps/}) interface {@code ns:pkg/iface@version}: its id, -1
     * when the package is declared but has no such interface, null when the package is not declared.
     */
    private Integer declaredByPath(String text) {
      if (declared == null) {
        return null;
      }
      int slash = text.indexOf('/');
      int at = text.indexOf('@');
      String pkgName = text.substring(0, slash) + (at < 0 ? "" : text.substring(at));
      String iface = text.substring(slash + 1, at < 0 ? text.length() : at);
      Integer found = null;
      for (var p : declared.packages) {
        if (p.name.toString().equals(pkgName) || (at < 0 && p.name.toString().replaceAll("@.*", "").equals(pkgName))) {
          found = p.interfaces.getOrDefault(iface, -1);
          if (found >= 0) {
            return found;
          }
        }
      }
      return found;
    }

    /** Package {@code pkg} itself, then every package the document instantiates: where its interfaces may be. */
    private List<String> componentNames(String pkg) {
      List<String> names = new ArrayList<>();
      names.add(pkg);
      for (int k = 0; k + 1 < toks.size(); k++) {
        if (toks.get(k).kind() == T.ID && toks.get(k).text().equals("new")) {
          names.add(pathAt(k + 1, false));
        }
      }
      return names;
    }

    /** The package name or path written from token {@code k} on, without consuming it ("" if there is none). */
    private String pathAt(int k, boolean allowSlash) {
      int save = p;
      p = k;
      try {
        return path(allowSlash).text();
      } catch (WacException e) {
        return "";
      } finally {
        p = save;
      }
    }

    /** What one of {@code pkgs} imports or exports under {@code path} (semver-compatible), or null. */
    private static ItemType typeIn(java.util.Collection<ComposedPackage> pkgs, String path) {
      for (ComposedPackage pkg : pkgs) {
        for (var m : List.of(pkg.imports(), pkg.exports())) {
          for (var e : m.entrySet()) {
            if (TypeCheck.namesMatch(e.getKey(), path) || TypeCheck.namesMatch(path, e.getKey())) {
              return e.getValue();
            }
          }
        }
      }
      return null;
    }

    /** An import or export name must be a kebab-case label or an interface name. */
    private void checkName(Tok at, String name) throws WacException {
      String problem = ExternName.problem(name);
      if (problem != null) {
        throw error(at, problem);
      }
    }

    private void define(Tok local, Val v) throws WacException {
      String name = unescape(local.text());
      undefined(local);
      if (v != null) {
        scope.put(name, v);
      }
    }

    private void letStatement() throws WacException {
      next();
      Tok local = id();
      undefined(local);
      expect("=");
      Val v = expression(unescape(local.text()));
      expect(";");
      define(local, v);
    }

    private void exportStatement() throws WacException {
      Tok start = next();
      int exprStart = peek().start();
      Val v = expression(null);
      int exprEnd = toks.get(p - 1).end();
      if (at("...")) {
        Tok dots = next();
        Map<String, Source> exports = exportsOf(v);
        if (exports == null) {
          throw error(exprStart, exprEnd, "only an instance can be spread");
        }
        expect(";");
        if (exports.isEmpty()) {
          throw error(dots, "the instance has no exports to spread");
        }
        int added = 0;
        for (var e : exports.entrySet()) {
          if (graph.exports().keySet().stream().noneMatch(e.getKey()::equalsIgnoreCase)) {
            export(e.getValue(), e.getKey(), dots);
            added++;
          }
        }
        if (added == 0) {
          throw error(dots, "the spread has no effect: every export of the instance is already exported");
        }
        return;
      }
      String name;
      Tok nameTok = null;
      if (at("as") || at("with")) {
        Tok kw = next();
        nameTok = next();
        if (nameTok.kind() != T.ID && nameTok.kind() != T.STRING) {
          throw error(nameTok, "expected a name after `" + kw.text() + "`");
        }
        name = nameTok.kind() == T.STRING ? nameTok.text() : unescape(nameTok.text());
        checkName(nameTok, name);
      } else {
        name = switch (v) {
          case Val.Item i -> i.name();
          case Val.Inst i -> throw error(start, "an exported instance needs a name: `export x as name;`, or "
              + "spread its exports with `export x...;`");
        };
      }
      expect(";");
      Source source = switch (v) {
        case Val.Item i -> i.source();
        case Val.Inst i -> new Source.Whole(i.node());
      };
      export(source, name, nameTok != null ? nameTok : start);
    }

    /**
     * An annotated name ({@code [method]r.m}) is a function's, and its resource {@code r} a resource
     * type the composition imports or exports before it (Explainer.md, "Import and Export
     * Definitions"); the function's shape is the validator's to check.
     */
    private void annotated(Tok at, String name, ItemType type) throws WacException {
      String resource = ExternName.annotatedResource(name);
      if (resource == null) {
        return;
      }
      boolean function = type instanceof ItemType.Func || type instanceof ItemType.Declared d && d.kind().equals("func");
      if (!function) {
        throw error(at, "`" + name + "` names a function, but this is " + type.describe());
      }
      ItemType known = null;
      try {
        Source exported = graph.exports().get(resource);
        known = exported != null ? graph.typeOf(exported)
            : graph.importNamed(resource).map(Node.Import::type).orElse(null);
      } catch (CompositionException e) {
        // not a resource either
      }
      if (known == null || !(known.extern() instanceof ExternT.TypeX(TypeT.Resource r))) {
        throw error(at, "`" + name + "` belongs to resource `" + resource + "`, which the composition does not "
            + "import or export before it");
      }
    }

    private void export(Source source, String name, Tok at) throws WacException {
      try {
        annotated(at, name, graph.typeOf(source));
      } catch (CompositionException e) {
        throw error(at, e.getMessage());
      }
      for (String have : graph.exports().keySet()) {
        if (have.equalsIgnoreCase(name)) {
          throw error(at, "duplicate export `" + name + "`: the composition already exports " + (have.equals(name)
              ? "that name" : "`" + have + "` (names are unique regardless of case)"));
        }
      }
      try {
        graph.export(source, name);
      } catch (CompositionException e) {
        throw error(at, e.getMessage());
      }
    }

    /**
     * What spreading {@code v} gives, export name → source: the exports of an instantiation, or
     * the functions of an imported instance; null when {@code v} is not an instance.
     */
    private Map<String, Source> exportsOf(Val v) throws WacException {
      Map<String, Source> out = new LinkedHashMap<>();
      if (v instanceof Val.Inst inst) {
        for (String e : graph.packages().get(node(inst).pkg()).exports().keySet()) {
          out.put(e, new Source.Export(inst.node(), e));
        }
        return out;
      }
      if (v instanceof Val.Item item && item.source() instanceof Source.Whole w
          && graph.nodes().get(w.node()) instanceof Node.Import imp && imp.type() instanceof ItemType.Instance type) {
        for (String f : type.functions().keySet()) {
          out.put(f, new Source.Export(w.node(), f));
        }
        return out;
      }
      if (v instanceof Val.Item item && item.source() instanceof Source.Export e
          && exportedInstance(e) instanceof TypeT.Inst inst) {
        for (String name : inst.exports().keySet()) {
          out.put(name, e.then(name));
        }
        return out;
      }
      return null;
    }

    /** The instance type of the export {@code e} (at any depth), or null when it is not an instance. */
    private TypeT.Inst exportedInstance(Source.Export e) {
      try {
        return graph.typeOf(e).extern() instanceof ExternT.InstX(TypeT.Inst inst) ? inst : null;
      } catch (CompositionException x) {
        return null; // checked when the export was accessed
      }
    }

    private Node.Instantiation node(Val.Inst inst) throws WacException {
      try {
        return graph.instantiation(inst.node());
      } catch (CompositionException e) {
        throw new IllegalStateException(e);
      }
    }

    private Val expression(String letName) throws WacException {
      Val v = primary(letName);
      while (true) {
        if (at(".") && !at("...")) {
          Tok dot = next();
          Tok name = id();
          v = access(v, unescape(name.text()), false, dot, name);
        } else if (at("[")) {
          Tok open = next();
          Tok name = next();
          if (name.kind() != T.STRING) {
            throw error(name, "expected a string export name in `[\"...\"]`");
          }
          expect("]");
          v = access(v, name.text(), true, open, name);
        } else {
          return v;
        }
      }
    }

    /** How deep parentheses may nest in an expression (a bound on the parser's recursion). */
    private static final int MAX_NESTING = 100;
    private int nesting;

    private Val primary(String letName) throws WacException {
      if (at("(")) {
        Tok open = next();
        if (++nesting > MAX_NESTING) {
          throw error(open, "parentheses nest deeper than " + MAX_NESTING + " levels");
        }
        try {
          Val v = expression(null);
          expect(")");
          return v;
        } finally {
          nesting--;
        }
      }
      if (at("new")) {
        return newExpression(letName);
      }
      return value(id());
    }

    private Val access(Val v, String name, boolean exact, Tok at, Tok nameTok) throws WacException {
      if (v instanceof Val.Item item && item.source() instanceof Source.Whole w
          && graph.nodes().get(w.node()) instanceof Node.Import imp && imp.type() instanceof ItemType.Instance type) {
        // an export of an imported instance
        String export = exact ? name : inferExport(type.functions().keySet(), name);
        if (!type.functions().containsKey(export)) {
          throw error(nameTok, "the imported instance `" + imp.importName() + "` has no export `" + export + "`");
        }
        return new Val.Item(new Source.Export(w.node(), export), export);
      }
      if (v instanceof Val.Item item && item.source() instanceof Source.Export e
          && exportedInstance(e) instanceof TypeT.Inst nested) {
        // an export of an exported instance, at any depth
        String export = exact ? name : inferExport(nested.exports().keySet(), name);
        if (!nested.exports().containsKey(export)) {
          throw error(nameTok, "the instance `" + e.last() + "` has no export `" + export + "`; it exports "
              + (nested.exports().isEmpty() ? "nothing" : String.join(", ", nested.exports().keySet())));
        }
        return new Val.Item(e.then(export), export);
      }
      if (!(v instanceof Val.Inst inst)) {
        throw error(at.start(), nameTok.end(), "only an instance has exports to access");
      }
      ComposedPackage pkg = graph.packages().get(node(inst).pkg());
      String export = exact ? name : inferExport(pkg.exports().keySet(), name);
      if (!pkg.exports().containsKey(export)) {
        throw error(nameTok, "the instance of " + pkg.name() + " has no export `" + export + "`; it exports "
            + (pkg.exports().isEmpty() ? "nothing" : String.join(", ", pkg.exports().keySet())));
      }
      return new Val.Item(new Source.Export(inst.node(), export), export);
    }

    /** Exactly one name whose path ends with {@code /name} (perhaps versioned), else the name itself. */
    private static String inferExport(Set<String> names, String name) {
      String found = null;
      for (String n : names) {
        String bare = n.contains("@") ? n.substring(0, n.indexOf('@')) : n;
        if (bare.endsWith("/" + name)) {
          if (found != null) {
            return name;
          }
          found = n;
        }
      }
      return found != null ? found : name;
    }

    private Val newExpression(String letName) throws WacException {
      Tok kw = next();
      Tok pkgTok = path(false);
      if (at("/")) {
        throw error(pkgTok.start(), peek().end(), "`new` instantiates a package (`ns:name`), not an interface path");
      }
      ComposedPackage pkg;
      try {
        pkg = packages.find(pkgTok.text());
      } catch (CompositionException e) {
        throw error(pkgTok, e.getMessage());
      }
      if (pkg == null) {
        throw error(pkgTok, "unknown package `" + pkgTok.text() + "` (give it with --dep " + pkgTok.text()
            + "=FILE.wasm, or put it in deps/)");
      }
      try {
        graph.register(pkg);
      } catch (CompositionException e) {
        throw error(pkgTok, e.getMessage());
      }
      String node = letName != null && !graph.nodes().containsKey(letName) ? letName : fresh(pkg.name());
      try {
        graph.instantiate(node, pkg.name());
      } catch (CompositionException e) {
        throw error(kw, e.getMessage());
      }
      expect("{");
      List<Map<String, Source>> spreads = new ArrayList<>();
      List<Tok> spreadToks = new ArrayList<>();
      boolean implicit = false;
      java.util.Set<String> given = new java.util.HashSet<>();
      while (!at("}")) {
        if (implicit) {
          throw error(peek(), "`...` must be the last argument");
        }
        if (at("...")) {
          Tok dots = next();
          if (at("}") || at(",")) {
            if (at(",") && tok(p + 1).text().equals("}")) {
              throw error(peek(), "expected `}` after `...`, found `,`: `...` ends the arguments");
            }
            implicit = true;
          } else {
            Tok name = id();
            Map<String, Source> exports = exportsOf(value(name));
            if (exports == null) {
              throw error(name, "only an instance can be spread");
            }
            spreads.add(exports);
            spreadToks.add(dots);
          }
        } else {
          Tok first = next();
          if (first.kind() == T.STRING || (first.kind() == T.ID && at(":"))) {
            if (first.kind() == T.ID && (KEYWORDS.contains(first.text()))) {
              throw error(first, "expected an argument name, found `" + first.text() + "`");
            }
            expect(":");
            Val v = expression(null);
            String arg = first.kind() == T.STRING ? first.text()
                : inferImport(pkg.imports().keySet(), unescape(first.text()));
            if (!given.add(arg)) {
              throw error(first, "duplicate argument `" + arg + "`");
            }
            argument(node, arg, v, first);
          } else {
            if (first.kind() != T.ID) {
              throw error(first, "expected an argument, found " + describe(first));
            }
            p--;
            Val v = value(id());
            String arg = inferredName(pkg, unescape(first.text()), v);
            if (!given.add(arg)) {
              throw error(first, "duplicate argument `" + arg + "`");
            }
            argument(node, arg, v, first);
          }
        }
        if (at(",")) {
          next();
        } else if (!at("}")) {
          throw error(peek(), "expected `,` or `}`, found " + describe(peek()));
        }
      }
      Tok close = expect("}");
      for (int k = 0; k < spreads.size(); k++) {
        int matched = 0;
        for (String imp : pkg.imports().keySet()) {
          if (argSet(node, imp)) {
            continue;
          }
          for (var e : spreads.get(k).entrySet()) {
            if (TypeCheck.namesMatch(e.getKey(), imp)) {
              argument(node, imp, new Val.Item(e.getValue(), e.getKey()), spreadToks.get(k));
              matched++;
              break;
            }
          }
        }
        if (matched == 0) {
          throw error(spreadToks.get(k), "the spread instance exports nothing that " + pkg.name() + " still needs");
        }
      }
      for (String imp : pkg.imports().keySet()) {
        if (argSet(node, imp)) {
          continue;
        }
        if (!implicit) {
          throw error(kw.start(), close.end(), "missing argument `" + imp + "` of " + pkg.name()
              + " (give it, or end the arguments with `...` to import it)");
        }
        implicitImport(node, imp, pkg, kw);
      }
      return new Val.Inst(node);
    }

    private boolean argSet(String node, String imp) throws WacException {
      try {
        return graph.instantiation(node).args().containsKey(imp);
      } catch (CompositionException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Imports {@code imp} for {@code node} ({@code ...}): a new import, or the one an earlier
     * instantiation imported implicitly, merged with this one (instances: the union of their
     * functions, which must agree where they overlap), or an explicit import of that name.
     */
    private void implicitImport(String node, String imp, ComposedPackage pkg, Tok at) throws WacException {
      try {
        var existing = graph.importNamed(imp);
        String importNode;
        ItemType wanted = pkg.imports().get(imp);
        if (existing.isPresent()) {
          importNode = existing.get().name();
          if (implicitImports.containsKey(imp)) {
            ItemType merged = TypeCheck.merge(imp, existing.get().type(), wanted);
            if (merged == null) {
              throw error(at, "implicit import `" + imp + "` of " + pkg.name() + " conflicts with the one of "
                  + implicitImports.get(imp) + ": " + TypeCheck.mismatch(existing.get().type(), wanted));
            }
            if (!merged.equals(existing.get().type())) {
              graph.retypeImport(importNode, merged);
            }
          }
        } else {
          importNode = fresh(imp);
          graph.addImport(importNode, imp, wanted);
          implicitImports.put(imp, pkg.name());
        }
        graph.setArgument(node, imp, new Source.Whole(importNode));
      } catch (CompositionException e) {
        throw error(at, e.getMessage());
      }
    }

    private void argument(String node, String arg, Val v, Tok at) throws WacException {
      Source s = switch (v) {
        case Val.Item i -> i.source();
        case Val.Inst i -> new Source.Whole(i.node());
      };
      try {
        graph.setArgument(node, arg, s);
      } catch (CompositionException e) {
        throw error(at, e.getMessage());
      }
    }

    /** The rules of "inferred arguments". */
    private String inferredName(ComposedPackage pkg, String local, Val v) {
      if (v instanceof Val.Item i && pkg.imports().containsKey(i.name())) {
        return i.name();
      }
      if (v instanceof Val.Item i) {
        for (String imp : pkg.imports().keySet()) {
          if (TypeCheck.namesMatch(i.name(), imp)) {
            return imp;
          }
        }
      }
      return inferImport(pkg.imports().keySet(), local);
    }

    private static String inferImport(Set<String> imports, String name) {
      return inferExport(imports, name);
    }

    private String fresh(String base) {
      String stem = base.replaceAll("@.*$", "");
      stem = NodeId.identifier(stem.substring(Math.max(stem.lastIndexOf('/'), stem.lastIndexOf(':')) + 1));
      return NodeId.unique(stem, n -> graph.nodes().containsKey(n) || scope.containsKey(n)
          || declaredNames.containsKey(n));
    }
  }

  // ---- writing ------------------------------------------------------------------------------

  /** The graph as WAC: imports, one {@code let} per instantiation (arguments by exact name), exports. */
  public static String write(String packageName, CompositionGraph graph, List<String> typeStatements) {
    StringBuilder sb = new StringBuilder("package ").append(packageName).append(";\n");
    if (!typeStatements.isEmpty()) {
      sb.append('\n');
      for (String t : typeStatements) {
        sb.append(t).append("\n\n");
      }
    }
    boolean first = true;
    for (Node n : graph.nodes().values()) {
      if (n instanceof Node.Import i) {
        if (first) {
          sb.append('\n');
          first = false;
        }
        sb.append("import ").append(id(i.name()));
        boolean isPath = i.importName().contains(":") && i.importName().contains("/");
        if (!isPath && !i.importName().equals(i.name())) {
          sb.append(" as \"").append(i.importName()).append('"');
        }
        sb.append(": ").append(isPath ? i.importName() : inlineType(i.type())).append(";\n");
      }
    }
    for (Node.Instantiation i : graph.instantiationOrder()) {
      sb.append("\nlet ").append(id(i.name())).append(" = new ").append(i.pkg()).append(" {");
      if (i.args().isEmpty()) {
        sb.append("};\n");
        continue;
      }
      sb.append('\n');
      for (var a : i.args().entrySet()) {
        sb.append("  \"").append(a.getKey()).append("\": ").append(expr(a.getValue())).append(",\n");
      }
      sb.append("};\n");
    }
    if (!graph.exports().isEmpty()) {
      sb.append('\n');
    }
    for (var e : graph.exports().entrySet()) {
      sb.append("export ").append(expr(e.getValue())).append(" as \"").append(e.getKey()).append("\";\n");
    }
    return sb.toString();
  }

  /**
   * An import's type as WAC text: {@code func(..)} or {@code interface { .. }} when it is made of
   * types that can be written in place (no records, variants, enums, flags or resources, which
   * need declarations); else {@code interface {}}.
   */
  static String inlineType(ItemType type) {
    return switch (type) {
      case ItemType.Func f when inline(f) -> funcText(f);
      case ItemType.Instance inst when inst.resources().isEmpty()
          && inst.functions().values().stream().allMatch(Wac::inline) -> {
        StringBuilder sb = new StringBuilder("interface {");
        inst.functions().forEach((name, f) -> sb.append(' ').append(id(name)).append(": ").append(funcText(f))
            .append(';'));
        yield sb.append(" }").toString();
      }
      default -> "interface {}";
    };
  }

  private static boolean inline(ItemType.Func f) {
    return f.params().stream().allMatch(Wac::inline) && (f.result() == null || inline(f.result()));
  }

  private static boolean inline(dev.plugboard.types.ValueType t) {
    return switch (t) {
      case dev.plugboard.types.ValueType.Prim p -> true;
      case dev.plugboard.types.ValueType.ListType l -> inline(l.element());
      case dev.plugboard.types.ValueType.FixedListType l -> inline(l.element());
      case dev.plugboard.types.ValueType.OptionType o -> inline(o.type());
      case dev.plugboard.types.ValueType.ResultType r -> (r.ok() == null || inline(r.ok()))
          && (r.err() == null || inline(r.err()));
      case dev.plugboard.types.ValueType.TupleType tu -> tu.types().stream().allMatch(Wac::inline);
      case dev.plugboard.types.ValueType.MapType m -> inline(m.key()) && inline(m.value());
      default -> false;
    };
  }

  private static String funcText(ItemType.Func f) {
    StringBuilder sb = new StringBuilder("func(");
    for (int k = 0; k < f.params().size(); k++) {
      sb.append(k == 0 ? "" : ", ").append(id(f.names().get(k))).append(": ")
          .append(dev.plugboard.types.ValueType.describe(f.params().get(k)));
    }
    sb.append(')');
    if (f.result() != null) {
      sb.append(" -> ").append(dev.plugboard.types.ValueType.describe(f.result()));
    }
    return sb.toString();
  }

  private static String expr(Source s) {
    return switch (s) {
      case Source.Whole w -> id(w.node());
      case Source.Export e -> id(e.node()) + "[\"" + e.export() + "\"]"
          + e.inner().stream().map(n -> "[\"" + n + "\"]").collect(java.util.stream.Collectors.joining());
    };
  }

  static String id(String name) {
    return KEYWORDS.contains(name) || WIT_KEYWORDS.contains(name) ? "%" + name : name;
  }

  /** Words of WIT's type syntax that a name written inside a type must escape with {@code %}. */
  private static final Set<String> WIT_KEYWORDS = Set.of("func", "u8", "u16", "u32", "u64", "s8", "s16", "s32",
      "s64", "f32", "f64", "char", "bool", "string", "list", "option", "result", "tuple", "map", "borrow", "own",
      "future", "stream", "static", "constructor", "async", "error-context", "with", "from");
}
