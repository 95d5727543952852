package dev.plugboard.wit.ast;

import static dev.plugboard.wit.lex.TokenKind.*;

import dev.plugboard.wit.ast.Ast.*;
import dev.plugboard.wit.lex.Lexer;
import dev.plugboard.wit.lex.Semver;
import dev.plugboard.wit.lex.Token;
import dev.plugboard.wit.lex.TokenKind;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of one WIT file into an {@link Ast.File} (WIT.md grammar, one
 * method per production). It recovers: after a syntax error it reports it, skips to the
 * end of the broken item and goes on, so one run reports every independent error, as an
 * editor needs. Comments before an item are kept as its {@link Docs}.
 */
public final class Parser {
  /** Deepest nesting of type expressions accepted (the reference's limit). */
  static final int MAX_TYPE_DEPTH = 100;

  /** The parse of one file: the tree (possibly partial) and every diagnostic. */
  public record Result(Ast.File file, List<Diagnostic> diagnostics) {
    public boolean ok() {
      return diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }
  }

  /** Thrown to unwind to the enclosing item after a syntax error has been recorded. */
  private static final class Recovery extends RuntimeException {
    Recovery() {
      super(null, null, false, false);
    }
  }

  private static final Set<TokenKind> TOP_LEVEL_STARTS = EnumSet.of(INTERFACE, WORLD, PACKAGE, USE);

  private final Lexer lexer;
  private final String text;
  private final int base;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private Token current;
  private final List<String> pendingComments = new ArrayList<>();
  private Span pendingCommentSpan = Span.NONE;
  private int lastEnd;
  private int typeDepth;
  /** How many {@code {} are open at the current token: recovery returns to an item's depth. */
  private int depth;

  private Parser(String text, int base) {
    this.text = text;
    this.base = base;
    this.lexer = new Lexer(text, base);
    this.lastEnd = base;
    advance();
  }

  /** Parses a file whose text starts at {@code base} in its source map. */
  public static Result parse(String text, int base) {
    Parser p = new Parser(text, base);
    Ast.File file = p.file();
    List<Diagnostic> all = new ArrayList<>(p.lexer.diagnostics());
    all.addAll(p.diagnostics);
    all.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
    return new Result(file, all);
  }

  // ---- token plumbing -----------------------------------------------------------------

  private void advance() {
    if (current != null) {
      lastEnd = current.end();
      if (current.kind() == LBRACE) {
        depth++;
      } else if (current.kind() == RBRACE) {
        depth--;
      }
    }
    pendingComments.clear();
    pendingCommentSpan = Span.NONE;
    while (true) {
      Token t = lexer.next();
      if (t.kind() == COMMENT || t.kind() == DOC_COMMENT) {
        pendingComments.add(text(t));
        pendingCommentSpan = pendingCommentSpan.to(t.span());
      } else if (t.kind() == WHITESPACE || t.kind() == TokenKind.ERROR) {
        continue;
      } else {
        current = t;
        return;
      }
    }
  }

  private String text(Token t) {
    return text.substring(t.start() - base, t.end() - base);
  }

  private boolean at(TokenKind k) {
    return current.kind() == k;
  }

  private boolean eat(TokenKind k) {
    if (at(k)) {
      advance();
      return true;
    }
    return false;
  }

  private Token expect(TokenKind k) {
    if (!at(k)) {
      throw fail(current.span(), "expected " + k.describe() + ", found " + found());
    }
    Token t = current;
    advance();
    return t;
  }

  private String found() {
    return current.kind().describe();
  }

  private Recovery fail(Span span, String message) {
    diagnostics.add(Diagnostic.error(span, message));
    return new Recovery();
  }

  private void error(Span span, String message) {
    diagnostics.add(Diagnostic.error(span, message));
  }

  private Docs takeDocs() {
    if (pendingComments.isEmpty()) {
      return Docs.NONE;
    }
    return new Docs(pendingComments, pendingCommentSpan);
  }

  private Span from(int start) {
    return new Span(start, Math.max(start, lastEnd));
  }

  private Id id() {
    if (at(ID)) {
      Token t = current;
      advance();
      return new Id(text(t), t.span());
    }
    if (at(EXPLICIT_ID)) {
      Token t = current;
      advance();
      return new Id(text(t).substring(1), t.span());
    }
    throw fail(current.span(), "expected an identifier or string, found " + found());
  }

  private boolean atId() {
    return at(ID) || at(EXPLICIT_ID);
  }

  /**
   * Skips a broken item: to just after the next {@code ;} or block at this depth, stopping
   * before a {@code }} that closes the enclosing body (or, at top level, before the next
   * top-level keyword).
   */
  private void recover(int itemStart, int itemDepth, boolean topLevel) {
    if (current.start() <= itemStart && !at(EOF) && !(at(RBRACE) && !topLevel)) {
      advance(); // the item failed on its first token: always make progress
    }
    while (!at(EOF)) {
      if (depth == itemDepth) {
        if (at(SEMICOLON)) {
          advance();
          return;
        }
        if (topLevel && TOP_LEVEL_STARTS.contains(current.kind())) {
          return;
        }
        if (at(RBRACE)) {
          if (!topLevel) {
            return; // closes the enclosing body
          }
          advance();
          continue;
        }
      }
      boolean closing = at(RBRACE);
      advance();
      if (closing && depth == itemDepth) {
        return; // the end of a block item such as a record
      }
    }
  }

  // ---- files and packages -------------------------------------------------------------

  private Ast.File file() {
    int start = current.start();
    Docs packageDocs = Docs.NONE;
    PackageName header = null;
    List<TopItem> items = new ArrayList<>();
    List<NestedPackage> nested = new ArrayList<>();
    boolean first = true;
    while (!at(EOF)) {
      Docs docs = takeDocs();
      int itemStart = current.start();
      int itemDepth = depth;
      try {
        List<Attribute> attrs = attributes();
        if (at(PACKAGE)) {
          noAttributes(attrs, "package");
          advance();
          PackageName name = packageName();
          if (at(LBRACE)) {
            nested.add(nestedPackage(itemStart, docs, name));
          } else if (!first || header != null) {
            // as wit-parser: only a file's first item may be `package a:b;`, any later one
            // must open a nested package, so the `;` is the error
            expect(LBRACE);
          } else {
            expect(SEMICOLON);
            header = name;
            packageDocs = docs;
          }
        } else {
          items.add(topItem(itemStart, docs, attrs));
        }
      } catch (Recovery r) {
        recover(itemStart, itemDepth, true);
      }
      first = false;
    }
    return new Ast.File(from(start), packageDocs, header, items, nested);
  }

  private NestedPackage nestedPackage(int start, Docs docs, PackageName name) {
    expect(LBRACE);
    List<TopItem> items = new ArrayList<>();
    while (!at(RBRACE) && !at(EOF)) {
      Docs itemDocs = takeDocs();
      int itemStart = current.start();
      int itemDepth = depth;
      try {
        List<Attribute> attrs = attributes();
        if (at(PACKAGE)) {
          advance();
          PackageName inner = packageName();
          throw fail(inner.span(), "nested packages must be placed at the top-level");
        }
        items.add(topItem(itemStart, itemDocs, attrs));
      } catch (Recovery r) {
        recover(itemStart, itemDepth, false);
      }
    }
    expect(RBRACE);
    return new NestedPackage(from(start), docs, name, items);
  }

  private TopItem topItem(int start, Docs docs, List<Attribute> attrs) {
    return switch (current.kind()) {
      case INTERFACE -> {
        advance();
        Id name = id();
        expect(LBRACE);
        List<InterfaceItem> body = interfaceBody();
        yield new Interface(from(start), docs, attrs, name, body);
      }
      case WORLD -> {
        advance();
        Id name = id();
        expect(LBRACE);
        List<WorldItem> body = worldBody();
        yield new World(from(start), docs, attrs, name, body);
      }
      case USE -> {
        advance();
        UsePath path = usePath();
        Id as = eat(AS) ? id() : null;
        expect(SEMICOLON);
        yield new TopLevelUse(from(start), docs, attrs, path, as);
      }
      default -> throw fail(current.span(), "expected `world`, `interface` or `use`, found " + found());
    };
  }

  /** {@code ns:name@version} (nested namespaces are reported as unsupported). */
  private PackageName packageName() {
    int start = current.start();
    Id ns = id();
    expect(COLON);
    Id name = id();
    if (at(COLON)) {
      throw fail(current.span(), "nested namespaces are not supported: expected `;`, `{` or `@`, found `:`");
    }
    Version version = optionalVersion();
    return new PackageName(from(start), ns, name, version.text(), version.span());
  }

  /** A version as written and where, or {@code null} text when absent. */
  private record Version(String text, Span span) {}

  /** {@code @version} if present. */
  private Version optionalVersion() {
    if (!at(AT)) {
      return new Version(null, Span.NONE);
    }
    advance();
    int start = current.start();
    String v = version();
    return new Version(v, new Span(start, lastEnd));
  }

  /**
   * A semver version right after {@code @}: scanned from the raw text, since a version's
   * {@code -pre+build} parts are not WIT tokens. A trailing {@code .} that starts
   * {@code .{} belongs to a {@code use}, not to the version.
   */
  private String version() {
    int start = current.start() - base;
    int end = Lexer.versionEnd(text, start);
    String v = text.substring(start, end);
    Span span = new Span(base + start, base + end);
    if (v.isEmpty()) {
      throw fail(current.span(), "expected a version, found " + found());
    }
    if (Semver.parse(v) == null) {
      error(span, "`" + v + "` is not a valid semantic version");
    }
    lexer.reset(base + end);
    lastEnd = base + end;
    current = null;
    Token previous = new Token(INTEGER, base + start, base + end);
    current = previous;
    advance();
    lastEnd = base + end;
    return v;
  }

  // ---- attributes ---------------------------------------------------------------------

  private List<Attribute> attributes() {
    List<Attribute> attrs = new ArrayList<>();
    while (at(AT)) {
      int start = current.start();
      advance();
      Id name = id();
      switch (name.name()) {
        case "since" -> {
          expect(LPAREN);
          String v = versionField();
          expect(RPAREN);
          attrs.add(new Attribute.Since(from(start), v));
        }
        case "deprecated" -> {
          expect(LPAREN);
          String v = versionField();
          expect(RPAREN);
          attrs.add(new Attribute.Deprecated(from(start), v));
        }
        case "unstable" -> {
          expect(LPAREN);
          Id key = id();
          if (!key.name().equals("feature")) {
            throw fail(key.span(), "expected `feature`, found `" + key.name() + "`");
          }
          expect(EQUALS);
          Id feature = id();
          expect(RPAREN);
          attrs.add(new Attribute.Unstable(from(start), feature));
        }
        case "external-id" -> {
          expect(LPAREN);
          Token s = expect(STRING);
          expect(RPAREN);
          attrs.add(new Attribute.ExternalId(from(start), unquote(text(s))));
        }
        default -> throw fail(name.span(), "unknown attribute `" + name.name() + "`");
      }
    }
    return attrs;
  }

  private String versionField() {
    Id key = id();
    if (!key.name().equals("version")) {
      throw fail(key.span(), "expected `version`, found `" + key.name() + "`");
    }
    expect(EQUALS);
    return version();
  }

  private void noAttributes(List<Attribute> attrs, String what) {
    if (!attrs.isEmpty()) {
      error(attrs.getFirst().span(), "attributes are not allowed on " + what);
    }
  }

  private static String unquote(String literal) {
    String body = literal.substring(1, literal.length() - 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '"', '\'', '\\' -> out.append(e);
        case 'u' -> {
          int close = body.indexOf('}', i);
          if (i + 1 < body.length() && body.charAt(i + 1) == '{' && close > 0) {
            try {
              out.appendCodePoint(Integer.parseInt(body.substring(i + 2, close), 16));
            } catch (IllegalArgumentException bad) {
              out.append('\uFFFD');
            }
            i = close;
          }
        }
        default -> {
          if (i + 1 < body.length() && Character.digit(e, 16) >= 0 && Character.digit(body.charAt(i + 1), 16) >= 0) {
            out.append((char) Integer.parseInt(body.substring(i, i + 2), 16));
            i++;
          } else {
            out.append(e);
          }
        }
      }
    }
    return out.toString();
  }

  // ---- paths --------------------------------------------------------------------------

  /** {@code name} or {@code ns:pkg/name@version}. */
  private UsePath usePath() {
    int start = current.start();
    Id first = id();
    if (!at(COLON)) {
      return new UsePath.Local(first);
    }
    advance();
    Id pkg = id();
    if (at(COLON)) {
      throw fail(current.span(), "nested namespaces are not supported: expected `/`, found `:`");
    }
    expect(SLASH);
    Id name = id();
    if (at(SLASH)) {
      throw fail(current.span(), "nested packages are not supported: expected `;`, `.` or `@`, found `/`");
    }
    Version version = optionalVersion();
    PackageName pn = new PackageName(new Span(start, pkg.span().end()), first, pkg, version.text(), version.span());
    return new UsePath.Package(from(start), pn, name);
  }

  // ---- interfaces ---------------------------------------------------------------------

  /** Parses one item of a block body, its docs and attributes already read. */
  @FunctionalInterface
  private interface ItemParser<T> {
    T parse(int start, Docs docs, List<Attribute> attributes);
  }

  /**
   * The items of a {@code { ... }} body up to and including its {@code }}; a broken item is
   * reported and skipped, and the next one is parsed.
   */
  private <T> List<T> body(ItemParser<T> item) {
    List<T> items = new ArrayList<>();
    while (!at(RBRACE)) {
      if (at(EOF)) {
        throw fail(current.span(), "expected `}`, found eof");
      }
      Docs docs = takeDocs();
      int start = current.start();
      int itemDepth = depth;
      try {
        List<Attribute> attrs = attributes();
        items.add(item.parse(start, docs, attrs));
      } catch (Recovery r) {
        recover(start, itemDepth, false);
      }
    }
    advance();
    return items;
  }

  private List<InterfaceItem> interfaceBody() {
    return body(this::interfaceItem);
  }

  private InterfaceItem interfaceItem(int start, Docs docs, List<Attribute> attrs) {
    if (at(USE)) {
      return use(start, attrs);
    }
    if (atId()) {
      Id name = id();
      expect(COLON);
      FuncType type = funcType();
      expect(SEMICOLON);
      return new Func(from(start), docs, attrs, name, type);
    }
    TypeDef def = typeDefOrNull(start, docs, attrs);
    if (def == null) {
      throw fail(current.span(), "expected `type`, `resource`, `record`, `variant`, `enum`, `flags`, `use` or "
          + "a function, found " + found());
    }
    return def;
  }

  private Use use(int start, List<Attribute> attrs) {
    expect(USE);
    UsePath path = usePath();
    expect(PERIOD);
    expect(LBRACE);
    List<UseName> names = new ArrayList<>();
    while (!at(RBRACE)) {
      Id name = id();
      Id as = eat(AS) ? id() : null;
      names.add(new UseName(name, as));
      if (!eat(COMMA)) {
        break;
      }
    }
    expect(RBRACE);
    expect(SEMICOLON);
    return new Use(from(start), attrs, path, names);
  }

  private FuncType funcType() {
    int start = current.start();
    boolean async = eat(ASYNC);
    expect(FUNC);
    List<Param> params = params();
    TypeExpr result = null;
    if (eat(ARROW)) {
      if (at(LPAREN)) {
        throw fail(current.span(), "expected a type, found `(`: functions return at most one type; "
            + "use a tuple or record for several");
      }
      result = type();
    }
    return new FuncType(from(start), async, params, result);
  }

  private List<Param> params() {
    expect(LPAREN);
    List<Param> params = new ArrayList<>();
    while (!at(RPAREN)) {
      Id name = id();
      expect(COLON);
      params.add(new Param(name, type()));
      if (!eat(COMMA)) {
        break;
      }
    }
    expect(RPAREN);
    return params;
  }

  // ---- type definitions ---------------------------------------------------------------

  private TypeDef typeDefOrNull(int start, Docs docs, List<Attribute> attrs) {
    switch (current.kind()) {
      case TYPE -> {
        advance();
        Id name = id();
        expect(EQUALS);
        TypeExpr t = type();
        expect(SEMICOLON);
        return new TypeDef(from(start), docs, attrs, name, new TypeDefKind.Alias(t));
      }
      case RECORD -> {
        advance();
        Id name = id();
        expect(LBRACE);
        List<Field> fields = new ArrayList<>();
        while (!at(RBRACE)) {
          Docs fd = takeDocs();
          Id fname = id();
          expect(COLON);
          fields.add(new Field(fd, fname, type()));
          if (!eat(COMMA)) {
            break;
          }
        }
        expect(RBRACE);
        return new TypeDef(from(start), docs, attrs, name, new TypeDefKind.Record(fields));
      }
      case FLAGS, ENUM -> {
        boolean flags = at(FLAGS);
        advance();
        Id name = id();
        expect(LBRACE);
        List<Case> cases = new ArrayList<>();
        while (!at(RBRACE)) {
          Docs cd = takeDocs();
          cases.add(new Case(cd, id()));
          if (!eat(COMMA)) {
            break;
          }
        }
        Token close = expect(RBRACE);
        if (!flags && cases.isEmpty()) {
          error(new Span(name.span().start(), close.end()), "empty enum");
        }
        return new TypeDef(from(start), docs, attrs, name,
            flags ? new TypeDefKind.Flags(cases) : new TypeDefKind.Enum(cases));
      }
      case VARIANT -> {
        advance();
        Id name = id();
        expect(LBRACE);
        List<VariantCase> cases = new ArrayList<>();
        while (!at(RBRACE)) {
          Docs cd = takeDocs();
          Id cname = id();
          TypeExpr payload = null;
          if (eat(LPAREN)) {
            payload = type();
            expect(RPAREN);
          }
          cases.add(new VariantCase(cd, cname, payload));
          if (!eat(COMMA)) {
            break;
          }
        }
        Token close = expect(RBRACE);
        if (cases.isEmpty()) {
          error(new Span(name.span().start(), close.end()), "empty variant");
        }
        return new TypeDef(from(start), docs, attrs, name, new TypeDefKind.Variant(cases));
      }
      case RESOURCE -> {
        advance();
        Id name = id();
        if (eat(SEMICOLON)) {
          return new TypeDef(from(start), docs, attrs, name, new TypeDefKind.Resource(List.of(), false));
        }
        expect(LBRACE);
        List<ResourceFunc> funcs = body(this::resourceFunc);
        return new TypeDef(from(start), docs, attrs, name, new TypeDefKind.Resource(funcs, true));
      }
      default -> {
        return null;
      }
    }
  }

  private ResourceFunc resourceFunc(int start, Docs docs, List<Attribute> attrs) {
    if (at(CONSTRUCTOR)) {
      Token kw = current;
      advance();
      int ts = current.start();
      List<Param> params = params();
      TypeExpr result = null;
      if (eat(ARROW)) {
        result = type();
      }
      expect(SEMICOLON);
      return new ResourceFunc(from(start), docs, attrs, ResourceFunc.Kind.CONSTRUCTOR,
          new Id("constructor", kw.span()), new FuncType(from(ts), false, params, result));
    }
    if (!atId()) {
      throw fail(current.span(), "expected `constructor` or identifier, found " + found());
    }
    Id name = id();
    expect(COLON);
    boolean isStatic = eat(STATIC);
    FuncType type = funcType();
    expect(SEMICOLON);
    return new ResourceFunc(from(start), docs, attrs,
        isStatic ? ResourceFunc.Kind.STATIC : ResourceFunc.Kind.METHOD, name, type);
  }

  // ---- worlds -------------------------------------------------------------------------

  private List<WorldItem> worldBody() {
    return body(this::worldItem);
  }

  private WorldItem worldItem(int start, Docs docs, List<Attribute> attrs) {
    switch (current.kind()) {
      case USE -> {
        return use(start, attrs);
      }
      case IMPORT, EXPORT -> {
        boolean isImport = at(IMPORT);
        advance();
        return new ImportExport(from(start), docs, attrs, isImport, extern());
      }
      case INCLUDE -> {
        advance();
        UsePath path = usePath();
        List<IncludeName> names = new ArrayList<>();
        if (eat(WITH)) {
          expect(LBRACE);
          while (!at(RBRACE)) {
            Id name = id();
            expect(AS);
            names.add(new IncludeName(name, id()));
            if (!eat(COMMA)) {
              break;
            }
          }
          expect(RBRACE);
          eat(SEMICOLON);
        } else {
          expect(SEMICOLON);
        }
        return new Include(from(start), attrs, path, names);
      }
      default -> {
        TypeDef def = typeDefOrNull(start, docs, attrs);
        if (def == null) {
          throw fail(current.span(), "expected `import`, `export`, `include`, `use` or a type definition, found "
              + found());
        }
        return def;
      }
    }
  }

  /** After {@code import}/{@code export}: a path, or {@code name: func|interface|path}. */
  private Extern extern() {
    if (!atId()) {
      throw fail(current.span(), "expected an identifier or string, found " + found());
    }
    int start = current.start();
    Id first = id();
    if (!at(COLON)) {
      expect(SEMICOLON);
      return new Extern.Path(new UsePath.Local(first));
    }
    Token colon = current;
    advance();
    switch (current.kind()) {
      case FUNC, ASYNC -> {
        FuncType type = funcType();
        expect(SEMICOLON);
        return new Extern.NamedFunc(first, type);
      }
      case INTERFACE -> {
        int bodyStart = current.start();
        advance();
        expect(LBRACE);
        List<InterfaceItem> items = interfaceBody();
        return new Extern.NamedInterface(first, from(bodyStart), items);
      }
      default -> { }
    }
    // `ns:pkg/iface` (a package path) when `:` is glued to both names; else `name: path`.
    boolean glued = colon.start() == first.span().end() && current.start() == colon.end();
    Id second = id();
    if (at(SLASH) && glued) {
      advance();
      Id name = id();
      Version version = optionalVersion();
      expect(SEMICOLON);
      PackageName pn = new PackageName(new Span(start, second.span().end()), first, second, version.text(),
          version.span());
      return new Extern.Path(new UsePath.Package(new Span(start, lastEnd), pn, name));
    }
    UsePath path;
    if (at(COLON)) {
      advance();
      Id pkg = id();
      expect(SLASH);
      Id name = id();
      Version version = optionalVersion();
      PackageName pn = new PackageName(new Span(second.span().start(), pkg.span().end()), second, pkg, version.text(),
          version.span());
      path = new UsePath.Package(from(second.span().start()), pn, name);
    } else if (at(SLASH)) {
      throw fail(current.span(), "expected `;`, found `/`");
    } else {
      path = new UsePath.Local(second);
    }
    expect(SEMICOLON);
    return new Extern.NamedPath(first, path);
  }

  // ---- type expressions ---------------------------------------------------------------

  private TypeExpr type() {
    int start = current.start();
    TokenKind k = current.kind();
    switch (k) {
      case BOOL, U8, U16, U32, U64, S8, S16, S32, S64, F32, F64, CHAR, STRING_TYPE, ERROR_CONTEXT -> {
        advance();
        return new TypeExpr.Primitive(from(start), k.text());
      }
      case ID, EXPLICIT_ID -> {
        return new TypeExpr.Named(id());
      }
      default -> { }
    }
    if (!EnumSet.of(LIST, MAP, OPTION, RESULT, TUPLE, FUTURE, STREAM, OWN, BORROW).contains(k)) {
      throw fail(current.span(), "expected a type, found " + found());
    }
    if (++typeDepth > MAX_TYPE_DEPTH) {
      throw fail(current.span(), "type nesting too deep");
    }
    try {
      advance();
      return switch (k) {
        case LIST -> {
          expect(LT);
          TypeExpr element = type();
          Long size = null;
          if (eat(COMMA)) {
            if (!at(INTEGER)) {
              throw fail(current.span(), "expected fixed-length, found " + found());
            }
            String digits = text(current);
            try {
              size = Long.parseLong(digits);
            } catch (NumberFormatException e) {
              throw fail(current.span(), "fixed-length list size `" + digits + "` is too large");
            }
            if (size == 0) {
              error(current.span(), "invalid fixed-length list size: zero");
            } else if (size > 0xffff_ffffL) {
              error(current.span(), "fixed-length list size `" + digits + "` is too large");
            }
            advance();
          }
          expect(GT);
          yield new TypeExpr.ListOf(from(start), element, size);
        }
        case MAP -> {
          expect(LT);
          TypeExpr key = type();
          expect(COMMA);
          TypeExpr value = type();
          expect(GT);
          yield new TypeExpr.MapOf(from(start), key, value);
        }
        case OPTION -> {
          expect(LT);
          TypeExpr t = type();
          expect(GT);
          yield new TypeExpr.OptionOf(from(start), t);
        }
        case RESULT -> {
          TypeExpr ok = null;
          TypeExpr err = null;
          if (eat(LT)) {
            if (eat(UNDERSCORE)) {
              expect(COMMA);
              err = type();
            } else {
              ok = type();
              if (eat(COMMA)) {
                err = type();
              }
            }
            expect(GT);
          }
          yield new TypeExpr.ResultOf(from(start), ok, err);
        }
        case TUPLE -> {
          expect(LT);
          List<TypeExpr> types = new ArrayList<>();
          while (!at(GT)) {
            types.add(type());
            if (!eat(COMMA)) {
              break;
            }
          }
          // `tuple<>` parses, as in wit-parser (its list parser allows no element); only
          // the binary format wants one, so encoding such a package is what fails
          expect(GT);
          yield new TypeExpr.TupleOf(from(start), types);
        }
        case FUTURE, STREAM -> {
          TypeExpr t = null;
          if (eat(LT)) {
            t = type();
            expect(GT);
          }
          yield k == FUTURE ? new TypeExpr.FutureOf(from(start), t) : new TypeExpr.StreamOf(from(start), t);
        }
        case OWN, BORROW -> {
          expect(LT);
          Id r = id();
          expect(GT);
          yield k == OWN ? new TypeExpr.Own(from(start), r) : new TypeExpr.Borrow(from(start), r);
        }
        default -> throw new IllegalStateException(k.toString());
      };
    } finally {
      typeDepth--;
    }
  }
}
