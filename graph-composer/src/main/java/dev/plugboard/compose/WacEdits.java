package dev.plugboard.compose;

import dev.plugboard.compose.CompositionException.Kind;
import dev.plugboard.compose.CompositionGraph.Node;
import dev.plugboard.compose.CompositionGraph.Source;
import dev.plugboard.compose.WacLexer.T;
import dev.plugboard.compose.WacLexer.Tok;
import dev.plugboard.compose.WacOutline.Arg;
import dev.plugboard.compose.WacOutline.LetNew;
import dev.plugboard.compose.WacOutline.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link GraphEdit} as a change of WAC text that keeps what the user wrote: only the statements
 * the edit touches change (a new {@code let} goes after the last one; a wire rewrites the
 * arguments of one {@code new}; a delete removes its lines), comments, order and type statements
 * stay byte for byte. Where a wire needs a name before it is defined, the statements involved
 * are moved into an order that defines every name before its use, the rest staying in place.
 */
final class WacEdits {
  private WacEdits() {}

  private record Replacement(int start, int end, String text) {}

  /** The text after {@code edit}; the graph is the one {@code text} reads into. */
  static String apply(GraphEdit edit, String text, CompositionGraph g, Wac.Packages packages)
      throws CompositionException {
    WacOutline o = WacOutline.of(text);
    return switch (edit) {
      case GraphEdit.AddInstance a -> addInstance(o, g, a, packages);
      case GraphEdit.Remove r -> remove(o, g, r.nodes().stream().map(NodeId::name).toList());
      case GraphEdit.Wire w -> wire(o, g, w);
      case GraphEdit.Unwire u -> {
        LetNew l = letNew(o, u.target().name());
        Source was = instantiation(g, l.name()).args().get(u.importName());
        if (was == null) {
          throw new CompositionException(Kind.NO_SUCH_IMPORT, "`" + l.name() + "` has no import `" + u.importName()
              + "`");
        }
        if (implicit(o, g, was)) {
          throw new CompositionException(Kind.MISSING_ARGUMENT, "import `" + u.importName() + "` of `" + l.name()
              + "` is not wired: the composition imports it");
        }
        yield apply(text, List.of(argsOf(o, g, l, Set.of(u.importName()), Map.of())));
      }
      case GraphEdit.Rename r -> rename(o, g, r);
      case GraphEdit.ExportPort x -> exportPort(o, g, x);
      case GraphEdit.Unexport u -> unexport(o, g, u.name());
      case GraphEdit.AutoPlug a -> autoPlug(o, g, a.node().name());
      case GraphEdit.Move m -> text;
    };
  }

  // ---- the edits ------------------------------------------------------------------------

  private static String addInstance(WacOutline o, CompositionGraph g, GraphEdit.AddInstance a, Wac.Packages packages)
      throws CompositionException {
    String name = a.node().name();
    checkNewName(o, g, name);
    ComposedPackage pkg = packages.find(a.pkg());
    if (pkg == null) {
      throw new CompositionException(Kind.UNKNOWN_PACKAGE, "unknown package `" + a.pkg() + "`");
    }
    String nl = o.newline();
    String statement = "let " + Wac.id(name) + " = new " + a.pkg() + (pkg.imports().isEmpty() ? " {}" : " { ... }")
        + ";" + nl;
    Statement anchor = null;
    for (Statement s : o.statements()) {
      if (s instanceof LetNew || s instanceof WacOutline.Let || s instanceof WacOutline.Import) {
        anchor = s;
      }
    }
    boolean afterHeader = anchor == null;
    if (anchor == null && !o.statements().isEmpty()) {
      anchor = o.statements().getFirst();
    }
    int at = anchor == null ? o.text().length() : o.lines(anchor)[1];
    String before = at > 0 && o.text().charAt(at - 1) != '\n' ? nl : "";
    return insert(o.text(), at, before + (afterHeader && anchor != null ? nl : "") + statement);
  }

  private static String remove(WacOutline o, CompositionGraph g, List<String> names) throws CompositionException {
    List<Replacement> out = new ArrayList<>();
    for (String name : names) {
      Statement own = o.statements().stream().filter(s -> name.equals(definedName(s))).findFirst().orElse(null);
      if (own == null) {
        throw new CompositionException(Kind.NOT_AN_INSTANTIATION, "`" + name + "` is not declared in the text (an "
            + "import made by `...` goes away when its instantiations are wired)");
      }
      int[] span = o.lines(own);
      out.add(new Replacement(span[0], span[1], ""));
    }
    for (Statement s : o.statements()) {
      if (s instanceof LetNew l && !names.contains(l.name())
          && g.nodes().get(l.name()) instanceof Node.Instantiation i) {
        Set<String> drop = new LinkedHashSet<>();
        i.args().forEach((imp, src) -> {
          if (names.contains(nodeOf(src))) {
            drop.add(imp);
          }
        });
        if (!drop.isEmpty()) {
          out.add(argsOf(o, g, l, drop, Map.of()));
        }
      } else if (s instanceof WacOutline.Export x && names.contains(x.node())) {
        int[] e = o.lines(s);
        out.add(new Replacement(e[0], e[1], ""));
      }
    }
    return apply(o.text(), out);
  }

  private static String wire(WacOutline o, CompositionGraph g, GraphEdit.Wire w) throws CompositionException {
    Wiring.Fit fit = Wiring.fit(g, w.source(), w.export(), w.target(), w.importName());
    if (!fit.ok()) {
      Kind kind = fit.path().isEmpty() && fit.reason().contains("cycle") ? Kind.CYCLE : Kind.TYPE_MISMATCH;
      throw new CompositionException(kind, "cannot wire " + w.source() + (w.export() == null ? "" : "." + w.export())
          + " to " + w.target() + "." + w.importName() + ": " + fit.explain(), fit.path(), fit.reason());
    }
    LetNew l = letNew(o, w.target().name());
    Source want = Wiring.source(w.source(), w.export());
    Source was = instantiation(g, l.name()).args().get(w.importName());
    if (want.equals(was)) {
      return o.text();
    }
    if (was != null && explicitArg(g, l, w.importName()) != null) {
      throw new CompositionException(Kind.ARGUMENT_ALREADY_SET, "import `" + w.importName() + "` of `" + l.name()
          + "` is already wired from `" + nodeOf(was) + "`; unwire it first");
    }
    String text = apply(o.text(), List.of(argsOf(o, g, l, Set.of(), Map.of(w.importName(), expr(want)))));
    return reorder(WacOutline.of(text));
  }

  private static String autoPlug(WacOutline o, CompositionGraph g, String name) throws CompositionException {
    LetNew l = letNew(o, name);
    Node.Instantiation inst = instantiation(g, name);
    Map<String, String> add = new LinkedHashMap<>();
    for (var arg : inst.args().entrySet()) {
      if (!implicit(o, g, arg.getValue())) {
        continue;
      }
      for (Node n : g.nodes().values()) {
        if (!(n instanceof Node.Instantiation other) || other.name().equals(name)) {
          continue;
        }
        String export = g.packages().get(other.pkg()).exports().keySet().stream()
            .filter(e -> TypeCheck.namesMatch(e, arg.getKey())).findFirst().orElse(null);
        if (export != null && Wiring.fit(g, NodeId.of(other.name()), export, NodeId.of(name), arg.getKey()).ok()) {
          add.put(arg.getKey(), expr(new Source.Export(other.name(), export)));
          break;
        }
      }
    }
    if (add.isEmpty()) {
      throw new CompositionException(Kind.NOTHING_PLUGGED, "no instance exports what `" + name
          + "` still imports");
    }
    return reorder(WacOutline.of(apply(o.text(), List.of(argsOf(o, g, l, Set.of(), add)))));
  }

  private static String rename(WacOutline o, CompositionGraph g, GraphEdit.Rename r) throws CompositionException {
    String old = r.node().name();
    if (o.statements().stream().noneMatch(s -> old.equals(definedName(s)))) {
      throw new CompositionException(Kind.NOT_AN_INSTANTIATION, "`" + old + "` is not declared in the text");
    }
    checkNewName(o, g, r.newName());
    List<Tok> toks = tokens(o.text());
    List<Replacement> out = new ArrayList<>();
    for (int k = 1; k < toks.size(); k++) {
      Tok t = toks.get(k);
      // a name that is a keyword is written %name: the bare word is the keyword itself
      boolean named = t.text().equals("%" + old) || (t.text().equals(old) && !Wac.id(old).startsWith("%"));
      if (t.kind() != T.ID || !named) {
        continue;
      }
      Tok prev = toks.get(k - 1);
      Tok next = toks.get(k + 1);
      boolean declares = prev.text().equals("let") || prev.text().equals("import");
      boolean inPath = prev.kind() == T.PUNCT && Set.of(":", "/", "@", ".").contains(prev.text())
          && (prev.end() == t.start() || prev.text().equals("."));
      boolean argName = next.text().equals(":") && next.start() == t.end();
      if (declares || (!inPath && !argName)) {
        out.add(new Replacement(t.start(), t.end(), Wac.id(r.newName())));
      }
    }
    return apply(o.text(), out);
  }

  private static String exportPort(WacOutline o, CompositionGraph g, GraphEdit.ExportPort x)
      throws CompositionException {
    Node.Instantiation inst = instantiation(g, x.node().name());
    if (!g.packages().get(inst.pkg()).exports().containsKey(x.export())) {
      throw new CompositionException(Kind.NO_SUCH_EXPORT, "`" + inst.name() + "` has no export `" + x.export() + "`");
    }
    for (String have : g.exports().keySet()) {
      if (have.equalsIgnoreCase(x.export())) {
        throw new CompositionException(Kind.DUPLICATE_NAME, "the composition already exports `" + have + "`");
      }
    }
    String nl = o.newline();
    Statement anchor = null;
    for (Statement s : o.statements()) {
      if (s instanceof WacOutline.Export) {
        anchor = s;
      }
    }
    int at = anchor == null ? o.text().length() : o.lines(anchor)[1];
    String before = at > 0 && o.text().charAt(at - 1) != '\n' ? nl : "";
    return insert(o.text(), at, before + "export " + expr(new Source.Export(inst.name(), x.export())) + ";" + nl);
  }

  private static String unexport(WacOutline o, CompositionGraph g, String name) throws CompositionException {
    Source s = g.exports().get(name);
    if (s == null) {
      throw new CompositionException(Kind.NO_SUCH_EXPORT, "the composition does not export `" + name + "`");
    }
    for (Statement st : o.statements()) {
      if (st instanceof WacOutline.Export x && x.node().equals(nodeOf(s))
          && o.text().substring(x.start(), x.end()).contains(Ports.shortName(name))) {
        int[] e = o.lines(st);
        return apply(o.text(), List.of(new Replacement(e[0], e[1], "")));
      }
    }
    throw new CompositionException(Kind.UNSUPPORTED, "export `" + name + "` comes from a spread (`export "
        + nodeOf(s) + "...;`); change that statement in the text");
  }

  // ---- arguments ----------------------------------------------------------------------

  /**
   * The arguments of {@code l} rewritten: without the imports in {@code drop}, with those of
   * {@code add} (import → expression), spreads that gave a dropped or added import written out
   * as the arguments they still give, and {@code ...} last when an import is left unwired.
   */
  private static Replacement argsOf(WacOutline o, CompositionGraph g, LetNew l, Set<String> drop,
      Map<String, String> add) throws CompositionException {
    Node.Instantiation inst = instantiation(g, l.name());
    Set<String> explicit = new LinkedHashSet<>();
    List<String> named = new ArrayList<>();
    List<String> spreads = new ArrayList<>();
    boolean implicit = !drop.isEmpty();
    for (Arg a : l.args()) {
      if (a.kind() == WacOutline.Kind.NAMED || a.kind() == WacOutline.Kind.SHORTHAND) {
        String imp = importOf(inst, a.name());
        explicit.add(imp);
        if (!drop.contains(imp) && !add.containsKey(imp)) {
          named.add(o.text().substring(a.start(), a.end()));
        }
      }
    }
    for (Arg a : l.args()) {
      if (a.kind() == WacOutline.Kind.IMPLICIT) {
        implicit = true;
      } else if (a.kind() == WacOutline.Kind.SPREAD) {
        Map<String, Source> given = new LinkedHashMap<>();
        inst.args().forEach((imp, src) -> {
          if (!explicit.contains(imp) && nodeOf(src).equals(a.node())) {
            given.put(imp, src);
          }
        });
        if (given.keySet().stream().noneMatch(i -> drop.contains(i) || add.containsKey(i))) {
          spreads.add(o.text().substring(a.start(), a.end()));
          continue;
        }
        given.forEach((imp, src) -> {
          if (!drop.contains(imp) && !add.containsKey(imp)) {
            named.add(argText(imp, expr(src)));
          }
        });
      }
    }
    add.forEach((imp, e) -> named.add(argText(imp, e)));
    named.addAll(spreads);
    if (implicit) {
      named.add("...");
    }
    return new Replacement(l.open() + 1, l.close(), argsText(o, l, named));
  }

  /** The arguments laid out as the original ones were: one a line, or all on one. */
  private static String argsText(WacOutline o, LetNew l, List<String> args) {
    String inside = o.text().substring(l.open() + 1, l.close());
    if (!inside.contains("\n")) {
      return args.isEmpty() ? "" : " " + String.join(", ", args) + " ";
    }
    String nl = o.newline();
    int lineStart = o.text().lastIndexOf('\n', l.close() - 1) + 1;
    String closeIndent = o.text().substring(lineStart, l.close());
    if (!closeIndent.isBlank()) {
      closeIndent = "";
    }
    String indent = closeIndent + "  ";
    if (!l.args().isEmpty()) {
      int s = l.args().getFirst().start();
      int ls = o.text().lastIndexOf('\n', s - 1) + 1;
      String before = o.text().substring(ls, s);
      if (before.isBlank()) {
        indent = before;
      }
    }
    StringBuilder sb = new StringBuilder(nl);
    for (String a : args) {
      sb.append(indent).append(a).append(a.equals("...") ? "" : ",").append(nl);
    }
    return sb.append(closeIndent).toString();
  }

  private static String argText(String imp, String expr) {
    return (Ports.isPlain(imp) ? Wac.id(imp) : "\"" + imp + "\"") + ": " + expr;
  }

  /** The import an argument written as {@code name} gives (by its exact, interface or short name). */
  private static String importOf(Node.Instantiation inst, String name) {
    for (String imp : inst.args().keySet()) {
      if (imp.equals(name)) {
        return imp;
      }
    }
    for (String imp : inst.args().keySet()) {
      if (TypeCheck.namesMatch(imp, name) || Ports.shortName(imp).equals(name)) {
        return imp;
      }
    }
    return name;
  }

  /** The argument written for import {@code imp} of {@code l}, if one is. */
  private static Arg explicitArg(CompositionGraph g, LetNew l, String imp) throws CompositionException {
    Node.Instantiation inst = instantiation(g, l.name());
    for (Arg a : l.args()) {
      if ((a.kind() == WacOutline.Kind.NAMED || a.kind() == WacOutline.Kind.SHORTHAND)
          && importOf(inst, a.name()).equals(imp)) {
        return a;
      }
    }
    return null;
  }

  /** Whether {@code src} is an import that {@code ...} made (no {@code import} statement names it). */
  private static boolean implicit(WacOutline o, CompositionGraph g, Source src) {
    return src instanceof Source.Whole w && g.nodes().get(w.node()) instanceof Node.Import
        && o.statements().stream().noneMatch(s -> s instanceof WacOutline.Import i && i.name().equals(w.node()));
  }

  // ---- order --------------------------------------------------------------------------

  /**
   * Moves statements so that each comes after the ones it names, keeping every other statement
   * (and all text between statements) where it is; the text itself when it is in order already.
   */
  static String reorder(WacOutline o) throws CompositionException {
    List<Statement> movable = o.statements().stream().filter(s -> !(s instanceof WacOutline.Other)).toList();
    Map<String, Integer> definer = new HashMap<>();
    for (int k = 0; k < movable.size(); k++) {
      String d = definedName(movable.get(k));
      if (d != null) {
        definer.putIfAbsent(d, k);
      }
    }
    List<Set<Integer>> deps = new ArrayList<>();
    for (Statement s : movable) {
      Set<Integer> d = new LinkedHashSet<>();
      for (String ref : references(s)) {
        Integer k = definer.get(ref);
        if (k != null && k != movable.indexOf(s)) {
          d.add(k);
        }
      }
      deps.add(d);
    }
    List<Integer> order = new ArrayList<>();
    Set<Integer> done = new LinkedHashSet<>();
    while (order.size() < movable.size()) {
      int pick = -1;
      for (int k = 0; k < movable.size(); k++) {
        if (!done.contains(k) && done.containsAll(deps.get(k))) {
          pick = k;
          break;
        }
      }
      if (pick < 0) {
        throw new CompositionException(Kind.CYCLE, "the wire would make a cycle");
      }
      order.add(pick);
      done.add(pick);
    }
    boolean same = true;
    for (int k = 0; k < order.size(); k++) {
      same &= order.get(k) == k;
    }
    if (same) {
      return o.text();
    }
    List<Replacement> out = new ArrayList<>();
    for (int k = 0; k < order.size(); k++) {
      if (order.get(k) == k) {
        continue;
      }
      int[] slot = o.lines(movable.get(k));
      int[] from = o.lines(movable.get(order.get(k)));
      String block = o.text().substring(from[0], from[1]);
      if (!block.endsWith("\n") && slot[1] < o.text().length()) {
        block += o.newline();
      }
      out.add(new Replacement(slot[0], slot[1], block));
    }
    return apply(o.text(), out);
  }

  private static String definedName(Statement s) {
    return switch (s) {
      case LetNew l -> l.name();
      case WacOutline.Let l -> l.name();
      case WacOutline.Import i -> i.name();
      default -> null;
    };
  }

  private static List<String> references(Statement s) {
    return switch (s) {
      case LetNew l -> l.args().stream().map(Arg::node).filter(n -> n != null).toList();
      case WacOutline.Let l -> List.of(l.node());
      case WacOutline.Export x -> List.of(x.node());
      default -> List.of();
    };
  }

  // ---- helpers ------------------------------------------------------------------------

  private static void checkNewName(WacOutline o, CompositionGraph g, String name) throws CompositionException {
    if (!Ports.isPlain(name)) {
      throw new CompositionException(Kind.DUPLICATE_NAME, "`" + name + "` is not a name: use lower-case words "
          + "joined by `-`, e.g. `loud-greeter`");
    }
    if (g.nodes().containsKey(name) || o.statements().stream().anyMatch(s -> name.equals(definedName(s)))) {
      throw new CompositionException(Kind.DUPLICATE_NAME, "`" + name + "` is already defined");
    }
  }

  private static LetNew letNew(WacOutline o, String name) throws CompositionException {
    return o.letNew(name).orElseThrow(() -> new CompositionException(Kind.NOT_AN_INSTANTIATION, "`" + name
        + "` is not an instantiation (`let " + name + " = new ...`) of the text"));
  }

  private static Node.Instantiation instantiation(CompositionGraph g, String name) throws CompositionException {
    return g.instantiation(name);
  }

  static String nodeOf(Source s) {
    return switch (s) {
      case Source.Whole w -> w.node();
      case Source.Export e -> e.node();
    };
  }

  private static String expr(Source s) {
    return switch (s) {
      case Source.Whole w -> Wac.id(w.node());
      // a plain name that is a reserved word is written %list, as the reader wants it
      case Source.Export e -> Wac.id(e.node()) + (Ports.isPlain(e.export()) ? "." + Wac.id(e.export())
          : "[\"" + e.export() + "\"]") + e.inner().stream().map(n -> Ports.isPlain(n) ? "." + Wac.id(n)
          : "[\"" + n + "\"]").collect(java.util.stream.Collectors.joining());
    };
  }

  private static List<Tok> tokens(String text) throws CompositionException {
    try {
      return new WacLexer(text).all(new dev.plugboard.wit.source.SourceMap());
    } catch (Wac.WacException e) {
      throw new CompositionException(Kind.UNSUPPORTED, e.getMessage());
    }
  }

  private static String insert(String text, int at, String s) {
    return text.substring(0, at) + s + text.substring(at);
  }

  /** Applies non-overlapping replacements, from the last to the first. */
  private static String apply(String text, List<Replacement> rs) {
    List<Replacement> sorted = new ArrayList<>(rs);
    sorted.sort(Comparator.comparingInt(Replacement::start).reversed());
    StringBuilder sb = new StringBuilder(text);
    for (Replacement r : sorted) {
      sb.replace(r.start(), r.end(), r.text());
    }
    return sb.toString();
  }
}
