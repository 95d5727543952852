package dev.plugboard.binary;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.plugboard.abi.CoreSignature;
import dev.plugboard.abi.Layout;
import dev.plugboard.binary.Component.*;
import dev.plugboard.types.ResourceType;
import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a decoded component (Binary.md and Explainer.md validation rules; canonical
 * option rules of CanonicalABI.md): index spaces built definition by definition, type
 * references of the right kind, name grammar and strong uniqueness, defined-type rules,
 * canonical options and core signatures, resource rules. Core modules are checked by
 * Chicory's parser and validator.
 */
public final class ComponentValidator {
  // ---- what the validator knows about each index ---------------------------------------

  /** What a type index holds (read through {@link ComponentTypes}). */
  public sealed interface TypeT {
    record Val(ValueType value) implements TypeT {}

    record Func(boolean async, List<String> names, List<ValueType> params, ValueType result) implements TypeT {}

    /**
     * A component type. {@code importedResources}: the abstract resource types its imports
     * introduce (supplied by instantiation arguments); {@code definedResources}: the ones it
     * defines or exports abstractly (made anew by every instantiation).
     */
    record Comp(Map<String, ExternT> imports, Map<String, ExternT> exports, List<Object> importedResources,
        List<Object> definedResources) implements TypeT {}

    /** An instance type; {@code definedResources} are made anew wherever the type is imported. */
    record Inst(Map<String, ExternT> exports, List<Object> definedResources) implements TypeT {}

    /** A resource type; {@code local} when defined by this component (not imported). */
    record Resource(ResourceType token, boolean local) implements TypeT {}
  }

  /** What an import, export or instantiation argument is: its sort and type. */
  public sealed interface ExternT {
    record ModuleX(ModuleT module) implements ExternT {}

    record FuncX(TypeT.Func type) implements ExternT {}

    record ValueX(ValueType type) implements ExternT {}

    record TypeX(TypeT type) implements ExternT {}

    record CompX(TypeT.Comp type) implements ExternT {}

    record InstX(TypeT.Inst type) implements ExternT {}
  }

  /**
   * Another name for a resource type: the new type index an import or export of a resource
   * introduces. It is the same type (see {@link #root}), but whether it has an external name is
   * a property of this index, not of the resource: an export does not name the index it was given
   * (Explainer.md, "External Visibility of Types").
   */
  static final class ResourceAlias implements ResourceType {
    final ResourceType target;

    ResourceAlias(ResourceType target) {
      this.target = target;
    }

    @Override
    public String name() {
      return target.name();
    }
  }

  /** The resource a token stands for, past any aliases. */
  static Object root(Object token) {
    Object t = token;
    while (t instanceof ResourceAlias a) {
      t = a.target;
    }
    return t;
  }

  /**
   * The new type index an import or export of a type introduces: for records, variants, enums and
   * flags a copy (equal, but a name of its own), for resources an alias; anything else as it is.
   */
  private static ExternT newIndex(ExternT t) {
    return switch (t) {
      case ExternT.TypeX(TypeT.Resource r) -> new ExternT.TypeX(new TypeT.Resource(new ResourceAlias(r.token()), r.local()));
      case ExternT.TypeX(TypeT.Val(ValueType.RecordType r)) -> new ExternT.TypeX(new TypeT.Val(
          new ValueType.RecordType(r.fields())));
      case ExternT.TypeX(TypeT.Val(ValueType.VariantType v)) -> new ExternT.TypeX(new TypeT.Val(
          new ValueType.VariantType(v.cases())));
      case ExternT.TypeX(TypeT.Val(ValueType.EnumType e)) -> new ExternT.TypeX(new TypeT.Val(
          new ValueType.EnumType(e.names())));
      case ExternT.TypeX(TypeT.Val(ValueType.FlagsType f)) -> new ExternT.TypeX(new TypeT.Val(
          new ValueType.FlagsType(f.names())));
      default -> t;
    };
  }

  /** A core function type as lists of core value type names ({@code i32}, ...); null parts when unknown. */
  public record CoreFuncT(List<String> params, List<String> results) {
    static final CoreFuncT UNKNOWN = new CoreFuncT(null, null);

    static CoreFuncT of(CoreSignature sig) {
      return new CoreFuncT(sig.watParams(), sig.watResults());
    }

    @Override
    public String toString() {
      return params + " -> " + results;
    }
  }

  /** A core export: a function's signature or a table's, memory's or global's type (null when unknown). */
  public record CoreExportT(ExternalType kind, CoreFuncT func, CoreExternType type) {
    CoreExportT(ExternalType kind, CoreFuncT func) {
      this(kind, func, null);
    }
  }

  public record ModuleT(List<CoreImport> imports, Map<String, CoreExportT> exports) {}

  public record CoreImport(String module, String name, ExternalType kind, CoreFuncT func, CoreExternType type) {}

  /** One scope: a component, or a component or instance type. */
  private final class Scope {
    final Scope parent;
    final boolean typeScope;
    final List<CoreFuncT> coreFuncs = new ArrayList<>();
    /** Types of the core tables, memories and globals (null where unknown), and the count of tags. */
    final List<CoreExternType> coreTables = new ArrayList<>();
    final List<CoreExternType> coreMemories = new ArrayList<>();
    final List<CoreExternType> coreGlobals = new ArrayList<>();
    int coreTags;
    final List<Object> coreTypes = new ArrayList<>(); // CoreFuncT, ModuleT or "other"
    final List<ModuleT> modules = new ArrayList<>();
    final List<Map<String, CoreExportT>> coreInstances = new ArrayList<>();
    final List<TypeT.Func> funcs = new ArrayList<>();
    /** The value index space (🪙): each value's type (null when unknown) and which values were used. */
    final List<ValueType> values = new ArrayList<>();
    final java.util.BitSet usedValues = new java.util.BitSet();
    boolean started;
    /** An instance type: its exports' types are checked for visibility where the instance is imported or exported. */
    boolean instanceType;
    final List<TypeT> types = new ArrayList<>();
    final List<TypeT.Comp> components = new ArrayList<>();
    final List<TypeT.Inst> instances = new ArrayList<>();
    final Map<String, String> importKeys = new HashMap<>();
    final Map<String, String> exportKeys = new HashMap<>();
    final LinkedHashMap<String, ExternT> imports = new LinkedHashMap<>();
    final LinkedHashMap<String, ExternT> exports = new LinkedHashMap<>();
    /** Resource tokens made by imports here, and made by definitions or abstract exports here. */
    final java.util.LinkedHashSet<Object> importedTokens = new java.util.LinkedHashSet<>();
    final java.util.LinkedHashSet<Object> definedTokens = new java.util.LinkedHashSet<>();
    /** The effective size of every import and export so far (wasmparser bounds it per component). */
    long externSize;
    /** Resource tokens that have an external name here because an export introduced them. */
    final java.util.Set<Object> exportedTokens = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Record, variant, enum and flags types given a name here by an import or export (by identity). */
    final java.util.Set<Object> namedTypes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Resource names in this scope: resource token → the names it was imported under. */
    final Map<Object, List<String>> importedResourceNames = new IdentityHashMap<>();
    /** ... and exported under: an export's annotated name must name an exported resource. */
    final Map<Object, List<String>> exportedResourceNames = new IdentityHashMap<>();

    Scope(Scope parent, boolean typeScope) {
      this.parent = parent;
      this.typeScope = typeScope;
    }
  }

  private final Map<Object, Integer> offsets;
  private final ComponentTypes arena = new ComponentTypes();
  /** While a type is defined: the types at the indices its parts are written with (null for a primitive). */
  private List<TypeT> partSources;
  private final boolean validateCoreCode;
  /** Whether the 🪙 value feature is enabled (wasm-tools leaves it off by default, and so do we). */
  private final boolean valuesEnabled;
  private long offset = -1;

  private ComponentValidator(Map<Object, Integer> offsets, boolean validateCoreCode, boolean valuesEnabled) {
    this.offsets = offsets;
    this.validateCoreCode = validateCoreCode;
    this.valuesEnabled = valuesEnabled;
  }

  public static ComponentTypes validate(Component c) throws InvalidComponentException {
    return validate(c, Map.of());
  }

  /**
   * Validates; {@code offsets} (from the decoder) places errors at their section's byte offset.
   * Answers the arena of the component's types.
   */
  public static ComponentTypes validate(Component c, Map<Object, Integer> offsets) throws InvalidComponentException {
    return validate(c, offsets, false);
  }

  /**
   * Validates with the 🪙 value feature on or off: off, any value import, export, type, start
   * function or value definition is refused, as wasm-tools does by default; on, each value must
   * be used exactly once and start functions are checked against their arguments and results.
   */
  public static ComponentTypes validate(Component c, Map<Object, Integer> offsets, boolean values)
      throws InvalidComponentException {
    ComponentValidator v = new ComponentValidator(offsets, true, values);
    v.component(c, null);
    return v.arena;
  }

  /**
   * Validates the component's structure only: core modules contribute their interfaces,
   * but their code is not validated (fast, for editors and previews).
   */
  public static ComponentTypes validateStructure(Component c, Map<Object, Integer> offsets)
      throws InvalidComponentException {
    ComponentValidator v = new ComponentValidator(offsets, false, false);
    v.component(c, null);
    return v.arena;
  }

  private InvalidComponentException invalid(String message) {
    return new InvalidComponentException(offset, message);
  }

  // ---- components ---------------------------------------------------------------------

  private TypeT.Comp component(Component c, Scope parent) throws InvalidComponentException {
    Scope s = new Scope(parent, false);
    arena.put(c, s.types, s.imports, s.exports);
    for (Section section : c.sections()) {
      Integer at = offsets.get(section);
      if (at != null) {
        offset = at;
      }
      section(s, section);
    }
    int unused = s.usedValues.nextClearBit(0);
    if (unused < s.values.size()) {
      throw invalid("value index " + unused + " was not used as part of an instantiation, start function, or export");
    }
    TypeT.Comp type = compType(s);
    arena.space(c).componentType = type;
    return type;
  }

  private static TypeT.Comp compType(Scope s) {
    return new TypeT.Comp(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(s.imports)),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(s.exports)), List.copyOf(s.importedTokens),
        List.copyOf(s.definedTokens));
  }

  private void section(Scope s, Section section) throws InvalidComponentException {
    switch (section) {
      case CustomSection c -> { }
      case CoreModuleSection m -> s.modules.add(coreModule(m.module()));
      case CoreInstanceSection ci -> {
        for (CoreInstance i : ci.instances()) {
          s.coreInstances.add(coreInstance(s, i));
        }
      }
      case CoreTypeSection ct -> {
        for (CoreType t : ct.types()) {
          s.coreTypes.add(coreType(s, t));
        }
      }
      case NestedComponentSection n -> s.components.add(component(n.component(), s));
      case InstanceSection is -> {
        for (Instance i : is.instances()) {
          s.instances.add(instance(s, i));
        }
      }
      case AliasSection as -> {
        for (Alias a : as.aliases()) {
          alias(s, a);
        }
      }
      case TypeSection ts -> {
        for (TypeDef t : ts.types()) {
          s.types.add(typeDef(s, t));
        }
      }
      case CanonSection cs -> {
        for (Canon c : cs.canons()) {
          canon(s, c);
        }
      }
      case StartSection st -> start(s, st);
      case ImportSection is -> {
        for (Import i : is.imports()) {
          importOrExport(s, i.name(), i.type(), true);
        }
      }
      case ExportSection es -> {
        for (Export e : es.exports()) {
          export(s, e);
        }
      }
      case ValueSection v -> valueSection(s, v);
    }
  }

  // ---- values and start (🪙) -----------------------------------------------------------

  /** A core extern kind in wasm-tools' words. */
  private static String coreKind(ExternalType kind) {
    return switch (kind) {
      case FUNCTION -> "func";
      case TABLE -> "table";
      case MEMORY -> "memory";
      case GLOBAL -> "global";
      case TAG -> "tag";
    };
  }

  private void requireValues() throws InvalidComponentException {
    if (!valuesEnabled) {
      throw invalid("support for component model `value`s is not enabled");
    }
  }

  /** Binary.md: every value is used exactly once (by an instantiation, the start function or an export). */
  private void useValue(Scope s, int index) throws InvalidComponentException {
    check(index, s.values.size(), "value");
    if (s.usedValues.get(index)) {
      throw invalid("value " + index + " cannot be used more than once");
    }
    s.usedValues.set(index);
  }

  /** Explainer.md "Start Definitions": the arguments are values of the parameters' types; results are new values. */
  private void start(Scope s, StartSection st) throws InvalidComponentException {
    requireValues();
    if (s.started) {
      throw invalid("component cannot have more than one start function");
    }
    s.started = true;
    check(st.func(), s.funcs.size(), "function");
    TypeT.Func f = s.funcs.get(st.func());
    if (f.params().size() != st.args().size()) {
      throw invalid("component start function requires " + f.params().size() + " arguments but was given "
          + st.args().size());
    }
    for (int i = 0; i < st.args().size(); i++) {
      int v = st.args().get(i);
      useValue(s, v);
      ValueType actual = s.values.get(v);
      if (actual != null && new Subtyping(new IdentityHashMap<>(), java.util.Set.of()).value(actual,
          f.params().get(i)) != null) {
        throw invalid("value type mismatch for component start function argument " + i);
      }
    }
    int results = f.result() == null ? 0 : 1;
    if (st.results() != results) {
      throw invalid("component start function has a result count of " + st.results()
          + " but the function type has a result count of " + results);
    }
    if (f.result() != null) {
      s.values.add(f.result());
    }
  }

  /** Binary.md "Value Definitions": {@code vec(t:<valtype> len:<u32> v:<val(t)>)}; the bytes are not interpreted. */
  private void valueSection(Scope s, ValueSection section) throws InvalidComponentException {
    requireValues();
    BinaryReader in = new BinaryReader(section.data());
    try {
      int n = in.count("values", 2);
      for (int i = 0; i < n; i++) {
        ValType t = ComponentDecoder.valType(in);
        in.skip(in.length("value"));
        s.values.add(valType(s, t));
      }
    } catch (MalformedBinaryException e) {
      throw invalid(e.getMessage());
    }
  }

  private void check(long index, int size, String what) throws InvalidComponentException {
    if (index < 0 || index >= size) {
      // wasm-tools' words: "unknown core function 3: function index out of bounds"
      String space = what.startsWith("core ") && !what.equals("core type") ? what.substring(5) : what;
      throw invalid("unknown " + what + " " + index + ": " + space + " index out of bounds (there are " + size + ")");
    }
  }

  // ---- core modules and instances -----------------------------------------------------

  /**
   * A core module's interface, read directly; with {@link #validateCoreCode} its code is
   * also validated by Chicory (by far the slowest part for large modules).
   */
  private ModuleT coreModule(byte[] bytes) throws InvalidComponentException {
    if (bytes.length >= 8 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm'
        && (bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0)) {
      throw invalid("invalid core module: expected a version header for a module");
    }
    CoreModuleInterface module;
    try {
      module = CoreModuleInterface.read(bytes);
    } catch (MalformedBinaryException e) {
      throw invalid("invalid core module: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    ExternalType[] kinds = {ExternalType.FUNCTION, ExternalType.TABLE, ExternalType.MEMORY, ExternalType.GLOBAL,
        ExternalType.TAG};
    List<CoreImport> imports = new ArrayList<>();
    for (CoreModuleInterface.Import imp : module.imports()) {
      CoreImport ci = new CoreImport(imp.module(), imp.name(), kinds[imp.kind()],
          imp.kind() == 0 && imp.params() != null ? new CoreFuncT(imp.params(), imp.results()) : null, imp.type());
      if (imports.stream().anyMatch(x -> x.module().equals(ci.module()) && x.name().equals(ci.name()))) {
        throw invalid("module has a duplicate import name `" + ci.module() + ":" + ci.name()
            + "` that is not allowed in components");
      }
      imports.add(ci);
    }
    // after the interface checks, so a duplicate import is reported as such
    if (validateCoreCode) {
      try {
        Parser.parse(bytes);
      } catch (RuntimeException | AssertionError e) { // Chicory's parser reports some malformations as these
        throw invalid("invalid core module: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    Map<String, CoreExportT> exports = new LinkedHashMap<>();
    module.exports().forEach((name, e) -> exports.put(name, new CoreExportT(kinds[e.kind()],
        e.kind() == 0 ? new CoreFuncT(e.params(), e.results()) : null, e.type())));
    return new ModuleT(imports, exports);
  }

  private Map<String, CoreExportT> coreInstance(Scope s, CoreInstance i) throws InvalidComponentException {
    switch (i) {
      case CoreInstance.Instantiate in -> {
        check(in.module(), s.modules.size(), "module");
        Map<String, Integer> args = new HashMap<>();
        for (CoreArg a : in.args()) {
          check(a.instance(), s.coreInstances.size(), "core instance");
          if (args.put(a.name(), a.instance()) != null) {
            throw invalid("duplicate module instantiation argument named `" + a.name() + "`");
          }
        }
        ModuleT module = s.modules.get(in.module());
        for (CoreImport imp : module.imports()) {
          Integer inst = args.get(imp.module());
          if (inst == null) {
            throw invalid("missing module instantiation argument named `" + imp.module() + "`");
          }
          CoreExportT provided = s.coreInstances.get(inst).get(imp.name());
          if (provided == null) {
            throw invalid("module instantiation argument `" + imp.module() + "` does not export an item named `"
                + imp.name() + "`");
          }
          if (provided.kind() != imp.kind()) {
            throw invalid("type mismatch for export `" + imp.name() + "` of module instantiation argument `"
                + imp.module() + "`: expected " + coreKind(imp.kind()) + ", found " + coreKind(provided.kind()));
          }
          if (provided.type() != null && imp.type() != null) {
            String why = provided.type().mismatch(imp.type());
            if (why != null) {
              throw invalid("type mismatch for export `" + imp.name() + "` of module instantiation argument `"
                  + imp.module() + "`: " + why);
            }
          }
          CoreFuncT want = imp.func();
          CoreFuncT got = provided.func();
          if (want != null && got != null && want.params() != null && got.params() != null
              && (!want.params().equals(got.params()) || !want.results().equals(got.results()))) {
            throw invalid("type mismatch for export `" + imp.name() + "` of module instantiation argument `"
                + imp.module() + "`: expected func " + want + ", found func " + got);
          }
        }
        return module.exports();
      }
      case CoreInstance.FromExports fe -> {
        Map<String, CoreExportT> exports = new LinkedHashMap<>();
        for (CoreExport e : fe.exports()) {
          CoreExportT t = switch (e.sort()) {
            case CORE_FUNC -> {
              check(e.index(), s.coreFuncs.size(), "core function");
              yield new CoreExportT(ExternalType.FUNCTION, s.coreFuncs.get(e.index()));
            }
            case CORE_TABLE -> {
              check(e.index(), s.coreTables.size(), "table");
              yield new CoreExportT(ExternalType.TABLE, null, s.coreTables.get(e.index()));
            }
            case CORE_MEMORY -> {
              check(e.index(), s.coreMemories.size(), "memory");
              yield new CoreExportT(ExternalType.MEMORY, null, s.coreMemories.get(e.index()));
            }
            case CORE_GLOBAL -> {
              check(e.index(), s.coreGlobals.size(), "global");
              yield new CoreExportT(ExternalType.GLOBAL, null, s.coreGlobals.get(e.index()));
            }
            case CORE_TAG -> {
              check(e.index(), s.coreTags, "tag");
              yield new CoreExportT(ExternalType.TAG, null);
            }
            default -> throw invalid("core instance export of a " + e.sort().label() + " is not allowed");
          };
          if (exports.put(e.name(), t) != null) {
            throw invalid("duplicate instantiation export name `" + e.name() + "` already defined");
          }
        }
        return exports;
      }
    }
  }

  private Object coreType(Scope s, CoreType t) throws InvalidComponentException {
    return switch (t) {
      case CoreType.Func f -> new CoreFuncT(f.params().stream().map(ComponentValidator::coreValName).toList(),
          f.results().stream().map(ComponentValidator::coreValName).toList());
      case CoreType.Module m -> moduleType(s, m);
      case CoreType.Raw r -> "other";
    };
  }

  private static String coreValName(byte[] b) {
    return CoreModuleInterface.valueTypeName(b[0] & 0xff);
  }

  private ModuleT moduleType(Scope s, CoreType.Module m) throws InvalidComponentException {
    List<Object> types = new ArrayList<>();
    Map<String, CoreExportT> exports = new LinkedHashMap<>();
    java.util.Set<String> importNames = new java.util.HashSet<>();
    List<CoreImport> imports = new ArrayList<>();
    for (CoreType.ModuleDecl d : m.decls()) {
      switch (d) {
        case CoreType.ModuleDecl.TypeDecl td -> types.add(coreType(s, td.type()));
        case CoreType.ModuleDecl.OuterAlias a -> {
          // count 0 is the module type's own types, 1 the enclosing component's core types
          List<Object> space = a.count() == 0 ? types : outer(s, a.count() - 1).coreTypes;
          check(a.index(), space.size(), "type");
          Object aliased = space.get(a.index());
          if (aliased instanceof ModuleT) {
            throw invalid("module types cannot be aliased into module types");
          }
          types.add(aliased);
        }
        case CoreType.ModuleDecl.ImportDecl i -> {
          CoreExportT it = coreExtern(types, i.type());
          imports.add(new CoreImport(i.module(), i.name(), it.kind(), it.func(), it.type()));
          if (!importNames.add(i.module() + "\u0000" + i.name())) {
            throw invalid("module has a duplicate import name `" + i.module() + ":" + i.name()
                + "` that is not allowed in components");
          }
        }
        case CoreType.ModuleDecl.ExportDecl e -> {
          CoreExportT t = coreExtern(types, e.type());
          if (exports.put(e.name(), t) != null) {
            throw invalid("duplicate export name `" + e.name() + "` already defined");
          }
        }
      }
    }
    return new ModuleT(imports, exports);
  }

  private CoreExportT coreExtern(List<Object> types, CoreType.CoreExtern t) throws InvalidComponentException {
    BinaryReader in = new BinaryReader(t.rest());
    try {
      switch (t.kind()) {
        case 0x00 -> {
          long idx = in.u32();
          check(idx, types.size(), "type");
          Object type = types.get((int) idx);
          if (!(type instanceof CoreFuncT f)) {
            throw invalid("type index " + idx + " is not a function type");
          }
          return new CoreExportT(ExternalType.FUNCTION, f);
        }
        case 0x02 -> {
          CoreExternType m = CoreExternType.memory(in);
          boolean is64 = (m.flags() & 0x04) != 0;
          if (!is64 && (m.min() > 65536 || m.max() > 65536)) {
            throw invalid("memory size must be at most 65536 pages (4GiB)");
          }
          return new CoreExportT(ExternalType.MEMORY, null, m);
        }
        case 0x01 -> {
          return new CoreExportT(ExternalType.TABLE, null, CoreExternType.table(in));
        }
        case 0x03 -> {
          return new CoreExportT(ExternalType.GLOBAL, null, CoreExternType.global(in));
        }
        default -> {
          return new CoreExportT(ExternalType.TAG, null);
        }
      }
    } catch (MalformedBinaryException e) {
      throw invalid(e.getMessage());
    }
  }

  private Scope outer(Scope s, int count) throws InvalidComponentException {
    Scope target = s;
    for (int i = 0; i < count; i++) {
      if (target.parent == null) {
        throw invalid("invalid outer alias count of " + count);
      }
      target = target.parent;
    }
    return target;
  }

  // ---- component instances and aliases ------------------------------------------------

  private TypeT.Inst instance(Scope s, Instance i) throws InvalidComponentException {
    switch (i) {
      case Instance.Instantiate in -> {
        check(in.component(), s.components.size(), "component");
        TypeT.Comp c = s.components.get(in.component());
        Map<String, Arg> args = new HashMap<>();
        for (Arg a : in.args()) {
          sortIndex(s, a.sort(), a.index());
          if (a.sort() == Sort.VALUE) {
            useValue(s, a.index());
          }
          if (args.put(a.name(), a) != null) {
            throw invalid("instantiation argument `" + a.name() + "` conflicts with previous argument `"
                + args.get(a.name()).name() + "`");
          }
        }
        ComponentTypes.Linking linking = new ComponentTypes.Linking(c);
        for (var imp : c.imports().entrySet()) {
          Arg arg = args.get(imp.getKey());
          if (arg == null) {
            throw invalid("missing import named `" + imp.getKey() + "`");
          }
          dev.plugboard.types.ValueSubtyping.Mismatch m = linking.argument(imp.getKey(), sortIndex(s, arg.sort(), arg.index()));
          if (m != null) {
            throw invalid("type mismatch for component instantiation argument `" + imp.getKey() + "`: "
                + Subtyping.referenceWords(m));
          }
        }
        // Generativity: every instantiation makes its own copies of the resources the
        // component defines.
        Map<Object, Object> subst = new IdentityHashMap<>(linking.bound());
        for (Object defined : c.definedResources()) {
          ResourceType fresh = ResourceType.named(((ResourceType) defined).name());
          subst.put(defined, fresh);
          s.definedTokens.add(fresh);
        }
        Subtyping.Substitution substitution = new Subtyping.Substitution(subst);
        Map<String, ExternT> exports = new LinkedHashMap<>();
        c.exports().forEach((name, t) -> exports.put(name, substitution.extern(t)));
        return new TypeT.Inst(java.util.Collections.unmodifiableMap(exports), List.of());
      }
      case Instance.FromExports fe -> {
        Map<String, ExternT> exports = new LinkedHashMap<>();
        Map<String, String> keys = new HashMap<>();
        // In a bag of exports, a resource has a name if it is exported here and is not a
        // resource this component defines but never exported from itself.
        Map<Object, List<String>> names = new IdentityHashMap<>();
        for (InlineExport e : fe.exports()) {
          ExternNames.Parsed parsed = name(e.name(), keys, "export");
          ExternT t = sortIndex(s, e.sort(), e.index());
          if (e.sort() == Sort.VALUE) {
            useValue(s, e.index());
          }
          if (hasImplements(e.name()) && !(t instanceof ExternT.InstX)) {
            throw invalid("only instances can have an `implements` attribute");
          }
          if (t instanceof ExternT.TypeX(TypeT.Resource r)
              && (!r.local() || s.exportedResourceNames.containsKey(r.token()))) {
            names.computeIfAbsent(r.token(), k -> new ArrayList<>()).add(e.name().name());
          }
          annotated(names, parsed, e.name().name(), t);
          exports.put(e.name().name(), t);
        }
        return new TypeT.Inst(exports, List.of());
      }
    }
  }

  /** Checks an index of a sort and says what it holds. */
  private ExternT sortIndex(Scope s, Sort sort, int index) throws InvalidComponentException {
    switch (sort) {
      case FUNC -> {
        check(index, s.funcs.size(), "function");
        return new ExternT.FuncX(s.funcs.get(index));
      }
      case VALUE -> {
        requireValues();
        check(index, s.values.size(), "value");
        return new ExternT.ValueX(s.values.get(index));
      }
      case TYPE -> {
        check(index, s.types.size(), "type");
        return new ExternT.TypeX(s.types.get(index));
      }
      case COMPONENT -> {
        check(index, s.components.size(), "component");
        return new ExternT.CompX(s.components.get(index));
      }
      case INSTANCE -> {
        check(index, s.instances.size(), "instance");
        return new ExternT.InstX(s.instances.get(index));
      }
      case CORE_MODULE -> {
        check(index, s.modules.size(), "module");
        return new ExternT.ModuleX(s.modules.get(index));
      }
      default -> throw invalid("a " + sort.label() + " cannot be exported or passed to a component");
    }
  }

  private void alias(Scope s, Alias a) throws InvalidComponentException {
    switch (a.target()) {
      case AliasTarget.InstanceExport e -> {
        check(e.instance(), s.instances.size(), "instance");
        ExternT t = s.instances.get(e.instance()).exports().get(e.name());
        if (t == null) {
          throw invalid("instance " + e.instance() + " has no export named `" + e.name() + "`");
        }
        if (externSort(t) != a.sort()) {
          throw invalid("export `" + e.name() + "` for instance " + e.instance() + " is not a " + a.sort().referenceDesc());
        }
        add(s, t);
      }
      case AliasTarget.CoreInstanceExport e -> {
        check(e.instance(), s.coreInstances.size(), "core instance");
        CoreExportT t = s.coreInstances.get(e.instance()).get(e.name());
        if (t == null) {
          throw invalid("core instance " + e.instance() + " has no export named `" + e.name() + "`");
        }
        Sort expected = switch (t.kind()) {
          case FUNCTION -> Sort.CORE_FUNC;
          case TABLE -> Sort.CORE_TABLE;
          case MEMORY -> Sort.CORE_MEMORY;
          case GLOBAL -> Sort.CORE_GLOBAL;
          case TAG -> Sort.CORE_TAG;
        };
        if (expected != a.sort()) {
          throw invalid("export `" + e.name() + "` for core instance " + e.instance() + " is not a "
              + a.sort().referenceDesc());
        }
        switch (expected) {
          case CORE_FUNC -> s.coreFuncs.add(t.func() == null ? CoreFuncT.UNKNOWN : t.func());
          case CORE_TABLE -> s.coreTables.add(t.type());
          case CORE_MEMORY -> s.coreMemories.add(t.type());
          case CORE_GLOBAL -> s.coreGlobals.add(t.type());
          default -> s.coreTags++;
        }
      }
      case AliasTarget.Outer o -> {
        Scope target = outer(s, o.count());
        switch (a.sort()) {
          case TYPE -> {
            check(o.index(), target.types.size(), "type");
            TypeT aliased = target.types.get(o.index());
            if (crossesComponent(s, o.count()) && refersToResource(aliased)) {
              throw invalid("cannot alias outer type which transitively refers to resources not defined in the "
                  + "current component");
            }
            s.types.add(aliased);
          }
          case CORE_TYPE -> {
            check(o.index(), target.coreTypes.size(), "core type");
            s.coreTypes.add(target.coreTypes.get(o.index()));
          }
          case COMPONENT -> {
            check(o.index(), target.components.size(), "component");
            s.components.add(target.components.get(o.index()));
          }
          case CORE_MODULE -> {
            check(o.index(), target.modules.size(), "module");
            s.modules.add(target.modules.get(o.index()));
          }
          default -> throw invalid("invalid leading byte (0x" + Integer.toHexString(a.sort().code()) + ") for component "
              + "outer alias kind: outer aliases of a " + a.sort().label() + " are not allowed");
        }
      }
    }
  }

  /** Whether going out {@code count} scopes from {@code s} leaves a component (not just a type). */
  private static boolean crossesComponent(Scope s, int count) {
    Scope at = s;
    for (int i = 0; i < count; i++) {
      if (!at.typeScope) {
        return true;
      }
      at = at.parent;
    }
    return false;
  }

  /**
   * Whether a type refers to a resource from outside itself: the resources an instance or
   * component type introduces (its own abstract resources) do not count.
   */
  private static boolean refersToResource(TypeT t) {
    return refersToResource(t, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static boolean refersToResource(TypeT t, java.util.Set<Object> own) {
    return switch (t) {
      case TypeT.Resource r -> !own.contains(root(r.token()));
      case TypeT.Val v -> refersToResource(v.value(), own);
      case TypeT.Func f -> f.params().stream().anyMatch(p -> refersToResource(p, own))
          || refersToResource(f.result(), own);
      case TypeT.Inst i -> {
        java.util.Set<Object> inner = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        inner.addAll(own);
        inner.addAll(i.definedResources());
        yield i.exports().values().stream().anyMatch(x -> refersToResource(x, inner));
      }
      case TypeT.Comp c -> {
        java.util.Set<Object> inner = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        inner.addAll(own);
        inner.addAll(c.importedResources());
        inner.addAll(c.definedResources());
        yield c.imports().values().stream().anyMatch(x -> refersToResource(x, inner))
            || c.exports().values().stream().anyMatch(x -> refersToResource(x, inner));
      }
    };
  }

  private static boolean refersToResource(ExternT t, java.util.Set<Object> own) {
    return switch (t) {
      case ExternT.FuncX f -> refersToResource(f.type(), own);
      case ExternT.InstX i -> refersToResource(i.type(), own);
      case ExternT.CompX c -> refersToResource(c.type(), own);
      case ExternT.TypeX ty -> refersToResource(ty.type(), own);
      case ExternT.ValueX v -> refersToResource(v.type(), own);
      case ExternT.ModuleX m -> false;
    };
  }

  private static boolean refersToResource(ValueType t, java.util.Set<Object> own) {
    return t instanceof ValueType.OwnType o ? !own.contains(root(o.resource()))
        : t instanceof ValueType.BorrowType b ? !own.contains(root(b.resource()))
        : ValueTypes.parts(t).stream().anyMatch(p -> refersToResource(p, own));
  }

  private static Sort externSort(ExternT t) {
    return switch (t) {
      case ExternT.ModuleX m -> Sort.CORE_MODULE;
      case ExternT.FuncX f -> Sort.FUNC;
      case ExternT.ValueX v -> Sort.VALUE;
      case ExternT.TypeX ty -> Sort.TYPE;
      case ExternT.CompX c -> Sort.COMPONENT;
      case ExternT.InstX i -> Sort.INSTANCE;
    };
  }

  private void add(Scope s, ExternT t) {
    switch (t) {
      case ExternT.ModuleX m -> s.modules.add(m.module());
      case ExternT.FuncX f -> s.funcs.add(f.type());
      case ExternT.ValueX v -> s.values.add(v.type());
      case ExternT.TypeX ty -> s.types.add(ty.type());
      case ExternT.CompX c -> s.components.add(c.type());
      case ExternT.InstX i -> s.instances.add(i.type());
    }
  }

  // ---- types --------------------------------------------------------------------------

  private TypeT typeDef(Scope s, TypeDef t) throws InvalidComponentException {
    List<TypeT> outer = partSources;
    partSources = new ArrayList<>();
    try {
      TypeT defined = definedType(s, t);
      arena.parts(defined, partSources);
      return defined;
    } finally {
      partSources = outer;
    }
  }

  private TypeT definedType(Scope s, TypeDef t) throws InvalidComponentException {
    return switch (t) {
      case TypeDef.Func f -> {
        List<String> names = new ArrayList<>();
        List<ValueType> params = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (TypeDef.Param p : f.params()) {
          label(p.name(), "function parameter name", seen, "parameter name");
          names.add(p.name());
          params.add(valType(s, p.type()));
        }
        ValueType result = f.result() == null ? null : valType(s, f.result());
        if (result != null && containsBorrow(result)) {
          throw invalid("function result cannot contain a `borrow` type");
        }
        yield new TypeT.Func(f.async(), names, params, result);
      }
      case TypeDef.Resource r -> {
        if (s.typeScope) {
          throw invalid("resources can only be defined within a concrete component");
        }
        if (r.dtor() >= 0) {
          check(r.dtor(), s.coreFuncs.size(), "core function");
          CoreFuncT d = s.coreFuncs.get(r.dtor());
          if (d.params() != null && (!d.params().equals(List.of("i32")) || !d.results().isEmpty())) {
            throw invalid("core function " + r.dtor() + " has wrong signature for a destructor: expected [i32] -> [], found "
                + d);
          }
        }
        TypeT.Resource local = new TypeT.Resource(ResourceType.named("resource"), true);
        s.definedTokens.add(local.token());
        yield local;
      }
      case TypeDef.ComponentType ct -> {
        Scope inner = new Scope(s, true);
        arena.put(ct, inner.types, inner.imports, inner.exports);
        for (TypeDef.Decl d : ct.decls()) {
          decl(inner, d);
        }
        TypeT.Comp type = compType(inner);
        arena.space(ct).componentType = type;
        yield type;
      }
      case TypeDef.InstanceType it -> {
        Scope inner = new Scope(s, true);
        inner.instanceType = true;
        arena.put(it, inner.types, inner.imports, inner.exports);
        for (TypeDef.Decl d : it.decls()) {
          decl(inner, d);
        }
        yield new TypeT.Inst(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inner.exports)),
            List.copyOf(inner.definedTokens));
      }
      default -> new TypeT.Val(measured(defVal(s, t)));
    };
  }

  private void decl(Scope s, TypeDef.Decl d) throws InvalidComponentException {
    switch (d) {
      case TypeDef.Decl.CoreTypeDecl c -> s.coreTypes.add(coreType(s, c.type()));
      case TypeDef.Decl.TypeDecl t -> s.types.add(typeDef(s, t.type()));
      case TypeDef.Decl.AliasDecl a -> {
        if (a.alias().target() instanceof AliasTarget.InstanceExport && a.alias().sort() != Sort.TYPE
            && a.alias().sort() != Sort.INSTANCE) {
          throw invalid("aliases in a component or instance type may only refer to types or instances");
        }
        alias(s, a.alias());
      }
      case TypeDef.Decl.ImportDecl i -> importOrExport(s, i.name(), i.type(), true);
      case TypeDef.Decl.ExportDecl e -> importOrExport(s, e.name(), e.type(), false);
    }
  }

  private ValueType valType(Scope s, ValType t) throws InvalidComponentException {
    if (partSources != null) {
      partSources.add(t instanceof ValType.Index i && i.index() >= 0 && i.index() < s.types.size()
          ? s.types.get(i.index()) : null);
    }
    return switch (t) {
      case ValType.Primitive p -> p.valueType();
      case ValType.Index i -> {
        check(i.index(), s.types.size(), "type");
        if (!(s.types.get(i.index()) instanceof TypeT.Val v)) {
          throw invalid("type index " + i.index() + " is not a defined type");
        }
        yield v.value();
      }
    };
  }

  private ResourceType resource(Scope s, int index) throws InvalidComponentException {
    check(index, s.types.size(), "type");
    if (!(s.types.get(index) instanceof TypeT.Resource r)) {
      throw invalid("type index " + index + " is not a resource type");
    }
    return r.token();
  }

  /**
   * Limits on what a defined value type may expand to, as wasmparser sets them: the size of a
   * type counts every use of a shared part again (so a DAG of 185 bytes cannot stand for a tree
   * of 2^40 nodes), and its nesting depth is bounded, so every later walk over a type that
   * validated is bounded too.
   */
  static final int MAX_TYPE_SIZE = 1_000_000;
  static final int MAX_TYPE_DEPTH = 100;

  /** Size and depth of every value type built so far (by identity). */
  private final Map<ValueType, int[]> measures = new IdentityHashMap<>();

  private ValueType measured(ValueType t) throws InvalidComponentException {
    int[] m = measure(t);
    if (m[0] > MAX_TYPE_SIZE) {
      throw invalid("effective type size exceeds the limit of " + MAX_TYPE_SIZE);
    }
    if (m[1] > MAX_TYPE_DEPTH) {
      throw invalid("type nesting is too deep: more than " + MAX_TYPE_DEPTH + " levels");
    }
    if (Layout.elemSize(t) >= (1L << 28)) {
      throw invalid("type is too large: its size in memory must be less than 2^28 bytes (Binary.md)");
    }
    return t;
  }

  /** {size, depth} of a value type whose parts have been measured already (memoised). */
  private int[] measure(ValueType t) {
    if (t == null) {
      return new int[] {0, 0};
    }
    int[] known = measures.get(t);
    if (known != null) {
      return known;
    }
    List<ValueType> parts = ValueTypes.parts(t);
    long size = 1;
    int depth = 0;
    for (ValueType p : parts) {
      int[] m = measure(p);
      size += m[0];
      depth = Math.max(depth, m[1]);
    }
    int[] result = {(int) Math.min(size, Integer.MAX_VALUE), depth + 1};
    measures.put(t, result);
    return result;
  }

  private ValueType defVal(Scope s, TypeDef t) throws InvalidComponentException {
    return switch (t) {
      case TypeDef.Prim p -> p.type().valueType();
      case TypeDef.Record r -> {
        if (r.fields().isEmpty()) {
          throw invalid("record type must have at least one field");
        }
        Map<String, String> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<ValueType> types = new ArrayList<>();
        for (TypeDef.Field f : r.fields()) {
          label(f.name(), "record field name", seen, "field name");
          names.add(f.name());
          types.add(valType(s, f.type()));
        }
        yield new ValueType.RecordType(ValueTypes.fields(names, types));
      }
      case TypeDef.Variant v -> {
        if (v.cases().isEmpty()) {
          throw invalid("variant type must have at least one case");
        }
        Map<String, String> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<ValueType> types = new ArrayList<>();
        for (TypeDef.Case c : v.cases()) {
          label(c.name(), "variant case name", seen, "case name");
          names.add(c.name());
          types.add(c.type() == null ? null : valType(s, c.type()));
        }
        yield new ValueType.VariantType(ValueTypes.cases(names, types));
      }
      case TypeDef.ListOf l -> new ValueType.ListType(valType(s, l.element()));
      case TypeDef.FixedList l -> {
        if (l.length() == 0) {
          throw invalid("fixed size list must have a length greater than zero");
        }
        ValueType element = valType(s, l.element());
        // elem_size(t) must stay below 2^28 (Binary.md)
        if (l.length() > Integer.MAX_VALUE || Layout.elemSize(element) * l.length() >= (1L << 28)) {
          throw invalid("fixed size list of " + l.length() + " elements is too large: its size must be less than "
              + "2^28 bytes");
        }
        yield new ValueType.FixedListType(element, (int) l.length());
      }
      case TypeDef.Tuple tu -> {
        if (tu.types().isEmpty()) {
          throw invalid("tuple type must have at least one type");
        }
        List<ValueType> types = new ArrayList<>();
        for (ValType x : tu.types()) {
          types.add(valType(s, x));
        }
        yield new ValueType.TupleType(types);
      }
      case TypeDef.Flags f -> {
        if (f.names().isEmpty()) {
          throw invalid("flags must have at least one entry");
        }
        if (f.names().size() > 32) {
          throw invalid("cannot have more than 32 flags");
        }
        Map<String, String> seen = new HashMap<>();
        for (String n : f.names()) {
          label(n, "flag name", seen, "flag name");
        }
        yield new ValueType.FlagsType(List.copyOf(f.names()));
      }
      case TypeDef.Enum e -> {
        if (e.names().isEmpty()) {
          throw invalid("enum type must have at least one variant");
        }
        Map<String, String> seen = new HashMap<>();
        for (String n : e.names()) {
          label(n, "enum tag name", seen, "tag name");
        }
        yield new ValueType.EnumType(List.copyOf(e.names()));
      }
      case TypeDef.Option o -> new ValueType.OptionType(valType(s, o.type()));
      case TypeDef.Result r -> new ValueType.ResultType(r.ok() == null ? null : valType(s, r.ok()),
          r.err() == null ? null : valType(s, r.err()));
      case TypeDef.Own o -> new ValueType.OwnType(resource(s, o.resource()));
      case TypeDef.Borrow b -> new ValueType.BorrowType(resource(s, b.resource()));
      case TypeDef.Stream st -> asyncElement(s, true, st.element());
      case TypeDef.Future fu -> asyncElement(s, false, fu.element());
      case TypeDef.MapOf m -> new ValueType.MapType(valType(s, m.key()), valType(s, m.value()));
      default -> throw new IllegalStateException(t.toString());
    };
  }

  private ValueType.AsyncType asyncElement(Scope s, boolean stream, ValType element) throws InvalidComponentException {
    ValueType e = element == null ? null : valType(s, element);
    if (e != null && containsBorrow(e)) {
      throw invalid((stream ? "stream" : "future") + " element type cannot contain a `borrow`");
    }
    if (stream && e == ValueType.Prim.CHAR) {
      throw invalid("`stream<char>` is not allowed yet (Binary.md)");
    }
    return new ValueType.AsyncType(stream ? "stream" : "future", e);
  }

  private static boolean containsBorrow(ValueType t) {
    return t instanceof ValueType.BorrowType
        || ValueTypes.parts(t).stream().anyMatch(ComponentValidator::containsBorrow);
  }


  /** A label in a type (field, case, flag, parameter): non-empty, kebab-case, strongly unique. */
  private void label(String name, String what, Map<String, String> seen, String previousWhat)
      throws InvalidComponentException {
    if (name.isEmpty()) {
      throw invalid(what + " cannot be empty");
    }
    try {
      ExternNames.label(name);
    } catch (ExternNames.Invalid e) {
      throw invalid(what + " `" + name + "` is not in kebab case");
    }
    String prev = seen.put(ExternNames.withoutHyphens(name.toLowerCase(java.util.Locale.ROOT)), name);
    if (prev != null) {
      throw invalid(what + " `" + name + "` conflicts with previous " + previousWhat + " `" + prev + "`");
    }
  }

  // ---- imports and exports ------------------------------------------------------------

  private static boolean hasImplements(ExternName n) {
    return n.attributes().stream().anyMatch(a -> a.kind() == 0x00);
  }

  /** Checks a name's grammar, attributes and strong uniqueness among {@code keys}. */
  private ExternNames.Parsed name(ExternName n, Map<String, String> keys, String verb)
      throws InvalidComponentException {
    ExternNames.Parsed parsed;
    try {
      parsed = ExternNames.parse(n.name());
    } catch (ExternNames.Invalid e) {
      throw invalid(verb + " name `" + n.name() + "` is not valid: " + e.getMessage());
    }
    boolean[] seenKinds = new boolean[3];
    for (NameAttribute a : n.attributes()) {
      if (seenKinds[a.kind()]) {
        throw invalid("attribute specified more than once on `" + n.name() + "`");
      }
      seenKinds[a.kind()] = true;
      if (a.kind() == 0x00) {
        try {
          ExternNames.interfaceName(a.value());
        } catch (ExternNames.Invalid e) {
          throw invalid(a.value().isEmpty() ? "`" + a.value() + "` is not a valid name"
              : "`" + a.value() + "` must be an interface name: " + e.getMessage());
        }
        if (parsed.kind() != ExternNames.Kind.LABEL) {
          throw invalid("name `" + n.name() + "` is not valid with `implements`");
        }
      } else if (a.kind() == 0x01) {
        versionSuffix(n.name(), parsed, a.value());
      }
    }
    String key = ExternNames.uniquenessKey(n.name());
    String prev = keys.put(key, n.name());
    if (prev != null) {
      throw invalid(verb + " name `" + n.name() + "` conflicts with previous name `" + prev + "`");
    }
    return parsed;
  }

  /** A {@code versionsuffix} follows a canonical version and completes it to a valid semver. */
  private void versionSuffix(String name, ExternNames.Parsed parsed, String suffix) throws InvalidComponentException {
    String version = parsed.kind() == ExternNames.Kind.INTERFACE ? ExternNames.versionOf(name) : null;
    if (version == null || !ExternNames.isCanonVersion(version)) {
      throw invalid("`versionsuffix` on `" + name + "` requires a canonical interface version");
    }
    try {
      ExternNames.version(version + suffix);
    } catch (ExternNames.Invalid e) {
      throw invalid("`versionsuffix` `" + suffix + "` on `" + name + "` does not make a valid semver: " + e.getMessage());
    }
  }

  private void importOrExport(Scope s, ExternName n, ExternType type, boolean isImport)
      throws InvalidComponentException {
    ExternNames.Parsed parsed = name(n, isImport ? s.importKeys : s.exportKeys, isImport ? "import" : "export");
    ExternT t = externType(s, type, isImport ? s.importedTokens : s.definedTokens);
    if (hasImplements(n) && !(t instanceof ExternT.InstX)) {
      throw invalid("only instances can have an `implements` attribute");
    }
    nameTypes(s, t);
    if (!s.instanceType) { // as wasm-tools: an instance type's exports are checked where it is used
      requireNamedTypes(s, t, n.name(), isImport ? "import" : "export");
    }
    Map<Object, List<String>> names = isImport ? s.importedResourceNames : s.exportedResourceNames;
    if (t instanceof ExternT.TypeX(TypeT.Resource r)) {
      names.computeIfAbsent(r.token(), k -> new ArrayList<>()).add(n.name());
    }
    annotated(names, parsed, n.name(), t);
    (isImport ? s.imports : s.exports).put(n.name(), t);
    add(s, t);
  }

  /**
   * The type an import, export declaration or ascription gives; the abstract resource types
   * it introduces (a {@code sub resource} bound, or an instance type's own resources, made
   * anew here) are added to {@code tokens}.
   */
  private ExternT externType(Scope s, ExternType type, java.util.Collection<Object> tokens)
      throws InvalidComponentException {
    return switch (type) {
      case ExternType.Module m -> {
        check(m.coreType(), s.coreTypes.size(), "core type");
        if (!(s.coreTypes.get(m.coreType()) instanceof ModuleT mt)) {
          throw invalid("core type index " + m.coreType() + " is not a module type");
        }
        yield new ExternT.ModuleX(mt);
      }
      case ExternType.Func f -> {
        check(f.type(), s.types.size(), "type");
        if (!(s.types.get(f.type()) instanceof TypeT.Func ft)) {
          throw invalid("type index " + f.type() + " is not a function type");
        }
        yield new ExternT.FuncX(ft);
      }
      case ExternType.Value v -> {
        requireValues();
        if (v.eq()) {
          check(v.valueIndex(), s.values.size(), "value");
          yield new ExternT.ValueX(s.values.get(v.valueIndex()));
        }
        yield new ExternT.ValueX(valType(s, v.type()));
      }
      case ExternType.Type ty -> {
        TypeT target;
        if (ty.eq()) {
          check(ty.type(), s.types.size(), "type");
          ExternT named = newIndex(new ExternT.TypeX(s.types.get(ty.type())));
          arena.renamed(named, s.types.get(ty.type()));
          if (named instanceof ExternT.TypeX(TypeT.Resource alias)) {
            tokens.add(alias.token()); // the new index is a name for the resource here
          }
          yield named;
        } else {
          target = new TypeT.Resource(ResourceType.named("resource"), false);
          tokens.add(((TypeT.Resource) target).token());
        }
        yield new ExternT.TypeX(target);
      }
      case ExternType.ComponentType c -> {
        check(c.type(), s.types.size(), "type");
        if (!(s.types.get(c.type()) instanceof TypeT.Comp ct)) {
          throw invalid("type index " + c.type() + " is not a component type");
        }
        yield new ExternT.CompX(ct);
      }
      case ExternType.InstanceType i -> {
        check(i.type(), s.types.size(), "type");
        if (!(s.types.get(i.type()) instanceof TypeT.Inst it)) {
          throw invalid("type index " + i.type() + " is not an instance type");
        }
        if (it.definedResources().isEmpty()) {
          yield new ExternT.InstX(it);
        }
        Map<Object, Object> fresh = new IdentityHashMap<>();
        for (Object r : it.definedResources()) {
          ResourceType token = ResourceType.named(((ResourceType) r).name());
          fresh.put(r, token);
          tokens.add(token);
        }
        TypeT.Inst renewed = new Subtyping.Substitution(fresh).inst(it);
        TypeT.Inst imported = new TypeT.Inst(renewed.exports(), List.of());
        arena.renewed(imported, it);
        yield new ExternT.InstX(imported);
      }
    };
  }

  /** The rules for {@code [constructor]}, {@code [method]} and {@code [static]} names. */
  private void annotated(Map<Object, List<String>> names, ExternNames.Parsed p, String name, ExternT t)
      throws InvalidComponentException {
    if (p.kind() == ExternNames.Kind.LABEL || p.kind() == ExternNames.Kind.INTERFACE) {
      return;
    }
    if (!(t instanceof ExternT.FuncX(TypeT.Func f))) {
      throw invalid("item is not a func (`" + name + "`)");
    }
    Object resource = resourceNamed(names, p.resource());
    switch (p.kind()) {
      case CONSTRUCTOR -> {
        if (f.result() == null) {
          throw invalid("function should return one value (`" + name + "`)");
        }
        Object returned = switch (f.result()) {
          case ValueType.OwnType o -> o.resource();
          case ValueType.ResultType r when r.ok() instanceof ValueType.OwnType o -> o.resource();
          default -> null;
        };
        if (returned == null) {
          throw invalid("function should return `(own $T)` or `(result (own $T))` (`" + name + "`)");
        }
        checkResourceName(names, returned, p.resource());
      }
      case METHOD -> {
        if (f.params().isEmpty()) {
          throw invalid("function should have at least one argument (`" + name + "`)");
        }
        if (!f.names().getFirst().equals("self")) {
          throw invalid("function should have a first argument called `self` (`" + name + "`)");
        }
        if (!(f.params().getFirst() instanceof ValueType.BorrowType b)) {
          throw invalid("function should take a first argument of `(borrow $T)` (`" + name + "`)");
        }
        checkResourceName(names, b.resource(), p.resource());
      }
      case STATIC -> {
        if (resource == null) {
          throw invalid("static resource name is not known in this context");
        }
      }
      default -> { }
    }
  }

  private static Object resourceNamed(Map<Object, List<String>> names, String name) {
    for (var e : names.entrySet()) {
      if (e.getValue().contains(name)) {
        return e.getKey();
      }
    }
    return null;
  }

  private void checkResourceName(Map<Object, List<String>> scopeNames, Object token, String expected)
      throws InvalidComponentException {
    List<String> names = scopeNames.get(token);
    if (names == null || names.isEmpty()) {
      throw invalid("resource used in function does not have a name in this context");
    }
    if (!names.contains(expected)) {
      throw invalid("function does not match expected resource name `" + names.getFirst() + "`");
    }
  }

  private void export(Scope s, Export e) throws InvalidComponentException {
    ExternNames.Parsed parsed = name(e.name(), s.exportKeys, "export");
    ExternT t = sortIndex(s, e.sort(), e.index());
    if (e.type() != null) {
      ExternT ascribed = externType(s, e.type(), s.definedTokens);
      if (externSort(ascribed) != externSort(t)) {
        throw invalid("export `" + e.name().name() + "` has a type of a different kind than the exported item: expected "
            + Subtyping.sortName(ascribed) + ", found " + Subtyping.sortName(t));
      }
      dev.plugboard.types.ValueSubtyping.Mismatch m = new Subtyping(new IdentityHashMap<>(), java.util.Set.of()).extern(t, ascribed);
      if (m != null) {
        throw invalid("type mismatch in ascribed type of export `" + e.name().name() + "`: " + Subtyping.referenceWords(m));
      }
      t = ascribed;
    } else {
      ExternT unnamed = t;
      t = newIndex(t);
      arena.renamed(t, unnamed instanceof ExternT.TypeX(TypeT original) ? original : null);
    }
    if (hasImplements(e.name()) && !(t instanceof ExternT.InstX)) {
      throw invalid("only instances can have an `implements` attribute");
    }
    nameTypes(s, t);
    requireNamedTypes(s, t, e.name().name(), "export");
    if (t instanceof ExternT.TypeX(TypeT.Resource r)) {
      s.exportedResourceNames.computeIfAbsent(r.token(), k -> new ArrayList<>()).add(e.name().name());
      s.exportedTokens.add(r.token());
    } else if (t instanceof ExternT.InstX(TypeT.Inst inst)) {
      resourcesNamedIn(inst, s.exportedTokens);
    }
    annotated(s.exportedResourceNames, parsed, e.name().name(), t);
    s.exports.put(e.name().name(), t);
    if (e.sort() == Sort.VALUE) {
      useValue(s, e.index());
    }
    add(s, t);
    if (t instanceof ExternT.ValueX) {
      s.usedValues.set(s.values.size() - 1); // an exported value is a new index, already used
    }
  }

  /** The types an import or export gives a name to here (an instance's named ones included). */
  private static void nameTypes(Scope s, ExternT t) {
    if (t instanceof ExternT.TypeX(TypeT.Val v)) {
      s.namedTypes.add(v.value());
    } else if (t instanceof ExternT.InstX(TypeT.Inst inst)) {
      resourcesNamedIn(inst, s.namedTypes);
    }
  }

  /**
   * A function imported or exported by name may only use record, variant, enum and flags
   * types that have a name in this scope (are themselves imported or exported), so that
   * bindings can name them.
   */
  private void requireNamedTypes(Scope s, ExternT t, String name, String verb) throws InvalidComponentException {
    checked.clear();
    s.externSize += size(t);
    if (s.externSize > MAX_TYPE_SIZE) {
      throw invalid("effective type size exceeds the limit of " + MAX_TYPE_SIZE + " (in the types of this "
          + "component's imports and exports together)");
    }
    requireNamedTypes(s, t, name, verb, java.util.Set.of());
  }

  /** Value types already checked for the import or export being checked (a shared part once). */
  private final java.util.Set<Object> checked = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** Sizes of function, instance and component types (by identity), as {@link #measure} for values. */
  private final Map<Object, Long> externSizes = new IdentityHashMap<>();

  /** The effective size of an import's or export's type: every value type counted by its own size. */
  private long size(ExternT t) {
    return switch (t) {
      case ExternT.FuncX(TypeT.Func f) -> size(f);
      case ExternT.InstX(TypeT.Inst i) -> size(i);
      case ExternT.CompX(TypeT.Comp c) -> size(c);
      case ExternT.TypeX(TypeT ty) -> size(ty);
      case ExternT.ValueX(ValueType v) -> v == null ? 1 : measure(v)[0];
      case ExternT.ModuleX m -> 1;
    };
  }


  /** The effective size of a function, instance or component type (memoised by identity). */
  private long size(TypeT t) {
    Long known = externSizes.get(t);
    if (known != null) {
      return known;
    }
    long n = 1;
    switch (t) {
      case TypeT.Func f -> {
        n += f.result() == null ? 0 : measure(f.result())[0];
        for (ValueType p : f.params()) {
          n += measure(p)[0];
        }
      }
      case TypeT.Inst i -> {
        for (ExternT e : i.exports().values()) {
          n = Math.min(n + size(e), Long.MAX_VALUE / 2);
        }
      }
      case TypeT.Comp c -> {
        for (ExternT e : c.imports().values()) {
          n = Math.min(n + size(e), Long.MAX_VALUE / 2);
        }
        for (ExternT e : c.exports().values()) {
          n = Math.min(n + size(e), Long.MAX_VALUE / 2);
        }
      }
      case TypeT.Val v -> n = measure(v.value())[0];
      case TypeT.Resource r -> { }
    }
    externSizes.put(t, n);
    return n;
  }


  /**
   * Checks that a function's types are externally visible here: record, variant, enum and
   * flags types must have been given a name by an import or export, and resource types must
   * have been introduced by an import (by an import or an export, for exports), so that
   * bindings and other components can name them. In an exported instance, the resources the
   * instance itself exports count as named too.
   */
  private void requireNamedTypes(Scope s, ExternT t, String name, String verb, java.util.Set<Object> alsoVisible)
      throws InvalidComponentException {
    if (t instanceof ExternT.TypeX(TypeT.Val v) && !s.typeScope) {
      // a type given a name here (nameTypes ran first): what it is made of must have names too
      boolean nominal = v.value() instanceof ValueType.RecordType || v.value() instanceof ValueType.VariantType
          || v.value() instanceof ValueType.EnumType || v.value() instanceof ValueType.FlagsType;
      for (ValueType part : nominal ? ValueTypes.parts(v.value()) : List.of(v.value())) {
        requireNamed(s, part, what("type", name), verb, alsoVisible);
      }
    } else if (t instanceof ExternT.FuncX(TypeT.Func f)) {
      for (ValueType p : f.params()) {
        requireNamed(s, p, what("func", name), verb, alsoVisible);
      }
      requireNamed(s, f.result(), what("func", name), verb, alsoVisible);
    } else if (t instanceof ExternT.InstX(TypeT.Inst inst)) {
      java.util.Set<Object> visible = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      visible.addAll(alsoVisible);
      resourcesNamedIn(inst, visible);
      String instance = name.startsWith("instance `") ? name : "instance `" + name + "`";
      for (var e : inst.exports().entrySet()) {
        requireNamedTypes(s, e.getValue(), instance, verb, visible);
      }
    }
  }

  /**
   * The types an instance type gives names to (also through nested instances): resource
   * tokens, and the value types it exports.
   */
  private static void resourcesNamedIn(TypeT.Inst inst, java.util.Set<Object> out) {
    for (ExternT e : inst.exports().values()) {
      if (e instanceof ExternT.TypeX(TypeT.Resource r)) {
        out.add(r.token());
      } else if (e instanceof ExternT.TypeX(TypeT.Val v)) {
        out.add(v.value());
      } else if (e instanceof ExternT.InstX(TypeT.Inst nested)) {
        resourcesNamedIn(nested, out);
      }
    }
  }

  private void requireNamed(Scope s, ValueType t, String name, String verb, java.util.Set<Object> alsoVisible)
      throws InvalidComponentException {
    if (t == null || !checked.add(t)) {
      return;
    }
    // a named record, variant, enum or flags type had its parts checked where it was named
    // (as wasmparser's `type_named_type_id`), so the walk stops there
    switch (t) {
      case null -> { }
      case ValueType.RecordType _, ValueType.VariantType _, ValueType.EnumType _, ValueType.FlagsType _ -> {
        mustBeNamed(s, t, name, verb, alsoVisible);
        return;
      }
      case ValueType.OwnType o -> resourceNamed(s, o.resource(), name, verb, alsoVisible);
      case ValueType.BorrowType b -> resourceNamed(s, b.resource(), name, verb, alsoVisible);
      default -> { }
    }
    for (ValueType part : ValueTypes.parts(t)) {
      requireNamed(s, part, name, verb, alsoVisible);
    }
  }

  private void resourceNamed(Scope s, Object token, String name, String verb, java.util.Set<Object> alsoVisible)
      throws InvalidComponentException {
    if (s.typeScope || alsoVisible.contains(token) || s.importedTokens.contains(token)
        || (verb.equals("export") && s.exportedTokens.contains(token))) {
      return;
    }
    throw notVisible(name, verb, "a resource type that is not "
        + (verb.equals("export") ? "imported or exported" : "imported") + " by this component");
  }

  private void mustBeNamed(Scope s, ValueType t, String name, String verb, java.util.Set<Object> alsoVisible)
      throws InvalidComponentException {
    if (!s.namedTypes.contains(t) && !alsoVisible.contains(t)) {
      throw notVisible(name, verb, "a record, variant, enum or flags type that is not " + verb + "ed by name");
    }
  }

  /** The item an error names: an export of an instance is reported as the instance. */
  private static String what(String kind, String name) {
    return name.startsWith("instance `") ? name : kind + " `" + name + "`";
  }

  /** {@code what} is a kind and a name ("func `f`"): the message starts as wasm-tools' does. */
  private InvalidComponentException notVisible(String what, String verb, String uses) {
    int space = what.indexOf(' ');
    return invalid(what.substring(0, space) + " not valid to be used as " + verb + " (" + what.substring(space + 1)
        + " uses " + uses + ")");
  }

  // ---- canonical definitions ----------------------------------------------------------

  private void canon(Scope s, Canon c) throws InvalidComponentException {
    switch (c) {
      case Canon.Lift l -> {
        check(l.coreFunc(), s.coreFuncs.size(), "core function");
        check(l.type(), s.types.size(), "type");
        if (!(s.types.get(l.type()) instanceof TypeT.Func ft)) {
          throw invalid("type index " + l.type() + " is not a function type");
        }
        Opts o = options(s, l.options(), true);
        asyncOptions(o, ft, true);
        requireOptions(o, ft, true);
        CoreFuncT expected = CoreFuncT.of(Layout.flattenFunctype(ft.params(), ft.result(), true, o.async, o.callback >= 0));
        CoreFuncT actual = s.coreFuncs.get(l.coreFunc());
        if (actual.params() != null && !expected.params().equals(actual.params())) {
          throw invalid("lowered parameter types `" + show(expected.params()) + "` do not match parameter types `"
              + show(actual.params()) + "` of core function " + l.coreFunc());
        }
        if (actual.results() != null && !expected.results().equals(actual.results())) {
          throw invalid("lowered result types `" + show(expected.results()) + "` do not match result types `"
              + show(actual.results()) + "` of core function " + l.coreFunc());
        }
        if (o.postReturn >= 0) {
          CoreFuncT pr = s.coreFuncs.get(o.postReturn);
          if (pr.params() != null && (!pr.params().equals(expected.results()) || !pr.results().isEmpty())) {
            throw invalid("canonical option `post-return` uses a core function with an incorrect signature");
          }
        }
        s.funcs.add(ft);
      }
      case Canon.Lower l -> {
        check(l.func(), s.funcs.size(), "function");
        TypeT.Func ft = s.funcs.get(l.func());
        Opts o = options(s, l.options(), false);
        asyncOptions(o, ft, false);
        requireOptions(o, ft, false);
        s.coreFuncs.add(CoreFuncT.of(Layout.flattenFunctype(ft.params(), ft.result(), false, o.async, false)));
      }
      case Canon.ResourceNew r -> {
        localResource(s, r.type());
        s.coreFuncs.add(new CoreFuncT(List.of("i32"), List.of("i32")));
      }
      case Canon.ResourceDrop r -> {
        resource(s, r.type());
        s.coreFuncs.add(new CoreFuncT(List.of("i32"), List.of()));
      }
      case Canon.ResourceRep r -> {
        localResource(s, r.type());
        s.coreFuncs.add(new CoreFuncT(List.of("i32"), List.of("i32")));
      }
      case Canon.Builtin b -> s.coreFuncs.add(builtin(s, b));
    }
  }

  private static String show(List<String> types) {
    return "[" + String.join(", ", types.stream().map(t -> t.toUpperCase(java.util.Locale.ROOT).charAt(0)
        + t.substring(1)).toList()) + "]";
  }

  private void localResource(Scope s, int index) throws InvalidComponentException {
    resource(s, index);
    if (!(s.types.get(index) instanceof TypeT.Resource r) || !r.local()) {
      throw invalid("type " + index + " is not a local resource");
    }
  }

  /** The canonical options of one definition, checked for duplicates and conflicts. */
  private static final class Opts {
    int encoding = -1;
    int memory = -1;
    int realloc = -1;
    int postReturn = -1;
    boolean async;
    int callback = -1;
  }

  private Opts options(Scope s, List<Canon.Option> options, boolean lift) throws InvalidComponentException {
    Opts o = new Opts();
    String[] encodings = {"utf8", "utf16", "latin1-utf16"};
    for (Canon.Option opt : options) {
      switch (opt.code()) {
        case Canon.Option.UTF8, Canon.Option.UTF16, Canon.Option.LATIN1_UTF16 -> {
          if (o.encoding >= 0) {
            throw invalid("canonical encoding option `" + encodings[o.encoding] + "` conflicts with option `"
                + encodings[opt.code()] + "`");
          }
          o.encoding = opt.code();
        }
        case Canon.Option.MEMORY -> {
          if (o.memory >= 0) {
            throw invalid("canonical option `memory` is specified more than once");
          }
          check(opt.index(), s.coreMemories.size(), "memory");
          o.memory = opt.index();
        }
        case Canon.Option.REALLOC -> {
          if (o.realloc >= 0) {
            throw invalid("canonical option `realloc` is specified more than once");
          }
          check(opt.index(), s.coreFuncs.size(), "core function");
          CoreFuncT f = s.coreFuncs.get(opt.index());
          if (f.params() != null && (!f.params().equals(List.of("i32", "i32", "i32", "i32"))
              || !f.results().equals(List.of("i32")))) {
            throw invalid("canonical option `realloc` uses a core function with an incorrect signature");
          }
          o.realloc = opt.index();
        }
        case Canon.Option.POST_RETURN -> {
          if (o.postReturn >= 0) {
            throw invalid("canonical option `post-return` is specified more than once");
          }
          if (!lift) {
            throw invalid("canonical option `post-return` cannot be specified for lowerings");
          }
          check(opt.index(), s.coreFuncs.size(), "core function");
          o.postReturn = opt.index();
        }
        case Canon.Option.ASYNC -> {
          if (o.async) {
            throw invalid("canonical option `async` is specified more than once");
          }
          o.async = true;
        }
        default -> {
          if (o.callback >= 0) {
            throw invalid("canonical option `callback` is specified more than once");
          }
          check(opt.index(), s.coreFuncs.size(), "core function");
          CoreFuncT cb = s.coreFuncs.get(opt.index());
          if (cb.params() != null && (!cb.params().equals(List.of("i32", "i32", "i32"))
              || !cb.results().equals(List.of("i32")))) {
            throw invalid("canonical option `callback` uses a core function with an incorrect signature");
          }
          o.callback = opt.index();
        }
      }
    }
    if (o.realloc >= 0 && o.memory < 0) {
      throw invalid("canonical option `realloc` requires `memory` to also be specified");
    }
    return o;
  }

  /**
   * The options a lift or lower needs (CanonicalABI.md, "canon lift" and "canon lower"):
   * {@code lower(T)} needs {@code memory} when T holds a list or string, {@code lift(T)}
   * needs {@code realloc}; spilled parameters and results need them too.
   */
  private void requireOptions(Opts o, TypeT.Func ft, boolean lift) throws InvalidComponentException {
    boolean paramsNeedMemory = ft.params().stream().anyMatch(Layout::usesMemory);
    boolean resultNeedsMemory = Layout.usesMemory(ft.result());
    int flatParams = Layout.flattenUpTo(ft.params(), Layout.MAX_FLAT_PARAMS).size();
    int flatResults = ft.result() == null ? 0 : Layout.flattenUpTo(List.of(ft.result()), Layout.MAX_FLAT_PARAMS).size();
    boolean needsMemory;
    boolean needsRealloc;
    if (lift) {
      needsRealloc = paramsNeedMemory || flatParams > Layout.MAX_FLAT_PARAMS;
      needsMemory = resultNeedsMemory
          || flatResults > (o.async ? Layout.MAX_FLAT_PARAMS : Layout.MAX_FLAT_RESULTS);
    } else {
      needsRealloc = resultNeedsMemory;
      needsMemory = paramsNeedMemory || o.async
          || flatParams > (o.async ? Layout.MAX_FLAT_ASYNC_PARAMS : Layout.MAX_FLAT_PARAMS)
          || flatResults > Layout.MAX_FLAT_RESULTS;
    }
    if ((needsMemory || needsRealloc) && o.memory < 0) {
      throw invalid("canonical option `memory` is required");
    }
    if (needsRealloc && o.realloc < 0) {
      throw invalid("canonical option `realloc` is required");
    }
  }

  /**
   * {@code async} only with an async function type and without {@code post-return};
   * {@code callback} only on an async lift. An {@code async} lift without {@code callback} is
   * the stackful ABI (🚟), which CanonicalABI.md's "canonopt Validation" allows.
   */
  private void asyncOptions(Opts o, TypeT.Func ft, boolean lift) throws InvalidComponentException {
    if (o.async && !ft.async()) {
      throw invalid("the `async` canonical option requires an async function type");
    }
    if (o.async && o.postReturn >= 0) {
      throw invalid("cannot specify `post-return` with `async`");
    }
    if (o.callback >= 0 && !lift) {
      throw invalid("canonical option `callback` is not allowed in `canon lower`");
    }
    if (o.callback >= 0 && !o.async) {
      throw invalid("cannot specify callback without async (canonical option `callback` requires `async`)");
    }
  }

  /**
   * The canonical built-ins of the async, error-context and threads work (CanonicalABI.md,
   * "Canonical Definitions"): their immediates checked, their core function type given.
   */
  private CoreFuncT builtin(Scope s, Canon.Builtin b) throws InvalidComponentException {
    if (b.opcode() == 0x09) {
      return taskReturn(s, b.operands());
    }
    checkBuiltin(s, b);
    Canon.CoreSignature sig = Canon.builtinSignature(b.opcode());
    return sig == null ? CoreFuncT.UNKNOWN : new CoreFuncT(sig.params(), sig.results());
  }

  private CoreFuncT taskReturn(Scope s, List<Canon.Operand> ops) throws InvalidComponentException {
    ValType resultType = ((Canon.Operand.Results) ops.get(0)).type();
    Opts o = options(s, ((Canon.Operand.Options) ops.get(1)).options(), false);
    if (o.realloc >= 0 || o.postReturn >= 0 || o.async || o.callback >= 0) {
      throw invalid("`task.return` may only have the `memory` and `string-encoding` options");
    }
    List<ValueType> params = resultType == null ? List.of() : List.of(valType(s, resultType));
    TypeT.Func ft = new TypeT.Func(false, params.isEmpty() ? List.of() : List.of("v"), params, null);
    if ((params.stream().anyMatch(Layout::usesMemory)
        || Layout.flattenUpTo(params, Layout.MAX_FLAT_PARAMS).size() > Layout.MAX_FLAT_PARAMS) && o.memory < 0) {
      throw invalid("canonical option `memory` is required");
    }
    return CoreFuncT.of(Layout.flattenFunctype(ft.params(), ft.result(), false, false, false));
  }

  private void checkBuiltin(Scope s, Canon.Builtin b) throws InvalidComponentException {
    List<Canon.Operand> ops = b.operands();
    for (Canon.Operand op : ops) {
      if (op instanceof Canon.Operand.Byte(int v) && v > 1 && b.opcode() != 0x0a && b.opcode() != 0x0b) {
        throw invalid("invalid flag byte 0x" + Integer.toHexString(v) + " in a canonical built-in");
      }
    }
    switch (b.opcode()) {
      case 0x0a, 0x0b -> { // context.get / context.set
        int type = ((Canon.Operand.Byte) ops.get(0)).value();
        long index = ((Canon.Operand.U32) ops.get(1)).value();
        if (type != 0x7f) {
          throw invalid("`context." + (b.opcode() == 0x0a ? "get" : "set") + "` requires the type `i32`");
        }
        if (index >= 2) {
          throw invalid("`context." + (b.opcode() == 0x0a ? "get" : "set") + "` index " + index
              + " out of bounds (must be less than 2)");
        }
      }
      case 0x0e, 0x15 -> asyncType(s, ops, b.opcode() == 0x0e); // stream.new, future.new
      case 0x0f, 0x10, 0x16, 0x17 -> { // {stream,future}.{read,write}
        boolean stream = b.opcode() <= 0x10;
        boolean read = b.opcode() == 0x0f || b.opcode() == 0x16;
        ValueType.AsyncType t = asyncType(s, ops, stream);
        Opts o = options(s, ((Canon.Operand.Options) ops.get(1)).options(), false);
        if (o.postReturn >= 0 || o.callback >= 0) {
          throw invalid("canonical options `post-return` and `callback` are not allowed here");
        }
        if (t.element() != null) {
          if (o.memory < 0) {
            throw invalid("canonical option `memory` is required");
          }
          if (read && Layout.usesMemory(t.element()) && o.realloc < 0) {
            throw invalid("canonical option `realloc` is required");
          }
        }
      }
      case 0x11, 0x12, 0x13, 0x14 -> asyncType(s, ops, true); // stream.cancel-*, stream.drop-*
      case 0x18, 0x19, 0x1a, 0x1b -> asyncType(s, ops, false); // future.cancel-*, future.drop-*
      case 0x1c, 0x1d -> { // error-context.new / debug-message
        Opts o = options(s, ((Canon.Operand.Options) ops.get(0)).options(), false);
        if (o.async || o.postReturn >= 0 || o.callback >= 0) {
          throw invalid("canonical options `async`, `post-return` and `callback` are not allowed here");
        }
        if (o.memory < 0) {
          throw invalid("canonical option `memory` is required");
        }
        if (b.opcode() == 0x1d && o.realloc < 0) {
          throw invalid("canonical option `realloc` is required");
        }
      }
      case 0x20, 0x21 -> { // waitable-set.wait / poll
        check(((Canon.Operand.U32) ops.get(1)).value(), s.coreMemories.size(), "memory");
      }
      case 0x27 -> { // thread.new-indirect
        long type = ((Canon.Operand.U32) ops.get(0)).value();
        check(type, s.coreTypes.size(), "core type");
        if (!(s.coreTypes.get((int) type) instanceof CoreFuncT f) || !f.params().equals(List.of("i32"))
            || !f.results().isEmpty()) {
          throw invalid("`thread.new-indirect` requires a function type of `(func (param i32))`");
        }
        check(((Canon.Operand.U32) ops.get(1)).value(), s.coreTables.size(), "table");
      }
      default -> { }
    }
  }

  /** The {@code stream}/{@code future} type a built-in names by its first immediate. */
  private ValueType.AsyncType asyncType(Scope s, List<Canon.Operand> ops, boolean stream) throws InvalidComponentException {
    long index = ((Canon.Operand.U32) ops.get(0)).value();
    check(index, s.types.size(), "type");
    if (!(s.types.get((int) index) instanceof TypeT.Val(ValueType.AsyncType a)) || !a.kind().equals(stream ? "stream" : "future")) {
      throw invalid("type index " + index + " is not a " + (stream ? "stream" : "future") + " type");
    }
    return a;
  }
}
