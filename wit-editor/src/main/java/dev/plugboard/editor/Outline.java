package dev.plugboard.editor;

import dev.plugboard.wit.ast.Ast;
import dev.plugboard.wit.ast.Parser;
import java.util.ArrayList;
import java.util.List;

/**
 * The outline of one WIT file from its syntax tree (even a partly broken one): packages,
 * interfaces and worlds, and inside them types, resources with their functions, functions,
 * imports and exports. Each item has the span of its declaration, for navigation.
 */
public final class Outline {
  private Outline() {}

  /** An item: what it is, its name, its file-local span, its children. */
  public record Item(String kind, String name, int start, int end, List<Item> children) {
    public Item {
      children = List.copyOf(children);
    }

    /** The innermost item whose span contains {@code offset}, starting from this one. */
    public Item innermost(int offset) {
      for (Item c : children) {
        if (c.start() <= offset && offset < c.end()) {
          return c.innermost(offset);
        }
      }
      return this;
    }
  }

  public static List<Item> of(String text) {
    Ast.File file = Parser.parse(text, 0).file();
    List<Item> items = new ArrayList<>();
    if (file.packageName() != null) {
      items.add(new Item("package", file.packageName().toString(), file.packageName().span().start(),
          file.packageName().span().end(), List.of()));
    }
    items.addAll(topItems(file.items()));
    for (Ast.NestedPackage n : file.nested()) {
      items.add(new Item("package", n.name().toString(), n.span().start(), n.span().end(), topItems(n.items())));
    }
    return items;
  }

  private static List<Item> topItems(List<Ast.TopItem> items) {
    List<Item> out = new ArrayList<>();
    for (Ast.TopItem t : items) {
      switch (t) {
        case Ast.Interface i -> out.add(new Item("interface", i.name().name(), i.span().start(), i.span().end(),
            interfaceItems(i.items())));
        case Ast.World w -> {
          List<Item> children = new ArrayList<>();
          for (Ast.WorldItem wi : w.items()) {
            switch (wi) {
              case Ast.ImportExport ie -> children.add(new Item(ie.isImport() ? "import" : "export", externName(ie.extern()),
                  ie.span().start(), ie.span().end(), ie.extern() instanceof Ast.Extern.NamedInterface ni
                      ? interfaceItems(ni.items()) : List.of()));
              case Ast.TypeDef td -> children.add(typeItem(td));
              case Ast.Include inc -> children.add(new Item("include", pathName(inc.from()), inc.span().start(),
                  inc.span().end(), List.of()));
              case Ast.Use u -> { }
            }
          }
          out.add(new Item("world", w.name().name(), w.span().start(), w.span().end(), children));
        }
        case Ast.TopLevelUse u -> { }
      }
    }
    return out;
  }

  private static List<Item> interfaceItems(List<Ast.InterfaceItem> items) {
    List<Item> out = new ArrayList<>();
    for (Ast.InterfaceItem ii : items) {
      switch (ii) {
        case Ast.TypeDef td -> out.add(typeItem(td));
        case Ast.Func f -> out.add(new Item("function", f.name().name(), f.span().start(), f.span().end(), List.of()));
        case Ast.Use u -> { }
      }
    }
    return out;
  }

  private static Item typeItem(Ast.TypeDef td) {
    String kind = switch (td.kind()) {
      case Ast.TypeDefKind.Record r -> "record";
      case Ast.TypeDefKind.Variant v -> "variant";
      case Ast.TypeDefKind.Enum e -> "enum";
      case Ast.TypeDefKind.Flags f -> "flags";
      case Ast.TypeDefKind.Resource r -> "resource";
      case Ast.TypeDefKind.Alias a -> "type";
    };
    List<Item> children = new ArrayList<>();
    if (td.kind() instanceof Ast.TypeDefKind.Resource r) {
      for (Ast.ResourceFunc rf : r.functions()) {
        children.add(new Item(rf.kind() == Ast.ResourceFunc.Kind.CONSTRUCTOR ? "constructor" : "function",
            rf.name().name(), rf.span().start(), rf.span().end(), List.of()));
      }
    }
    return new Item(kind, td.name().name(), td.span().start(), td.span().end(), children);
  }

  private static String externName(Ast.Extern e) {
    return switch (e) {
      case Ast.Extern.Path p -> pathName(p.path());
      case Ast.Extern.NamedFunc f -> f.name().name();
      case Ast.Extern.NamedInterface ni -> ni.name().name();
      case Ast.Extern.NamedPath np -> np.name().name();
    };
  }

  private static String pathName(Ast.UsePath p) {
    return switch (p) {
      case Ast.UsePath.Local l -> l.name().name();
      case Ast.UsePath.Package pk -> pk.pkg().namespace().name() + ":" + pk.pkg().name().name() + "/"
          + pk.name().name() + (pk.pkg().version() == null ? "" : "@" + pk.pkg().version());
    };
  }
}
