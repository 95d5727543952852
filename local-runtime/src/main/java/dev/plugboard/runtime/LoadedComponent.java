package dev.plugboard.runtime;

import dev.plugboard.binary.Component;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentTypes;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoded and validated component, ready to be instantiated any number of times. Its core
 * modules are parsed (and, for the compiled engine, compiled) once and shared by every instance.
 */
public final class LoadedComponent {
  private final Component component;
  private final ComponentTypes types;
  private final String name;
  private final Map<byte[], ModuleDef> modules = Instantiator.newModuleCache();
  private final Map<Component, dev.plugboard.binary.ComponentNames> names = Instantiator.newNamesCache();
  /** Set once every core module is collected and renumbered; from then on {@link #modules} is only read. */
  private volatile boolean prepared;

  private LoadedComponent(Component component, ComponentTypes types, String name) {
    this.component = component;
    this.types = types;
    this.name = name;
  }

  /**
   * Decodes and validates {@code bytes}.
   *
   * @param name how the component is called in messages and traces (usually its file name)
   */
  public static LoadedComponent load(byte[] bytes, String name) throws MalformedBinaryException,
      InvalidComponentException {
    Component c = ComponentDecoder.decode(bytes);
    ComponentTypes types = ComponentValidator.validateStructure(c, java.util.Map.of());
    return new LoadedComponent(c, types, name);
  }

  public Component component() {
    return component;
  }

  /** The arena of the component's types that validation made. */
  public ComponentTypes types() {
    return types;
  }

  public String name() {
    return name;
  }

  public ComponentInstance instantiate() {
    return instantiate(Imports.none(), RuntimeConfig.DEFAULT);
  }

  /**
   * Instantiates the component with the host's imports.
   *
   * @throws LinkError when an import is missing or does not fit
   * @throws dev.plugboard.runtime.abi.Trap when a start function traps
   */
  public ComponentInstance instantiate(Imports imports, RuntimeConfig config) {
    Map<String, Extern> args = new LinkedHashMap<>();
    imports.entries.forEach((k, v) -> args.put(k, new Extern.Host(v)));
    ComponentTypes.Linking linking = link(imports);
    Instantiator in = new Instantiator(config, modules, names, Instantiator.storeFor(imports));
    in.addTypes(types);
    try {
      prepare();
      // No lock while instantiating: what instances share (the module map, filled above, and each
      // ModuleDef, which synchronizes its own parsing and compiling) is only read from here on, so
      // instances are made in parallel (plugboard serve's pool fillers and request threads).
      Map<String, Extern> exports = in.instantiate(new Extern.ComponentDef(component, null), args, name);
      ComponentInstance instance = new ComponentInstance(name, exports, config, in.store());
      instance.exportTypes(() -> linking.instanceExports(new java.util.IdentityHashMap<>()));
      return instance;
    } catch (Instantiator.LinkException e) {
      throw new LinkError(e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw new LinkError(name + ": " + e.getMessage());
    }
  }

  /**
   * Checks the component-level arguments (components, and instances other running components
   * export) by the validator's instantiate check ({@link ComponentTypes.Linking}), in the order of
   * the imports, so the component's abstract resources bind to the first argument's and the others
   * must give the same ones. Host functions and interfaces are matched where they are bound.
   *
   * @throws LinkError naming the import and the path to the part that does not fit
   */
  private ComponentTypes.Linking link(Imports imports) {
    ComponentTypes.Linking linking = new ComponentTypes.Linking(componentType());
    for (String imp : componentType().imports().keySet()) {
      ComponentValidator.ExternT given = switch (imports.entries.get(imp)) {
        case LoadedComponent c -> new ComponentValidator.ExternT.CompX(c.componentType());
        case ComponentInstance.ExportedInstance e -> e.type();
        case null, default -> null;
      };
      dev.plugboard.types.ValueSubtyping.Mismatch m = given == null ? null : linking.argument(imp, given);
      if (m != null) {
        throw new LinkError(name + ": import \"" + imp + "\" does not fit what was given: " + m.describe());
      }
    }
    return linking;
  }

  private volatile ComponentValidator.TypeT.Comp componentType;

  /** The component's type, read from its arena once. */
  private ComponentValidator.TypeT.Comp componentType() {
    ComponentValidator.TypeT.Comp t = componentType;
    if (t == null) {
      t = types.space(component).componentType();
      componentType = t;
    }
    return t;
  }

  /** Collects and renumbers the core modules, once. */
  private void prepare() {
    if (prepared) {
      return;
    }
    synchronized (modules) {
      if (!prepared) {
        collectModules(component, name);
        TypeRenumbering.apply(modules.values());
        prepared = true;
      }
    }
  }

  private void collectModules(Component c, String where) {
    for (Component.Section s : c.sections()) {
      if (s instanceof Component.CoreModuleSection m) {
        modules.computeIfAbsent(m.module(), b -> new ModuleDef(b, where + ".module" + modules.size()));
      } else if (s instanceof Component.NestedComponentSection n) {
        collectModules(n.component(), where);
      }
    }
  }

  /** The component cannot be instantiated with what it was given. */
  public static final class LinkError extends RuntimeException {
    public LinkError(String message) {
      super(message);
    }
  }
}
