package dev.plugboard.wit.print;

import dev.plugboard.wit.lex.TokenKind;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints resolved packages as canonical WIT: one package as the file's package, the
 * others as nested {@code package ... { }} blocks, two-space indentation, docs as
 * {@code ///}, gates as attributes. The output parses back to the same packages, and
 * printing it again gives the same text.
 */
public final class WitPrinter {
  private final Resolve resolve;
  private final StringBuilder out = new StringBuilder();
  private int indent;
  private int currentPackage;

  private WitPrinter(Resolve resolve) {
    this.resolve = resolve;
  }

  /** {@code main} as the top-level package, then {@code others} as nested packages. */
  public static String print(Resolve resolve, int main, List<Integer> others) {
    WitPrinter p = new WitPrinter(resolve);
    p.topLevelPackage(main);
    for (int other : others) {
      if (other != main) {
        p.out.append('\n');
        p.nestedPackage(other);
      }
    }
    return p.out.toString();
  }

  /** Every package of the resolve: {@code main} first, the rest nested, sorted by name. */
  public static String printAll(Resolve resolve, int main) {
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < resolve.packages.size(); i++) {
      others.add(i);
    }
    others.sort(java.util.Comparator.comparing(i -> resolve.packages.get(i).name));
    return print(resolve, main, others);
  }

  private void topLevelPackage(int id) {
    Package p = resolve.packages.get(id);
    currentPackage = id;
    docs(p.docs);
    out.append("package ").append(p.name).append(";\n");
    packageItems(id);
  }

  private void nestedPackage(int id) {
    Package p = resolve.packages.get(id);
    currentPackage = id;
    docs(p.docs);
    out.append("package ").append(p.name).append(" {\n");
    indent++;
    int before = out.length();
    packageItems(id);
    if (out.length() > before && out.charAt(before) == '\n') {
      out.deleteCharAt(before);
    }
    indent--;
    out.append("}\n");
  }

  private void packageItems(int id) {
    Package p = resolve.packages.get(id);
    for (int iface : p.interfaces.values()) {
      out.append('\n');
      Interface i = resolve.interfaces.get(iface);
      docs(i.docs);
      stability(i.stability);
      line("interface " + name(i.name) + " {");
      interfaceBody(iface);
      line("}");
    }
    for (int world : p.worlds.values()) {
      out.append('\n');
      world(world);
    }
  }

  // ---- interfaces ---------------------------------------------------------------------

  private void interfaceBody(int iface) {
    Interface i = resolve.interfaces.get(iface);
    indent++;
    boolean any = false;
    any |= uses(new ArrayList<>(i.types.values()), new Owner.OfInterface(iface));
    for (int t : i.types.values()) {
      if (!isForeignUse(t, new Owner.OfInterface(iface))) {
        if (any) {
          out.append('\n');
        }
        typeDef(t, i.functions);
        any = true;
      }
    }
    for (Function f : i.functions.values()) {
      if (!f.kind().isResourceFunction()) {
        if (any) {
          out.append('\n');
        }
        docs(f.docs());
        stability(f.stability());
        externalId(f.externalId());
        line(name(f.name()) + ": " + signature(f) + ";");
        any = true;
      }
    }
    indent--;
  }

  private boolean isForeignUse(int t, Owner owner) {
    TypeDef def = resolve.types.get(t);
    return def.kind instanceof TypeKind.Alias(Type.Ref(int target))
        && !resolve.types.get(target).owner.equals(owner)
        && resolve.types.get(target).owner instanceof Owner.OfInterface;
  }

  /** {@code use path.{a, b as c};}, one line per source interface, grouped in order. */
  private boolean uses(List<Integer> types, Owner owner) {
    Map<Integer, List<String>> byInterface = new LinkedHashMap<>();
    Map<Integer, Stability> stabilities = new LinkedHashMap<>();
    for (int t : types) {
      if (!isForeignUse(t, owner)) {
        continue;
      }
      TypeDef def = resolve.types.get(t);
      int target = ((Type.Ref) ((TypeKind.Alias) def.kind).target()).id();
      TypeDef targetDef = resolve.types.get(target);
      int from = ((Owner.OfInterface) targetDef.owner).id();
      String entry = targetDef.name.equals(def.name) ? name(def.name) : name(targetDef.name) + " as " + name(def.name);
      byInterface.computeIfAbsent(from, k -> new ArrayList<>()).add(entry);
      stabilities.putIfAbsent(from, def.stability);
    }
    for (var e : byInterface.entrySet()) {
      stability(stabilities.get(e.getKey()));
      line("use " + interfacePath(e.getKey()) + ".{" + String.join(", ", e.getValue()) + "};");
    }
    return !byInterface.isEmpty();
  }

  private void typeDef(int id, Map<String, Function> functions) {
    TypeDef t = resolve.types.get(id);
    docs(t.docs);
    stability(t.stability);
    externalId(t.externalId);
    String n = name(t.name);
    switch (t.kind) {
      case TypeKind.Record r -> {
        line("record " + n + " {");
        indent++;
        for (TypeKind.Field f : r.fields()) {
          docs(f.docs());
          line(name(f.name()) + ": " + type(f.type()) + ",");
        }
        indent--;
        line("}");
      }
      case TypeKind.Variant v -> {
        line("variant " + n + " {");
        indent++;
        for (TypeKind.VariantCase c : v.cases()) {
          docs(c.docs());
          line(name(c.name()) + (c.type() == null ? "" : "(" + type(c.type()) + ")") + ",");
        }
        indent--;
        line("}");
      }
      case TypeKind.Enum e -> cases("enum", n, e.cases());
      case TypeKind.Flags f -> cases("flags", n, f.flags());
      case TypeKind.Resource r -> resource(id, n, functions);
      case TypeKind.Alias a -> line("type " + n + " = " + type(a.target()) + ";");
      default -> line("type " + n + " = " + anonymous(t.kind) + ";");
    }
  }

  private void cases(String keyword, String n, List<TypeKind.Case> cases) {
    line(keyword + " " + n + " {");
    indent++;
    for (TypeKind.Case c : cases) {
      docs(c.docs());
      line(name(c.name()) + ",");
    }
    indent--;
    line("}");
  }

  private void resource(int id, String n, Map<String, Function> functions) {
    List<Function> fns = functions.values().stream()
        .filter(f -> f.kind().isResourceFunction() && f.resource() == id)
        .toList();
    if (fns.isEmpty()) {
      line("resource " + n + ";");
      return;
    }
    line("resource " + n + " {");
    indent++;
    for (Function f : fns) {
      docs(f.docs());
      stability(f.stability());
      externalId(f.externalId());
      if (f.kind() == Function.Kind.CONSTRUCTOR) {
        String result = "";
        if (f.result() != null && !(f.result() instanceof Type.Ref(int r)
            && resolve.types.get(r).kind instanceof TypeKind.Handle(boolean own, int res) && own && res == id)) {
          result = " -> " + type(f.result());
        }
        line("constructor" + params(f) + result + ";");
      } else {
        String prefix = f.kind() == Function.Kind.STATIC || f.kind() == Function.Kind.ASYNC_STATIC ? "static " : "";
        line(name(f.itemName()) + ": " + prefix + signature(f) + ";");
      }
    }
    indent--;
    line("}");
  }

  private String signature(Function f) {
    return (f.kind().isAsync() ? "async " : "") + "func" + params(f)
        + (f.result() == null ? "" : " -> " + type(f.result()));
  }

  private String params(Function f) {
    List<String> ps = new ArrayList<>();
    boolean method = f.kind() == Function.Kind.METHOD || f.kind() == Function.Kind.ASYNC_METHOD;
    for (int i = method ? 1 : 0; i < f.params().size(); i++) {
      Function.Param p = f.params().get(i);
      ps.add(name(p.name()) + ": " + type(p.type()));
    }
    return "(" + String.join(", ", ps) + ")";
  }

  // ---- types --------------------------------------------------------------------------

  /** How a type is written where it is used: a name, or an anonymous type spelled out. */
  public String type(Type t) {
    return switch (t) {
      case null -> "_";
      case Type.Primitive p -> p.wit();
      case Type.Ref r -> {
        TypeDef def = resolve.types.get(r.id());
        if (def.name != null) {
          yield name(def.name);
        }
        yield anonymous(def.kind);
      }
    };
  }

  private String anonymous(TypeKind k) {
    return switch (k) {
      case TypeKind.Handle h -> h.own() ? type(new Type.Ref(h.resource())) : "borrow<" + type(new Type.Ref(h.resource()))
          + ">";
      case TypeKind.ListOf l -> "list<" + type(l.element()) + ">";
      case TypeKind.FixedList l -> "list<" + type(l.element()) + ", " + l.size() + ">";
      case TypeKind.MapOf m -> "map<" + type(m.key()) + ", " + type(m.value()) + ">";
      case TypeKind.Option o -> "option<" + type(o.type()) + ">";
      case TypeKind.Result r -> r.ok() == null && r.err() == null ? "result"
          : r.err() == null ? "result<" + type(r.ok()) + ">"
          : "result<" + type(r.ok()) + ", " + type(r.err()) + ">";
      case TypeKind.Tuple t -> "tuple<" + String.join(", ", t.types().stream().map(this::type).toList()) + ">";
      case TypeKind.Future f -> f.type() == null ? "future" : "future<" + type(f.type()) + ">";
      case TypeKind.Stream s -> s.type() == null ? "stream" : "stream<" + type(s.type()) + ">";
      case TypeKind.Alias a -> type(a.target());
      default -> "/* " + k.getClass().getSimpleName() + " */";
    };
  }

  // ---- worlds -------------------------------------------------------------------------

  private void world(int id) {
    World w = resolve.worlds.get(id);
    docs(w.docs);
    stability(w.stability);
    line("world " + name(w.name) + " {");
    indent++;
    Owner owner = new Owner.OfWorld(id);
    List<Integer> types = new ArrayList<>();
    for (WorldItem item : w.imports.values()) {
      if (item instanceof WorldItem.OfType(int t)) {
        types.add(t);
      }
    }
    boolean any = uses(types, owner);
    Map<String, Function> worldFunctions = new LinkedHashMap<>();
    for (WorldItem item : w.imports.values()) {
      if (item instanceof WorldItem.OfFunction(Function f)) {
        worldFunctions.put(f.name(), f);
      }
    }
    for (int t : types) {
      if (!isForeignUse(t, owner)) {
        if (any) {
          out.append('\n');
        }
        typeDef(t, worldFunctions);
        any = true;
      }
    }
    if (any && w.imports.values().stream().anyMatch(i -> !(i instanceof WorldItem.OfType))) {
      out.append('\n');
    }
    int beforeImports = out.length();
    worldItems(w.imports, "import");
    if (out.length() > beforeImports && !w.exports.isEmpty()) {
      out.append('\n');
    }
    worldItems(w.exports, "export");
    indent--;
    line("}");
  }

  private void worldItems(Map<WorldKey, WorldItem> items, String verb) {
    for (var e : items.entrySet()) {
      switch (e.getValue()) {
        case WorldItem.OfInterface i -> {
          docs(i.docs());
          stability(i.stability());
          externalId(i.externalId());
          Interface iface = resolve.interfaces.get(i.id());
          if (e.getKey() instanceof WorldKey.Name(String n)) {
            if (iface.name == null) {
              line(verb + " " + name(n) + ": interface {");
              interfaceBody(i.id());
              line("}");
            } else {
              line(verb + " " + name(n) + ": " + interfacePath(i.id()) + ";");
            }
          } else {
            line(verb + " " + interfacePath(i.id()) + ";");
          }
        }
        case WorldItem.OfFunction f -> {
          if (!f.function().kind().isResourceFunction()) {
            docs(f.function().docs());
            stability(f.function().stability());
            externalId(f.function().externalId());
            line(verb + " " + name(f.function().name()) + ": " + signature(f.function()) + ";");
          }
        }
        case WorldItem.OfType t -> { }
      }
    }
  }

  private String interfacePath(int iface) {
    Interface i = resolve.interfaces.get(iface);
    if (i.pkg != null && i.pkg == currentPackage) {
      return name(i.name);
    }
    Package p = resolve.packages.get(i.pkg);
    return name(p.name.namespace()) + ":" + name(p.name.name()) + "/" + name(i.name)
        + (p.name.version() == null ? "" : "@" + p.name.version());
  }

  // ---- small pieces -------------------------------------------------------------------

  /** An identifier, with {@code %} when it is spelled like a keyword. */
  public static String name(String id) {
    TokenKind k = TokenKind.keyword(id);
    return k != null || id.equals("_") ? "%" + id : id;
  }

  private void docs(String docs) {
    if (docs == null) {
      return;
    }
    for (String l : docs.split("\n", -1)) {
      line(l.isEmpty() ? "///" : "/// " + l);
    }
  }

  private void stability(Stability s) {
    switch (s) {
      case Stability.Unknown u -> { }
      case Stability.Stable st -> {
        line("@since(version = " + st.since() + ")");
        if (st.deprecated() != null) {
          line("@deprecated(version = " + st.deprecated() + ")");
        }
      }
      case Stability.Unstable un -> {
        line("@unstable(feature = " + name(un.feature()) + ")");
        if (un.deprecated() != null) {
          line("@deprecated(version = " + un.deprecated() + ")");
        }
      }
    }
  }

  private void externalId(String id) {
    if (id != null) {
      line("@external-id(\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\")");
    }
  }

  private void line(String s) {
    out.append("  ".repeat(indent)).append(s).append('\n');
  }
}
