package dev.plugboard.runtime;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.plugboard.abi.FlatType;
import dev.plugboard.binary.Canon;
import dev.plugboard.binary.Component;
import dev.plugboard.binary.ComponentTypes;
import dev.plugboard.binary.Sort;
import dev.plugboard.binary.TypeDef;
import dev.plugboard.runtime.Extern.RtType;
import dev.plugboard.runtime.abi.Abi;
import dev.plugboard.runtime.abi.AbiMemory;
import dev.plugboard.runtime.abi.CanonOptions;
import dev.plugboard.runtime.abi.ChicoryMemory;
import dev.plugboard.runtime.abi.Context;
import dev.plugboard.runtime.abi.Handles;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.runtime.abi.Realloc;
import dev.plugboard.runtime.abi.RuntimeResource;
import dev.plugboard.runtime.abi.Store;
import dev.plugboard.runtime.abi.StringEncoding;
import dev.plugboard.runtime.abi.Task;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.trace.CallTracer;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a running component instance from a decoded component, section by section, the way
 * Explainer.md describes instantiation: every definition appends to its index space; core
 * modules run on Chicory; {@code canon lift/lower} become {@link LiftedFunction}s and
 * trampolines; nested components are instantiated recursively with their arguments.
 */
final class Instantiator {
  private final RuntimeConfig config;
  private final Map<byte[], ModuleDef> modules;
  /** The name sections of the loaded component's (nested) components, parsed once: see {@link #newNamesCache}. */
  private final Map<Component, dev.plugboard.binary.ComponentNames> names;
  private final List<Instance> coreInstances = new ArrayList<>();
  private final List<InstanceState> states = new ArrayList<>();
  /** The store every instance of this instantiation shares (its async scheduler). */
  private final Store store;
  /** The arenas of types that validation made, of the component instantiated and of components given to it. */
  private final List<ComponentTypes> arenas = new ArrayList<>();
  private int componentCount;

  /**
   * With the caches of the loaded component (its core modules and its components' name sections)
   * and the store of the running components whose exports are given as imports (one scheduler for all).
   */
  Instantiator(RuntimeConfig config, Map<byte[], ModuleDef> modules,
      Map<Component, dev.plugboard.binary.ComponentNames> names, Store store) {
    this.config = config;
    this.modules = modules;
    this.names = names;
    this.store = store;
  }

  /** The store of a running component's instance among {@code imports}, or a new one. */
  static Store storeFor(Imports imports) {
    for (Object v : imports.entries.values()) {
      if (v instanceof ComponentInstance.ExportedInstance e) {
        for (Extern x : e.exports().values()) {
          InstanceState owner = x instanceof Extern.Func(LiftedFunction f) ? f.instance()
              : x instanceof Extern.Func(AsyncLiftedFunction f) ? f.instance() : null;
          if (owner != null) {
            return owner.store();
          }
        }
      }
    }
    return new Store();
  }

  List<Instance> coreInstances() {
    return coreInstances;
  }

  List<InstanceState> states() {
    return states;
  }

  Store store() {
    return store;
  }

  /** Instantiates {@code def} with its imports satisfied by {@code args}; returns its exports. */
  Map<String, Extern> instantiate(Extern.ComponentDef def, Map<String, Extern> args, String name) {
    return instantiate(def, args, name, null);
  }

  /** Instantiates {@code def} as a child of {@code parent} (null for a root). */
  private Map<String, Extern> instantiate(Extern.ComponentDef def, Map<String, Extern> args, String name,
      InstanceState parent) {
    InstanceState state = new InstanceState(name, store, parent);
    state.setMaxLiftBytes(config.maxResultBytes());
    states.add(state);
    Scope s = new Scope(def.outer(), state);
    s.typeSpace = typeSpace(def.component());
    dev.plugboard.binary.ComponentNames names = this.names.computeIfAbsent(def.component(),
        dev.plugboard.binary.ComponentNames::of);
    Map<String, Extern> exports = new LinkedHashMap<>();
    for (Component.Section section : def.component().sections()) {
      switch (section) {
        case Component.CoreModuleSection m -> s.modules.add(modules.computeIfAbsent(m.module(),
            b -> new ModuleDef(b, name + ".module" + s.modules.size())));
        case Component.CoreInstanceSection ci -> {
          for (Component.CoreInstance i : ci.instances()) {
            s.coreInstances.add(coreInstance(s, i, name));
          }
        }
        case Component.CoreTypeSection ct -> s.coreTypes.addAll(ct.types());
        case Component.NestedComponentSection n -> s.components.add(new Extern.ComponentDef(n.component(), s));
        case Component.InstanceSection is -> {
          for (Component.Instance i : is.instances()) {
            s.instances.add(componentInstance(s, i, name, names));
          }
        }
        case Component.AliasSection as -> {
          for (Component.Alias a : as.aliases()) {
            alias(s, a);
          }
        }
        case Component.TypeSection ts -> {
          for (TypeDef t : ts.types()) {
            s.types.add(defineType(s, t, null));
          }
        }
        case Component.CanonSection cs -> {
          for (Canon c : cs.canons()) {
            canon(s, c, name);
          }
        }
        case Component.ImportSection is -> {
          for (Component.Import imp : is.imports()) {
            Extern given = args.get(imp.name().name());
            if (given == null) {
              given = missingImport(s, imp, name);
            } else if (given instanceof Extern.Host(Object host)) {
              given = HostImports.bind(this, s, imp, host, name);
            }
            add(s, Component.sortOf(imp.type()), given);
          }
        }
        case Component.ExportSection es -> {
          for (Component.Export e : es.exports()) {
            Extern x = get(s, e.sort(), e.index());
            if (x instanceof Extern.Type(RtType.Res(RuntimeResource rt))) {
              rt.nameIfUnnamed(e.name().name());
            }
            exports.put(e.name().name(), x);
            add(s, e.sort(), x);
          }
        }
        case Component.StartSection st -> throw new UnsupportedOperationException(
            "component start functions (value imports) are not supported");
        case Component.ValueSection v -> throw new UnsupportedOperationException("component values are not supported");
        case Component.CustomSection c -> { }
      }
    }
    return exports;
  }

  /** An import the host did not give: resources become fresh host types; anything else is an error. */
  private Extern missingImport(Scope s, Component.Import imp, String name) {
    if (imp.type() instanceof Component.ExternType.Type t && t.eq()) {
      return new Extern.Type(Scope.at(s.types, t.type(), "type")); // (type (eq T)) is T
    }
    if (imp.type() instanceof Component.ExternType.Type) {
      return new Extern.Type(new RtType.Res(new RuntimeResource(imp.name().name(), null, null)));
    }
    throw new LinkException(name + ": import \"" + imp.name().name() + "\" (" + Component.sortOf(imp.type()).label()
        + ") was not given");
  }

  // ---- index spaces ---------------------------------------------------------------------

  private static Extern get(Scope s, Sort sort, int index) {
    return switch (sort) {
      case FUNC -> new Extern.Func(Scope.at(s.funcs, index, "func"));
      case INSTANCE -> new Extern.Inst(Scope.at(s.instances, index, "instance"));
      case TYPE -> new Extern.Type(Scope.at(s.types, index, "type"));
      case COMPONENT -> new Extern.Comp(Scope.at(s.components, index, "component"));
      case CORE_MODULE -> new Extern.Module(Scope.at(s.modules, index, "core module"));
      case VALUE -> new Extern.Val(Scope.at(s.values, index, "value"));
      default -> throw new IllegalStateException(sort.label() + " cannot be exported from a component");
    };
  }

  private static void add(Scope s, Sort sort, Extern x) {
    switch (sort) {
      case FUNC -> s.funcs.add(((Extern.Func) x).function());
      case INSTANCE -> s.instances.add(((Extern.Inst) x).exports());
      case TYPE -> s.types.add(((Extern.Type) x).type());
      case COMPONENT -> s.components.add(((Extern.Comp) x).definition());
      case CORE_MODULE -> s.modules.add(((Extern.Module) x).module());
      case VALUE -> s.values.add(((Extern.Val) x).value());
      default -> throw new IllegalStateException(sort.label());
    }
  }

  private void alias(Scope s, Component.Alias a) {
    switch (a.target()) {
      case Component.AliasTarget.InstanceExport ie -> {
        Map<String, Extern> inst = Scope.at(s.instances, ie.instance(), "instance");
        Extern x = inst.get(ie.name());
        if (x == null) {
          throw new LinkException("instance " + ie.instance() + " has no export \"" + ie.name() + "\"");
        }
        add(s, a.sort(), x);
      }
      case Component.AliasTarget.CoreInstanceExport ce -> {
        Map<String, Extern.Core> inst = Scope.at(s.coreInstances, ce.instance(), "core instance");
        Extern.Core x = inst.get(ce.name());
        if (x == null) {
          throw new LinkException("core instance " + ce.instance() + " has no export \"" + ce.name() + "\"");
        }
        switch (a.sort()) {
          case CORE_FUNC -> s.coreFuncs.add(((Extern.Core.Fn) x).func());
          case CORE_MEMORY -> s.memories.add(((Extern.Core.Mem) x).memory());
          case CORE_TABLE -> s.tables.add(((Extern.Core.Table) x).table());
          case CORE_GLOBAL -> s.globals.add(((Extern.Core.Global) x).global());
          case CORE_TAG -> s.coreTags.add(x);
          default -> throw new IllegalStateException(a.sort().label());
        }
      }
      case Component.AliasTarget.Outer o -> {
        Scope from = s.outer(o.count());
        switch (a.sort()) {
          case TYPE -> s.types.add(Scope.at(from.types, o.index(), "type"));
          case COMPONENT -> s.components.add(Scope.at(from.components, o.index(), "component"));
          case CORE_MODULE -> s.modules.add(Scope.at(from.modules, o.index(), "core module"));
          case CORE_TYPE -> s.coreTypes.add(Scope.at(from.coreTypes, o.index(), "core type"));
          default -> throw new IllegalStateException("outer alias of " + a.sort().label());
        }
      }
    }
  }

  // ---- core instances -------------------------------------------------------------------

  private Map<String, Extern.Core> coreInstance(Scope s, Component.CoreInstance i, String name) {
    return switch (i) {
      case Component.CoreInstance.FromExports fe -> {
        Map<String, Extern.Core> out = new LinkedHashMap<>();
        for (Component.CoreExport e : fe.exports()) {
          out.put(e.name(), switch (e.sort()) {
            case CORE_FUNC -> new Extern.Core.Fn(Scope.at(s.coreFuncs, e.index(), "core func"));
            case CORE_MEMORY -> new Extern.Core.Mem(Scope.at(s.memories, e.index(), "core memory"));
            case CORE_TABLE -> new Extern.Core.Table(Scope.at(s.tables, e.index(), "core table"));
            case CORE_GLOBAL -> new Extern.Core.Global(Scope.at(s.globals, e.index(), "core global"));
            default -> (Extern.Core.Tag) Scope.at(s.coreTags, e.index(), "core tag");
          });
        }
        yield out;
      }
      case Component.CoreInstance.Instantiate in -> {
        ModuleDef m = Scope.at(s.modules, in.module(), "core module");
        Map<String, Map<String, Extern.Core>> args = new LinkedHashMap<>();
        for (Component.CoreArg arg : in.args()) {
          args.put(arg.name(), Scope.at(s.coreInstances, arg.instance(), "core instance"));
        }
        yield instantiateModule(m, args, name);
      }
    };
  }

  private Map<String, Extern.Core> instantiateModule(ModuleDef def, Map<String, Map<String, Extern.Core>> args,
      String name) {
    WasmModule module;
    try {
      module = def.ready(config.engine() == RuntimeConfig.Engine.INTERP);
    } catch (ChicoryException e) {
      throw new LinkException(name + ": core module does not parse: " + e.getMessage());
    }
    ImportValues.Builder imports = ImportValues.builder();
    var section = module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      Map<String, Extern.Core> from = args.get(imp.module());
      Extern.Core x = from == null ? null : from.get(imp.name());
      if (x == null) {
        throw new LinkException(name + ": core import \"" + imp.module() + "\" \"" + imp.name() + "\" is not satisfied");
      }
      switch (x) {
        case Extern.Core.Fn(CoreFunc f) -> {
          FunctionType want = module.typeSection().getType(((FunctionImport) imp).typeIndex());
          if (!want.equals(f.type())) {
            throw new LinkException(name + ": core import \"" + imp.module() + "\" \"" + imp.name() + "\" expects "
                + want + " but is given " + f.type());
          }
          CoreFunc.Body body = f.body();
          imports.addFunction(new ImportFunction(imp.module(), imp.name(), f.type(), (inst, a) -> body.call(a)));
        }
        case Extern.Core.Mem(var mem) -> imports.addMemory(new ImportMemory(imp.module(), imp.name(), mem));
        case Extern.Core.Table(var t) -> imports.addTable(new ImportTable(imp.module(), imp.name(), t));
        case Extern.Core.Global(var g) -> imports.addGlobal(new ImportGlobal(imp.module(), imp.name(), g));
        case Extern.Core.Tag(var tag) -> imports.addTag(new com.dylibso.chicory.runtime.ImportTag(imp.module(),
            imp.name(), tag));
      }
    }
    Instance.Builder b = Instance.builder(module).withImportValues(imports.build()).withStart(false)
        .withMachineFactory(machineFactory(def));
    if (config.maxMemoryPages() > 0) {
      int cap = config.maxMemoryPages();
      b.withMemoryFactory(limits -> {
        if (limits.initialPages() > cap) {
          throw new Trap("the module needs " + limits.initialPages() + " pages of memory at start, more than the "
              + cap + " allowed (--max-memory)");
        }
        return ChicoryMemory.create(new MemoryLimits(limits.initialPages(), Math.min(limits.maximumPages(), cap),
            limits.shared()));
      });
    } else {
      b.withMemoryFactory(ChicoryMemory::create);
    }
    Instance instance;
    try {
      instance = b.build();
    } catch (Trap t) {
      throw t;
    } catch (ChicoryException e) {
      throw new Trap("instantiating a core module failed: " + e.getMessage(), name, e);
    } catch (StackOverflowError e) {
      throw new Trap("call stack exhausted in a core start function", name, null);
    } catch (OutOfMemoryError e) {
      throw new Trap("out of host memory while instantiating a core module (its memory is larger than the JVM "
          + "heap can give)", name, null);
    }
    coreInstances.add(instance);
    Map<String, Extern.Core> out = new LinkedHashMap<>();
    var exportSection = module.exportSection();
    for (int i = 0; i < exportSection.exportCount(); i++) {
      Export e = exportSection.getExport(i);
      String exportName = e.name();
      out.put(exportName, switch (e.exportType()) {
        case FUNCTION -> {
          // Straight to the machine: Chicory's ExportFunction adds a lambda and a GC safe point
          // (for the GC proposal, which components' modules do not use) to every call.
          Machine machine = instance.getMachine();
          int index = (int) e.index();
          yield new Extern.Core.Fn(new CoreFunc(exportName, instance.exportType(exportName),
              a -> machine.call(index, a)));
        }
        case MEMORY -> new Extern.Core.Mem(instance.exports().memory(exportName));
        case TABLE -> new Extern.Core.Table(instance.exports().table(exportName));
        case GLOBAL -> new Extern.Core.Global(instance.exports().global(exportName));
        default -> new Extern.Core.Tag(instance.tag((int) e.index()));
      });
    }
    return out;
  }

  private Function<Instance, Machine> machineFactory(ModuleDef def) {
    Function<Instance, Machine> ready = config.engine() == RuntimeConfig.Engine.AUTO ? def.compiledIfDone() : null;
    if (ready != null) {
      return ready; // compiled already: no interpreter to switch from, no indirection per call
    }
    return switch (config.engine()) {
      case INTERP -> InterpreterMachine::new;
      case COMPILED -> def.compiledNow();
      // Start at once, interpreted, and switch when the compiled code is ready: compiling even a
      // small module first costs more than a one-call command takes in all (about 150 ms of CPU
      // for hello.wasm's first call, docs/benchmarks.md). Code an earlier run compiled is loaded
      // from the disk cache before the start instead.
      case AUTO -> def.hasCachedCode() ? def.compiledNow()
          : instance -> new SwitchingMachine(new InterpreterMachine(instance), def, instance);
    };
  }

  /** Interprets until the module's compiled code is ready, then runs that. */
  static final class SwitchingMachine implements Machine {
    private volatile Machine delegate;

    SwitchingMachine(Machine interpreter, ModuleDef def, Instance instance) {
      this.delegate = interpreter;
      def.compile(true).thenAccept(factory -> delegate = factory.apply(instance));
    }

    @Override
    public long[] call(int funcId, long[] args) {
      return delegate.call(funcId, args);
    }
  }

  // ---- component instances --------------------------------------------------------------

  private Map<String, Extern> componentInstance(Scope s, Component.Instance i, String name,
      dev.plugboard.binary.ComponentNames names) {
    return switch (i) {
      case Component.Instance.FromExports fe -> {
        Map<String, Extern> out = new LinkedHashMap<>();
        for (Component.InlineExport e : fe.exports()) {
          out.put(e.name().name(), get(s, e.sort(), e.index()));
        }
        yield out;
      }
      case Component.Instance.Instantiate in -> {
        Extern.ComponentDef def = Scope.at(s.components, in.component(), "component");
        Map<String, Extern> args = new LinkedHashMap<>();
        for (Component.Arg a : in.args()) {
          args.put(a.name(), get(s, a.sort(), a.index()));
        }
        // name the instance after what the component's name section calls the component (or the
        // instance), so that traces read `app.wasm/caller -> app.wasm/echo`
        String label = names.name(Sort.COMPONENT, in.component());
        if (label == null) {
          label = names.name(Sort.INSTANCE, s.instances.size());
        }
        componentCount++;
        yield instantiate(def, args, name + "/" + (label != null ? label : "component" + componentCount), s.state);
      }
    };
  }

  // ---- types ----------------------------------------------------------------------------

  /**
   * The type definition {@code t} that is about to become index {@code s.types.size()} of scope
   * {@code s}; {@code resourceName} names a resource when known. Value and function types are
   * read from the arena that validation made ({@code s.typeSpace}), with its resource tokens
   * replaced by this instance's resources; only resources (new per instance) and declarations
   * are made here.
   */
  RtType defineType(Scope s, TypeDef t, String resourceName) {
    return switch (t) {
      case TypeDef.Func f -> {
        ComponentTypes.Func ft = typeSpace(s).function(new ComponentTypes.TypeId(s.types.size()));
        List<FuncType.Param> params = new ArrayList<>(ft.params().size());
        for (int i = 0; i < ft.params().size(); i++) {
          params.add(new FuncType.Param(ft.names().get(i), instanceType(s, ft.params().get(i))));
        }
        yield new RtType.Fn(new FuncType(params, ft.result() == null ? null : instanceType(s, ft.result()),
            ft.async()));
      }
      case TypeDef.Resource r -> {
        CoreFunc dtor = r.dtor() < 0 ? null : Scope.at(s.coreFuncs, r.dtor(), "core func");
        yield new RtType.Res(new RuntimeResource(resourceName == null ? "resource" : resourceName, s.state,
            dtor == null ? null : rep -> LiftedFunction.guest(dtor, new long[] {Integer.toUnsignedLong(rep)})));
      }
      case TypeDef.ComponentType c -> new RtType.Decl(c, s);
      case TypeDef.InstanceType i -> new RtType.Decl(i, s);
      default -> new RtType.Val(instanceType(s, typeSpace(s).valueType(new ComponentTypes.TypeId(s.types.size()))));
    };
  }

  /** The arena space of the scope's component or type declaration. */
  private static ComponentTypes.Space typeSpace(Scope s) {
    if (s.typeSpace == null) {
      throw new IllegalStateException("scope has no validated types");
    }
    return s.typeSpace;
  }

  /** The arena space of {@code owner} (a component or a type declaration) in any arena known here. */
  ComponentTypes.Space typeSpace(Object owner) {
    for (ComponentTypes a : arenas) {
      ComponentTypes.Space space = a.space(owner);
      if (space != null) {
        return space;
      }
    }
    throw new IllegalStateException("the component's types were not validated");
  }

  /** Makes the types of {@code arena} (a validated component's) known to this instantiator. */
  void addTypes(ComponentTypes arena) {
    if (!arenas.contains(arena)) {
      arenas.add(arena);
    }
  }

  /**
   * A validated value type with its resource tokens replaced by the resources of this instance
   * (found at the index where the arena first holds the token); unchanged parts are kept.
   */
  private static ValueType instanceType(Scope s, ValueType t) {
    return switch (t) {
      case null -> null;
      case ValueType.Prim p -> p;
      case ValueType.EnumType e -> e;
      case ValueType.FlagsType f -> f;
      case ValueType.OwnType o -> new ValueType.OwnType(instanceResource(s, o.resource()));
      case ValueType.BorrowType b -> new ValueType.BorrowType(instanceResource(s, b.resource()));
      case ValueType.ListType l -> same(l.element(), instanceType(s, l.element())) ? l
          : new ValueType.ListType(instanceType(s, l.element()));
      case ValueType.FixedListType l -> same(l.element(), instanceType(s, l.element())) ? l
          : new ValueType.FixedListType(instanceType(s, l.element()), l.length());
      case ValueType.OptionType o -> same(o.type(), instanceType(s, o.type())) ? o
          : new ValueType.OptionType(instanceType(s, o.type()));
      case ValueType.ResultType r -> {
        ValueType ok = instanceType(s, r.ok());
        ValueType err = instanceType(s, r.err());
        yield ok == r.ok() && err == r.err() ? r : new ValueType.ResultType(ok, err);
      }
      case ValueType.MapType m -> {
        ValueType k = instanceType(s, m.key());
        ValueType v = instanceType(s, m.value());
        yield k == m.key() && v == m.value() ? m : new ValueType.MapType(k, v);
      }
      case ValueType.TupleType tu -> {
        List<ValueType> types = new ArrayList<>(tu.types().size());
        boolean changed = false;
        for (ValueType x : tu.types()) {
          ValueType y = instanceType(s, x);
          changed |= y != x;
          types.add(y);
        }
        yield changed ? new ValueType.TupleType(types) : tu;
      }
      case ValueType.RecordType r -> {
        List<ValueType.Field> fields = new ArrayList<>(r.fields().size());
        boolean changed = false;
        for (ValueType.Field f : r.fields()) {
          ValueType y = instanceType(s, f.type());
          changed |= y != f.type();
          fields.add(y == f.type() ? f : new ValueType.Field(f.name(), y));
        }
        yield changed ? new ValueType.RecordType(fields) : r;
      }
      case ValueType.VariantType v -> {
        List<ValueType.Case> cases = new ArrayList<>(v.cases().size());
        boolean changed = false;
        for (ValueType.Case c : v.cases()) {
          ValueType y = instanceType(s, c.type());
          changed |= y != c.type();
          cases.add(y == c.type() ? c : new ValueType.Case(c.name(), y));
        }
        yield changed ? new ValueType.VariantType(cases) : v;
      }
      case ValueType.AsyncType a -> same(a.element(), instanceType(s, a.element())) ? a
          : new ValueType.AsyncType(a.kind(), instanceType(s, a.element()));
    };
  }

  private static boolean same(ValueType a, ValueType b) {
    return a == b;
  }

  /** This instance's resource for a validated resource token: the one at the token's index, here or outside. */
  private static RuntimeResource instanceResource(Scope s, dev.plugboard.types.ResourceType token) {
    for (Scope x = s; x != null; x = x.outer) {
      if (x.typeSpace != null) {
        ComponentTypes.TypeId id = x.typeSpace.indexOf(token);
        if (id != null && id.index() < x.types.size()) {
          return resource(x, id.index());
        }
      }
    }
    throw new IllegalStateException("resource " + token.name() + " has no type index in scope");
  }

  static ValueType valueType(Scope s, dev.plugboard.binary.ValType v) {
    return switch (v) {
      case dev.plugboard.binary.ValType.Primitive p -> p.valueType();
      case dev.plugboard.binary.ValType.Index i -> {
        RtType t = Scope.at(s.types, i.index(), "type");
        if (t instanceof RtType.Val(ValueType vt)) {
          yield vt;
        }
        throw new IllegalStateException("type " + i.index() + " is not a value type");
      }
    };
  }

  private static RuntimeResource resource(Scope s, int index) {
    RtType t = Scope.at(s.types, index, "type");
    if (t instanceof RtType.Res(RuntimeResource rt)) {
      return rt;
    }
    throw new IllegalStateException("type " + index + " is not a resource");
  }

  /** The function type of {@code type} in {@code s}. */
  static FuncType funcType(Scope s, int index) {
    RtType t = Scope.at(s.types, index, "type");
    if (t instanceof RtType.Fn(FuncType ft)) {
      return ft;
    }
    throw new IllegalStateException("type " + index + " is not a function type");
  }

  // ---- canonical definitions ------------------------------------------------------------

  private void canon(Scope s, Canon c, String name) {
    switch (c) {
      case Canon.Lift l -> {
        CoreFunc core = Scope.at(s.coreFuncs, l.coreFunc(), "core func");
        FuncType ft = funcType(s, l.type());
        Options o = options(s, l.options());
        s.funcs.add(ft.async()
            ? new AsyncLiftedFunction(core.name(), s.state, core, o.canon, o.async, o.callback, o.postReturn, ft,
                config.tracer())
            : new LiftedFunction(core.name(), s.state, core, o.canon, o.postReturn, ft, config.tracer()));
      }
      case Canon.Lower l -> {
        ComponentFunction callee = Scope.at(s.funcs, l.func(), "func");
        Options o = options(s, l.options());
        s.coreFuncs.add(o.async || callee.type().async() ? AsyncLower.build(s.state, callee, o.canon, o.async, name)
            : lower(s.state, callee, o.canon, name, config.tracer()));
      }
      case Canon.ResourceNew rn -> {
        RuntimeResource rt = resource(s, rn.type());
        InstanceState inst = s.state;
        s.coreFuncs.add(new CoreFunc("resource.new", FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
            args -> {
              inst.checkMayLeave("resource.new");
              return new long[] {Integer.toUnsignedLong(inst.handles.add(Handles.own(rt, (int) args[0])))};
            }));
      }
      case Canon.ResourceRep rr -> {
        RuntimeResource rt = resource(s, rr.type());
        InstanceState inst = s.state;
        s.coreFuncs.add(new CoreFunc("resource.rep", FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
            args -> new long[] {Integer.toUnsignedLong(Handles.rep(inst, rt, Integer.toUnsignedLong((int) args[0])))}));
      }
      case Canon.ResourceDrop rd -> {
        RuntimeResource rt = resource(s, rd.type());
        InstanceState inst = s.state;
        s.coreFuncs.add(new CoreFunc("resource.drop", FunctionType.of(List.of(ValType.I32), List.of()),
            args -> {
              Handles.drop(inst, rt, Integer.toUnsignedLong((int) args[0]));
              return new long[0];
            }));
      }
      case Canon.Builtin b -> s.coreFuncs.add(AsyncBuiltins.builtin(s, b));
    }
  }

  record Options(CanonOptions canon, CoreFunc postReturn, boolean async, CoreFunc callback) {}

  static Options options(Scope s, List<Canon.Option> opts) {
    AbiMemory memory = null;
    Realloc realloc = null;
    CoreFunc postReturn = null;
    CoreFunc callback = null;
    boolean async = false;
    StringEncoding encoding = StringEncoding.UTF8;
    for (Canon.Option o : opts) {
      switch (o.code()) {
        case Canon.Option.UTF8 -> encoding = StringEncoding.UTF8;
        case Canon.Option.UTF16 -> encoding = StringEncoding.UTF16;
        case Canon.Option.LATIN1_UTF16 -> encoding = StringEncoding.LATIN1_UTF16;
        case Canon.Option.MEMORY -> memory = new ChicoryMemory(Scope.at(s.memories, o.index(), "core memory"));
        case Canon.Option.REALLOC -> {
          CoreFunc f = Scope.at(s.coreFuncs, o.index(), "core func");
          // one argument array, reused unless a realloc is (unusually) already running
          long[] buffer = new long[4];
          boolean[] busy = {false};
          realloc = (oldPtr, oldSize, align, newSize) -> {
            long[] args = busy[0] ? new long[4] : buffer;
            boolean mine = args == buffer;
            busy[0] = true;
            try {
              args[0] = Integer.toUnsignedLong(oldPtr);
              args[1] = Integer.toUnsignedLong(oldSize);
              args[2] = Integer.toUnsignedLong(align);
              args[3] = Integer.toUnsignedLong(newSize);
              return (int) LiftedFunction.guest(f, args)[0];
            } finally {
              if (mine) {
                busy[0] = false;
              }
            }
          };
        }
        case Canon.Option.POST_RETURN -> postReturn = Scope.at(s.coreFuncs, o.index(), "core func");
        case Canon.Option.ASYNC -> async = true;
        case Canon.Option.CALLBACK -> callback = Scope.at(s.coreFuncs, o.index(), "core func");
        default -> { }
      }
    }
    return new Options(new CanonOptions(memory, realloc, encoding), postReturn, async, callback);
  }

  /**
   * {@code canon lower}: a core function that lifts its arguments out of the caller's memory,
   * calls the component function, and lowers the result back into the caller's memory.
   */
  static CoreFunc lower(InstanceState caller, ComponentFunction callee, CanonOptions opts, String name,
      CallTracer tracer) {
    FuncType ft = callee.type();
    FuncType.Lowered lw = FuncType.Lowered.of(ft);
    FlatType[] flatParams = Abi.flatten(lw.params());
    FlatType[] flatResults = Abi.flatten(lw.results());
    List<ValType> params = new ArrayList<>();
    List<ValType> results = new ArrayList<>();
    boolean spillParams = flatParams.length > Abi.MAX_FLAT_PARAMS;
    boolean spillResults = flatResults.length > Abi.MAX_FLAT_RESULTS;
    if (spillParams) {
      params.add(ValType.I32);
    } else {
      for (FlatType f : flatParams) {
        params.add(core(f));
      }
    }
    if (spillResults) {
      params.add(ValType.I32);
    } else {
      for (FlatType f : flatResults) {
        results.add(core(f));
      }
    }
    LiftedFunction lifted = callee instanceof LiftedFunction lf ? lf : null;
    String calleeName = lifted != null ? lifted.name() : "host function";
    FunctionType coreType = FunctionType.of(params, results);
    if (lifted != null && FusedCall.enabled) {
      CoreFunc.Body fused = FusedCall.build(caller, opts, lifted, tracer);
      if (fused != null) {
        return new CoreFunc(name + "->" + calleeName, coreType, fused);
      }
    }
    StringEncoding calleeEncoding = lifted != null ? lifted.encoding() : StringEncoding.UTF8;
    if (tracer != null && lifted != null) {
      Sampler sampler = new Sampler(tracer);
      return new CoreFunc(name + "->" + calleeName, coreType, args -> {
        int weight = sampler.next();
        if (weight == 0) {
          return lowerCall(caller, callee, lifted, opts, calleeEncoding, lw, spillResults, args, TraceSite.UNTRACED);
        }
        TraceSite site = new TraceSite(caller.name(), opts.encoding().spelling(), System.nanoTime());
        site.weight = weight;
        try {
          return lowerCall(caller, callee, lifted, opts, calleeEncoding, lw, spillResults, args, site);
        } catch (Trap t) {
          if (site.trap == null) {
            site.trap = t.getMessage();
          }
          throw t;
        } finally {
          site.finish(tracer, lifted.instance().name(), lifted.name());
        }
      });
    }
    return new CoreFunc(name + "->" + calleeName, coreType,
        args -> lowerCall(caller, callee, lifted, opts, calleeEncoding, lw, spillResults, args, null));
  }

  /**
   * The generic adapter: lifts the arguments out of the caller's memory into {@link Value}s,
   * calls the callee, lowers the result back. With a trace site, fills in the caller's phases
   * (the callee fills in its own between them); {@link TraceSite#UNTRACED} tells the callee not to
   * trace a call the sampler skipped.
   */
  private static long[] lowerCall(InstanceState caller, ComponentFunction callee, LiftedFunction lifted,
      CanonOptions opts, StringEncoding calleeEncoding, FuncType.Lowered lw, boolean spillResults, long[] args,
      TraceSite site) {
    if (!caller.mayLeave()) {
      throw new Trap("cannot leave component instance " + caller.name() + " during post-return");
    }
    Task subtask = new Task();
    Context cx = new Context(opts, caller, subtask).sourceEncoding(calleeEncoding);
    Value[] values = Abi.liftFlatValues(cx, Abi.MAX_FLAT_PARAMS, new Abi.FlatReader(args), lw.params(),
        lw.paramTuple());
    Value result;
    if (site == TraceSite.UNTRACED) {
      result = lifted.call(values, opts.encoding(), site);
    } else if (site != null) {
      site.callerLift = site.phase();
      site.count(cx);
      result = lifted.call(values, opts.encoding(), site);
    } else if (lifted != null) {
      result = lifted.call(values, opts.encoding(), null);
    } else {
      result = callee.call(values);
    }
    Context out = new Context(opts, caller, subtask).sourceEncoding(calleeEncoding);
    long[] flat;
    if (callee.type().result() == null) {
      flat = new long[0];
    } else {
      Integer outParam = spillResults ? (int) args[args.length - 1] : null;
      flat = Abi.lowerFlatValues(out, Abi.MAX_FLAT_RESULTS, new Value[] {result}, lw.results(), lw.resultTuple(),
          outParam);
    }
    subtask.exit();
    if (site != null && site != TraceSite.UNTRACED) {
      site.callerLower = site.phase();
      site.reallocsOut += out.reallocCalls;
      site.count(out);
    }
    return flat;
  }

  static ValType core(FlatType f) {
    return switch (f) {
      case I32 -> ValType.I32;
      case I64 -> ValType.I64;
      case F32 -> ValType.F32;
      case F64 -> ValType.F64;
    };
  }

  /** A link-time failure (missing import, wrong core import type): not a trap, the component cannot run as given. */
  static final class LinkException extends RuntimeException {
    LinkException(String message) {
      super(message);
    }
  }

  /**
   * The core modules of a loaded component by their bytes (arrays hash by identity); concurrent,
   * since instances are made in parallel and a component given as an import adds its modules.
   */
  static Map<byte[], ModuleDef> newModuleCache() {
    return new java.util.concurrent.ConcurrentHashMap<>();
  }

  /** Name sections by component, by identity (a component's record equality would hash all its bytes). */
  static Map<Component, dev.plugboard.binary.ComponentNames> newNamesCache() {
    return java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  }
}
