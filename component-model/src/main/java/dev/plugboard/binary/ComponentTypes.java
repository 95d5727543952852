package dev.plugboard.binary;

import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.types.ResourceType;
import dev.plugboard.types.ValueSubtyping.Mismatch;
import dev.plugboard.types.ValueType;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arena of a component's types that validation produced (the role wasmparser's {@code types}
 * module plays for wasm-tools): for the component and every component, component type and
 * instance type declared inside it, the type index space as the validator built it. Value types
 * are {@link ValueType}s; resources are {@link ResourceType} tokens compared by identity (an
 * import or export of a resource names the same resource under a new index, see
 * {@link #sameResource}). The runtime's instantiator, the WIT view and the composer read types
 * here instead of deriving them again from the binary's type definitions.
 *
 * <p>Which space: a {@link Component} for a component definition, the {@link TypeDef.ComponentType}
 * or {@link TypeDef.InstanceType} object for a type declaration (by identity).
 */
public final class ComponentTypes {

  /** An index into one type index space: a typed id, never a bare int. */
  public record TypeId(int index) {}

  /** A function type: parameter names and types, the result (null for none), {@code async}. */
  public record Func(boolean async, List<String> names, List<ValueType> params, ValueType result) {}

  /** One type index space, with the imports and exports of its component or type. */
  public static final class Space {
    private final List<TypeT> types;
    private final Map<String, ExternT> imports;
    private final Map<String, ExternT> exports;
    /** Set by the validator when it has read the whole component or component type. */
    TypeT.Comp componentType;
    private volatile Map<Object, TypeId> firstIndexOfResource;

    Space(List<TypeT> types, Map<String, ExternT> imports, Map<String, ExternT> exports) {
      this.types = Collections.unmodifiableList(types);
      this.imports = Collections.unmodifiableMap(imports);
      this.exports = Collections.unmodifiableMap(exports);
    }

    public int size() {
      return types.size();
    }

    /** The type at {@code id}, whatever its kind. */
    public TypeT type(TypeId id) {
      return at(id);
    }

    /** The imports, by name in the order they are declared (empty for an instance type). */
    public Map<String, ExternT> imports() {
      return imports;
    }

    /** The exports, by name in the order they are declared. */
    public Map<String, ExternT> exports() {
      return exports;
    }

    /**
     * This space's component as a component type, as the validator made it, for {@link Linking}:
     * its imports and exports, the resources its imports introduce (abstract: bound by whoever
     * supplies the imports) and the ones it defines or exports abstractly (made anew by each
     * instantiation).
     */
    public TypeT.Comp componentType() {
      if (componentType == null) {
        throw new IllegalStateException("an instance type's space has no component type");
      }
      return componentType;
    }

    /** The value type at {@code id}. */
    public ValueType valueType(TypeId id) {
      if (at(id) instanceof TypeT.Val(ValueType v)) {
        return v;
      }
      throw new IllegalArgumentException("type " + id.index() + " is not a value type");
    }

    /** The function type at {@code id}. */
    public Func function(TypeId id) {
      if (at(id) instanceof TypeT.Func f) {
        return new Func(f.async(), f.names(), f.params(), f.result());
      }
      throw new IllegalArgumentException("type " + id.index() + " is not a function type");
    }

    /** The resource at {@code id}, or null when {@code id} holds another kind of type. */
    public ResourceType resource(TypeId id) {
      return at(id) instanceof TypeT.Resource r ? r.token() : null;
    }

    /**
     * The first index of this space that holds {@code resource} (by identity, past aliases), or
     * null: every resource a type here refers to has one, since a type can only name resources
     * by an index of its own space.
     */
    public TypeId indexOf(ResourceType resource) {
      Map<Object, TypeId> first = firstIndexOfResource;
      if (first == null) {
        first = new IdentityHashMap<>();
        for (int i = 0; i < types.size(); i++) {
          if (types.get(i) instanceof TypeT.Resource r) {
            first.putIfAbsent(ComponentValidator.root(r.token()), new TypeId(i));
          }
        }
        firstIndexOfResource = first; // built once, published whole: instances may be made on several threads
      }
      return first.get(ComponentValidator.root(resource));
    }

    private TypeT at(TypeId id) {
      if (id.index() < 0 || id.index() >= types.size()) {
        throw new IllegalArgumentException("type index " + id.index() + " out of bounds (" + types.size()
            + " defined)");
      }
      return types.get(id.index());
    }
  }

  private final Map<Object, Space> spaces = new IdentityHashMap<>();

  ComponentTypes() {}

  void put(Object owner, List<TypeT> types, Map<String, ExternT> imports, Map<String, ExternT> exports) {
    spaces.put(owner, new Space(types, imports, exports));
  }

  /**
   * The type index space of {@code owner} (a {@link Component}, {@link TypeDef.ComponentType} or
   * {@link TypeDef.InstanceType} that was validated with this arena), or null.
   */
  public Space space(Object owner) {
    return spaces.get(owner);
  }

  /** Whether two resource tokens are the same resource (identity, past the aliases imports and exports make). */
  public static boolean sameResource(ResourceType a, ResourceType b) {
    return ComponentValidator.root(a) == ComponentValidator.root(b);
  }

  /**
   * Supplying a component's imports, one argument at a time, by the subtyping the validator's
   * {@code instantiate} check applies (Explainer.md, "Subtyping"): each argument must be a
   * subtype of its import; the component's abstract imported resources are bound to the first
   * argument's resources that meets them, so later imports are checked against those. The one
   * check behind the validator, the composer's wires and the runtime's linker.
   */
  public static final class Linking {
    private final TypeT.Comp component;
    private final Map<Object, Object> bound = new IdentityHashMap<>();
    private final Subtyping subtyping;

    public Linking(TypeT.Comp component) {
      this.component = component;
      java.util.Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
      open.addAll(component.importedResources());
      this.subtyping = new Subtyping(bound, open);
    }

    /**
     * Null when {@code actual} may be given for import {@code name}, else why not (the path to
     * the part that differs). An unknown name is a mismatch.
     */
    public Mismatch argument(String name, ExternT actual) {
      ExternT expected = component.imports().get(name);
      if (expected == null) {
        return Mismatch.of("no import named `" + name + "`");
      }
      return subtyping.extern(actual, new Subtyping.Substitution(bound).extern(expected));
    }

    /** Expected resource token → the actual one it was bound to, so far. */
    Map<Object, Object> bound() {
      return bound;
    }

    /**
     * The exports of the instance these arguments make: the component's exports with each
     * imported resource replaced by the argument's resource it was bound to, and each resource
     * the component defines by the one {@code renewed} holds for it (made on first use, so a
     * caller that keeps {@code renewed} per instance keeps its resources' identity: generativity).
     */
    public Map<String, ExternT> instanceExports(Map<ResourceType, ResourceType> renewed) {
      Map<Object, Object> subst = new IdentityHashMap<>(bound);
      for (Object defined : component.definedResources()) {
        ResourceType r = (ResourceType) defined;
        subst.put(defined, renewed.computeIfAbsent(r, k -> ResourceType.named(k.name())));
      }
      Subtyping.Substitution substitution = new Subtyping.Substitution(subst);
      Map<String, ExternT> exports = new java.util.LinkedHashMap<>();
      component.exports().forEach((name, t) -> exports.put(name, substitution.extern(t)));
      return Collections.unmodifiableMap(exports);
    }
  }

  /**
   * Null when {@code actual} is a subtype of {@code expected} with no resources left open (an
   * export checked against an export, say), else why not.
   */
  public static Mismatch subtype(ExternT actual, ExternT expected) {
    return new Subtyping(new IdentityHashMap<>(), java.util.Set.of()).extern(actual, expected);
  }

  /**
   * A component type made of these imports and exports (a composition seen from outside): the
   * resources its imports name are its abstract imported ones, the other resources its exports
   * name are its own.
   */
  public static TypeT.Comp componentType(Map<String, ExternT> imports, Map<String, ExternT> exports) {
    java.util.Set<Object> imported = new java.util.LinkedHashSet<>();
    imports.values().forEach(t -> resourcesOf(t, imported));
    java.util.Set<Object> defined = new java.util.LinkedHashSet<>();
    exports.values().forEach(t -> resourcesOf(t, defined));
    defined.removeAll(imported);
    return new TypeT.Comp(imports, exports, List.copyOf(imported), List.copyOf(defined));
  }

  /** {@code t} with resources replaced as {@code map} says (by identity, past aliases); unchanged parts kept. */
  public static ExternT substitute(ExternT t, Map<ResourceType, ResourceType> map) {
    Map<Object, Object> roots = new IdentityHashMap<>();
    map.forEach((k, v) -> roots.put(ComponentValidator.root(k), v));
    return new Subtyping.Substitution(roots).extern(t);
  }

  /** Every resource {@code t} names (past aliases), in the order met, into {@code out}. */
  public static void resourcesOf(ExternT t, java.util.Set<Object> out) {
    switch (t) {
      case ExternT.TypeX(TypeT.Resource r) -> out.add(ComponentValidator.root(r.token()));
      case ExternT.TypeX(TypeT.Val(ValueType v)) -> resourcesOf(v, out);
      case ExternT.TypeX(TypeT.Func f) -> resourcesOf(new ExternT.FuncX(f), out);
      case ExternT.TypeX(TypeT.Inst i) -> resourcesOf(new ExternT.InstX(i), out);
      case ExternT.ValueX(ValueType v) -> resourcesOf(v, out);
      case ExternT.FuncX(TypeT.Func f) -> {
        f.params().forEach(p -> resourcesOf(p, out));
        resourcesOf(f.result(), out);
      }
      case ExternT.InstX(TypeT.Inst i) -> i.exports().values().forEach(x -> resourcesOf(x, out));
      default -> { } // components and modules have resources of their own
    }
  }

  private static void resourcesOf(ValueType t, java.util.Set<Object> out) {
    switch (t) {
      case null -> { }
      case ValueType.OwnType o -> out.add(ComponentValidator.root(o.resource()));
      case ValueType.BorrowType b -> out.add(ComponentValidator.root(b.resource()));
      case ValueType.RecordType r -> r.fields().forEach(f -> resourcesOf(f.type(), out));
      case ValueType.VariantType v -> v.cases().forEach(c -> resourcesOf(c.type(), out));
      case ValueType.ListType l -> resourcesOf(l.element(), out);
      case ValueType.FixedListType l -> resourcesOf(l.element(), out);
      case ValueType.TupleType tu -> tu.types().forEach(x -> resourcesOf(x, out));
      case ValueType.OptionType o -> resourcesOf(o.type(), out);
      case ValueType.ResultType r -> {
        resourcesOf(r.ok(), out);
        resourcesOf(r.err(), out);
      }
      case ValueType.MapType m -> {
        resourcesOf(m.key(), out);
        resourcesOf(m.value(), out);
      }
      case ValueType.AsyncType a -> resourcesOf(a.element(), out);
      default -> { }
    }
  }

  // ---- how types were written: what the WIT view needs to keep their names ----------------

  /** Per function or value type defined by a type definition: the types at the indices of its parts. */
  private final Map<TypeT, List<TypeT>> parts = new IdentityHashMap<>();
  /** A record, variant, enum or flags type an import or export named anew → the type it names. */
  private final Map<Object, TypeT> renamedFrom = new IdentityHashMap<>();
  /** An imported instance type with its resources made anew → the instance type as defined. */
  private final Map<TypeT.Inst, TypeT.Inst> renewedFrom = new IdentityHashMap<>();

  void parts(TypeT defined, List<TypeT> sources) {
    if ((defined instanceof TypeT.Func || defined instanceof TypeT.Val) && !sources.isEmpty()) {
      parts.put(defined, Collections.unmodifiableList(new java.util.ArrayList<>(sources)));
    }
  }

  void renamed(ExternT named, TypeT original) {
    if (named instanceof ExternT.TypeX(TypeT.Val copy) && original instanceof TypeT.Val o && copy != o) {
      renamedFrom.put(copy, o);
      renamedFrom.put(copy.value(), o);
    }
  }

  void renewed(TypeT.Inst imported, TypeT.Inst defined) {
    renewedFrom.put(imported, defined);
  }

  /**
   * The types at the indices the parts of {@code t} were written with, in the order of
   * {@link ValueTypes#parts} (a function: its parameters, then its result), null where a part was
   * a primitive written in place; null when {@code t} was not made by a type definition (or has no
   * parts). A {@code ValueType} cannot say that a {@code u64} was written as the index of
   * {@code type instant = u64}; this can.
   */
  public List<TypeT> partsOf(TypeT t) {
    return parts.get(t);
  }

  /**
   * The type {@code t} names when it is the new index an import or export of a record, variant,
   * enum or flags type introduced (equal to it, an identity of its own); else {@code t}. Follows
   * chains of such names to the definition.
   */
  public TypeT definition(TypeT t) {
    TypeT d = t;
    for (TypeT next = renamedFrom.get(d); next != null; next = renamedFrom.get(d)) {
      d = next;
    }
    return d;
  }

  /** As {@link #definition(TypeT)}, for the value type of such an index. */
  public ValueType definition(ValueType v) {
    TypeT named = renamedFrom.get(v);
    return named == null ? v : ((TypeT.Val) definition(named)).value();
  }

  /**
   * The instance type as defined, for an import of it whose resources were made anew; else
   * {@code imported}. Its exports are the same names, with the defined resources.
   */
  public TypeT.Inst instanceType(TypeT.Inst imported) {
    return renewedFrom.getOrDefault(imported, imported);
  }
}
