package dev.plugboard.binary;

import dev.plugboard.abi.Layout;
import dev.plugboard.binary.Component.*;
import dev.plugboard.binary.CoreModuleWriter.Sig;
import dev.plugboard.types.ValueType;
import dev.plugboard.types.WitTypes;
import dev.plugboard.wit.resolve.Function;
import dev.plugboard.wit.resolve.Interface;
import dev.plugboard.wit.resolve.Owner;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.Type;
import dev.plugboard.wit.resolve.TypeKind;
import dev.plugboard.wit.resolve.World;
import dev.plugboard.wit.resolve.WorldItem;
import dev.plugboard.wit.resolve.WorldKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * {@code plugboard new}: wraps a core module that follows the Canonical ABI naming
 * conventions (wit-bindgen's legacy names or the standard {@code cm32p2} names) into a
 * component of a WIT world, as {@code wasm-tools component new} does.
 *
 * <p>Layout: the world's imports; the main module; a "shim" module whose functions call
 * through a table, standing in for lowered imports that need the main module's memory and
 * for resource destructors; the main instance; the lowered imports, stored into the
 * table by a "fixup" module; then lifted exports, interface exports re-typed through a
 * small nested component so that their types carry names.
 */
public final class ComponentNew {
  /** Why a core module cannot be wrapped: a missing or mistyped item, an unknown import. */
  public static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private final Resolve resolve;
  private final WitTypes valueTypes;
  private final World world;
  private final CoreModuleInterface core;
  private final Names names;
  private final ComponentBuilder out;

  /** Outer type index of each resolve type id, and which imported instance exports each named type. */
  private final Map<Integer, Integer> outerTypes = new HashMap<>();
  private final Map<Integer, Integer> exportingInstance = new HashMap<>();
  private final Map<Integer, Integer> outerAnon = new HashMap<>();

  /** Preview1 adapters ({@code new --adapt}), their core instances and the realloc their lowered imports use. */
  private List<Adapter> adapters = List.of();
  private int[] adapterInstances = new int[0];
  private int[] adapterReallocs = new int[0];
  /** Per adapter, the signatures of the imports no used function reaches: trapping stubs stand in for them. */
  private final List<List<Sig>> adapterStubs = new ArrayList<>();
  /** While an adapter's imports are planned, its index: its lowered imports then use its realloc. */
  private int planningFor = -1;

  private ComponentNew(Resolve resolve, int worldId, CoreModuleInterface core) {
    this(resolve, worldId, core, new ComponentBuilder());
  }

  private ComponentNew(Resolve resolve, int worldId, CoreModuleInterface core, ComponentBuilder out) {
    this.out = out;
    this.resolve = resolve;
    this.valueTypes = new WitTypes(resolve);
    this.world = resolve.worlds.get(worldId);
    this.core = core;
    this.names = core.exports().containsKey("cm32p2_memory") ? new Cm32p2() : new Legacy();
  }

  /** Wraps {@code module} into a component of world {@code worldId} of {@code resolve}. */
  public static byte[] wrap(byte[] module, Resolve resolve, int worldId) throws Failure {
    return wrap(module, resolve, worldId, List.of());
  }

  /**
   * Wraps {@code module} with preview1 {@code adapters} (see {@link Adapter}): the module's
   * imports from an adapter's name are the adapter's exports, and the world (made with
   * {@link Adapter#mergeWorlds}) has the adapters' imports and exports too.
   */
  public static byte[] wrap(byte[] module, Resolve resolve, int worldId, List<Adapter> adapters) throws Failure {
    CoreModuleInterface core;
    try {
      core = CoreModuleInterface.read(module);
    } catch (MalformedBinaryException e) {
      throw new Failure("not a core module: " + e.describe());
    }
    ComponentNew n = new ComponentNew(resolve, worldId, core);
    n.adapters = List.copyOf(adapters);
    for (Adapter a : adapters) {
      if (core.imports().stream().noneMatch(i -> i.module().equals(a.name()))) {
        throw new Failure("the core module imports nothing from `" + a.name() + "`, the adapter's name (it imports from "
            + String.join(", ", core.imports().stream().map(i -> "`" + i.module() + "`").distinct().toList()) + ")");
      }
    }
    return ComponentEncoder.encode(n.build(module));
  }

  // ---- core names ---------------------------------------------------------------------

  /** How a naming scheme spells core imports and exports. */
  private interface Names {
    String memory();

    String realloc();

    /** The core export of a world function ({@code iface} null) or interface function. */
    String export(String iface, String func);

    String postReturn(String exportName);

    String dtor(String iface, String resource);

    /** Module name of an imported interface's (or the world's, {@code iface} null) functions. */
    String importModule(String iface);

    /** Module name of an exported interface's resource intrinsics. */
    String intrinsicsModule(String iface);

    /** Field of a resource intrinsic: {@code new}, {@code rep} or {@code drop}. */
    String intrinsic(String op, String resource);
  }

  private static final class Legacy implements Names {
    public String memory() {
      return "memory";
    }

    public String realloc() {
      return "cabi_realloc";
    }

    public String export(String iface, String func) {
      return iface == null ? func : iface + "#" + func;
    }

    public String postReturn(String exportName) {
      return "cabi_post_" + exportName;
    }

    public String dtor(String iface, String resource) {
      return export(iface, "[dtor]" + resource);
    }

    public String importModule(String iface) {
      return iface == null ? "$root" : iface;
    }

    public String intrinsicsModule(String iface) {
      return "[export]" + importModule(iface);
    }

    public String intrinsic(String op, String resource) {
      return "[resource-" + op + "]" + resource;
    }
  }

  private static final class Cm32p2 implements Names {
    public String memory() {
      return "cm32p2_memory";
    }

    public String realloc() {
      return "cm32p2_realloc";
    }

    public String export(String iface, String func) {
      return "cm32p2|" + (iface == null ? "" : shortVersion(iface)) + "|" + func;
    }

    public String postReturn(String exportName) {
      return exportName + "_post";
    }

    public String dtor(String iface, String resource) {
      return export(iface, resource + "_dtor");
    }

    public String importModule(String iface) {
      return "cm32p2|" + (iface == null ? "" : shortVersion(iface));
    }

    public String intrinsicsModule(String iface) {
      return "cm32p2|_ex_" + (iface == null ? "" : shortVersion(iface));
    }

    public String intrinsic(String op, String resource) {
      return resource + "_" + op;
    }

    /** {@code @1.2.3} → {@code @1}, {@code @0.2.3} → {@code @0.2}, {@code @0.0.3} → {@code @0.0.3}. */
    private static String shortVersion(String iface) {
      int at = iface.indexOf('@');
      if (at < 0) {
        return iface;
      }
      String[] v = iface.substring(at + 1).split("[.+-]");
      String shortV = !v[0].equals("0") ? v[0] : v.length > 1 && !v[1].equals("0") ? "0." + v[1]
          : iface.substring(at + 1);
      return iface.substring(0, at + 1) + shortV;
    }
  }

  // ---- the ABI shape of functions -----------------------------------------------------

  private boolean usesMemory(Type t) {
    return Layout.usesMemory(valueTypes.convert(t));
  }

  private boolean paramsUseMemory(Function f) {
    List<ValueType> params = f.params().stream().map(p -> valueTypes.convert(p.type())).toList();
    return params.stream().anyMatch(Layout::usesMemory)
        || Layout.flattenUpTo(params, Layout.MAX_FLAT_PARAMS).size() > Layout.MAX_FLAT_PARAMS;
  }

  private boolean resultUsesMemory(Function f) {
    return f.result() != null && (usesMemory(f.result())
        || Layout.flattenUpTo(List.of(valueTypes.convert(f.result())), Layout.MAX_FLAT_PARAMS).size()
        > Layout.MAX_FLAT_RESULTS);
  }

  // ---- building -----------------------------------------------------------------------

  /** The binary form of a WIT primitive. */
  private static ValType.Primitive binary(Type.Primitive p) {
    return switch (p) {
      case Type.Basic b -> ValType.Basic.of(b.prim());
      case Type.ErrorContext e -> ValType.ErrorContext.INSTANCE;
    };
  }

  /** A lowered import waiting for the main module's memory: its shim slot and what to lower. */
  private record Deferred(int slot, int func, boolean realloc) {}

  /**
   * The component type of a world: its imports and exports as import and export declarations
   * (interfaces as instance types, their {@code use}d types aliased from earlier imports), what a
   * component that targets the world looks like from outside.
   */
  public static TypeDef.ComponentType componentType(Resolve resolve, int worldId) throws Failure {
    CoreModuleInterface none;
    try {
      none = CoreModuleInterface.read(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    } catch (MalformedBinaryException e) {
      throw new IllegalStateException(e);
    }
    DeclBuilder decls = new DeclBuilder();
    ComponentNew n = new ComponentNew(resolve, worldId, none, decls);
    n.importWorld(new LinkedHashMap<>(), new LinkedHashMap<>());
    for (var e : n.world.exports.entrySet()) {
      String name = resolve.keyName(e.getKey());
      switch (e.getValue()) {
        case WorldItem.OfInterface i -> decls.exportDecl(name, new ExternType.InstanceType(decls.type(
            n.instanceType(i.id()))));
        case WorldItem.OfFunction f -> decls.exportDecl(name, new ExternType.Func(n.outerFuncType(f.function())));
        case WorldItem.OfType t -> throw new Failure("world-level type exports are not supported");
      }
    }
    return new TypeDef.ComponentType(decls.decls);
  }

  /** A builder that writes declarations of a component type instead of sections. */
  private static final class DeclBuilder extends ComponentBuilder {
    final List<TypeDef.Decl> decls = new ArrayList<>();

    @Override
    int type(TypeDef t) {
      decls.add(new TypeDef.Decl.TypeDecl(t));
      return next(Sort.TYPE);
    }

    @Override
    int alias(Alias a) {
      decls.add(new TypeDef.Decl.AliasDecl(a));
      return next(a.sort());
    }

    @Override
    int importItem(String name, ExternType type) {
      decls.add(new TypeDef.Decl.ImportDecl(ExternName.of(name), type));
      return next(Component.sortOf(type));
    }

    void exportDecl(String name, ExternType type) {
      decls.add(new TypeDef.Decl.ExportDecl(ExternName.of(name), type));
      next(Component.sortOf(type));
    }
  }

  /** Step 1 of {@link #build}: the world's imports, recording the instances and functions they make. */
  private void importWorld(Map<String, Integer> importedInstances, Map<String, Integer> importedFuncs)
      throws Failure {
    for (var e : world.imports.entrySet()) {
      switch (e.getValue()) {
        case WorldItem.OfInterface i -> {
          String name = resolve.keyName(e.getKey());
          int instance = out.importItem(name, new ExternType.InstanceType(out.type(instanceType(i.id()))));
          importedInstances.put(name, instance);
          for (int t : resolve.interfaces.get(i.id()).types.values()) {
            exportingInstance.put(t, instance);
          }
        }
        case WorldItem.OfFunction f -> {
          if (!f.function().kind().isResourceFunction()) {
            int type = outerFuncType(f.function());
            importedFuncs.put(f.function().name(), out.importItem(f.function().name(), new ExternType.Func(type)));
          }
        }
        case WorldItem.OfType t -> importWorldType(t.id());
      }
    }
  }

  /**
   * A type of the world itself ({@code use i.{t};} or a definition in the world): imported by
   * name, bound ({@code eq}) to its structure or to the imported instance's type it names; a
   * resource defined in the world is imported as a fresh resource.
   */
  private void importWorldType(int id) throws Failure {
    dev.plugboard.wit.resolve.TypeDef def = resolve.types.get(id);
    ExternType type;
    if (def.kind instanceof TypeKind.Resource) {
      type = new ExternType.Type(false, -1);
    } else if (def.kind instanceof TypeKind.Alias(Type.Ref(int target)) && exportingInstance.containsKey(
        resolve.dealias(target))) {
      type = new ExternType.Type(true, outerType(resolve.dealias(target)));
    } else {
      try {
        type = new ExternType.Type(true, new TypeScope(out::type, outerTypes, this::outerType).definition(id));
      } catch (IllegalStateException e) {
        throw new Failure("world-level type `" + def.name + "`: " + e.getMessage());
      }
    }
    outerTypes.put(id, out.importItem(def.name, type));
  }

  private Component build(byte[] module) throws Failure {
    // 1. imports of the world
    Map<String, Integer> importedInstances = new LinkedHashMap<>();
    Map<String, Integer> importedFuncs = new LinkedHashMap<>();
    importWorld(importedInstances, importedFuncs);

    // 2. what the main module imports, and what will provide each item
    int mainModule = out.coreModule(module);
    List<Sig> shimSigs = new ArrayList<>();
    List<Object[]> shimTargets = new ArrayList<>(); // {"lower", func id, Function} or {"dtor", coreExportName}
    Map<String, Map<String, Object>> argPlan = new LinkedHashMap<>();
    Map<Integer, String[]> localResources = new LinkedHashMap<>(); // resource type id → {iface, name}
    for (var e : world.exports.entrySet()) {
      if (e.getValue() instanceof WorldItem.OfInterface i) {
        Interface iface = resolve.interfaces.get(i.id());
        for (var t : iface.types.entrySet()) {
          if (resolve.types.get(t.getValue()).kind instanceof TypeKind.Resource) {
            localResources.put(t.getValue(), new String[] {resolve.keyName(e.getKey()), t.getKey()});
          }
        }
      }
    }
    for (CoreModuleInterface.Import imp : core.imports()) {
      Adapter adapter = adapterNamed(imp.module());
      if (adapter != null) {
        argPlan.computeIfAbsent(imp.module(), k -> new LinkedHashMap<>()).put(imp.name(), adapterExport(adapter, imp,
            shimSigs, shimTargets));
        continue;
      }
      if (imp.kind() != 0) {
        throw new Failure("the core module imports a non-function `" + imp.module() + "` `" + imp.name()
            + "`; only functions can be provided");
      }
      argPlan.computeIfAbsent(imp.module(), k -> new LinkedHashMap<>()).put(imp.name(), planImport(imp,
          importedInstances, importedFuncs, localResources, shimSigs, shimTargets));
    }
    List<Map<String, Map<String, Object>>> adapterPlans = new ArrayList<>();
    for (int k = 0; k < adapters.size(); k++) {
      adapterPlans.add(planAdapter(k, importedInstances, importedFuncs, localResources, shimSigs, shimTargets));
    }
    // destructors of exported resources go through the shim too (they live in the main module)
    Map<Integer, Integer> dtorSlots = new HashMap<>();
    for (var r : localResources.entrySet()) {
      String dtor = names.dtor(r.getValue()[0], r.getValue()[1]);
      if (core.exports().containsKey(dtor)) {
        dtorSlots.put(r.getKey(), shimSigs.size());
        shimSigs.add(new Sig(List.of(0x7f), List.of()));
        shimTargets.add(new Object[] {"dtor", dtor});
      }
    }

    // 3. the shim, and the exported resources' types (their destructors call the shim)
    int shimInstance = -1;
    if (!shimSigs.isEmpty()) {
      int shim = out.coreModule(CoreModuleWriter.shim(shimSigs));
      shimInstance = out.coreInstance(new CoreInstance.Instantiate(shim, List.of()));
    }
    for (int r : localResources.keySet()) {
      int dtor = -1;
      if (dtorSlots.containsKey(r)) {
        dtor = out.alias(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(shimInstance,
            Integer.toString(dtorSlots.get(r)))));
      }
      outerTypes.put(r, out.type(new TypeDef.Resource(0x7f, dtor)));
    }

    // 4. the main module's arguments, and the main instance
    List<CoreArg> mainArgs = new ArrayList<>();
    for (var m : argPlan.entrySet()) {
      List<CoreExport> exports = new ArrayList<>();
      for (var f : m.getValue().entrySet()) {
        int coreFunc = provide(f.getValue(), shimInstance);
        exports.add(new CoreExport(f.getKey(), Sort.CORE_FUNC, coreFunc));
      }
      mainArgs.add(new CoreArg(m.getKey(), out.coreInstance(new CoreInstance.FromExports(exports))));
    }
    int main = out.coreInstance(new CoreInstance.Instantiate(mainModule, mainArgs));
    int memory = -1;
    if (core.exports().containsKey(names.memory())) {
      memory = out.alias(new Alias(Sort.CORE_MEMORY, new AliasTarget.CoreInstanceExport(main, names.memory())));
    }
    int realloc = -1;
    if (core.exports().containsKey(names.realloc())) {
      realloc = out.alias(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(main, names.realloc())));
    }
    instantiateAdapters(adapterPlans, main, memory, realloc, shimInstance);

    // 5. fill the shim's table
    if (!shimSigs.isEmpty()) {
      List<CoreExport> fixupArgs = new ArrayList<>();
      int table = out.alias(new Alias(Sort.CORE_TABLE, new AliasTarget.CoreInstanceExport(shimInstance, "$imports")));
      fixupArgs.add(new CoreExport("$imports", Sort.CORE_TABLE, table));
      for (int slot = 0; slot < shimTargets.size(); slot++) {
        Object[] target = shimTargets.get(slot);
        int f;
        if (target[0].equals("dtor")) {
          f = out.alias(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(main, (String) target[1])));
        } else if (target[0].equals("adapter")) {
          f = out.alias(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(adapterInstances[(Integer) target[1]],
              (String) target[2])));
        } else {
          Function fn = (Function) target[2];
          if (memory < 0) {
            throw new Failure("`" + fn.name() + "` passes strings or lists, but the core module exports no `"
                + names.memory() + "`");
          }
          List<Canon.Option> opts = new ArrayList<>(List.of(new Canon.Option(Canon.Option.UTF8, -1),
              new Canon.Option(Canon.Option.MEMORY, memory)));
          if (usesMemory(fn.result())) {
            int r = (Integer) target[3] < 0 ? realloc : adapterReallocs[(Integer) target[3]];
            if (r < 0) {
              throw new Failure("`" + fn.name() + "` returns strings or lists, but the core module exports no `"
                  + names.realloc() + "`");
            }
            opts.add(new Canon.Option(Canon.Option.REALLOC, r));
          }
          f = out.canon(new Canon.Lower((Integer) target[1], opts));
        }
        fixupArgs.add(new CoreExport(Integer.toString(slot), Sort.CORE_FUNC, f));
      }
      boolean initialize = !adapters.isEmpty() && core.exports().containsKey("_initialize");
      if (initialize) {
        fixupArgs.add(new CoreExport("_initialize", Sort.CORE_FUNC, out.alias(new Alias(Sort.CORE_FUNC,
            new AliasTarget.CoreInstanceExport(main, "_initialize")))));
      }
      int fixupModule = out.coreModule(CoreModuleWriter.fixup(shimSigs, initialize));
      int args = out.coreInstance(new CoreInstance.FromExports(fixupArgs));
      out.coreInstance(new CoreInstance.Instantiate(fixupModule, List.of(new CoreArg("", args))));
    }

    // 6. exports
    for (var e : world.exports.entrySet()) {
      switch (e.getValue()) {
        case WorldItem.OfFunction f -> {
          int lifted = lift(null, f.function(), memory, realloc, main);
          out.export(f.function().name(), Sort.FUNC, lifted, null);
        }
        case WorldItem.OfInterface i -> exportInterface(resolve.keyName(e.getKey()), i.id(), memory, realloc, main);
        case WorldItem.OfType t -> throw new Failure("world-level type exports are not supported");
      }
    }
    out.custom("producers", producers());
    return out.build();
  }

  private static byte[] producers() {
    BinaryWriter w = new BinaryWriter();
    w.u32(1);
    w.name("processed-by");
    w.u32(1);
    w.name("plugboard");
    w.name("0.1.0");
    return w.toBytes();
  }

  /** What provides one import of the main module: a lowered function, a resource intrinsic, or a shim slot. */
  private Object planImport(CoreModuleInterface.Import imp, Map<String, Integer> instances, Map<String, Integer> funcs,
      Map<Integer, String[]> localResources, List<Sig> shimSigs, List<Object[]> shimTargets) throws Failure {
    // resource intrinsics of exported resources
    for (var r : localResources.entrySet()) {
      String iface = r.getValue()[0];
      String res = r.getValue()[1];
      if (imp.module().equals(names.intrinsicsModule(iface))) {
        for (String op : new String[] {"new", "rep", "drop"}) {
          if (imp.name().equals(names.intrinsic(op, res))) {
            return new Object[] {op, r.getKey()};
          }
        }
      }
    }
    // functions of the world, or of an imported interface
    Function fn = null;
    int instance = -1;
    String field = imp.name();
    if (imp.module().equals(names.importModule(null)) && funcs.containsKey(field)) {
      return lowerPlan(funcFor(field), funcs.get(field), imp, shimSigs, shimTargets);
    }
    for (var i : instances.entrySet()) {
      if (!imp.module().equals(names.importModule(i.getKey()))) {
        continue;
      }
      Interface iface = interfaceNamed(i.getKey());
      for (var t : iface.types.entrySet()) {
        if (field.equals(names.intrinsic("drop", t.getKey())) || field.equals("[resource-drop]" + t.getKey())) {
          return new Object[] {"drop-imported", t.getValue()};
        }
      }
      fn = iface.functions.get(field);
      instance = i.getValue();
      if (fn != null) {
        int func = out.alias(new Alias(Sort.FUNC, new AliasTarget.InstanceExport(instance, field)));
        return lowerPlan(fn, func, imp, shimSigs, shimTargets);
      }
    }
    throw new Failure("the core module imports `" + imp.module() + "` `" + imp.name()
        + "`, which the world does not provide");
  }

  // ---- preview1 adapters ---------------------------------------------------------------

  private Adapter adapterNamed(String module) {
    for (Adapter a : adapters) {
      if (a.name().equals(module)) {
        return a;
      }
    }
    return null;
  }

  /** A main module import an adapter exports: a shim slot, filled with the adapter's function once it exists. */
  private Object adapterExport(Adapter adapter, CoreModuleInterface.Import imp, List<Sig> shimSigs,
      List<Object[]> shimTargets) throws Failure {
    CoreModuleInterface.Export export = adapter.coreInterface().exports().get(imp.name());
    if (imp.kind() != 0 || export == null || export.kind() != 0) {
      throw new Failure("the core module imports `" + imp.module() + "` `" + imp.name() + "`, which the adapter `"
          + adapter.name() + "` does not export");
    }
    if (!export.params().equals(imp.params()) || !export.results().equals(imp.results())) {
      throw new Failure("the core module imports `" + imp.module() + "` `" + imp.name() + "` as " + signature(
          imp.params(), imp.results()) + ", but the adapter exports it as " + signature(export.params(),
          export.results()));
    }
    int slot = shimSigs.size();
    shimSigs.add(new Sig(imp.params().stream().map(CoreModuleWriter::valueTypeCode).toList(),
        imp.results().stream().map(CoreModuleWriter::valueTypeCode).toList()));
    shimTargets.add(new Object[] {"adapter", adapters.indexOf(adapter), imp.name()});
    return new Object[] {"shim", slot};
  }

  private static String signature(List<String> params, List<String> results) {
    return "(" + String.join(" ", params) + ") -> (" + String.join(" ", results) + ")";
  }

  /**
   * What provides each import of adapter {@code k}: the main module's memory, its functions
   * ({@code __main_module__}), or the world's imports (matched by semver-compatible interface names,
   * lowered with the adapter's realloc).
   */
  private Map<String, Map<String, Object>> planAdapter(int k, Map<String, Integer> instances, Map<String, Integer> funcs,
      Map<Integer, String[]> localResources, List<Sig> shimSigs, List<Object[]> shimTargets) throws Failure {
    Adapter a = adapters.get(k);
    Map<String, Map<String, Object>> plan = new LinkedHashMap<>();
    java.util.BitSet reached = a.reachableImports(core);
    List<Sig> stubs = new ArrayList<>();
    adapterStubs.add(stubs);
    planningFor = k;
    int funcImport = 0;
    for (CoreModuleInterface.Import imp : a.coreInterface().imports()) {
      Object p;
      String what = "the adapter `" + a.name() + "` imports `" + imp.module() + "` `" + imp.name() + "`";
      boolean unused = imp.kind() == 0 && reached != null && !reached.get(funcImport++);
      if (unused && !imp.module().equals(Adapter.MAIN_MODULE)) {
        // no function the main module uses calls it: a stub that traps, and no import for it
        p = new Object[] {"stub", stubs.size()};
        stubs.add(new Sig(imp.params().stream().map(CoreModuleWriter::valueTypeCode).toList(),
            imp.results().stream().map(CoreModuleWriter::valueTypeCode).toList()));
      } else if (imp.kind() == 2 && imp.name().equals("memory")
          && (imp.module().equals("env") || imp.module().equals(Adapter.MAIN_MODULE))) {
        p = new Object[] {"memory"};
      } else if (imp.kind() != 0) {
        throw new Failure(what + ", which is not a function or the main module's memory");
      } else if (imp.module().equals(Adapter.MAIN_MODULE)) {
        CoreModuleInterface.Export e = core.exports().get(imp.name());
        if (imp.name().equals("cabi_realloc") && e == null) {
          p = new Object[] {"realloc"};
        } else if (e == null || e.kind() != 0) {
          throw new Failure(what + ", but the core module does not export `" + imp.name() + "`"
              + (imp.name().equals("_start") ? " (a reactor needs the reactor adapter)" : ""));
        } else {
          p = new Object[] {"main", imp.name()};
        }
      } else {
        String module = Adapter.worldNameFor(imp.module(), instances.keySet());
        try {
          p = planImport(new CoreModuleInterface.Import(module, imp.name(), imp.kind(), imp.params(), imp.results(),
              imp.type()),
              instances, funcs, localResources, shimSigs, shimTargets);
        } catch (Failure e) {
          throw new Failure(what + ", which its WIT does not provide");
        }
      }
      plan.computeIfAbsent(imp.module(), m -> new LinkedHashMap<>()).put(imp.name(), p);
    }
    planningFor = -1;
    return plan;
  }

  /** Instantiates each adapter once the main module's memory exists, recording the realloc its lowered imports use. */
  private void instantiateAdapters(List<Map<String, Map<String, Object>>> plans, int main, int memory, int realloc,
      int shimInstance) throws Failure {
    adapterInstances = new int[adapters.size()];
    adapterReallocs = new int[adapters.size()];
    int growRealloc = -1;
    for (int k = 0; k < adapters.size(); k++) {
      Adapter a = adapters.get(k);
      if (memory < 0) {
        throw new Failure("the core module exports no `" + names.memory() + "`, which the adapter `" + a.name()
            + "` works in");
      }
      int module = out.coreModule(a.module());
      int stubInstance = -1;
      if (!adapterStubs.get(k).isEmpty()) {
        // a shim whose table is never filled: calling any of its functions traps
        stubInstance = out.coreInstance(new CoreInstance.Instantiate(out.coreModule(CoreModuleWriter.shim(
            adapterStubs.get(k))), List.of()));
      }
      List<CoreArg> args = new ArrayList<>();
      for (var m : plans.get(k).entrySet()) {
        List<CoreExport> exports = new ArrayList<>();
        for (var f : m.getValue().entrySet()) {
          Object[] p = (Object[]) f.getValue();
          switch ((String) p[0]) {
            case "memory" -> exports.add(new CoreExport(f.getKey(), Sort.CORE_MEMORY, memory));
            case "stub" -> exports.add(new CoreExport(f.getKey(), Sort.CORE_FUNC, out.alias(new Alias(Sort.CORE_FUNC,
                new AliasTarget.CoreInstanceExport(stubInstance, Integer.toString((Integer) p[1]))))));
            case "main" -> exports.add(new CoreExport(f.getKey(), Sort.CORE_FUNC, out.alias(new Alias(Sort.CORE_FUNC,
                new AliasTarget.CoreInstanceExport(main, (String) p[1])))));
            case "realloc" -> {
              if (growRealloc < 0) {
                int grow = out.coreModule(Adapter.reallocModule());
                int env = out.coreInstance(new CoreInstance.FromExports(List.of(new CoreExport("memory",
                    Sort.CORE_MEMORY, memory))));
                int helper = out.coreInstance(new CoreInstance.Instantiate(grow, List.of(new CoreArg("env", env))));
                growRealloc = out.alias(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(helper,
                    "cabi_realloc")));
              }
              exports.add(new CoreExport(f.getKey(), Sort.CORE_FUNC, growRealloc));
            }
            default -> exports.add(new CoreExport(f.getKey(), Sort.CORE_FUNC, provide(p, shimInstance)));
          }
        }
        args.add(new CoreArg(m.getKey(), out.coreInstance(new CoreInstance.FromExports(exports))));
      }
      adapterInstances[k] = out.coreInstance(new CoreInstance.Instantiate(module, args));
      String own = a.coreInterface().exports().containsKey("cabi_import_realloc") ? "cabi_import_realloc"
          : a.coreInterface().exports().containsKey("cabi_realloc") ? "cabi_realloc" : null;
      adapterReallocs[k] = own == null ? realloc : out.alias(new Alias(Sort.CORE_FUNC,
          new AliasTarget.CoreInstanceExport(adapterInstances[k], own)));
    }
  }

  private Function funcFor(String name) {
    for (WorldItem item : world.imports.values()) {
      if (item instanceof WorldItem.OfFunction f && f.function().name().equals(name)) {
        return f.function();
      }
    }
    throw new IllegalStateException(name);
  }

  private Interface interfaceNamed(String name) {
    for (var e : world.imports.entrySet()) {
      if (e.getValue() instanceof WorldItem.OfInterface i && resolve.keyName(e.getKey()).equals(name)) {
        return resolve.interfaces.get(i.id());
      }
    }
    throw new IllegalStateException(name);
  }

  private Object lowerPlan(Function fn, int func, CoreModuleInterface.Import imp, List<Sig> shimSigs,
      List<Object[]> shimTargets) {
    if (!paramsUseMemory(fn) && !resultUsesMemory(fn)) {
      return new Object[] {"lower", func};
    }
    int slot = shimSigs.size();
    shimSigs.add(new Sig(imp.params().stream().map(CoreModuleWriter::valueTypeCode).toList(),
        imp.results().stream().map(CoreModuleWriter::valueTypeCode).toList()));
    shimTargets.add(new Object[] {"lower", func, fn, planningFor});
    return new Object[] {"shim", slot};
  }

  private int provide(Object plan, int shimInstance) {
    Object[] p = (Object[]) plan;
    return switch ((String) p[0]) {
      case "lower" -> out.canon(new Canon.Lower((Integer) p[1], List.of()));
      case "shim" -> out.alias(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(shimInstance,
          Integer.toString((Integer) p[1]))));
      case "new" -> out.canon(new Canon.ResourceNew(outerTypes.get((Integer) p[1])));
      case "rep" -> out.canon(new Canon.ResourceRep(outerTypes.get((Integer) p[1])));
      case "drop" -> out.canon(new Canon.ResourceDrop(outerTypes.get((Integer) p[1]), false));
      default -> out.canon(new Canon.ResourceDrop(outerType((Integer) p[1]), false));
    };
  }

  private int lift(String iface, Function f, int memory, int realloc, int main) throws Failure {
    String coreName = names.export(iface, f.name());
    CoreModuleInterface from = core;
    for (int k = 0; k < adapters.size() && !core.exports().containsKey(coreName); k++) {
      if (adapters.get(k).coreInterface().exports().containsKey(coreName)) {
        from = adapters.get(k).coreInterface(); // the command adapter's `wasi:cli/run`
        main = adapterInstances[k];
      }
    }
    CoreModuleInterface.Export export = from.exports().get(coreName);
    if (export == null || export.kind() != 0) {
      throw new Failure("the core module does not export function `" + coreName + "` for `" + f.name() + "`");
    }
    int coreFunc = out.alias(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(main, coreName)));
    List<Canon.Option> opts = new ArrayList<>();
    if (paramsUseMemory(f) || resultUsesMemory(f)) {
      if (memory < 0) {
        throw new Failure("`" + f.name() + "` passes strings or lists, but the core module exports no `"
            + names.memory() + "`");
      }
      opts.add(new Canon.Option(Canon.Option.UTF8, -1));
      opts.add(new Canon.Option(Canon.Option.MEMORY, memory));
      if (paramsUseMemory(f)) {
        if (realloc < 0) {
          throw new Failure("`" + f.name() + "` takes strings or lists, but the core module exports no `"
              + names.realloc() + "`");
        }
        opts.add(new Canon.Option(Canon.Option.REALLOC, realloc));
      }
    }
    String post = names.postReturn(coreName);
    if (from.exports().containsKey(post)) {
      int pr = out.alias(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(main, post)));
      opts.add(new Canon.Option(Canon.Option.POST_RETURN, pr));
    }
    return out.canon(new Canon.Lift(coreFunc, opts, outerFuncType(f)));
  }

  // ---- exported interfaces through a nested component ----------------------------------

  private void exportInterface(String name, int ifaceId, int memory, int realloc, int main) throws Failure {
    Interface iface = resolve.interfaces.get(ifaceId);
    List<Function> funcs = new ArrayList<>(iface.functions.values());
    List<Integer> lifted = new ArrayList<>();
    for (Function f : funcs) {
      lifted.add(lift(name, f, memory, realloc, main));
    }
    // the nested component: imports the resources and functions, exports them with their names
    ComponentBuilder inner = new ComponentBuilder();
    Map<Integer, Integer> importedTypes = new HashMap<>();
    List<Arg> args = new ArrayList<>();
    for (var t : iface.types.entrySet()) {
      int id = t.getValue();
      if (resolve.isResource(id)) {
        String importName = "import-type-" + t.getKey();
        importedTypes.put(id, inner.importItem(importName, new ExternType.Type(false, -1)));
        args.add(new Arg(importName, Sort.TYPE, outerType(resolve.dealias(id))));
      }
    }
    // named value types are imported too (defined, then imported by `eq`): types used by an
    // imported function must have names in its scope. Types of other interfaces (brought in by
    // `use`) are imported into the nested component under their own names first.
    TypeScope[] importScopeRef = new TypeScope[1];
    java.util.Set<String> importNames = new java.util.HashSet<>();
    iface.types.keySet().forEach(k -> importNames.add("import-type-" + k));
    TypeScope importScope = new TypeScope(inner::type, importedTypes, id -> {
      dev.plugboard.wit.resolve.TypeDef def = resolve.types.get(id);
      String base = "import-type-" + kebab(ownerName(def)) + "-" + def.name;
      String importName = base;
      for (int n = 2; !importNames.add(importName); n++) {
        importName = base + "-" + n;
      }
      int index = resolve.isResource(id)
          ? inner.importItem(importName, new ExternType.Type(false, -1))
          : inner.importItem(importName, new ExternType.Type(true, importScopeRef[0].definition(id)));
      args.add(new Arg(importName, Sort.TYPE, outerType(id)));
      return index;
    });
    importScopeRef[0] = importScope;
    Map<Integer, Integer> outerNamed = new HashMap<>();
    for (int id : iface.types.values()) {
      if (outerTypes.containsKey(id)) {
        outerNamed.put(id, outerTypes.get(id));
      }
    }
    TypeScope outerScope = new TypeScope(out::type, outerNamed, this::outerType);
    for (var t : iface.types.entrySet()) {
      int id = t.getValue();
      if (importedTypes.containsKey(id)) {
        continue;
      }
      String importName = "import-type-" + t.getKey();
      int structure = importScope.definition(id);
      importedTypes.put(id, inner.importItem(importName, new ExternType.Type(true, structure)));
      int outer = outerScope.definition(id);
      outerNamed.put(id, outer);
      args.add(new Arg(importName, Sort.TYPE, outer));
    }
    List<Integer> innerFuncs = new ArrayList<>();
    for (int k = 0; k < funcs.size(); k++) {
      String importName = "import-" + kebabImportName(funcs.get(k).name());
      innerFuncs.add(inner.importItem(importName, new ExternType.Func(importScope.funcType(funcs.get(k)))));
      args.add(new Arg(importName, Sort.FUNC, lifted.get(k)));
    }
    Map<Integer, Integer> exportedTypes = new HashMap<>();
    for (var t : iface.types.entrySet()) {
      exportedTypes.put(t.getValue(), inner.export(t.getKey(), Sort.TYPE, importedTypes.get(t.getValue()), null));
    }
    TypeScope exportScope = new TypeScope(inner::type, exportedTypes, this::unknownType);
    for (int k = 0; k < funcs.size(); k++) {
      int type = exportScope.funcType(funcs.get(k));
      inner.export(funcs.get(k).name(), Sort.FUNC, innerFuncs.get(k), new ExternType.Func(type));
    }
    int component = out.component(inner.build());
    int instance = out.instance(new Instance.Instantiate(component, args));
    int exported = out.export(name, Sort.INSTANCE, instance, null);
    // later exported interfaces that `use` this one's types alias them from this export
    for (int id : iface.types.values()) {
      if (!outerTypes.containsKey(id)) {
        exportingInstance.putIfAbsent(id, exported);
      }
    }
  }

  /** {@code [method]store.set} → {@code method-store-set}; plain names get a {@code func-} prefix. */
  private static String kebabImportName(String name) {
    if (!name.startsWith("[")) {
      return "func-" + name;
    }
    return name.substring(1).replace("]", "-").replace(".", "-");
  }

  /** The interface or world a named type belongs to, for naming its import. */
  private String ownerName(dev.plugboard.wit.resolve.TypeDef def) {
    return switch (def.owner) {
      case Owner.OfInterface i -> resolve.interfaces.get(i.id()).name == null ? "inline" : resolve.interfaces.get(
          i.id()).name;
      case Owner.OfWorld w -> resolve.worlds.get(w.id()).name;
      default -> "type";
    };
  }

  private static String kebab(String s) {
    String k = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return k.isEmpty() || !Character.isLetter(k.charAt(0)) ? "t" + k : k;
  }

  private int unknownType(int id) {
    throw new IllegalStateException("type `" + resolve.types.get(id).name + "` is used by an exported interface but "
        + "comes from elsewhere; `new` supports only the interface's own types in exports");
  }

  // ---- types in the component's own scope --------------------------------------------

  /** The outer index of a named type: an exported resource, or an alias of an imported instance's export. */
  private int outerType(int id) {
    Integer known = outerTypes.get(id);
    if (known != null) {
      return known;
    }
    Integer instance = exportingInstance.get(id);
    if (instance == null) {
      throw new IllegalStateException("type `" + resolve.types.get(id).name + "` has no place in the component");
    }
    int index = out.alias(new Alias(Sort.TYPE, new AliasTarget.InstanceExport(instance, resolve.types.get(id).name)));
    outerTypes.put(id, index);
    return index;
  }

  private int outerFuncType(Function f) {
    Map<Integer, Integer> named = new HashMap<>();
    return new TypeScope(out::type, named, id -> {
      if (outerTypes.containsKey(id) || exportingInstance.containsKey(id)) {
        return outerType(id);
      }
      return outerAnon.computeIfAbsent(id, k -> new TypeScope(out::type, named, this::outerType).definition(k));
    }).funcType(f);
  }

  /** An interface as an instance type: its types (uses alias the outer scope), then its functions. */
  private TypeDef.InstanceType instanceType(int ifaceId) {
    Interface iface = resolve.interfaces.get(ifaceId);
    List<TypeDef.Decl> decls = new ArrayList<>();
    int[] count = {0};
    Map<Integer, Integer> named = new HashMap<>();
    TypeScope scope = new TypeScope(def -> {
      decls.add(new TypeDef.Decl.TypeDecl(def));
      return count[0]++;
    }, named, id -> {
      // a type of another interface: alias it from the enclosing component
      int outer = outerType(id);
      decls.add(new TypeDef.Decl.AliasDecl(new Alias(Sort.TYPE, new AliasTarget.Outer(1, outer))));
      return count[0]++;
    });
    for (var t : iface.types.entrySet()) {
      int id = t.getValue();
      dev.plugboard.wit.resolve.TypeDef def = resolve.types.get(id);
      ExternType type;
      if (def.kind instanceof TypeKind.Resource) {
        type = new ExternType.Type(false, -1);
      } else if (def.kind instanceof TypeKind.Alias(Type.Ref(int target))
          && !resolve.types.get(target).owner.equals(new Owner.OfInterface(ifaceId))) {
        type = new ExternType.Type(true, scope.external(target));
      } else {
        type = new ExternType.Type(true, scope.definition(id));
      }
      decls.add(new TypeDef.Decl.ExportDecl(ExternName.of(t.getKey()), type));
      named.put(id, count[0]++);
    }
    for (Function f : iface.functions.values()) {
      int type = scope.funcType(f);
      decls.add(new TypeDef.Decl.ExportDecl(ExternName.of(f.name()), new ExternType.Func(type)));
    }
    return new TypeDef.InstanceType(decls);
  }

  /** Encodes resolve types into one type index space. */
  private final class TypeScope {
    private final java.util.function.ToIntFunction<TypeDef> emit;
    private final Map<Integer, Integer> named;
    private final IntUnaryOperator external;
    private final Map<Integer, Integer> anon = new HashMap<>();
    private final Map<Integer, Integer> externals = new HashMap<>();

    TypeScope(java.util.function.ToIntFunction<TypeDef> emit, Map<Integer, Integer> named, IntUnaryOperator external) {
      this.emit = emit;
      this.named = named;
      this.external = external;
    }

    int external(int id) {
      return externals.computeIfAbsent(id, external::applyAsInt);
    }

    ValType val(Type t) {
      return switch (t) {
        case Type.Primitive p -> binary(p);
        case Type.Ref r -> {
          dev.plugboard.wit.resolve.TypeDef def = resolve.types.get(r.id());
          if (def.kind instanceof TypeKind.Alias(Type.Primitive p) && !named.containsKey(r.id())) {
            yield binary(p);
          }
          yield new ValType.Index(index(r.id()));
        }
      };
    }

    int index(int id) {
      Integer n = named.get(id);
      if (n != null) {
        return n;
      }
      if (resolve.types.get(id).name != null) {
        return external(id);
      }
      Integer a = anon.get(id);
      if (a == null) {
        a = definition(id);
        anon.put(id, a);
      }
      return a;
    }

    /** Emits the structure of a type (not an alias of its name) and returns its index. */
    int definition(int id) {
      dev.plugboard.wit.resolve.TypeDef def = resolve.types.get(id);
      if (def.kind instanceof TypeKind.Alias(Type.Ref(int target))) {
        return index(target); // `type a = b` is b
      }
      return emit.applyAsInt(switch (def.kind) {
        case TypeKind.Record r -> new TypeDef.Record(r.fields().stream()
            .map(f -> new TypeDef.Field(f.name(), val(f.type()))).toList());
        case TypeKind.Variant v -> new TypeDef.Variant(v.cases().stream()
            .map(c -> new TypeDef.Case(c.name(), c.type() == null ? null : val(c.type()))).toList());
        case TypeKind.Enum e -> new TypeDef.Enum(e.cases().stream().map(TypeKind.Case::name).toList());
        case TypeKind.Flags f -> new TypeDef.Flags(f.flags().stream().map(TypeKind.Case::name).toList());
        case TypeKind.Tuple t -> new TypeDef.Tuple(t.types().stream().map(this::val).toList());
        case TypeKind.Option o -> new TypeDef.Option(val(o.type()));
        case TypeKind.Result r -> new TypeDef.Result(r.ok() == null ? null : val(r.ok()),
            r.err() == null ? null : val(r.err()));
        case TypeKind.ListOf l -> new TypeDef.ListOf(val(l.element()));
        case TypeKind.FixedList l -> new TypeDef.FixedList(val(l.element()), l.size());
        case TypeKind.MapOf m -> new TypeDef.MapOf(val(m.key()), val(m.value()));
        case TypeKind.Future f -> new TypeDef.Future(f.type() == null ? null : val(f.type()));
        case TypeKind.Stream s -> new TypeDef.Stream(s.type() == null ? null : val(s.type()));
        case TypeKind.Handle h -> h.own() ? new TypeDef.Own(index(h.resource())) : new TypeDef.Borrow(index(h.resource()));
        case TypeKind.Alias a -> new TypeDef.Prim(binary((Type.Primitive) a.target()));
        case TypeKind.Resource r -> throw new IllegalStateException("resource `" + def.name + "` has no index here");
        case TypeKind.Unknown u -> throw new IllegalStateException("unresolved type");
      });
    }

    int funcType(Function f) {
      List<TypeDef.Param> params = f.params().stream().map(p -> new TypeDef.Param(p.name(), val(p.type()))).toList();
      return emit.applyAsInt(new TypeDef.Func(f.kind().isAsync(), params, f.result() == null ? null : val(f.result())));
    }
  }
}
