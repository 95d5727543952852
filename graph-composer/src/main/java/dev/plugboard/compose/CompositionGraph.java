package dev.plugboard.compose;

import dev.plugboard.binary.ComponentTypes;
import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.compose.CompositionException.Kind;
import dev.plugboard.types.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
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

    /**
     * The export {@code export} of the node {@code node} (an instantiation, or an imported
     * instance) and, when {@code inner} is not empty, the export of that instance named by
     * {@code inner}, one name per level ({@code g.outer.fn}: export {@code outer}, inner {@code [fn]}).
     */
    record Export(String node, String export, List<String> inner) implements Source {
      public Export {
        inner = List.copyOf(inner);
      }

      /** The export {@code export} of the node {@code node}, itself. */
      public Export(String node, String export) {
        this(node, export, List.of());
      }

      /** The export {@code name} of the instance this source is. */
      public Export then(String name) {
        List<String> deeper = new ArrayList<>(inner);
        deeper.add(name);
        return new Export(node, export, deeper);
      }

      /** The name of what the source is: the last name of its path. */
      public String last() {
        return inner.isEmpty() ? export : inner.getLast();
      }
    }
  }

  private final Map<String, ComposedPackage> packages = new LinkedHashMap<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Source> exports = new LinkedHashMap<>();
  /** Per instantiation node, the resources its instance defines (made once: identity per instance). */
  private final Map<String, Map<ResourceType, ResourceType>> renewed = new java.util.HashMap<>();
  /** Each instantiation's exports at revision {@code exportsRevision}. */
  private final Map<String, Map<String, ExternT>> exportsOf = new java.util.HashMap<>();
  private long exportsRevision = -1;
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
          case Node.Instantiation i -> instanceType(i);
        };
      }
      case Source.Export e when !e.inner().isEmpty() -> {
        ItemType at = typeOf(new Source.Export(e.node(), e.export()));
        String path = e.export();
        for (String name : e.inner()) {
          if (!(at.extern() instanceof ExternT.InstX(TypeT.Inst inst))) {
            throw new CompositionException(Kind.NO_SUCH_EXPORT, "`" + path + "` of `" + e.node()
                + "` is " + at.describe() + ", not an instance: it has no export `" + name + "`");
          }
          ExternT next = inst.exports().get(name);
          if (next == null) {
            throw new CompositionException(Kind.NO_SUCH_EXPORT, "`" + path + "` of `" + e.node() + "` has no export `"
                + name + "`; it exports " + (inst.exports().isEmpty() ? "nothing"
                : String.join(", ", inst.exports().keySet())));
          }
          at = ItemType.of(name, next);
          path += "." + name;
        }
        yield at;
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
        ExternT t = instanceExports(i).get(e.export());
        if (t == null) {
          throw new CompositionException(Kind.NO_SUCH_EXPORT, "`" + i.name() + "` (" + i.pkg() + ") has no export `"
              + e.export() + "`; it exports " + String.join(", ", packages.get(i.pkg()).exports().keySet()));
        }
        yield ItemType.of(e.export(), t);
      }
    };
  }

  /** What an instance is, as an argument: an instance of its exports. */
  private ItemType.Instance instanceType(Node.Instantiation i) {
    ExternT.InstX t = new ExternT.InstX(new TypeT.Inst(instanceExports(i), List.of()));
    ItemType.Instance view = (ItemType.Instance) ItemType.of(i.pkg(), t);
    return new ItemType.Instance(i.pkg(), view.functions(), view.resources(), t);
  }

  /**
   * The exports of instantiation {@code i} as its arguments make them: the package's exports with
   * its imported resources bound to the arguments' (identity) and the resources it defines made
   * once for this node (generativity: two instances of one package have different resources).
   */
  private Map<String, ExternT> instanceExports(Node.Instantiation i) {
    if (exportsRevision != revision) {
      exportsOf.clear();
      exportsRevision = revision;
    }
    Map<String, ExternT> known = exportsOf.get(i.name());
    if (known != null) {
      return known;
    }
    ComposedPackage pkg = packages.get(i.pkg());
    ComponentTypes.Linking linking = new ComponentTypes.Linking(pkg.type());
    for (String imp : pkg.type().imports().keySet()) {
      Source given = i.args().get(imp);
      ItemType t = null;
      try {
        t = given == null ? null : typeOf(given);
      } catch (CompositionException e) {
        // a source that went away binds nothing
      }
      if (t != null && t.extern() != null) {
        linking.argument(imp, t.extern()); // checked when it was set: this binds the resources
      }
    }
    Map<String, ExternT> out = linking.instanceExports(renewed.computeIfAbsent(i.name(), k -> new IdentityHashMap<>()));
    exportsOf.put(i.name(), out);
    return out;
  }

  /**
   * The argument {@code importName} of {@code i} checked as the validator checks an
   * instantiation ({@link ComponentTypes.Linking}): the arguments already set and this one, in the
   * order of the package's imports, so an abstract resource binds to the first argument that gives
   * it and every other argument must give the same resource. Null when it fits.
   */
  TypeCheck.Mismatch link(Node.Instantiation i, String importName, ItemType provided)
      throws CompositionException {
    ComposedPackage pkg = packages.get(i.pkg());
    ComponentTypes.Linking linking = new ComponentTypes.Linking(pkg.type());
    for (String imp : pkg.type().imports().keySet()) {
      boolean candidate = imp.equals(importName);
      ItemType given = candidate ? provided : i.args().containsKey(imp) ? typeOf(i.args().get(imp)) : null;
      if (given == null) {
        continue;
      }
      TypeCheck.Mismatch m;
      if (given.extern() == null) {
        m = TypeCheck.check(given, pkg.imports().get(imp));
      } else {
        m = TypeCheck.Mismatch.of(linking.argument(imp, given.extern()));
      }
      if (m != null && candidate) {
        return m;
      }
      if (m != null) {
        List<String> path = new ArrayList<>(List.of("with argument `" + imp + "`"));
        path.addAll(m.path());
        return new TypeCheck.Mismatch(path, m.reason());
      }
    }
    return null;
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

  private final Map<String, dev.plugboard.binary.TypeDef.ComponentType> componentImportTypes = new LinkedHashMap<>();

  /**
   * The binary component type of the composition's import {@code importName} when it imports a
   * component typed by a declared world (a WAC document's {@code import x: some-world;}), or null.
   */
  public dev.plugboard.binary.TypeDef.ComponentType componentImportType(String importName) {
    return componentImportTypes.get(importName);
  }

  public void setComponentImportType(String importName, dev.plugboard.binary.TypeDef.ComponentType type) {
    componentImportTypes.put(importName, type);
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
    TypeCheck.Mismatch m = link(i, importName, provided);
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
