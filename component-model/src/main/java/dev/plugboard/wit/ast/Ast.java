package dev.plugboard.wit.ast;

import dev.plugboard.wit.source.Span;
import java.util.List;

/**
 * The syntax tree of WIT files, as written: names are not resolved yet. Every node carries
 * its span. Produced by {@link Parser}, consumed by the resolver, the formatter and the
 * editor's language services.
 */
public final class Ast {
  private Ast() {}

  /** An identifier as written, without a leading {@code %}. */
  public record Id(String name, Span span) {}

  /** The comments right before an item, raw (with their {@code //} or {@code /*}). */
  public record Docs(List<String> comments, Span span) {
    public static final Docs NONE = new Docs(List.of(), Span.NONE);

    public Docs {
      comments = List.copyOf(comments);
    }

    public boolean isEmpty() {
      return comments.isEmpty();
    }
  }

  /** {@code ns:name@version}; the version is {@code null} when absent. */
  public record PackageName(Span span, Id namespace, Id name, String version, Span versionSpan) {
    @Override
    public String toString() {
      return namespace.name() + ":" + name.name() + (version == null ? "" : "@" + version);
    }

    public String unversioned() {
      return namespace.name() + ":" + name.name();
    }
  }

  /** The attributes before an item: {@code @since}, {@code @unstable}, {@code @deprecated}, {@code @external-id}. */
  public sealed interface Attribute {
    Span span();

    record Since(Span span, String version) implements Attribute {}

    record Unstable(Span span, Id feature) implements Attribute {}

    record Deprecated(Span span, String version) implements Attribute {}

    record ExternalId(Span span, String value) implements Attribute {}
  }

  // ---- files and packages -------------------------------------------------------------

  /** One parsed file: an optional {@code package} header, items, nested package blocks. */
  public record File(Span span, Docs packageDocs, PackageName packageName, List<TopItem> items,
      List<NestedPackage> nested) {
    public File {
      items = List.copyOf(items);
      nested = List.copyOf(nested);
    }
  }

  /** {@code package a:b@1.0.0 { ... }} inside a file. */
  public record NestedPackage(Span span, Docs docs, PackageName name, List<TopItem> items) {
    public NestedPackage {
      items = List.copyOf(items);
    }
  }

  /** An item at the top of a file or a nested package. */
  public sealed interface TopItem {
    Span span();
  }

  public record Interface(Span span, Docs docs, List<Attribute> attributes, Id name,
      List<InterfaceItem> items) implements TopItem {
    public Interface {
      attributes = List.copyOf(attributes);
      items = List.copyOf(items);
    }
  }

  public record World(Span span, Docs docs, List<Attribute> attributes, Id name, List<WorldItem> items)
      implements TopItem {
    public World {
      attributes = List.copyOf(attributes);
      items = List.copyOf(items);
    }
  }

  /** {@code use ns:pkg/iface as name;} at the top of a file. */
  public record TopLevelUse(Span span, Docs docs, List<Attribute> attributes, UsePath path, Id as)
      implements TopItem {
    public TopLevelUse {
      attributes = List.copyOf(attributes);
    }

    /** The name this use brings into the file's scope. */
    public Id localName() {
      return as != null ? as : path.interfaceName();
    }
  }

  // ---- paths --------------------------------------------------------------------------

  /** A path to an interface or world: a local name, or {@code ns:pkg/name@version}. */
  public sealed interface UsePath {
    Span span();

    Id interfaceName();

    record Local(Id name) implements UsePath {
      @Override
      public Span span() {
        return name.span();
      }

      @Override
      public Id interfaceName() {
        return name;
      }
    }

    record Package(Span span, PackageName pkg, Id name) implements UsePath {
      @Override
      public Id interfaceName() {
        return name;
      }
    }
  }

  // ---- interface and world items ------------------------------------------------------

  public sealed interface InterfaceItem {
    Span span();
  }

  public sealed interface WorldItem {
    Span span();
  }

  /** {@code use path.{a, b as c};} */
  public record Use(Span span, List<Attribute> attributes, UsePath from, List<UseName> names)
      implements InterfaceItem, WorldItem {
    public Use {
      attributes = List.copyOf(attributes);
      names = List.copyOf(names);
    }
  }

  public record UseName(Id name, Id as) {
    public Id localName() {
      return as != null ? as : name;
    }
  }

  public record Func(Span span, Docs docs, List<Attribute> attributes, Id name, FuncType type)
      implements InterfaceItem {
    public Func {
      attributes = List.copyOf(attributes);
    }
  }

  public record FuncType(Span span, boolean async, List<Param> params, TypeExpr result) {
    public FuncType {
      params = List.copyOf(params);
    }
  }

  public record Param(Id name, TypeExpr type) {}

  public record TypeDef(Span span, Docs docs, List<Attribute> attributes, Id name, TypeDefKind kind)
      implements InterfaceItem, WorldItem {
    public TypeDef {
      attributes = List.copyOf(attributes);
    }
  }

  /** {@code import} or {@code export} in a world. */
  public record ImportExport(Span span, Docs docs, List<Attribute> attributes, boolean isImport,
      Extern extern) implements WorldItem {
    public ImportExport {
      attributes = List.copyOf(attributes);
    }
  }

  /** What a world imports or exports. */
  public sealed interface Extern {
    /** {@code import ns:pkg/iface;} or {@code import iface;} */
    record Path(UsePath path) implements Extern {}

    /** {@code import name: func(...);} */
    record NamedFunc(Id name, FuncType type) implements Extern {}

    /** {@code import name: interface { ... }} */
    record NamedInterface(Id name, Span bodySpan, List<InterfaceItem> items) implements Extern {
      public NamedInterface {
        items = List.copyOf(items);
      }
    }

    /** {@code import name: path;} — an interface under a plain name. */
    record NamedPath(Id name, UsePath path) implements Extern {}
  }

  public record Include(Span span, List<Attribute> attributes, UsePath from, List<IncludeName> names)
      implements WorldItem {
    public Include {
      attributes = List.copyOf(attributes);
      names = List.copyOf(names);
    }
  }

  public record IncludeName(Id name, Id as) {}

  // ---- type definitions ---------------------------------------------------------------

  public sealed interface TypeDefKind {
    record Alias(TypeExpr type) implements TypeDefKind {}

    record Record(List<Field> fields) implements TypeDefKind {
      public Record {
        fields = List.copyOf(fields);
      }
    }

    record Flags(List<Case> flags) implements TypeDefKind {
      public Flags {
        flags = List.copyOf(flags);
      }
    }

    record Variant(List<VariantCase> cases) implements TypeDefKind {
      public Variant {
        cases = List.copyOf(cases);
      }
    }

    record Enum(List<Case> cases) implements TypeDefKind {
      public Enum {
        cases = List.copyOf(cases);
      }
    }

    /** {@code resource r;} has no body: {@code functions} is empty and {@code hasBody} false. */
    record Resource(List<ResourceFunc> functions, boolean hasBody) implements TypeDefKind {
      public Resource {
        functions = List.copyOf(functions);
      }
    }
  }

  public record Field(Docs docs, Id name, TypeExpr type) {}

  public record Case(Docs docs, Id name) {}

  public record VariantCase(Docs docs, Id name, TypeExpr type) {}

  /** A constructor, method or static function of a resource. */
  public record ResourceFunc(Span span, Docs docs, List<Attribute> attributes, Kind kind, Id name,
      FuncType type) {
    public enum Kind { CONSTRUCTOR, METHOD, STATIC }

    public ResourceFunc {
      attributes = List.copyOf(attributes);
    }
  }

  // ---- type expressions ---------------------------------------------------------------

  /** A use of a type as written. */
  public sealed interface TypeExpr {
    Span span();

    record Primitive(Span span, String name) implements TypeExpr {}

    record Named(Id name) implements TypeExpr {
      @Override
      public Span span() {
        return name.span();
      }
    }

    /** {@code list<T>}, or {@code list<T, N>} when {@code size} is not null. */
    record ListOf(Span span, TypeExpr element, Long size) implements TypeExpr {}

    record MapOf(Span span, TypeExpr key, TypeExpr value) implements TypeExpr {}

    record OptionOf(Span span, TypeExpr type) implements TypeExpr {}

    /** {@code ok}/{@code err} are null where absent or {@code _}. */
    record ResultOf(Span span, TypeExpr ok, TypeExpr err) implements TypeExpr {}

    record TupleOf(Span span, List<TypeExpr> types) implements TypeExpr {
      public TupleOf {
        types = List.copyOf(types);
      }
    }

    record FutureOf(Span span, TypeExpr type) implements TypeExpr {}

    record StreamOf(Span span, TypeExpr type) implements TypeExpr {}

    record Own(Span span, Id resource) implements TypeExpr {}

    record Borrow(Span span, Id resource) implements TypeExpr {}
  }
}
