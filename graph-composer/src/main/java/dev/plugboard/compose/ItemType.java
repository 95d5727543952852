package dev.plugboard.compose;

import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.types.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a component imports or exports under one name: its type in the arena's model
 * ({@link #extern()}, what subtyping compares, resources by identity), with the parts the canvas
 * and the WAC writer show (functions, resource names) read from it by {@link #of}.
 */
public sealed interface ItemType {

  /** The type as validation models it; null for a {@link Declared} type that is not known. */
  ExternT extern();

  /** A function: parameter names and types, and the result (null for none). */
  record Func(List<String> names, List<ValueType> params, ValueType result, ExternT extern) implements ItemType {
    public Func {
      names = List.copyOf(names);
      params = List.copyOf(params);
    }

    /** A sync function of these parameters and result. */
    public Func(List<String> names, List<ValueType> params, ValueType result) {
      this(names, params, result, new ExternT.FuncX(new TypeT.Func(false, List.copyOf(names), List.copyOf(params),
          result)));
    }
  }

  /** An instance (of interface {@code interfaceName}, null when unnamed): its functions and resource names. */
  record Instance(String interfaceName, Map<String, Func> functions, List<String> resources, ExternT extern)
      implements ItemType {
    public Instance {
      functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
      resources = List.copyOf(resources);
    }
  }

  /**
   * A type declared in WAC text ({@code func(...)}, an inline interface) that no declaration gives
   * a type: it fits any import of its kind ({@code path} null when inline).
   */
  record Declared(String kind, String path) implements ItemType {
    @Override
    public ExternT extern() {
      return null;
    }
  }

  /** Anything else (types, components, modules, values). */
  record Other(String description, ExternT extern) implements ItemType {}

  /** The item {@code name} of type {@code t}, as the composer shows it. */
  static ItemType of(String name, ExternT t) {
    return switch (t) {
      case ExternT.FuncX(TypeT.Func f) -> new Func(f.names(), f.params(), f.result(), t);
      case ExternT.InstX(TypeT.Inst i) -> {
        Map<String, Func> functions = new LinkedHashMap<>();
        List<String> resources = new ArrayList<>();
        i.exports().forEach((n, x) -> {
          if (x instanceof ExternT.FuncX(TypeT.Func f)) {
            functions.put(n, new Func(f.names(), f.params(), f.result(), x));
          } else if (x instanceof ExternT.TypeX(TypeT.Resource r)) {
            resources.add(n);
          }
        });
        yield new Instance(name.contains("/") ? name : null, functions, resources, t);
      }
      case ExternT.CompX c -> new Other("component", t);
      case ExternT.ModuleX m -> new Other("module", t);
      case ExternT.TypeX x -> new Other("type", t);
      case ExternT.ValueX v -> new Other("value", t);
    };
  }

  /** Each item of {@code items} as {@link #of} reads it. */
  static Map<String, ItemType> of(Map<String, ExternT> items) {
    Map<String, ItemType> out = new LinkedHashMap<>();
    items.forEach((n, t) -> out.put(n, of(n, t)));
    return java.util.Collections.unmodifiableMap(out);
  }

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
