package dev.plugboard.compose;

import dev.plugboard.types.ValueType;
import java.util.List;
import java.util.Map;

/** What a component imports or exports under one name, as far as composition checks it. */
public sealed interface ItemType {

  /** A function: parameter names and types, and the result (null for none). */
  record Func(List<String> names, List<ValueType> params, ValueType result) implements ItemType {
    public Func {
      names = List.copyOf(names);
      params = List.copyOf(params);
    }
  }

  /**
   * An instance of an interface: its functions, the names of its resources, and of those the
   * ones it takes from another interface with {@code use} (local name → where it is defined).
   */
  record Instance(String interfaceName, Map<String, Func> functions, List<String> resources,
      Map<String, ResourceRef> usedResources) implements ItemType {
    public Instance {
      functions = Map.copyOf(functions);
      resources = List.copyOf(resources);
      usedResources = Map.copyOf(usedResources);
    }

    public Instance(String interfaceName, Map<String, Func> functions, List<String> resources) {
      this(interfaceName, functions, resources, Map.of());
    }
  }

  /** Resource {@code name} as defined by interface {@code iface} ({@code ns:pkg/iface@v}). */
  record ResourceRef(String iface, String name) {}

  /**
   * A type declared in WAC text (an interface path, {@code func(...)}, an inline interface) and
   * not known from a component: it fits any import of its kind ({@code path} null when inline).
   */
  record Declared(String kind, String path) implements ItemType {}

  /** Anything else (types, components, modules): composed by name only. */
  record Other(String description) implements ItemType {}

  default String describe() {
    return switch (this) {
      case Func f -> "func(" + String.join(", ", java.util.stream.IntStream.range(0, f.params().size())
          .mapToObj(i -> f.names().get(i) + ": " + ValueType.describe(f.params().get(i))).toList()) + ")"
          + (f.result() == null ? "" : " -> " + ValueType.describe(f.result()));
      case Instance i -> "instance of " + (i.interfaceName() == null ? "an interface" : i.interfaceName());
      case Declared d -> d.path() != null ? "interface " + d.path() : "declared " + d.kind();
      case Other o -> o.description();
    };
  }
}
