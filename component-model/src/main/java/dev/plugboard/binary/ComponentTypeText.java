package dev.plugboard.binary;

import dev.plugboard.binary.Component.Alias;
import dev.plugboard.binary.Component.AliasTarget;
import dev.plugboard.binary.Component.ExternName;
import dev.plugboard.binary.Component.ExternType;
import dev.plugboard.binary.TypeDef.Decl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the component text format (WAT) that a WIT package is written in: a
 * {@code (component ...)} of type definitions (component, instance, function and value types,
 * with imports, exports and aliases inside), type exports and {@code (@custom ...)} sections,
 * with {@code $names}, inline type definitions and comments, read into a {@link Component}. This is
 * what {@code .wat} files in a WIT {@code deps/} folder hold; core modules, instances and canonical
 * functions are refused with their position.
 */
public final class ComponentTypeText {
  /** Bad text, with its 1-based line and column. */
  public static final class SyntaxError extends Exception {
    private final int line;
    private final int column;

    SyntaxError(int line, int column, String message) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  private static final int MAX_NESTING = 500;

  /** An s-expression: a list, or an atom (keyword, number, {@code $id} or string) at a position. */
  private record Node(List<Node> list, String atom, boolean string, byte[] bytes, int line, int column) {
    boolean isList() {
      return list != null;
    }

    boolean is(String keyword) {
      return atom != null && !string && atom.equals(keyword);
    }

    /** The keyword a list starts with, or "". */
    String head() {
      return isList() && !list.isEmpty() && list.getFirst().atom != null && !list.getFirst().string
          ? list.getFirst().atom : "";
    }
  }

  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;

  private ComponentTypeText(String text) {
    this.text = text;
  }

  /** Reads the text of one {@code (component ...)}. */
  public static Component parse(String text) throws SyntaxError {
    ComponentTypeText p = new ComponentTypeText(text);
    p.skipSpace();
    Node root = p.node(0);
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error(p.line, p.pos - p.lineStart + 1, "text after the component");
    }
    if (!root.head().equals("component")) {
      throw error(root, "expected `(component ...)`");
    }
    return new Reader().component(root);
  }

  // ---- s-expressions ------------------------------------------------------------------

  private SyntaxError error(int l, int c, String message) {
    return new SyntaxError(l, c, message);
  }

  private static SyntaxError error(Node n, String message) {
    return new SyntaxError(n.line(), n.column(), message);
  }

  private void skipSpace() throws SyntaxError {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (text.startsWith(";;", pos)) {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (text.startsWith("(;", pos)) {
        int l = line;
        int col = pos - lineStart + 1;
        int depth = 0;
        do {
          if (pos >= text.length()) {
            throw error(l, col, "unterminated block comment");
          }
          if (text.startsWith("(;", pos)) {
            depth++;
            pos += 2;
          } else if (text.startsWith(";)", pos)) {
            depth--;
            pos += 2;
          } else {
            if (text.charAt(pos) == '\n') {
              line++;
              lineStart = pos + 1;
            }
            pos++;
          }
        } while (depth > 0);
      } else {
        return;
      }
    }
  }

  private Node node(int depth) throws SyntaxError {
    int l = line;
    int col = pos - lineStart + 1;
    if (pos >= text.length()) {
      throw error(l, col, "unexpected end of text");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      if (depth >= MAX_NESTING) {
        throw error(l, col, "nested deeper than " + MAX_NESTING + " levels");
      }
      pos++;
      List<Node> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (pos >= text.length()) {
          throw error(l, col, "`(` is never closed");
        }
        if (text.charAt(pos) == ')') {
          pos++;
          return new Node(items, null, false, null, l, col);
        }
        items.add(node(depth + 1));
      }
    }
    if (c == ')') {
      throw error(l, col, "unexpected `)`");
    }
    if (c == '"') {
      return string(l, col);
    }
    int start = pos;
    while (pos < text.length() && " \t\r\n()\";".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    if (pos == start) {
      throw error(l, col, "unexpected `" + c + "`");
    }
    return new Node(null, text.substring(start, pos), false, null, l, col);
  }

  private Node string(int l, int col) throws SyntaxError {
    pos++;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw error(l, col, "unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        int cp = Character.codePointAt(text, pos - 1);
        pos += Character.charCount(cp) - 1;
        bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (pos >= text.length()) {
        throw error(l, col, "unterminated string");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> bytes.write('\n');
        case 't' -> bytes.write('\t');
        case 'r' -> bytes.write('\r');
        case '"', '\'', '\\' -> bytes.write(e);
        case 'u' -> {
          int close = text.indexOf('}', pos);
          if (pos >= text.length() || text.charAt(pos) != '{' || close < 0) {
            throw error(line, pos - lineStart, "bad `\\u{...}` escape");
          }
          try {
            int cp = Integer.parseInt(text.substring(pos + 1, close), 16);
            bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
          } catch (IllegalArgumentException ex) {
            throw error(line, pos - lineStart, "bad `\\u{...}` escape");
          }
          pos = close + 1;
        }
        default -> {
          if (pos >= text.length() || Character.digit(e, 16) < 0 || Character.digit(text.charAt(pos), 16) < 0) {
            throw error(line, pos - lineStart, "unknown escape `\\" + e + "`");
          }
          bytes.write(Character.digit(e, 16) * 16 + Character.digit(text.charAt(pos++), 16));
        }
      }
    }
    byte[] b = bytes.toByteArray();
    return new Node(null, new String(b, StandardCharsets.UTF_8), true, b, l, col);
  }

  // ---- component fields and declarations ----------------------------------------------

  /** One index space: the component itself or a component/instance type being declared. */
  private static final class Space {
    final Space parent;
    final String label;
    final boolean top;
    final List<Decl> decls = new ArrayList<>();
    final List<Component.Section> sections = new ArrayList<>();
    final Map<Sort, Integer> counts = new HashMap<>();
    final Map<Sort, Map<String, Integer>> names = new HashMap<>();

    Space(Space parent, String label, boolean top) {
      this.parent = parent;
      this.label = label;
      this.top = top;
    }

    int next(Sort sort, String name, Node at) throws SyntaxError {
      int index = counts.merge(sort, 1, Integer::sum) - 1;
      if (name != null && names.computeIfAbsent(sort, k -> new HashMap<>()).putIfAbsent(name, index) != null) {
        throw error(at, "`" + name + "` is defined twice");
      }
      return index;
    }

    int defineType(TypeDef t, String name, Node at) throws SyntaxError {
      if (top) {
        sections.add(new Component.TypeSection(List.of(t)));
      } else {
        decls.add(new Decl.TypeDecl(t));
      }
      return next(Sort.TYPE, name, at);
    }
  }

  private static final class Reader {
    Component component(Node root) throws SyntaxError {
      Space top = new Space(null, idOf(root, 1), true);
      for (Node field : rest(root, top.label == null ? 1 : 2)) {
        switch (field.head()) {
          case "type" -> {
            Cursor c = new Cursor(field, 1);
            String id = c.id();
            List<String> exports = new ArrayList<>();
            while (c.peek() != null && c.peek().head().equals("export")) {
              exports.add(stringAt(c.next(), 1));
            }
            int index = top.defineType(deftype(c.need("a type definition"), top), id, field);
            c.end();
            for (String e : exports) {
              top.sections.add(new Component.ExportSection(List.of(
                  new Component.Export(ExternName.of(e), Sort.TYPE, index, null))));
              top.next(Sort.TYPE, null, field);
            }
          }
          case "export" -> {
            Cursor c = new Cursor(field, 1);
            String id = c.id();
            String name = c.string();
            Node what = c.need("`(type ...)`");
            c.end();
            if (!what.head().equals("type")) {
              throw error(what, "a WIT package exports only types, found `(" + what.head() + " ...)`");
            }
            Cursor w = new Cursor(what, 1);
            int index = index(w.need("a type index"), top, Sort.TYPE);
            w.end();
            top.sections.add(new Component.ExportSection(List.of(
                new Component.Export(ExternName.of(name), Sort.TYPE, index, null))));
            top.next(Sort.TYPE, id, field);
          }
          case "@custom" -> {
            Cursor c = new Cursor(field, 1);
            String name = c.string();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (Node n = c.peek(); n != null; n = c.peek()) {
              c.next();
              if (n.string()) {
                data.writeBytes(n.bytes());
              } else if (!n.isList()) {
                throw error(n, "expected a string");
              }
            }
            top.sections.add(new Component.CustomSection(name, data.toByteArray()));
          }
          case "@producers" -> { }
          default -> throw error(field, field.isList() && !field.head().isEmpty()
              ? "`(" + field.head() + " ...)` is not part of a WIT package (types, type exports and custom sections)"
              : "expected a component field");
        }
      }
      return new Component(top.sections);
    }

    /** A component or instance type's declarations. */
    List<Decl> decls(Node n, Space s) throws SyntaxError {
      for (Node d : rest(n, idOf(n, 1) == null ? 1 : 2)) {
        switch (d.head()) {
          case "type" -> {
            Cursor c = new Cursor(d, 1);
            String id = c.id();
            TypeDef t = deftype(c.need("a type definition"), s);
            c.end();
            s.defineType(t, id, d);
          }
          case "alias" -> alias(d, s);
          case "import", "export" -> {
            boolean isImport = d.head().equals("import");
            Cursor c = new Cursor(d, 1);
            String bound = isImport ? null : c.id();
            String name = c.string();
            Node desc = c.need("what is " + d.head() + "ed");
            c.end();
            String descId = idOf(desc, 1);
            ExternType type = externType(desc, s);
            s.decls.add(isImport ? new Decl.ImportDecl(ExternName.of(name), type)
                : new Decl.ExportDecl(ExternName.of(name), type));
            s.next(Component.sortOf(type), bound != null ? bound : descId, d);
          }
          case "core" -> throw error(d, "core types are not part of a WIT package");
          default -> throw error(d, "expected `type`, `alias`, `import` or `export`");
        }
      }
      return s.decls;
    }

    void alias(Node d, Space s) throws SyntaxError {
      Cursor c = new Cursor(d, 1);
      Node kind = c.need("`export` or `outer`");
      AliasTarget target;
      if (kind.is("export")) {
        int instance = index(c.need("an instance"), s, Sort.INSTANCE);
        target = new AliasTarget.InstanceExport(instance, c.string());
      } else if (kind.is("outer")) {
        Node scope = c.need("an enclosing type");
        int depth = depth(scope, s);
        Space there = s;
        for (int i = 0; i < depth; i++) {
          there = there.parent;
        }
        target = new AliasTarget.Outer(depth, index(c.need("a type index"), there, Sort.TYPE));
      } else {
        throw error(kind, "expected `export` or `outer`");
      }
      Node sortNode = c.need("`(type)`");
      c.end();
      Sort sort = switch (sortNode.head()) {
        case "type" -> Sort.TYPE;
        case "func" -> Sort.FUNC;
        case "instance" -> Sort.INSTANCE;
        case "component" -> Sort.COMPONENT;
        default -> throw error(sortNode, "expected `(type)`, `(func)`, `(instance)` or `(component)`");
      };
      s.decls.add(new Decl.AliasDecl(new Alias(sort, target)));
      s.next(sort, idOf(sortNode, 1), d);
    }

    int depth(Node scope, Space s) throws SyntaxError {
      if (scope.atom() != null && scope.atom().startsWith("$")) {
        int depth = 0;
        for (Space a = s; a != null; a = a.parent, depth++) {
          if (scope.atom().equals(a.label)) {
            return depth;
          }
        }
        throw error(scope, "no enclosing type is named `" + scope.atom() + "`");
      }
      int depth = number(scope);
      Space a = s;
      for (int i = 0; i < depth && a != null; i++) {
        a = a.parent;
      }
      if (a == null) {
        throw error(scope, "there are not " + depth + " enclosing types");
      }
      return depth;
    }

    ExternType externType(Node desc, Space s) throws SyntaxError {
      String head = desc.head();
      Cursor c = new Cursor(desc, 1);
      c.id();
      Node first = c.peek();
      switch (head) {
        case "type" -> {
          Node bound = c.need("`(eq ...)` or `(sub resource)`");
          c.end();
          if (bound.head().equals("eq")) {
            Cursor b = new Cursor(bound, 1);
            int index = index(b.need("a type index"), s, Sort.TYPE);
            b.end();
            return new ExternType.Type(true, index);
          }
          if (bound.head().equals("sub") && bound.list().size() == 2 && bound.list().get(1).is("resource")) {
            return new ExternType.Type(false, 0);
          }
          throw error(bound, "expected `(eq ...)` or `(sub resource)`");
        }
        case "instance", "component", "func" -> {
          if (first != null && first.head().equals("type")) {
            c.next();
            c.end();
            Cursor t = new Cursor(first, 1);
            int index = index(t.need("a type index"), s, Sort.TYPE);
            t.end();
            return wrap(head, index);
          }
          return wrap(head, s.defineType(deftype(desc, s), null, desc));
        }
        default -> throw error(desc, "expected `(instance ...)`, `(component ...)`, `(func ...)` or `(type ...)`");
      }
    }

    static ExternType wrap(String head, int index) {
      return switch (head) {
        case "instance" -> new ExternType.InstanceType(index);
        case "component" -> new ExternType.ComponentType(index);
        default -> new ExternType.Func(index);
      };
    }

    // ---- types ------------------------------------------------------------------------

    TypeDef deftype(Node n, Space s) throws SyntaxError {
      if (!n.isList()) {
        ValType.Primitive p = primitive(n);
        if (p == null) {
          throw error(n, "expected a type definition, found `" + n.atom() + "`");
        }
        return new TypeDef.Prim(p);
      }
      Cursor c = new Cursor(n, 1);
      switch (n.head()) {
        case "component", "instance" -> {
          Space inner = new Space(s, idOf(n, 1), false);
          List<Decl> decls = decls(n, inner);
          return n.head().equals("component") ? new TypeDef.ComponentType(decls) : new TypeDef.InstanceType(decls);
        }
        case "func" -> {
          c.id();
          boolean async = false;
          if (c.peek() != null && c.peek().is("async")) {
            c.next();
            async = true;
          }
          List<TypeDef.Param> params = new ArrayList<>();
          ValType result = null;
          for (Node p = c.peek(); p != null; p = c.peek()) {
            c.next();
            Cursor pc = new Cursor(p, 1);
            if (p.head().equals("param") && result == null) {
              String name = pc.string();
              params.add(new TypeDef.Param(name, valtype(pc.need("a type"), s)));
            } else if (p.head().equals("result") && result == null) {
              result = valtype(pc.need("a type"), s);
            } else {
              throw error(p, "expected `(param \"name\" type)` or one `(result type)`");
            }
            pc.end();
          }
          return new TypeDef.Func(async, params, result);
        }
        case "record" -> {
          List<TypeDef.Field> fields = new ArrayList<>();
          for (Node f = c.peek(); f != null; f = c.peek()) {
            c.next();
            Cursor fc = new Cursor(f, 1);
            if (!f.head().equals("field")) {
              throw error(f, "expected `(field \"name\" type)`");
            }
            fields.add(new TypeDef.Field(fc.string(), valtype(fc.need("a type"), s)));
            fc.end();
          }
          return new TypeDef.Record(fields);
        }
        case "variant" -> {
          List<TypeDef.Case> cases = new ArrayList<>();
          for (Node k = c.peek(); k != null; k = c.peek()) {
            c.next();
            Cursor kc = new Cursor(k, 1);
            if (!k.head().equals("case")) {
              throw error(k, "expected `(case \"name\" type?)`");
            }
            kc.id();
            String name = kc.string();
            Node t = kc.peek();
            ValType type = t == null || t.head().equals("refines") ? null : valtype(kc.next(), s);
            cases.add(new TypeDef.Case(name, type));
          }
          return new TypeDef.Variant(cases);
        }
        case "flags", "enum" -> {
          List<String> names = new ArrayList<>();
          while (c.peek() != null) {
            names.add(c.string());
          }
          return n.head().equals("flags") ? new TypeDef.Flags(names) : new TypeDef.Enum(names);
        }
        case "list" -> {
          ValType element = valtype(c.need("an element type"), s);
          if (c.peek() != null) {
            long length = number(c.next());
            c.end();
            return new TypeDef.FixedList(element, length);
          }
          return new TypeDef.ListOf(element);
        }
        case "tuple" -> {
          List<ValType> types = new ArrayList<>();
          while (c.peek() != null) {
            types.add(valtype(c.next(), s));
          }
          return new TypeDef.Tuple(types);
        }
        case "option" -> {
          ValType t = valtype(c.need("a type"), s);
          c.end();
          return new TypeDef.Option(t);
        }
        case "result" -> {
          ValType ok = null;
          ValType err = null;
          if (c.peek() != null && !c.peek().head().equals("error")) {
            ok = valtype(c.next(), s);
          }
          if (c.peek() != null) {
            Cursor e = new Cursor(c.next(), 1);
            err = valtype(e.need("an error type"), s);
            e.end();
          }
          c.end();
          return new TypeDef.Result(ok, err);
        }
        case "own", "borrow" -> {
          int r = index(c.need("a resource type"), s, Sort.TYPE);
          c.end();
          return n.head().equals("own") ? new TypeDef.Own(r) : new TypeDef.Borrow(r);
        }
        case "stream", "future" -> {
          ValType t = c.peek() == null ? null : valtype(c.next(), s);
          c.end();
          return n.head().equals("stream") ? new TypeDef.Stream(t) : new TypeDef.Future(t);
        }
        case "map" -> {
          ValType k = valtype(c.need("a key type"), s);
          ValType v = valtype(c.need("a value type"), s);
          c.end();
          return new TypeDef.MapOf(k, v);
        }
        default -> throw error(n, n.head().isEmpty() ? "expected a type definition"
            : "`(" + n.head() + " ...)` is not a type definition of a WIT package");
      }
    }

    ValType valtype(Node n, Space s) throws SyntaxError {
      if (n.isList()) {
        return new ValType.Index(s.defineType(deftype(n, s), null, n));
      }
      ValType.Primitive p = primitive(n);
      return p != null ? p : new ValType.Index(index(n, s, Sort.TYPE));
    }

    static ValType.Primitive primitive(Node n) {
      if (n.string() || n.atom() == null) {
        return null;
      }
      return ValType.Primitive.ofWit(n.atom());
    }

    static int index(Node n, Space s, Sort sort) throws SyntaxError {
      if (n.atom() != null && !n.string() && n.atom().startsWith("$")) {
        Integer i = s.names.getOrDefault(sort, Map.of()).get(n.atom());
        if (i == null) {
          throw error(n, "unknown " + sort.name().toLowerCase(java.util.Locale.ROOT) + " `" + n.atom() + "`");
        }
        return i;
      }
      int i = number(n);
      if (i >= s.counts.getOrDefault(sort, 0)) {
        throw error(n, sort.name().toLowerCase(java.util.Locale.ROOT) + " index " + i + " is out of bounds");
      }
      return i;
    }

    static int number(Node n) throws SyntaxError {
      if (n.atom() == null || n.string()) {
        throw error(n, "expected a number");
      }
      try {
        return Integer.parseInt(n.atom().replace("_", ""));
      } catch (NumberFormatException e) {
        throw error(n, "expected a number, found `" + n.atom() + "`");
      }
    }

    /** The {@code $id} at position {@code i} of a list, or null. */
    static String idOf(Node n, int i) {
      if (n.isList() && n.list().size() > i) {
        Node x = n.list().get(i);
        if (x.atom() != null && !x.string() && x.atom().startsWith("$")) {
          return x.atom();
        }
      }
      return null;
    }

    static List<Node> rest(Node n, int from) {
      return n.list().subList(Math.min(from, n.list().size()), n.list().size());
    }

    static String stringAt(Node n, int i) throws SyntaxError {
      Cursor c = new Cursor(n, i);
      return c.string();
    }
  }

  /** Reads the items of a list one by one, with errors at the list when something is missing. */
  private static final class Cursor {
    private final Node list;
    private int i;

    Cursor(Node list, int from) {
      this.list = list;
      this.i = from;
    }

    Node peek() {
      return i < list.list().size() ? list.list().get(i) : null;
    }

    Node next() {
      return list.list().get(i++);
    }

    Node need(String what) throws SyntaxError {
      Node n = peek();
      if (n == null) {
        throw error(list, "`(" + list.head() + " ...)` lacks " + what);
      }
      i++;
      return n;
    }

    String id() {
      Node n = peek();
      if (n != null && n.atom() != null && !n.string() && n.atom().startsWith("$")) {
        i++;
        return n.atom();
      }
      return null;
    }

    String string() throws SyntaxError {
      Node n = need("a name");
      if (!n.string()) {
        throw error(n, "expected a string");
      }
      return n.atom();
    }

    void end() throws SyntaxError {
      Node n = peek();
      if (n != null) {
        throw error(n, "unexpected " + (n.isList() ? "`(" + n.head() + " ...)`" : "`" + n.atom() + "`")
            + " in `(" + list.head() + " ...)`");
      }
    }
  }
}
