package dev.plugboard.wit.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.wit.resolve.Function;
import dev.plugboard.wit.resolve.Interface;
import dev.plugboard.wit.resolve.Owner;
import dev.plugboard.wit.resolve.Package;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.Stability;
import dev.plugboard.wit.resolve.Type;
import dev.plugboard.wit.resolve.TypeDef;
import dev.plugboard.wit.resolve.TypeKind;
import dev.plugboard.wit.resolve.World;
import dev.plugboard.wit.resolve.WorldItem;
import dev.plugboard.wit.resolve.WorldKey;
import java.util.List;
import java.util.Map;

/**
 * A {@link Resolve} as the JSON of {@code wasm-tools component wit --json}: four arenas,
 * ids as indices, keys and shapes as shared/spec/wit-resolve-json.md section 1 lists them.
 */
public final class ResolveJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ResolveJson() {}

  public static JsonNode toJson(Resolve r) {
    ObjectNode root = F.objectNode();
    ArrayNode worlds = root.putArray("worlds");
    for (World w : r.worlds) {
      worlds.add(world(w));
    }
    ArrayNode interfaces = root.putArray("interfaces");
    for (Interface i : r.interfaces) {
      interfaces.add(iface(i));
    }
    ArrayNode types = root.putArray("types");
    for (TypeDef t : r.types) {
      types.add(typeDef(t));
    }
    ArrayNode packages = root.putArray("packages");
    for (Package p : r.packages) {
      ObjectNode n = packages.addObject();
      n.put("name", p.name.toString());
      docs(n, p.docs);
      n.set("interfaces", idMap(p.interfaces));
      n.set("worlds", idMap(p.worlds));
    }
    return root;
  }

  /** Pretty-printed with two-space indentation, as serde_json prints it. */
  public static String toText(Resolve r) {
    try {
      return MAPPER.writer(new SerdeStyle()).writeValueAsString(toJson(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** serde_json's pretty style: two spaces, {@code "key": value}, empty containers as {@code []}/{@code {}}. */
  private static final class SerdeStyle extends DefaultPrettyPrinter {
    SerdeStyle() {
      _objectIndenter = new DefaultIndenter("  ", "\n");
      _arrayIndenter = new DefaultIndenter("  ", "\n");
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    SerdeStyle(SerdeStyle base) {
      super(base);
    }

    @Override
    public SerdeStyle createInstance() {
      return new SerdeStyle(this);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      --_nesting;
      if (entries > 0) {
        _objectIndenter.writeIndentation(g, _nesting);
      }
      g.writeRaw('}');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      --_nesting;
      if (values > 0) {
        _arrayIndenter.writeIndentation(g, _nesting);
      }
      g.writeRaw(']');
    }
  }

  private static ObjectNode idMap(Map<String, Integer> map) {
    ObjectNode n = F.objectNode();
    map.forEach(n::put);
    return n;
  }

  private static void docs(ObjectNode n, String docs) {
    if (docs != null) {
      n.putObject("docs").put("contents", docs);
    }
  }

  private static void stability(ObjectNode n, Stability s) {
    switch (s) {
      case Stability.Unknown u -> { }
      case Stability.Stable st -> {
        ObjectNode inner = n.putObject("stability").putObject("stable");
        inner.put("since", st.since());
        if (st.deprecated() != null) {
          inner.put("deprecated", st.deprecated());
        }
      }
      case Stability.Unstable un -> {
        ObjectNode inner = n.putObject("stability").putObject("unstable");
        inner.put("feature", un.feature());
        if (un.deprecated() != null) {
          inner.put("deprecated", un.deprecated());
        }
      }
    }
  }

  private static JsonNode type(Type t) {
    return switch (t) {
      case null -> F.nullNode();
      case Type.Primitive p -> F.textNode(p.wit());
      case Type.Ref ref -> F.numberNode(ref.id());
    };
  }

  private static ObjectNode world(World w) {
    ObjectNode n = F.objectNode();
    n.put("name", w.name);
    n.set("imports", worldItems(w.imports));
    n.set("exports", worldItems(w.exports));
    n.put("package", w.pkg);
    docs(n, w.docs);
    stability(n, w.stability);
    return n;
  }

  private static ObjectNode worldItems(Map<WorldKey, WorldItem> items) {
    ObjectNode n = F.objectNode();
    for (var e : items.entrySet()) {
      String key = switch (e.getKey()) {
        case WorldKey.Name name -> name.name();
        case WorldKey.OfInterface i -> "interface-" + i.id();
      };
      ObjectNode item = F.objectNode();
      switch (e.getValue()) {
        case WorldItem.OfInterface i -> {
          ObjectNode inner = item.putObject("interface");
          inner.put("id", i.id());
          stability(inner, i.stability());
          if (i.externalId() != null) {
            inner.put("external_id", i.externalId());
          }
          docs(inner, i.docs());
        }
        case WorldItem.OfFunction f -> item.set("function", function(f.function()));
        case WorldItem.OfType t -> item.put("type", t.id());
      }
      n.set(key, item);
    }
    return n;
  }

  private static ObjectNode iface(Interface i) {
    ObjectNode n = F.objectNode();
    if (i.name == null) {
      n.putNull("name");
    } else {
      n.put("name", i.name);
    }
    n.set("types", idMap(i.types));
    ObjectNode fns = n.putObject("functions");
    for (Function f : i.functions.values()) {
      fns.set(f.name(), function(f));
    }
    docs(n, i.docs);
    stability(n, i.stability);
    n.put("package", i.pkg);
    if (i.cloneOf != null) {
      n.put("clone_of", i.cloneOf);
    }
    return n;
  }

  private static ObjectNode function(Function f) {
    ObjectNode n = F.objectNode();
    n.put("name", f.name());
    switch (f.kind()) {
      case FREESTANDING, ASYNC_FREESTANDING -> n.put("kind", f.kind().json());
      default -> n.putObject("kind").put(f.kind().json(), f.resource());
    }
    ArrayNode params = n.putArray("params");
    for (Function.Param p : f.params()) {
      ObjectNode pn = params.addObject();
      pn.put("name", p.name());
      pn.set("type", type(p.type()));
    }
    if (f.result() != null) {
      n.set("result", type(f.result()));
    }
    docs(n, f.docs());
    stability(n, f.stability());
    if (f.externalId() != null) {
      n.put("external_id", f.externalId());
    }
    return n;
  }

  private static ObjectNode typeDef(TypeDef t) {
    ObjectNode n = F.objectNode();
    if (t.name == null) {
      n.putNull("name");
    } else {
      n.put("name", t.name);
    }
    n.set("kind", kind(t.kind));
    switch (t.owner) {
      case Owner.OfInterface i -> n.putObject("owner").put("interface", i.id());
      case Owner.OfWorld w -> n.putObject("owner").put("world", w.id());
      case Owner.None none -> n.putNull("owner");
    }
    docs(n, t.docs);
    stability(n, t.stability);
    if (t.externalId != null) {
      n.put("external_id", t.externalId);
    }
    return n;
  }

  private static JsonNode kind(TypeKind k) {
    ObjectNode n = F.objectNode();
    switch (k) {
      case TypeKind.Resource r -> {
        return F.textNode("resource");
      }
      case TypeKind.Record r -> {
        ArrayNode fields = n.putObject("record").putArray("fields");
        for (TypeKind.Field f : r.fields()) {
          ObjectNode fn = fields.addObject();
          fn.put("name", f.name());
          fn.set("type", type(f.type()));
          docs(fn, f.docs());
        }
      }
      case TypeKind.Handle h -> n.putObject("handle").put(h.own() ? "own" : "borrow", h.resource());
      case TypeKind.Flags f -> cases(n.putObject("flags").putArray("flags"), f.flags());
      case TypeKind.Enum e -> cases(n.putObject("enum").putArray("cases"), e.cases());
      case TypeKind.Tuple t -> {
        ArrayNode types = n.putObject("tuple").putArray("types");
        t.types().forEach(x -> types.add(type(x)));
      }
      case TypeKind.Variant v -> {
        ArrayNode cases = n.putObject("variant").putArray("cases");
        for (TypeKind.VariantCase c : v.cases()) {
          ObjectNode cn = cases.addObject();
          cn.put("name", c.name());
          cn.set("type", type(c.type()));
          docs(cn, c.docs());
        }
      }
      case TypeKind.Option o -> n.set("option", type(o.type()));
      case TypeKind.Result r -> {
        ObjectNode rn = n.putObject("result");
        rn.set("ok", type(r.ok()));
        rn.set("err", type(r.err()));
      }
      case TypeKind.ListOf l -> n.set("list", type(l.element()));
      // the length is a u32: a JSON reader makes an int of what fits one, so print it as one
      case TypeKind.FixedList l -> {
        var pair = n.putArray("fixed-length-list").add(type(l.element()));
        if (l.size() <= Integer.MAX_VALUE) {
          pair.add((int) l.size());
        } else {
          pair.add(l.size());
        }
      }
      case TypeKind.MapOf m -> n.putArray("map").add(type(m.key())).add(type(m.value()));
      case TypeKind.Future f -> n.set("future", type(f.type()));
      case TypeKind.Stream s -> n.set("stream", type(s.type()));
      case TypeKind.Alias a -> n.set("type", type(a.target()));
      case TypeKind.Unknown u -> {
        return F.textNode("unknown");
      }
    }
    return n;
  }

  private static void cases(ArrayNode out, List<TypeKind.Case> cases) {
    for (TypeKind.Case c : cases) {
      ObjectNode cn = out.addObject();
      cn.put("name", c.name());
      docs(cn, c.docs());
    }
  }
}
