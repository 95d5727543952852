package dev.plugboard.runtime;

import dev.plugboard.runtime.abi.Handles;
import dev.plugboard.runtime.abi.RuntimeResource;
import dev.plugboard.runtime.abi.Store;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running component: its exported functions and instances. A trap poisons it, as the spec
 * says: every later call fails with "cannot enter component instance".
 */
public final class ComponentInstance {
  private final String name;
  private final Map<String, Extern> exports;
  private final RuntimeConfig config;
  /** The types of the exports, as the arguments made them (null when not known): for linking checks. */
  private java.util.function.Supplier<Map<String, dev.plugboard.binary.ComponentValidator.ExternT>> exportTypes;
  private Map<String, dev.plugboard.binary.ComponentValidator.ExternT> exportTypesMade;
  private String poisonReason;

  /** Tears down the guest threads still blocked in a store once no instance using it is reachable. */
  private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

  ComponentInstance(String name, Map<String, Extern> exports, RuntimeConfig config) {
    this(name, exports, config, null);
  }

  ComponentInstance(String name, Map<String, Extern> exports, RuntimeConfig config, Store store) {
    this.name = name;
    this.exports = exports;
    this.config = config;
    if (store != null) {
      store.retain();
      CLEANER.register(this, store::release);
    }
  }

  public String name() {
    return name;
  }

  /**
   * An exported instance, usable as another component's import ({@link Imports#instance}); {@code type}
   * is its type in the arena's model (resources of this running instance), null when not known.
   */
  public record ExportedInstance(String name, Map<String, Extern> exports,
      dev.plugboard.binary.ComponentValidator.ExternT type) {
    public ExportedInstance(String name, Map<String, Extern> exports) {
      this(name, exports, null);
    }

    public List<String> functionNames() {
      return exports.entrySet().stream().filter(e -> e.getValue() instanceof Extern.Func).map(Map.Entry::getKey).toList();
    }
  }

  /** An exported function with the name it is called by ({@code greet}, {@code ns:pkg/iface@v#f}). */
  public record Export(String qualifiedName, String interfaceName, String functionName, FuncType type) {}

  /** Every exported function, top-level ones first, then those of exported instances. */
  public List<Export> functions() {
    List<Export> out = new ArrayList<>();
    for (Map.Entry<String, Extern> e : exports.entrySet()) {
      if (e.getValue() instanceof Extern.Func(ComponentFunction f)) {
        out.add(new Export(e.getKey(), null, e.getKey(), f.type()));
      }
    }
    for (Map.Entry<String, Extern> e : exports.entrySet()) {
      if (e.getValue() instanceof Extern.Inst(Map<String, Extern> inner)) {
        for (Map.Entry<String, Extern> f : inner.entrySet()) {
          if (f.getValue() instanceof Extern.Func(ComponentFunction fn)) {
            out.add(new Export(e.getKey() + "#" + f.getKey(), e.getKey(), f.getKey(), fn.type()));
          }
        }
      }
    }
    return out;
  }

  /** How to make the types of the exports, made when first asked for (linking this instance to another). */
  void exportTypes(java.util.function.Supplier<Map<String, dev.plugboard.binary.ComponentValidator.ExternT>> types) {
    this.exportTypes = types;
  }

  private synchronized dev.plugboard.binary.ComponentValidator.ExternT exportType(String name) {
    if (exportTypesMade == null && exportTypes != null) {
      exportTypesMade = exportTypes.get();
    }
    return exportTypesMade == null ? null : exportTypesMade.get(name);
  }

  public Optional<ExportedInstance> exportedInstance(String interfaceName) {
    if (exports.get(interfaceName) instanceof Extern.Inst(Map<String, Extern> inner)) {
      return Optional.of(new ExportedInstance(interfaceName, inner,
          exportType(interfaceName)));
    }
    return Optional.empty();
  }

  /**
   * Finds an exported function: {@code greet}, {@code iface#name} (the interface by its full
   * name, without its version, or by its last segment), or a plain name that only one exported
   * interface has.
   *
   * @throws IllegalArgumentException naming the candidates when there is none or several
   */
  public Export lookup(String name) {
    List<Export> all = functions();
    List<Export> matches = new ArrayList<>();
    int hash = name.indexOf('#');
    for (Export e : all) {
      if (hash < 0) {
        if (e.qualifiedName().equals(name)) {
          return e;
        }
        if (e.functionName().equals(name)) {
          matches.add(e);
        }
      } else if (e.interfaceName() != null && e.functionName().equals(name.substring(hash + 1))
          && interfaceMatches(e.interfaceName(), name.substring(0, hash))) {
        matches.add(e);
      }
    }
    if (matches.size() == 1) {
      return matches.getFirst();
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("no exported function \"" + name + "\"; exports: "
          + String.join(", ", all.stream().map(Export::qualifiedName).toList()));
    }
    throw new IllegalArgumentException("\"" + name + "\" is ambiguous: "
        + String.join(", ", matches.stream().map(Export::qualifiedName).toList()));
  }

  private static boolean interfaceMatches(String full, String given) {
    if (full.equals(given)) {
      return true;
    }
    String noVersion = full.contains("@") ? full.substring(0, full.indexOf('@')) : full;
    if (noVersion.equals(given)) {
      return true;
    }
    String last = noVersion.substring(noVersion.lastIndexOf('/') + 1);
    return last.equals(given);
  }

  /** The callable function of an {@link Export}. */
  public ComponentFunction function(String name) {
    Export e = lookup(name);
    Extern x = e.interfaceName() == null ? exports.get(e.functionName())
        : ((Extern.Inst) exports.get(e.interfaceName())).exports().get(e.functionName());
    ComponentFunction f = ((Extern.Func) x).function();
    return new ComponentFunction() {
      @Override
      public FuncType type() {
        return f.type();
      }

      @Override
      public Value call(Value... args) {
        return guarded(e.qualifiedName(), () -> f.call(args));
      }
    };
  }

  /** Calls an export by name (see {@link #lookup}). */
  public Value call(String function, Value... args) {
    return function(function).call(args);
  }

  /** Drops an owned handle the host received, running the resource's destructor. */
  public void drop(Value.Handle handle) {
    if (!handle.own()) {
      throw new IllegalArgumentException("only owned handles can be dropped; this is a borrow");
    }
    guarded("drop " + handle.type().name(), () -> {
      Handles.dropHostOwned((RuntimeResource) handle.type(), handle.rep());
      return null;
    });
  }

  public boolean poisoned() {
    return poisonReason != null;
  }

  private Value guarded(String what, java.util.function.Supplier<Value> call) {
    if (poisonReason != null) {
      throw new Trap("cannot enter component instance " + name + ": it trapped earlier (" + poisonReason + ")");
    }
    try {
      return call.get();
    } catch (Trap t) {
      poisonReason = t.reason();
      throw t;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      poisonReason = String.valueOf(e.getMessage());
      throw new Trap("host fault in " + what + ": " + e, name, e);
    }
  }

  Map<String, Extern> exports() {
    return new LinkedHashMap<>(exports);
  }

  RuntimeConfig config() {
    return config;
  }
}
