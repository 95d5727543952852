package dev.plugboard.compose;

import dev.plugboard.compose.CompositionException.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * A composition: registered packages, nodes (component instantiations and imports of the
 * composition) and edges (instantiation arguments, and the composition's exports), each
 * mutation type-checked. Every change is a command that can be undone and redone; the
 * revision counter moves with each and listeners hear of it.
 */
public final class CompositionGraph {

  /** A node: an instantiation of a package, or an import of the composition. */
  public sealed interface Node {
    String name();

    /** {@code let name = new pkg { args }}; {@code args} maps import names to their sources. */
    record Instantiation(String name, String pkg, Map<String, Source> args) implements Node {
      public Instantiation {
        args = Map.copyOf(args);
      }
    }

    /** An import of the composition, under {@code importName}, of the given type. */
    record Import(String name, String importName, ItemType type) implements Node {}
  }

  /** Where an argument or an export comes from. */
  public sealed interface Source {
    /** A node itself: an import, or (for exports) a whole instantiation's instance. */
    record Whole(String node) implements Source {}

    /** The export {@code export} of the instantiation {@code node}. */
    record Export(String node, String export) implements Source {}
  }

  private final Map<String, ComposedPackage> packages = new LinkedHashMap<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Source> exports = new LinkedHashMap<>();
  private final Deque<Command> undo = new ArrayDeque<>();
  private final Deque<Command> redo = new ArrayDeque<>();
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private long revision;

  /** A reversible change. */
  private interface Command {
    void apply();

    void revert();
  }

  // ---- reading ------------------------------------------------------------------------

  public Map<String, ComposedPackage> packages() {
    return java.util.Collections.unmodifiableMap(packages);
  }

  public Map<String, Node> nodes() {
    return java.util.Collections.unmodifiableMap(nodes);
  }

  public Map<String, Source> exports() {
    return java.util.Collections.unmodifiableMap(exports);
  }

  public long revision() {
    return revision;
  }

  /** Called with the new revision after every change, undo and redo. */
  public void onChange(LongConsumer listener) {
    listeners.add(listener);
  }

  public boolean canUndo() {
    return !undo.isEmpty();
  }

  public boolean canRedo() {
    return !redo.isEmpty();
  }

  /** The type of what {@code source} refers to. */
  public ItemType typeOf(Source source) throws CompositionException {
    return switch (source) {
      case Source.Whole w -> {
        Node n = node(w.node());
        yield switch (n) {
          case Node.Import i -> i.type();
          case Node.Instantiation i -> instanceType(packages.get(i.pkg()));
        };
      }
      case Source.Export e when node(e.node()) instanceof Node.Import imp -> {
        ItemType.Func f = imp.type() instanceof ItemType.Instance inst ? inst.functions().get(e.export()) : null;
        if (f == null) {
          throw new CompositionException(Kind.NO_SUCH_EXPORT, "import `" + imp.importName() + "` has no export `"
              + e.export() + "`");
        }
        yield f;
      }
      case Source.Export e -> {
        Node.Instantiation i = instantiation(e.node());
        ItemType t = packages.get(i.pkg()).exports().get(e.export());
        if (t == null) {
          throw new CompositionException(Kind.NO_SUCH_EXPORT, "`" + i.name() + "` (" + i.pkg() + ") has no export `"
              + e.export() + "`; it exports " + String.join(", ", packages.get(i.pkg()).exports().keySet()));
        }
        yield t;
      }
    };
  }

  /** What an instance of {@code pkg} is, as an argument: an instance of its exported functions. */
  static ItemType.Instance instanceType(ComposedPackage pkg) {
    Map<String, ItemType.Func> functions = new LinkedHashMap<>();
    pkg.exports().forEach((name, t) -> {
      if (t instanceof ItemType.Func f) {
        functions.put(name, f);
      }
    });
    return new ItemType.Instance(pkg.name(), functions, List.of());
  }

  /** The imports of an instantiation that no argument satisfies yet. */
  public List<String> unsatisfied(String node) throws CompositionException {
    Node.Instantiation i = instantiation(node);
    List<String> out = new ArrayList<>();
    for (String imp : packages.get(i.pkg()).imports().keySet()) {
      if (!i.args().containsKey(imp)) {
        out.add(imp);
      }
    }
    return out;
  }

  public Node node(String name) throws CompositionException {
    Node n = nodes.get(name);
    if (n == null) {
      throw new CompositionException(Kind.NOT_AN_INSTANTIATION, "no node named `" + name + "`");
    }
    return n;
  }

  public Node.Instantiation instantiation(String name) throws CompositionException {
    if (node(name) instanceof Node.Instantiation i) {
      return i;
    }
    throw new CompositionException(Kind.NOT_AN_INSTANTIATION, "`" + name + "` is an import, not an instantiation");
  }

  // ---- changing -----------------------------------------------------------------------

  private void run(Command c) {
    c.apply();
    undo.push(c);
    redo.clear();
    changed();
  }

  private void changed() {
    revision++;
    for (LongConsumer l : listeners) {
      l.accept(revision);
    }
  }

  public void undo() {
    if (!undo.isEmpty()) {
      Command c = undo.pop();
      c.revert();
      redo.push(c);
      changed();
    }
  }

  public void redo() {
    if (!redo.isEmpty()) {
      Command c = redo.pop();
      c.apply();
      undo.push(c);
      changed();
    }
  }

  /** Registers a package; registering the same name again replaces nothing and is an error. */
  public void register(ComposedPackage pkg) throws CompositionException {
    if (packages.containsKey(pkg.name())) {
      if (packages.get(pkg.name()) == pkg) {
        return;
      }
      throw new CompositionException(Kind.DUPLICATE_NAME, "package `" + pkg.name() + "` is already registered");
    }
    run(new Command() {
      @Override
      public void apply() {
        packages.put(pkg.name(), pkg);
      }

      @Override
      public void revert() {
        packages.remove(pkg.name());
      }
    });
  }

  /** Adds {@code let name = new pkg {}} with no arguments yet. */
  public void instantiate(String name, String pkg) throws CompositionException {
    if (!packages.containsKey(pkg)) {
      throw new CompositionException(Kind.UNKNOWN_PACKAGE, "unknown package `" + pkg + "`; known: "
          + String.join(", ", packages.keySet()));
    }
    putNode(new Node.Instantiation(name, pkg, Map.of()));
  }

  private ComposedPackage importTypes;

  /**
   * A component whose imports give the binary types of the composition's imports that no
   * instantiation takes (a WAC document's declared imports, exported as they are); null if none.
   */
  public ComposedPackage importTypes() {
    return importTypes;
  }

  public void setImportTypes(ComposedPackage importTypes) {
    this.importTypes = importTypes;
  }

  /** Adds an import of the composition. */
  public void addImport(String name, String importName, ItemType type) throws CompositionException {
    for (Node n : nodes.values()) {
      if (n instanceof Node.Import i && i.importName().equals(importName)) {
        throw new CompositionException(Kind.DUPLICATE_NAME, "the composition already imports `" + importName + "`");
      }
    }
    putNode(new Node.Import(name, importName, type));
  }

  /**
   * Gives import {@code name} a new type, which must be a subtype of the old one (so every
   * argument already taken from it still fits): how implicit imports of several instantiations
   * merge into one.
   */
  public void retypeImport(String name, ItemType type) throws CompositionException {
    if (!(nodes.get(name) instanceof Node.Import was)) {
      throw new CompositionException(Kind.NOT_AN_INSTANTIATION, "`" + name + "` is not an import");
    }
    String m = TypeCheck.mismatch(type, was.type());
    if (m != null) {
      throw new CompositionException(Kind.TYPE_MISMATCH, "import `" + was.importName() + "` cannot take the type: " + m);
    }
    Node.Import now = new Node.Import(name, was.importName(), type);
    run(new Command() {
      @Override
      public void apply() {
        nodes.put(name, now);
      }

      @Override
      public void revert() {
        nodes.put(name, was);
      }
    });
  }

  private void putNode(Node n) throws CompositionException {
    if (nodes.containsKey(n.name())) {
      throw new CompositionException(Kind.DUPLICATE_NAME, "`" + n.name() + "` is already defined");
    }
    run(new Command() {
      @Override
      public void apply() {
        nodes.put(n.name(), n);
      }

      @Override
      public void revert() {
        nodes.remove(n.name());
      }
    });
  }

  /**
   * Sets the argument {@code importName} of instantiation {@code node} to {@code source}, after
   * checking that the import exists and the source's type fits it. Setting the same argument to
   * the same source again changes nothing; to another source, it is an error.
   */
  public void setArgument(String node, String importName, Source source) throws CompositionException {
    Node.Instantiation i = instantiation(node);
    ComposedPackage pkg = packages.get(i.pkg());
    ItemType wanted = pkg.imports().get(importName);
    if (wanted == null) {
      throw new CompositionException(Kind.NO_SUCH_IMPORT, "`" + node + "` (" + i.pkg() + ") has no import `"
          + importName + "`; it imports " + (pkg.imports().isEmpty() ? "nothing"
          : String.join(", ", pkg.imports().keySet())));
    }
    Source current = i.args().get(importName);
    if (source.equals(current)) {
      return;
    }
    if (current != null) {
      throw new CompositionException(Kind.ARGUMENT_ALREADY_SET, "argument `" + importName + "` of `" + node
          + "` is already set");
    }
    if (source instanceof Source.Export e && e.node().equals(node)) {
      throw new CompositionException(Kind.CYCLE, "`" + node + "` cannot be given its own export");
    }
    ItemType provided = typeOf(source);
    TypeCheck.Mismatch m = TypeCheck.check(provided, wanted);
    if (m != null) {
      throw new CompositionException(Kind.TYPE_MISMATCH, "type mismatch for argument `" + importName + "` of `" + node
          + "`: " + m, m.path(), m.reason());
    }
    if (dependsOn(source, node)) {
      throw new CompositionException(Kind.CYCLE, "giving `" + importName + "` of `" + node
          + "` from there would make a cycle");
    }
    Map<String, Source> args = new LinkedHashMap<>(i.args());
    args.put(importName, source);
    checkResourceIdentity(node, pkg, args, importName);
    Node.Instantiation after = new Node.Instantiation(i.name(), i.pkg(), args);
    run(new Command() {
      @Override
      public void apply() {
        nodes.put(node, after);
      }

      @Override
      public void revert() {
        nodes.put(node, i);
      }
    });
  }

  /**
   * Resources are compared by identity: where an imported interface uses a resource of another
   * imported interface ({@code use types.{file}}), the arguments for both must agree on which
   * instance defines it. Checked for the pairs that involve argument {@code changed}.
   */
  private void checkResourceIdentity(String node, ComposedPackage pkg, Map<String, Source> args, String changed)
      throws CompositionException {
    for (var arg : args.entrySet()) {
      if (!(pkg.imports().get(arg.getKey()) instanceof ItemType.Instance wanted)) {
        continue;
      }
      for (var use : wanted.usedResources().entrySet()) {
        String definer = matchingKey(pkg.imports().keySet(), use.getValue().iface());
        Source defined = definer == null ? null : args.get(definer);
        if (defined == null || (!arg.getKey().equals(changed) && !definer.equals(changed))) {
          continue;
        }
        String expected = origin(defined, use.getValue().name(), 0);
        String found = origin(arg.getValue(), use.getKey(), 0);
        if (expected != null && found != null && !expected.equals(found)) {
          String reason = "resource `" + use.getKey() + "` of `" + arg.getKey() + "` is " + found + ", but argument `"
              + definer + "` gives " + expected;
          throw new CompositionException(Kind.TYPE_MISMATCH, "type mismatch for argument `" + changed + "` of `" + node
              + "`: " + reason, List.of("resource `" + use.getKey() + "`"), reason);
        }
      }
    }
  }

  /**
   * Which instance defines resource {@code resource} of what {@code source} provides, as
   * {@code node/interface#resource}: followed through the provider's own imports, to the argument
   * that satisfied them. Null when it cannot be told.
   */
  private String origin(Source source, String resource, int depth) {
    if (depth > nodes.size() + 1) {
      return null;
    }
    return switch (source) {
      case Source.Whole w -> switch (nodes.get(w.node())) {
        case Node.Import imp when imp.type() instanceof ItemType.Instance t && t.usedResources().containsKey(resource) -> {
          ItemType.ResourceRef ref = t.usedResources().get(resource);
          for (Node n : nodes.values()) {
            if (n instanceof Node.Import other && TypeCheck.namesMatch(other.importName(), ref.iface())) {
              yield origin(new Source.Whole(other.name()), ref.name(), depth + 1);
            }
          }
          yield "import `" + ref.iface() + "`#" + ref.name();
        }
        case Node.Import imp -> "import `" + imp.importName() + "`#" + resource;
        case Node.Instantiation inst -> "`" + inst.name() + "`#" + resource;
        case null -> null;
      };
      case Source.Export e -> {
        if (!(nodes.get(e.node()) instanceof Node.Instantiation inst)) {
          yield null;
        }
        ComposedPackage pkg = packages.get(inst.pkg());
        if (!(pkg.exports().get(e.export()) instanceof ItemType.Instance t)) {
          yield null;
        }
        ItemType.ResourceRef ref = t.usedResources().get(resource);
        if (ref == null) {
          yield "`" + inst.name() + "`'s " + e.export() + "#" + resource;
        }
        String exported = matchingKey(pkg.exports().keySet(), ref.iface());
        if (exported != null) {
          yield origin(new Source.Export(inst.name(), exported), ref.name(), depth + 1);
        }
        String imported = matchingKey(pkg.imports().keySet(), ref.iface());
        Source given = imported == null ? null : inst.args().get(imported);
        yield given != null ? origin(given, ref.name(), depth + 1) : null;
      }
    };
  }

  private static String matchingKey(java.util.Set<String> keys, String name) {
    for (String k : keys) {
      if (TypeCheck.namesMatch(k, name) || TypeCheck.namesMatch(name, k)) {
        return k;
      }
    }
    return null;
  }

  /** Whether {@code source} (transitively) needs {@code node}. */
  private boolean dependsOn(Source source, String node) {
    return dependsOn(source, node, new java.util.HashSet<>());
  }

  /** Each node is visited once: the arguments form a DAG whose paths can be exponentially many. */
  private boolean dependsOn(Source source, String node, java.util.Set<String> seen) {
    String from = switch (source) {
      case Source.Whole w -> w.node();
      case Source.Export e -> e.node();
    };
    if (from.equals(node)) {
      return true;
    }
    if (seen.add(from) && nodes.get(from) instanceof Node.Instantiation i) {
      for (Source s : i.args().values()) {
        if (dependsOn(s, node, seen)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Exports {@code source} from the composition as {@code name}. */
  public void export(Source source, String name) throws CompositionException {
    typeOf(source);
    if (source.equals(exports.get(name))) {
      return;
    }
    if (exports.containsKey(name)) {
      throw new CompositionException(Kind.DUPLICATE_NAME, "the composition already exports `" + name + "`");
    }
    run(new Command() {
      @Override
      public void apply() {
        exports.put(name, source);
      }

      @Override
      public void revert() {
        exports.remove(name);
      }
    });
  }

  public void removeExport(String name) {
    Source was = exports.get(name);
    if (was == null) {
      return;
    }
    run(new Command() {
      @Override
      public void apply() {
        exports.remove(name);
      }

      @Override
      public void revert() {
        exports.put(name, was);
      }
    });
  }

  /** The import node of the composition named {@code importName}, if any. */
  public Optional<Node.Import> importNamed(String importName) {
    return nodes.values().stream().filter(n -> n instanceof Node.Import i && i.importName().equals(importName))
        .map(n -> (Node.Import) n).findFirst();
  }

  /** Instantiations in an order where every argument's source comes first. */
  public List<Node.Instantiation> instantiationOrder() {
    List<Node.Instantiation> out = new ArrayList<>();
    java.util.Set<String> done = new java.util.HashSet<>();
    for (Node n : nodes.values()) {
      visit(n, done, out);
    }
    return out;
  }

  private void visit(Node n, java.util.Set<String> done, List<Node.Instantiation> out) {
    if (!(n instanceof Node.Instantiation i) || !done.add(i.name())) {
      return;
    }
    for (Source s : i.args().values()) {
      String from = s instanceof Source.Export e ? e.node() : ((Source.Whole) s).node();
      Node dep = nodes.get(from);
      if (dep != null) {
        visit(dep, done, out);
      }
    }
    out.add(i);
  }
}
