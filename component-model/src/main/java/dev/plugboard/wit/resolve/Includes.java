package dev.plugboard.wit.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands a world's {@code include}s: interface-keyed items are merged (stability rules of
 * wasm-tools' merge_include_stability), name-keyed items are renamed by {@code with} and
 * deep-cloned into the including world (shared/spec/wit-resolve-json.md section 2.7).
 */
final class Includes {
  private final Resolve resolve;

  Includes(Resolve resolve) {
    this.resolve = resolve;
  }

  void expand(int worldId) throws Remap.Failure {
    World w = resolve.worlds.get(worldId);
    for (World.IncludeDecl inc : w.includes) {
      World src = resolve.worlds.get(inc.world());
      boolean crosses = !src.pkg.equals(w.pkg);
      // as wit-parser: every `with` name must be a named import or export of the included
      // world, checked before merging, and reported at the included world's name
      for (String[] r : inc.renames()) {
        WorldKey key = new WorldKey.Name(r[0]);
        if (!src.imports.containsKey(key) && !src.exports.containsKey(key)) {
          throw new Remap.Failure(inc.span(),
              "no import or export kebab-name `" + r[0] + "`. Note that an ID does not support renaming");
        }
      }
      Cloner cloner = new Cloner(worldId, w.pkg);
      Set<String> renamed = new HashSet<>();
      merge(w.imports, src.imports, inc, crosses, cloner, renamed, "import");
      merge(w.exports, src.exports, inc, crosses, cloner, renamed, "export");
    }
    w.includes.clear();
  }

  private void merge(LinkedHashMap<WorldKey, WorldItem> into, LinkedHashMap<WorldKey, WorldItem> from,
      World.IncludeDecl inc, boolean crosses, Cloner cloner, Set<String> renamed, String verb)
      throws Remap.Failure {
    for (var e : from.entrySet()) {
      WorldKey key = e.getKey();
      WorldItem item = e.getValue();
      if (key instanceof WorldKey.OfInterface && item instanceof WorldItem.OfInterface i) {
        WorldItem existing = into.get(key);
        Stability incoming = crosses && i.stability() instanceof Stability.Stable ? Stability.UNKNOWN : i.stability();
        if (existing == null) {
          into.put(key, new WorldItem.OfInterface(i.id(), incoming, i.externalId(), i.docs(), i.span()));
        } else if (existing instanceof WorldItem.OfInterface ex) {
          Stability merged;
          if (crosses && i.stability() instanceof Stability.Stable) {
            merged = Stability.UNKNOWN;
          } else if (ex.stability().isUnknown()) {
            merged = i.stability();
          } else if (ex.stability().equals(i.stability()) || i.stability().isUnknown()) {
            merged = ex.stability();
          } else {
            throw new Remap.Failure(inc.span(), "mismatch in stability from '" + ex.stability() + "' to '"
                + i.stability() + "'");
          }
          into.put(key, new WorldItem.OfInterface(ex.id(), merged, ex.externalId(), ex.docs(), ex.span()));
        }
        continue;
      }
      String name = ((WorldKey.Name) key).name();
      String newName = rename(name, inc.renames(), renamed);
      WorldKey newKey = new WorldKey.Name(newName);
      if (into.containsKey(newKey)) {
        throw new Remap.Failure(inc.span(), verb + " of `" + newName + "` shadows previously " + verb + "ed items");
      }
      WorldItem cloned = switch (item) {
        case WorldItem.OfFunction f -> new WorldItem.OfFunction(cloner.function(f.function(), inc.renames()));
        case WorldItem.OfType t -> {
          int id = cloner.type(t.id());
          resolve.types.get(id).name = newName;
          yield new WorldItem.OfType(id);
        }
        case WorldItem.OfInterface i -> resolve.interfaces.get(i.id()).name == null
            ? new WorldItem.OfInterface(cloner.inlineInterface(i.id()), i.stability(), i.externalId(), i.docs(),
                i.span())
            : i;
      };
      into.put(newKey, cloned);
    }
  }

  /** Applies {@code with { a as b }} to a plain name or the resource part of {@code [kind]a.x}. */
  static String rename(String name, List<String[]> renames, Set<String> used) {
    String prefix = "";
    String base = name;
    String suffix = "";
    if (name.startsWith("[")) {
      int close = name.indexOf(']');
      prefix = name.substring(0, close + 1);
      base = name.substring(close + 1);
      int dot = base.indexOf('.');
      if (dot >= 0) {
        suffix = base.substring(dot);
        base = base.substring(0, dot);
      }
    }
    for (String[] r : renames) {
      if (r[0].equals(base)) {
        used.add(r[0]);
        return prefix + r[1] + suffix;
      }
    }
    return name;
  }

  /** Deep copies of world-owned and anonymous types, memoised per include statement. */
  private final class Cloner {
    private final int world;
    private final int pkg;
    private final Map<Integer, Integer> types = new HashMap<>();
    private int fromInterface = -1;
    private int toInterface = -1;

    Cloner(int world, int pkg) {
      this.world = world;
      this.pkg = pkg;
    }

    Type type(Type t) {
      return t instanceof Type.Ref(int id) ? new Type.Ref(type(id)) : t;
    }

    int type(int id) {
      Integer done = types.get(id);
      if (done != null) {
        return done;
      }
      TypeDef def = resolve.types.get(id);
      Owner owner;
      switch (def.owner) {
        case Owner.OfInterface(int iface) when iface == fromInterface -> owner = new Owner.OfInterface(toInterface);
        case Owner.OfInterface i -> {
          return id;
        }
        case Owner.OfWorld w -> owner = new Owner.OfWorld(world);
        case Owner.None n -> owner = Owner.NONE;
      }
      TypeDef copy = def.copy();
      copy.owner = owner;
      copy.kind = kind(def.kind);
      int newId = resolve.types.size();
      resolve.types.add(copy);
      types.put(id, newId);
      return newId;
    }

    private TypeKind kind(TypeKind k) {
      return switch (k) {
        case TypeKind.Alias a -> new TypeKind.Alias(type(a.target()));
        case TypeKind.Handle h -> new TypeKind.Handle(h.own(), type(h.resource()));
        case TypeKind.Record r -> new TypeKind.Record(r.fields().stream()
            .map(f -> new TypeKind.Field(f.name(), type(f.type()), f.docs())).toList());
        case TypeKind.Variant v -> new TypeKind.Variant(v.cases().stream()
            .map(c -> new TypeKind.VariantCase(c.name(), c.type() == null ? null : type(c.type()), c.docs())).toList());
        case TypeKind.Tuple t -> new TypeKind.Tuple(t.types().stream().map(this::type).toList());
        case TypeKind.Option o -> new TypeKind.Option(type(o.type()));
        case TypeKind.Result r -> new TypeKind.Result(r.ok() == null ? null : type(r.ok()),
            r.err() == null ? null : type(r.err()));
        case TypeKind.ListOf l -> new TypeKind.ListOf(type(l.element()));
        case TypeKind.FixedList l -> new TypeKind.FixedList(type(l.element()), l.size());
        case TypeKind.MapOf m -> new TypeKind.MapOf(type(m.key()), type(m.value()));
        case TypeKind.Future f -> new TypeKind.Future(f.type() == null ? null : type(f.type()));
        case TypeKind.Stream s -> new TypeKind.Stream(s.type() == null ? null : type(s.type()));
        default -> k;
      };
    }

    Function function(Function f, List<String[]> renames) {
      List<Function.Param> params = new ArrayList<>();
      for (Function.Param p : f.params()) {
        params.add(new Function.Param(p.name(), type(p.type())));
      }
      Type result = f.result() == null ? null : type(f.result());
      int resource = f.resource() < 0 ? -1 : type(f.resource());
      return f.with(params, result, resource).withName(rename(f.name(), renames, new HashSet<>()));
    }

    int inlineInterface(int id) {
      Interface src = resolve.interfaces.get(id);
      Interface copy = new Interface(null);
      copy.docs = src.docs;
      copy.stability = src.stability;
      copy.pkg = pkg;
      copy.cloneOf = id;
      copy.span = src.span;
      int newId = resolve.interfaces.size();
      resolve.interfaces.add(copy);
      int savedFrom = fromInterface;
      int savedTo = toInterface;
      fromInterface = id;
      toInterface = newId;
      for (var e : src.types.entrySet()) {
        copy.types.put(e.getKey(), type(e.getValue()));
      }
      for (Function f : src.functions.values()) {
        Function c = function(f, List.of());
        copy.functions.put(c.name(), c);
      }
      fromInterface = savedFrom;
      toInterface = savedTo;
      return newId;
    }
  }
}
