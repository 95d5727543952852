package dev.plugboard.binary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.wit.resolve.Function;
import dev.plugboard.wit.resolve.Interface;
import dev.plugboard.wit.resolve.Package;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.Stability;
import dev.plugboard.wit.resolve.TypeDef;
import dev.plugboard.wit.resolve.TypeKind;
import dev.plugboard.wit.resolve.World;
import dev.plugboard.wit.resolve.WorldItem;
import dev.plugboard.wit.resolve.WorldKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code package-docs} custom section of a binary WIT package: what the type encoding cannot
 * hold, doc comments and feature gates, as one JSON object after a version byte. Packages,
 * interfaces and worlds carry {@code docs} and {@code stability}; interfaces and worlds list
 * their {@code funcs} (a docs string, or an object with {@code docs} and {@code stability}) and
 * {@code types} (with {@code items}: the docs of fields and cases).
 */
public final class WitPackageDocs {
  public static final String SECTION = "package-docs";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WitPackageDocs() {}

  static byte[] encode(Resolve resolve, int pkgId) {
    Package pkg = resolve.packages.get(pkgId);
    ObjectNode root = JSON.createObjectNode();
    putText(root, "docs", pkg.docs);
    ObjectNode worlds = JSON.createObjectNode();
    for (var e : pkg.worlds.entrySet()) {
      ObjectNode w = world(resolve, resolve.worlds.get(e.getValue()));
      if (!w.isEmpty()) {
        worlds.set(e.getKey(), w);
      }
    }
    ObjectNode interfaces = JSON.createObjectNode();
    for (var e : pkg.interfaces.entrySet()) {
      ObjectNode i = iface(resolve, resolve.interfaces.get(e.getValue()));
      if (!i.isEmpty()) {
        interfaces.set(e.getKey(), i);
      }
    }
    putObject(root, "worlds", worlds);
    putObject(root, "interfaces", interfaces);
    byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[json.length + 1];
    out[0] = VERSION;
    System.arraycopy(json, 0, out, 1, json.length);
    return out;
  }

  private static ObjectNode world(Resolve resolve, World w) {
    ObjectNode n = JSON.createObjectNode();
    putText(n, "docs", w.docs);
    putStability(n, w.stability);
    ObjectNode funcs = JSON.createObjectNode();
    ObjectNode funcExports = JSON.createObjectNode();
    ObjectNode types = JSON.createObjectNode();
    ObjectNode importStability = JSON.createObjectNode();
    ObjectNode exportStability = JSON.createObjectNode();
    ObjectNode importDocs = JSON.createObjectNode();
    ObjectNode exportDocs = JSON.createObjectNode();
    for (int pass = 0; pass < 2; pass++) {
      boolean imports = pass == 0;
      for (var e : (imports ? w.imports : w.exports).entrySet()) {
        switch (e.getValue()) {
          case WorldItem.OfFunction f -> putFunction(imports ? funcs : funcExports, f.function());
          case WorldItem.OfType t -> putType(types, resolve.types.get(t.id()));
          case WorldItem.OfInterface i -> {
            ObjectNode s = JSON.createObjectNode();
            putStability(s, i.stability());
            if (s.has("stability")) {
              (imports ? importStability : exportStability).set(resolve.keyName(e.getKey()), s.get("stability"));
            }
            putText(imports ? importDocs : exportDocs, resolve.keyName(e.getKey()), i.docs());
          }
        }
      }
    }
    putObject(n, "funcs", funcs);
    putObject(n, "func_exports", funcExports);
    putObject(n, "types", types);
    putObject(n, "interface_import_stability", importStability);
    putObject(n, "interface_export_stability", exportStability);
    putObject(n, "interface_import_docs", importDocs);
    putObject(n, "interface_export_docs", exportDocs);
    return n;
  }

  private static ObjectNode iface(Resolve resolve, Interface i) {
    ObjectNode n = JSON.createObjectNode();
    putText(n, "docs", i.docs);
    putStability(n, i.stability);
    ObjectNode funcs = JSON.createObjectNode();
    i.functions.values().forEach(f -> putFunction(funcs, f));
    ObjectNode types = JSON.createObjectNode();
    i.types.values().forEach(t -> putType(types, resolve.types.get(t)));
    putObject(n, "funcs", funcs);
    putObject(n, "types", types);
    return n;
  }

  private static void putFunction(ObjectNode funcs, Function f) {
    if (f.stability().isUnknown()) {
      if (f.docs() != null) {
        funcs.put(f.name(), f.docs());
      }
      return;
    }
    ObjectNode n = funcs.putObject(f.name());
    putText(n, "docs", f.docs());
    putStability(n, f.stability());
  }

  private static void putType(ObjectNode types, TypeDef t) {
    ObjectNode n = JSON.createObjectNode();
    putText(n, "docs", t.docs);
    putStability(n, t.stability);
    ObjectNode items = JSON.createObjectNode();
    itemDocs(t.kind).forEach((name, docs) -> putText(items, name, docs));
    putObject(n, "items", items);
    if (!n.isEmpty()) {
      types.set(t.name, n);
    }
  }

  private static Map<String, String> itemDocs(TypeKind kind) {
    Map<String, String> out = new LinkedHashMap<>();
    switch (kind) {
      case TypeKind.Record r -> r.fields().forEach(f -> out.put(f.name(), f.docs()));
      case TypeKind.Variant v -> v.cases().forEach(c -> out.put(c.name(), c.docs()));
      case TypeKind.Enum e -> e.cases().forEach(c -> out.put(c.name(), c.docs()));
      case TypeKind.Flags f -> f.flags().forEach(c -> out.put(c.name(), c.docs()));
      default -> { }
    }
    return out;
  }

  private static void putText(ObjectNode n, String key, String text) {
    if (text != null) {
      n.put(key, text);
    }
  }

  private static void putObject(ObjectNode n, String key, ObjectNode value) {
    if (!value.isEmpty()) {
      n.set(key, value);
    }
  }

  private static void putStability(ObjectNode n, Stability s) {
    switch (s) {
      case Stability.Stable st -> {
        ObjectNode inner = n.putObject("stability").putObject("stable");
        inner.put("since", st.since());
        putText(inner, "deprecated", st.deprecated());
      }
      case Stability.Unstable un -> {
        ObjectNode inner = n.putObject("stability").putObject("unstable");
        inner.put("feature", un.feature());
        putText(inner, "deprecated", un.deprecated());
      }
      case Stability.Unknown u -> { }
    }
  }

  // ---- reading ------------------------------------------------------------------------

  /**
   * Puts the docs and gates of a {@code package-docs} section on the decoded package.
   *
   * @throws InvalidComponentException when the section is not a version byte and a JSON object
   */
  static void apply(byte[] data, long offset, Resolve resolve, int pkgId) throws InvalidComponentException {
    if (data.length == 0 || (data[0] != 0 && data[0] != 1)) {
      throw new InvalidComponentException(offset, "`package-docs` section of an unknown version"
          + (data.length == 0 ? "" : " (" + data[0] + ")"));
    }
    JsonNode root;
    try {
      root = JSON.readTree(new String(data, 1, data.length - 1, StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidComponentException(offset, "`package-docs` section is not JSON: "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidComponentException(offset, "`package-docs` section is not a JSON object");
    }
    Package pkg = resolve.packages.get(pkgId);
    pkg.docs = text(root.get("docs"));
    for (var e : pkg.interfaces.entrySet()) {
      JsonNode n = root.path("interfaces").path(e.getKey());
      Interface i = resolve.interfaces.get(e.getValue());
      i.docs = text(n.get("docs"));
      i.stability = stability(n.get("stability"));
      i.functions.replaceAll((name, f) -> withMetadata(f, n.path("funcs").get(name)));
      i.types.values().forEach(t -> applyType(resolve.types.get(t), n.path("types").get(resolve.types.get(t).name)));
    }
    for (var e : pkg.worlds.entrySet()) {
      JsonNode n = root.path("worlds").path(e.getKey());
      World w = resolve.worlds.get(e.getValue());
      w.docs = text(n.get("docs"));
      w.stability = stability(n.get("stability"));
      applyItems(resolve, w.imports, n.path("funcs"), n.path("interface_import_stability"),
          n.path("interface_import_docs"), n.path("types"));
      applyItems(resolve, w.exports, n.path("func_exports"), n.path("interface_export_stability"),
          n.path("interface_export_docs"), n.path("types"));
    }
  }

  private static void applyItems(Resolve resolve, Map<WorldKey, WorldItem> items, JsonNode funcs, JsonNode ifaces,
      JsonNode ifaceDocs, JsonNode types) {
    items.replaceAll((key, item) -> switch (item) {
      case WorldItem.OfFunction f -> new WorldItem.OfFunction(withMetadata(f.function(), funcs.get(f.function().name())));
      case WorldItem.OfInterface i -> new WorldItem.OfInterface(i.id(), stability(ifaces.get(resolve.keyName(key))),
          i.externalId(), text(ifaceDocs.get(resolve.keyName(key))), i.span());
      case WorldItem.OfType t -> {
        applyType(resolve.types.get(t.id()), types.get(resolve.types.get(t.id()).name));
        yield t;
      }
    });
  }

  private static Function withMetadata(Function f, JsonNode n) {
    if (n == null) {
      return f;
    }
    String docs = n.isTextual() ? n.asText() : text(n.get("docs"));
    Stability s = n.isObject() ? stability(n.get("stability")) : Stability.UNKNOWN;
    return new Function(f.name(), f.kind(), f.resource(), f.params(), f.result(), docs, s, f.externalId(), f.span());
  }

  private static void applyType(TypeDef t, JsonNode n) {
    if (n == null) {
      return;
    }
    t.docs = text(n.get("docs"));
    t.stability = stability(n.get("stability"));
    JsonNode items = n.path("items");
    t.kind = switch (t.kind) {
      case TypeKind.Record r -> new TypeKind.Record(r.fields().stream()
          .map(f -> new TypeKind.Field(f.name(), f.type(), text(items.get(f.name())))).toList());
      case TypeKind.Variant v -> new TypeKind.Variant(v.cases().stream()
          .map(c -> new TypeKind.VariantCase(c.name(), c.type(), text(items.get(c.name())))).toList());
      case TypeKind.Enum e -> new TypeKind.Enum(cases(e.cases(), items));
      case TypeKind.Flags f -> new TypeKind.Flags(cases(f.flags(), items));
      default -> t.kind;
    };
  }

  private static List<TypeKind.Case> cases(List<TypeKind.Case> cases, JsonNode items) {
    return cases.stream().map(c -> new TypeKind.Case(c.name(), text(items.get(c.name())))).toList();
  }

  private static String text(JsonNode n) {
    return n == null || !n.isTextual() ? null : n.asText();
  }

  private static Stability stability(JsonNode n) {
    if (n == null || !n.isObject()) {
      return Stability.UNKNOWN;
    }
    if (n.has("stable")) {
      JsonNode s = n.get("stable");
      return new Stability.Stable(text(s.get("since")), text(s.get("deprecated")));
    }
    if (n.has("unstable")) {
      JsonNode s = n.get("unstable");
      return new Stability.Unstable(text(s.get("feature")), text(s.get("deprecated")));
    }
    return Stability.UNKNOWN;
  }
}
