package dev.plugboard.types;

import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.Type;
import dev.plugboard.wit.resolve.TypeDef;
import dev.plugboard.wit.resolve.TypeKind;
import dev.plugboard.wit.resolve.WitResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the types of a resolved WIT package set into {@link ValueType}s. One converter
 * per {@link Resolve}: each WIT resource becomes one {@link ResourceType} object.
 */
public final class WitTypes {
  private final Resolve resolve;
  private final Map<Integer, ResourceType> resources = new HashMap<>();
  private final Map<Integer, ValueType> cache = new HashMap<>();

  public WitTypes(Resolve resolve) {
    this.resolve = resolve;
  }

  /**
   * The type written as the WIT type expression {@code expr}, which may name the types that
   * {@code defs} (WIT type definitions: records, variants, enums, flags, aliases) declare.
   *
   * @throws IllegalArgumentException with the WIT diagnostics when the text does not resolve
   */
  public static ValueType fromText(String defs, String expr) {
    String text = "package plugboard:value-type;\ninterface types {\n" + defs + "\ntype the-type = " + expr + ";\n}\n";
    WitResolver.Result r = WitResolver.resolve(
        new WitResolver.Group(List.of(new WitResolver.SourceFile("type.wit", text))), List.of(),
        WitResolver.Options.DEFAULT);
    if (!r.diagnostics().isEmpty()) {
      throw new IllegalArgumentException(r.diagnostics().stream().map(d -> r.sources().render(d))
          .reduce((a, b) -> a + "\n" + b).orElse("invalid type"));
    }
    Resolve resolve = r.resolve();
    for (var i : resolve.interfaces) {
      Integer id = i.types.get("the-type");
      if (id != null) {
        return new WitTypes(resolve).convert(id);
      }
    }
    throw new IllegalStateException("type not found");
  }

  public ValueType convert(Type type) {
    return switch (type) {
      case null -> null;
      case Type.Basic b -> b.prim();
      case Type.ErrorContext e -> new ValueType.AsyncType("error-context", null);
      case Type.Ref r -> convert(r.id());
    };
  }

  /** The type defined by the arena entry {@code id}. */
  public ValueType convert(int id) {
    ValueType cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    TypeDef def = resolve.types.get(id);
    ValueType out = switch (def.kind) {
      case TypeKind.Alias a -> convert(a.target());
      case TypeKind.Record r -> {
        List<ValueType.Field> fields = new ArrayList<>();
        for (TypeKind.Field f : r.fields()) {
          fields.add(new ValueType.Field(f.name(), convert(f.type())));
        }
        yield new ValueType.RecordType(fields);
      }
      case TypeKind.Tuple t -> new ValueType.TupleType(t.types().stream().map(this::convert).toList());
      case TypeKind.Variant v -> {
        List<ValueType.Case> cases = new ArrayList<>();
        for (TypeKind.VariantCase c : v.cases()) {
          cases.add(new ValueType.Case(c.name(), convert(c.type())));
        }
        yield new ValueType.VariantType(cases);
      }
      case TypeKind.Enum e -> new ValueType.EnumType(e.cases().stream().map(TypeKind.Case::name).toList());
      case TypeKind.Flags f -> new ValueType.FlagsType(f.flags().stream().map(TypeKind.Case::name).toList());
      case TypeKind.Option o -> new ValueType.OptionType(convert(o.type()));
      case TypeKind.Result r -> new ValueType.ResultType(convert(r.ok()), convert(r.err()));
      case TypeKind.ListOf l -> new ValueType.ListType(convert(l.element()));
      case TypeKind.FixedList l -> new ValueType.FixedListType(convert(l.element()), (int) l.size());
      case TypeKind.MapOf m -> new ValueType.MapType(convert(m.key()), convert(m.value()));
      case TypeKind.Handle h -> {
        ResourceType rt = resource(resolve.dealias(h.resource()));
        yield h.own() ? new ValueType.OwnType(rt) : new ValueType.BorrowType(rt);
      }
      case TypeKind.Resource r -> new ValueType.OwnType(resource(id));
      case TypeKind.Future f -> new ValueType.AsyncType("future", convert(f.type()));
      case TypeKind.Stream s -> new ValueType.AsyncType("stream", convert(s.type()));
      case TypeKind.Unknown u -> throw new IllegalStateException("unresolved type " + def.name);
    };
    cache.put(id, out);
    return out;
  }

  /** The resource type object of the resource defined at {@code id}. */
  public ResourceType resource(int id) {
    return resources.computeIfAbsent(id, k -> ResourceType.named(resolve.types.get(k).name));
  }
}
