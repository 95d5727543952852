package dev.plugboard.compose;

import dev.plugboard.binary.Component;
import dev.plugboard.binary.ComponentEncoder;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.Sort;
import dev.plugboard.binary.TypeDef;
import dev.plugboard.binary.ValType;
import dev.plugboard.compose.CompositionException.Kind;
import dev.plugboard.compose.CompositionGraph.Node;
import dev.plugboard.compose.CompositionGraph.Source;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a composition as one component: the composition's imports (their types copied from
 * the components that import them), every package as a nested component, one instance per
 * instantiation with its arguments (aliased from other instances' exports), and the exports.
 * The result is validated before it is returned.
 */
public final class CompositionEncoder {
  private final CompositionGraph graph;
  private final List<Component.Section> sections = new ArrayList<>();
  private final List<Object> pending = new ArrayList<>();
  private Class<?> pendingKind;
  private final Map<Sort, Integer> counts = new EnumMap<>(Sort.class);
  private final Map<String, Integer> componentIndex = new HashMap<>();
  private final Map<String, Integer> instanceIndex = new HashMap<>();
  private final Map<String, int[]> importIndex = new HashMap<>();
  private final Map<String, Integer> aliasIndex = new HashMap<>();
  private final Map<String, TypeCopier> copiers = new HashMap<>();

  private final boolean importPackages;

  private CompositionEncoder(CompositionGraph graph, boolean importPackages) {
    this.graph = graph;
    this.importPackages = importPackages;
  }

  /** The composed component's bytes, with every package embedded. */
  public static byte[] encode(CompositionGraph graph) throws CompositionException {
    return encode(graph, false);
  }

  /**
   * The composed component's bytes. With {@code importPackages} the packages are not embedded
   * but imported, each as a component under a plain name made from its package name
   * ({@code example:upper} → {@code example-upper}) with the component type of its world; the
   * host (or a later composition) supplies them.
   */
  public static byte[] encode(CompositionGraph graph, boolean importPackages) throws CompositionException {
    return new CompositionEncoder(graph, importPackages).run();
  }

  /** The import name a package gets when packages are imported. */
  public static String importName(String pkg) {
    return pkg.replaceAll("@.*", "").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-|-$", "");
  }

  private int packageComponent(ComposedPackage pkg) throws CompositionException {
    if (pkg.component() == null) {
      throw new CompositionException(Kind.NOT_A_COMPONENT, pkg.name() + " is known by its type only; there is no "
          + "component to embed");
    }
    if (!importPackages) {
      return add(Sort.COMPONENT, Component.NestedComponentSection.class, new Component.NestedComponentSection(
          pkg.component()));
    }
    TypeDef.ComponentType type;
    try {
      var view = dev.plugboard.binary.ComponentWit.of(pkg.component());
      var resolve = view.resolve();
      int world = resolve.packages.get(view.rootPackage()).worlds.values().iterator().next();
      type = dev.plugboard.binary.ComponentNew.componentType(resolve, world);
    } catch (dev.plugboard.binary.InvalidComponentException | dev.plugboard.binary.ComponentNew.Failure
        | RuntimeException e) {
      throw new CompositionException(Kind.UNSUPPORTED, pkg.name() + " cannot be imported by its type: "
          + e.getMessage());
    }
    int t = add(Sort.TYPE, TypeDef.class, type);
    return add(Sort.COMPONENT, Component.ImportSection.class, new Component.Import(
        Component.ExternName.of(importName(pkg.name())), new Component.ExternType.ComponentType(t)));
  }

  private byte[] run() throws CompositionException {
    // a composition that instantiates nothing (only type statements) is an empty component
    List<Node.Instantiation> order = graph.instantiationOrder();
    // 1. imports of the composition, typed like the import they satisfy
    for (Node n : graph.nodes().values()) {
      if (n instanceof Node.Import i) {
        importNode(i, order);
      }
    }
    // 2. the packages, 3. the instances
    for (Node.Instantiation i : order) {
      ComposedPackage pkg = graph.packages().get(i.pkg());
      Integer c = componentIndex.get(pkg.name());
      if (c == null) {
        c = packageComponent(pkg);
        componentIndex.put(pkg.name(), c);
      }
      List<Component.Arg> args = new ArrayList<>();
      for (String imp : pkg.imports().keySet()) {
        Source s = i.args().get(imp);
        if (s == null) {
          throw new CompositionException(Kind.MISSING_ARGUMENT, "`" + i.name() + "` (" + i.pkg() + ") is missing "
              + "its argument `" + imp + "`");
        }
        Sort sort = importSort(pkg, imp);
        args.add(new Component.Arg(imp, sort, resolve(s, sort)));
      }
      int inst = add(Sort.INSTANCE, Component.InstanceSection.class, new Component.Instance.Instantiate(c, args));
      instanceIndex.put(i.name(), inst);
    }
    // 4. exports
    List<Component.Export> exports = new ArrayList<>();
    for (var e : graph.exports().entrySet()) {
      Sort sort = sortOf(e.getValue());
      exports.add(new Component.Export(Component.ExternName.of(e.getKey()), sort, resolve(e.getValue(), sort), null));
    }
    flush();
    if (!exports.isEmpty()) {
      sections.add(new Component.ExportSection(exports));
    }
    // names for people and traces: components after their packages, instances after their nodes
    Map<Sort, Map<Integer, String>> names = new java.util.EnumMap<>(Sort.class);
    componentIndex.forEach((pkg, idx) -> names.computeIfAbsent(Sort.COMPONENT, k -> new java.util.TreeMap<>())
        .put(idx, pkg.replaceAll("@.*", "").replaceAll(".*[:/]", "")));
    instanceIndex.forEach((node, idx) -> names.computeIfAbsent(Sort.INSTANCE, k -> new java.util.TreeMap<>())
        .put(idx, node));
    sections.add(new Component.CustomSection("component-name", dev.plugboard.binary.ComponentNames.encode(names)));
    Component out = new Component(sections);
    try {
      ComponentValidator.validate(out);
    } catch (InvalidComponentException e) {
      throw new CompositionException(Kind.INVALID_OUTPUT, "the composed component does not validate: " + e.describe());
    }
    return ComponentEncoder.encode(out);
  }

  private void importNode(Node.Import node, List<Node.Instantiation> order) throws CompositionException {
    int[] asDependency = importIndex.get("\u0000" + node.importName());
    if (asDependency != null) {
      importIndex.put(node.name(), asDependency);
      return;
    }
    for (Node.Instantiation i : order) {
      for (var a : i.args().entrySet()) {
        if (a.getValue() instanceof Source.Whole w && w.node().equals(node.name())) {
          ComposedPackage pkg = graph.packages().get(i.pkg());
          TypeCopier copier = copier(pkg);
          Component.Import inner = copier.innerImport(a.getKey());
          Component.ExternType type = copier.externType(inner.type());
          int[] again = importIndex.get("\u0000" + node.importName());
          if (again != null) {
            importIndex.put(node.name(), again);
            return;
          }
          int idx = add(Component.sortOf(type), Component.ImportSection.class, new Component.Import(
              Component.ExternName.of(node.importName()), type));
          importIndex.put(node.name(), new int[] {Component.sortOf(type).ordinal(), idx});
          importIndex.put("\u0000" + node.importName(), importIndex.get(node.name()));
          return;
        }
      }
    }
    TypeDef.ComponentType world = graph.componentImportType(node.importName());
    if (world != null) {
      // a component typed by a declared world: the world's component type, self-contained
      int t = add(Sort.TYPE, TypeDef.class, world);
      int idx = add(Sort.COMPONENT, Component.ImportSection.class, new Component.Import(
          Component.ExternName.of(node.importName()), new Component.ExternType.ComponentType(t)));
      importIndex.put(node.name(), new int[] {Sort.COMPONENT.ordinal(), idx});
      importIndex.put("\u0000" + node.importName(), importIndex.get(node.name()));
      return;
    }
    ComposedPackage declared = graph.importTypes();
    if (declared != null && declared.imports().containsKey(node.importName())) {
      // typed by the document's own declarations: the import of a component made from them
      Component.ExternType type = copier(declared).externType(copier(declared).innerImport(node.importName()).type());
      int idx = add(Component.sortOf(type), Component.ImportSection.class, new Component.Import(
          Component.ExternName.of(node.importName()), type));
      importIndex.put(node.name(), new int[] {Component.sortOf(type).ordinal(), idx});
      importIndex.put("\u0000" + node.importName(), importIndex.get(node.name()));
      return;
    }
    throw new CompositionException(Kind.UNSUPPORTED, "the import `" + node.importName() + "` is not given to any "
        + "instantiation, so its type is unknown");
  }

  private TypeCopier copier(ComposedPackage pkg) {
    return copiers.computeIfAbsent(pkg.name(), k -> new TypeCopier(pkg.component()));
  }

  private Sort importSort(ComposedPackage pkg, String name) throws CompositionException {
    return Component.sortOf(copier(pkg).innerImport(name).type());
  }

  private Sort sortOf(Source s) throws CompositionException {
    return switch (s) {
      case Source.Whole w -> switch (graph.node(w.node())) {
        case Node.Import i -> Sort.values()[importIndex.get(i.name())[0]];
        case Node.Instantiation i -> Sort.INSTANCE;
      };
      case Source.Export e when !e.inner().isEmpty() -> switch (graph.typeOf(e)) {
        case ItemType.Func f -> Sort.FUNC;
        case ItemType.Instance i -> Sort.INSTANCE;
        case ItemType t -> throw new CompositionException(Kind.UNSUPPORTED, "`" + e.last() + "` is " + t.describe()
            + ": only functions and instances are taken out of an exported instance");
      };
      case Source.Export e when graph.node(e.node()) instanceof Node.Import -> Sort.FUNC;
      case Source.Export e -> {
        ComposedPackage pkg = graph.packages().get(graph.instantiation(e.node()).pkg());
        yield copier(pkg).exportSort(e.export());
      }
    };
  }

  /** The index of what {@code s} refers to in the outer component, aliasing instance exports once. */
  private int resolve(Source s, Sort sort) throws CompositionException {
    return switch (s) {
      case Source.Whole w -> switch (graph.node(w.node())) {
        case Node.Import i -> importIndex.get(i.name())[1];
        case Node.Instantiation i -> instanceIndex.get(i.name());
      };
      case Source.Export e -> {
        String key = e.node() + "\u0000" + e.export() + "\u0000" + String.join("\u0000", e.inner());
        Integer have = aliasIndex.get(key);
        if (have == null) {
          Sort actual = sortOf(e);
          // a nested export is aliased out of the instance aliased one level up: an alias chain
          int instance = !e.inner().isEmpty()
              ? resolve(new Source.Export(e.node(), e.export(), e.inner().subList(0, e.inner().size() - 1)),
                  Sort.INSTANCE)
              : graph.node(e.node()) instanceof Node.Import ? importIndex.get(e.node())[1]
              : instanceIndex.get(e.node());
          have = add(actual, Component.AliasSection.class, new Component.Alias(actual,
              new Component.AliasTarget.InstanceExport(instance, e.last())));
          aliasIndex.put(key, have);
        }
        yield have;
      }
    };
  }

  // ---- section building ---------------------------------------------------------------------

  private int add(Sort sort, Class<?> kind, Object item) {
    if (pendingKind != kind) {
      flush();
      pendingKind = kind;
    }
    pending.add(item);
    int n = counts.getOrDefault(sort, 0);
    counts.put(sort, n + 1);
    return n;
  }

  @SuppressWarnings("unchecked")
  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Object> items = List.copyOf(pending);
    pending.clear();
    if (pendingKind == TypeDef.class) {
      sections.add(new Component.TypeSection((List<TypeDef>) (List<?>) items));
    } else if (pendingKind == Component.ImportSection.class) {
      sections.add(new Component.ImportSection((List<Component.Import>) (List<?>) items));
    } else if (pendingKind == Component.AliasSection.class) {
      sections.add(new Component.AliasSection((List<Component.Alias>) (List<?>) items));
    } else if (pendingKind == Component.InstanceSection.class) {
      sections.add(new Component.InstanceSection((List<Component.Instance>) (List<?>) items));
    } else {
      for (Object o : items) {
        sections.add((Component.Section) o);
      }
    }
  }

  /**
   * Copies type definitions from a nested component into the outer one: value types, function
   * types, and instance types (whose outer aliases point at types of the nested component, which
   * are copied first). Types the nested component got from its own imports come through the same
   * imports of the outer component.
   */
  private final class TypeCopier {
    private final Component inner;
    /** What each index of the inner type space is: a TypeDef, an Alias, or an Import. */
    private final List<Object> types = new ArrayList<>();
    private final List<Object> instances = new ArrayList<>();
    private final Map<Integer, Integer> copied = new HashMap<>();
    private final Map<String, Component.Import> imports = new LinkedHashMap<>();
    private final Map<String, Component.Export> exports = new LinkedHashMap<>();

    TypeCopier(Component inner) {
      this.inner = inner;
      for (Component.Section s : inner.sections()) {
        switch (s) {
          case Component.TypeSection ts -> types.addAll(ts.types());
          case Component.AliasSection as -> {
            for (Component.Alias a : as.aliases()) {
              if (a.sort() == Sort.TYPE) {
                types.add(a);
              } else if (a.sort() == Sort.INSTANCE) {
                instances.add(a);
              }
            }
          }
          case Component.ImportSection is -> {
            for (Component.Import i : is.imports()) {
              imports.put(i.name().name(), i);
              switch (Component.sortOf(i.type())) {
                case TYPE -> types.add(i);
                case INSTANCE -> instances.add(i);
                default -> { }
              }
            }
          }
          case Component.InstanceSection is -> is.instances().forEach(instances::add);
          case Component.ExportSection es -> {
            for (Component.Export e : es.exports()) {
              exports.put(e.name().name(), e);
              if (e.sort() == Sort.TYPE) {
                types.add(types.get(e.index()));
              } else if (e.sort() == Sort.INSTANCE) {
                instances.add(instances.get(e.index()));
              }
            }
          }
          default -> { }
        }
      }
    }

    Component.Import innerImport(String name) throws CompositionException {
      Component.Import i = imports.get(name);
      if (i == null) {
        throw new CompositionException(Kind.NO_SUCH_IMPORT, "no import `" + name + "`");
      }
      return i;
    }

    Sort exportSort(String name) throws CompositionException {
      Component.Export e = exports.get(name);
      if (e == null) {
        throw new CompositionException(Kind.NO_SUCH_EXPORT, "no export `" + name + "`");
      }
      return e.sort();
    }

    Component.ExternType externType(Component.ExternType t) throws CompositionException {
      return switch (t) {
        case Component.ExternType.InstanceType it -> new Component.ExternType.InstanceType(copy(it.type()));
        case Component.ExternType.Func f -> new Component.ExternType.Func(copy(f.type()));
        case Component.ExternType.ComponentType c -> new Component.ExternType.ComponentType(copy(c.type()));
        case Component.ExternType.Module m -> throw new CompositionException(Kind.UNSUPPORTED,
            "core module imports cannot be passed through a composition yet");
        case Component.ExternType.Type ty -> ty.eq() ? new Component.ExternType.Type(true, copy(ty.type())) : ty;
        case Component.ExternType.Value v -> throw new CompositionException(Kind.UNSUPPORTED,
            "value imports cannot be passed through a composition");
      };
    }

    /** The outer index of the inner type {@code index}. */
    int copy(int index) throws CompositionException {
      Integer have = copied.get(index);
      if (have != null) {
        return have;
      }
      Object what = types.get(index);
      int out = switch (what) {
        case TypeDef d -> add(Sort.TYPE, TypeDef.class, def(d));
        case Component.Alias a when a.target() instanceof Component.AliasTarget.InstanceExport ie -> {
          Object inst = instances.get(ie.instance());
          if (!(inst instanceof Component.Import imp)) {
            throw new CompositionException(Kind.UNSUPPORTED, "a type of an import refers to a type the component "
                + "defines itself; such imports cannot be passed through yet");
          }
          int outerInstance = outerImport(imp);
          yield add(Sort.TYPE, Component.AliasSection.class, new Component.Alias(Sort.TYPE,
              new Component.AliasTarget.InstanceExport(outerInstance, ie.name())));
        }
        case Component.Import imp -> throw new CompositionException(Kind.UNSUPPORTED, "type import `"
            + imp.name().name() + "` cannot be passed through yet");
        default -> throw new CompositionException(Kind.UNSUPPORTED, "an outer alias at the top of a component");
      };
      copied.put(index, out);
      return out;
    }

    /** The outer import that stands for the inner import {@code imp} (emitted once, under its own name). */
    private int outerImport(Component.Import imp) throws CompositionException {
      String key = imp.name().name();
      for (Node n : graph.nodes().values()) {
        if (n instanceof Node.Import i && i.importName().equals(key) && importIndex.containsKey(i.name())) {
          return importIndex.get(i.name())[1];
        }
      }
      int[] done = importIndex.get("\u0000" + key);
      if (done != null) {
        return done[1];
      }
      Component.ExternType type = externType(imp.type());
      int idx = add(Component.sortOf(type), Component.ImportSection.class, new Component.Import(imp.name(), type));
      importIndex.put("\u0000" + key, new int[] {Component.sortOf(type).ordinal(), idx});
      return idx;
    }

    private ValType val(ValType v) throws CompositionException {
      return v instanceof ValType.Index i ? new ValType.Index(copy(i.index())) : v;
    }

    private TypeDef def(TypeDef d) throws CompositionException {
      return switch (d) {
        case TypeDef.Prim p -> p;
        case TypeDef.Record r -> {
          List<TypeDef.Field> fs = new ArrayList<>();
          for (TypeDef.Field f : r.fields()) {
            fs.add(new TypeDef.Field(f.name(), val(f.type())));
          }
          yield new TypeDef.Record(fs);
        }
        case TypeDef.Variant v -> {
          List<TypeDef.Case> cs = new ArrayList<>();
          for (TypeDef.Case c : v.cases()) {
            cs.add(new TypeDef.Case(c.name(), c.type() == null ? null : val(c.type())));
          }
          yield new TypeDef.Variant(cs);
        }
        case TypeDef.ListOf l -> new TypeDef.ListOf(val(l.element()));
        case TypeDef.FixedList l -> new TypeDef.FixedList(val(l.element()), l.length());
        case TypeDef.Tuple t -> {
          List<ValType> ts = new ArrayList<>();
          for (ValType x : t.types()) {
            ts.add(val(x));
          }
          yield new TypeDef.Tuple(ts);
        }
        case TypeDef.Flags f -> f;
        case TypeDef.Enum e -> e;
        case TypeDef.Option o -> new TypeDef.Option(val(o.type()));
        case TypeDef.Result r -> new TypeDef.Result(r.ok() == null ? null : val(r.ok()),
            r.err() == null ? null : val(r.err()));
        case TypeDef.Own o -> new TypeDef.Own(copy(o.resource()));
        case TypeDef.Borrow b -> new TypeDef.Borrow(copy(b.resource()));
        case TypeDef.Stream s -> new TypeDef.Stream(s.element() == null ? null : val(s.element()));
        case TypeDef.Future f -> new TypeDef.Future(f.element() == null ? null : val(f.element()));
        case TypeDef.MapOf m -> new TypeDef.MapOf(val(m.key()), val(m.value()));
        case TypeDef.Func f -> {
          List<TypeDef.Param> ps = new ArrayList<>();
          for (TypeDef.Param p : f.params()) {
            ps.add(new TypeDef.Param(p.name(), val(p.type())));
          }
          yield new TypeDef.Func(f.async(), ps, f.result() == null ? null : val(f.result()));
        }
        case TypeDef.InstanceType it -> new TypeDef.InstanceType(decls(it.decls()));
        case TypeDef.ComponentType ct -> new TypeDef.ComponentType(decls(ct.decls()));
        case TypeDef.Resource r -> throw new CompositionException(Kind.UNSUPPORTED,
            "a resource defined by a component cannot be the type of an import");
      };
    }

    private List<TypeDef.Decl> decls(List<TypeDef.Decl> decls) throws CompositionException {
      List<TypeDef.Decl> out = new ArrayList<>();
      for (TypeDef.Decl d : decls) {
        if (d instanceof TypeDef.Decl.AliasDecl a && a.alias().target() instanceof Component.AliasTarget.Outer o) {
          if (o.count() != 1) {
            throw new CompositionException(Kind.UNSUPPORTED, "nested outer aliases in an import's type");
          }
          out.add(new TypeDef.Decl.AliasDecl(new Component.Alias(a.alias().sort(),
              new Component.AliasTarget.Outer(1, copy(o.index())))));
        } else {
          out.add(d);
        }
      }
      return out;
    }
  }
}
