package dev.plugboard.compose;

import dev.plugboard.compose.WacLexer.T;
import dev.plugboard.compose.WacLexer.Tok;
import dev.plugboard.wit.source.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the statements of a WAC text are: the {@code let}, {@code import} and {@code export}
 * statements with their spans, and the arguments of each {@code new} with theirs. It knows the
 * syntax only (the reader checks meaning); {@link WacEdits} uses it to change just the text a
 * graph edit touches, and the fronts to map a problem's span to its node.
 */
record WacOutline(String text, List<Statement> statements) {

  /** A top-level statement, from its first token to its {@code ;} (or closing brace). */
  sealed interface Statement {
    int start();

    int end();
  }

  /** {@code let name = new pkg { args };}; {@code open}/{@code close} are the braces' offsets. */
  record LetNew(String name, int nameStart, int start, int end, String pkg, int open, int close, List<Arg> args)
      implements Statement {}

  /** Any other {@code let}; {@code node} is the name its expression starts with. */
  record Let(String name, int nameStart, int start, int end, String node) implements Statement {}

  /** {@code import name ...;}. */
  record Import(String name, int nameStart, int start, int end) implements Statement {}

  /** {@code export expr [as name];}: {@code node} is the name the expression starts with. */
  record Export(String node, int start, int end) implements Statement {}

  /** A type statement, the package header or anything else. */
  record Other(int start, int end) implements Statement {}

  /** An argument of {@code new}, from its first token to its last, without the comma. */
  record Arg(Kind kind, String name, String node, int start, int end) {}

  /** {@code "name": expr} or {@code name: expr}; {@code name} (shorthand); {@code ...node}; {@code ...}. */
  enum Kind { NAMED, SHORTHAND, SPREAD, IMPLICIT }

  private static final Set<String> BRACED = Set.of("interface", "world", "record", "variant", "enum", "flags",
      "resource");

  /** The outline of {@code text}; empty when it does not even lex. */
  static WacOutline of(String text) {
    List<Tok> toks;
    try {
      toks = new WacLexer(text).all(new SourceMap());
    } catch (Wac.WacException e) {
      return new WacOutline(text, List.of());
    }
    List<Statement> out = new ArrayList<>();
    int p = 0;
    while (toks.get(p).kind() != T.EOF) {
      Tok first = toks.get(p);
      int end = statementEnd(toks, p, first.kind() == T.ID && BRACED.contains(first.text()));
      Tok last = toks.get(end);
      int stop = last.end();
      out.add(statement(toks, p, end, stop));
      p = end + 1;
    }
    return new WacOutline(text, List.copyOf(out));
  }

  /** The index of the token that ends the statement starting at {@code p}. */
  private static int statementEnd(List<Tok> toks, int p, boolean braced) {
    int depth = 0;
    for (int k = p; ; k++) {
      Tok t = toks.get(k);
      if (t.kind() == T.EOF) {
        return Math.max(p, k - 1);
      }
      if (t.kind() != T.PUNCT) {
        continue;
      }
      switch (t.text()) {
        case "{", "(", "[" -> depth++;
        case "}", ")", "]" -> {
          depth--;
          if (depth == 0 && braced && t.text().equals("}")) {
            return toks.get(k + 1).text().equals(";") ? k + 1 : k;
          }
        }
        case ";" -> {
          if (depth <= 0) {
            return k;
          }
        }
        default -> { }
      }
    }
  }

  private static Statement statement(List<Tok> toks, int from, int to, int stop) {
    Tok first = toks.get(from);
    int start = first.start();
    String kw = first.kind() == T.ID ? first.text() : "";
    Tok second = toks.get(Math.min(from + 1, to));
    String name = unescape(second.text());
    switch (kw) {
      case "let" -> {
        if (from + 4 <= to && toks.get(from + 2).text().equals("=") && toks.get(from + 3).text().equals("new")) {
          int k = from + 4;
          StringBuilder pkg = new StringBuilder();
          while (k <= to && !toks.get(k).text().equals("{")) {
            pkg.append(toks.get(k).text());
            k++;
          }
          int open = k;
          int close = matching(toks, open, to);
          return new LetNew(name, second.start(), start, stop, pkg.toString(), toks.get(open).start(),
              toks.get(close).start(), args(toks, open + 1, close));
        }
        return new Let(name, second.start(), start, stop, unescape(toks.get(Math.min(from + 3, to)).text()));
      }
      case "import" -> {
        return new Import(name, second.start(), start, stop);
      }
      case "export" -> {
        return new Export(name, start, stop);
      }
      default -> {
        return new Other(start, stop);
      }
    }
  }

  private static int matching(List<Tok> toks, int open, int to) {
    int depth = 0;
    for (int k = open; k <= to; k++) {
      String s = toks.get(k).kind() == T.PUNCT ? toks.get(k).text() : "";
      if (s.equals("{") || s.equals("(") || s.equals("[")) {
        depth++;
      } else if (s.equals("}") || s.equals(")") || s.equals("]")) {
        depth--;
        if (depth == 0) {
          return k;
        }
      }
    }
    return Math.min(to, toks.size() - 1);
  }

  /** The arguments between the braces (tokens {@code from} to {@code to}, exclusive). */
  private static List<Arg> args(List<Tok> toks, int from, int to) {
    List<Arg> out = new ArrayList<>();
    int k = from;
    while (k < to) {
      int depth = 0;
      int e = k;
      while (e < to) {
        String s = toks.get(e).kind() == T.PUNCT ? toks.get(e).text() : "";
        if (depth == 0 && s.equals(",")) {
          break;
        }
        if (s.equals("{") || s.equals("(") || s.equals("[")) {
          depth++;
        } else if (s.equals("}") || s.equals(")") || s.equals("]")) {
          depth--;
        }
        e++;
      }
      if (e > k) {
        out.add(arg(toks, k, e - 1));
      }
      k = e + 1;
    }
    return List.copyOf(out);
  }

  private static Arg arg(List<Tok> toks, int first, int last) {
    Tok f = toks.get(first);
    int start = f.start();
    int end = toks.get(last).end();
    if (f.text().equals("...") && f.kind() == T.PUNCT) {
      return first == last ? new Arg(Kind.IMPLICIT, null, null, start, end)
          : new Arg(Kind.SPREAD, null, unescape(toks.get(first + 1).text()), start, end);
    }
    if (first < last && toks.get(first + 1).text().equals(":")) {
      String node = first + 2 <= last ? unescape(toks.get(first + 2).text()) : null;
      return new Arg(Kind.NAMED, f.kind() == T.STRING ? f.text() : unescape(f.text()), node, start, end);
    }
    return new Arg(Kind.SHORTHAND, unescape(f.text()), unescape(f.text()), start, end);
  }

  private static String unescape(String id) {
    return id.startsWith("%") ? id.substring(1) : id;
  }

  /** The {@code let name = new ...} statement of {@code name}. */
  Optional<LetNew> letNew(String name) {
    return statements.stream().filter(s -> s instanceof LetNew l && l.name().equals(name)).map(s -> (LetNew) s)
        .findFirst();
  }

  /** The statement that holds {@code offset}. */
  Optional<Statement> at(int offset) {
    return statements.stream().filter(s -> s.start() <= offset && offset < Math.max(s.end(), s.start() + 1))
        .findFirst();
  }

  /**
   * The span of {@code s} widened to whole lines when nothing else shares them: from the start
   * of its line to past its newline, so deleting it leaves no blank line behind.
   */
  int[] lines(Statement s) {
    int a = s.start();
    while (a > 0 && (text.charAt(a - 1) == ' ' || text.charAt(a - 1) == '\t')) {
      a--;
    }
    int b = s.end();
    while (b < text.length() && (text.charAt(b) == ' ' || text.charAt(b) == '\t')) {
      b++;
    }
    boolean ownLine = (a == 0 || text.charAt(a - 1) == '\n') && (b == text.length() || text.charAt(b) == '\n'
        || text.charAt(b) == '\r');
    if (!ownLine) {
      return new int[] {s.start(), s.end()};
    }
    if (b < text.length() && text.charAt(b) == '\r') {
      b++;
    }
    if (b < text.length() && text.charAt(b) == '\n') {
      b++;
    }
    return new int[] {a, b};
  }

  /** The line break the text uses: CRLF if its first line ends so, else LF. */
  String newline() {
    int n = text.indexOf('\n');
    return n > 0 && text.charAt(n - 1) == '\r' ? "\r\n" : "\n";
  }
}
