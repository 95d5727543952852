package dev.plugboard.wit.lex;

import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits WIT text into tokens (WIT.md, "Lexical structure"). Never throws: a character
 * that starts no token becomes an {@link TokenKind#ERROR} token with a diagnostic, so the
 * parser can go on and an editor can still colour the rest. Trivia (whitespace and
 * comments) are tokens too; the parser skips them, collecting comments as docs.
 */
public final class Lexer {
  private final String text;
  private final int base;
  private int pos;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  /**
   * @param text the file's text
   * @param base the file's base offset in its source map; token offsets are global
   */
  public Lexer(String text, int base) {
    this.text = text;
    this.base = base;
  }

  /** Every token of the text, trivia included, ending with one EOF token. */
  public static List<Token> tokenize(String text, int base, List<Diagnostic> diagnostics) {
    Lexer lexer = new Lexer(text, base);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      out.add(t);
    } while (t.kind() != TokenKind.EOF);
    diagnostics.addAll(lexer.diagnostics());
    return out;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public String text() {
    return text;
  }

  public int base() {
    return base;
  }

  /** The current position, as a global offset. */
  public int position() {
    return base + pos;
  }

  /** Moves to a global offset (the parser re-lexes after scanning a version by hand). */
  public void reset(int globalOffset) {
    pos = globalOffset - base;
  }

  private Token token(TokenKind kind, int start) {
    return new Token(kind, base + start, base + pos);
  }

  private void error(int start, int end, String message) {
    diagnostics.add(Diagnostic.error(new Span(base + start, base + end), message));
  }

  public Token next() {
    if (pos >= text.length()) {
      return new Token(TokenKind.EOF, base + text.length(), base + text.length());
    }
    int start = pos;
    char c = text.charAt(pos);
    switch (c) {
      case ' ', '\t', '\n', '\r' -> {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
          pos++;
        }
        return token(TokenKind.WHITESPACE, start);
      }
      case '/' -> {
        if (peek(1) == '/') {
          boolean doc = peek(2) == '/' && peek(3) != '/';
          while (pos < text.length() && text.charAt(pos) != '\n') {
            checkAllowed(pos);
            pos++;
          }
          if (pos < text.length()) {
            pos++; // a line comment token includes its newline
          }
          return token(doc ? TokenKind.DOC_COMMENT : TokenKind.COMMENT, start);
        }
        if (peek(1) == '*') {
          boolean doc = peek(2) == '*' && peek(3) != '/' && peek(3) != '*';
          pos += 2;
          int depth = 1;
          while (pos < text.length() && depth > 0) {
            if (text.startsWith("/*", pos)) {
              depth++;
              pos += 2;
            } else if (text.startsWith("*/", pos)) {
              depth--;
              pos += 2;
            } else {
              checkAllowed(pos);
              pos++;
            }
          }
          if (depth > 0) {
            error(start, pos, "unterminated block comment");
          }
          return token(doc ? TokenKind.DOC_COMMENT : TokenKind.COMMENT, start);
        }
        pos++;
        return token(TokenKind.SLASH, start);
      }
      case '=' -> { pos++; return token(TokenKind.EQUALS, start); }
      case ',' -> { pos++; return token(TokenKind.COMMA, start); }
      case ':' -> { pos++; return token(TokenKind.COLON, start); }
      case ';' -> { pos++; return token(TokenKind.SEMICOLON, start); }
      case '(' -> { pos++; return token(TokenKind.LPAREN, start); }
      case ')' -> { pos++; return token(TokenKind.RPAREN, start); }
      case '{' -> { pos++; return token(TokenKind.LBRACE, start); }
      case '}' -> { pos++; return token(TokenKind.RBRACE, start); }
      case '<' -> { pos++; return token(TokenKind.LT, start); }
      case '>' -> { pos++; return token(TokenKind.GT, start); }
      case '*' -> { pos++; return token(TokenKind.STAR, start); }
      case '.' -> { pos++; return token(TokenKind.PERIOD, start); }
      case '@' -> { pos++; return token(TokenKind.AT, start); }
      case '"' -> {
        return string(start);
      }
      default -> { }
    }
    if (c == '-' && peek(1) == '>') {
      pos += 2;
      return token(TokenKind.ARROW, start);
    }
    if (c >= '0' && c <= '9') {
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
      return token(TokenKind.INTEGER, start);
    }
    if (c == '%') {
      pos++;
      if (pos < text.length() && isIdStart(text.charAt(pos))) {
        int idStart = pos;
        eatIdRest();
        validateId(idStart, pos);
        return token(TokenKind.EXPLICIT_ID, start);
      }
      error(start, pos, "expected an identifier after `%`");
      return token(TokenKind.ERROR, start);
    }
    if (isIdStart(c)) {
      eatIdRest();
      String word = text.substring(start, pos);
      if (word.equals("_")) {
        return token(TokenKind.UNDERSCORE, start);
      }
      TokenKind kw = TokenKind.keyword(word);
      if (kw != null) {
        return token(kw, start);
      }
      validateId(start, pos);
      return token(TokenKind.ID, start);
    }
    pos += Character.charCount(text.codePointAt(pos));
    error(start, pos, "unexpected character " + describeChar(text.codePointAt(start)));
    return token(TokenKind.ERROR, start);
  }

  private Token string(int start) {
    pos++;
    while (pos < text.length()) {
      char ch = text.charAt(pos);
      if (ch == '"') {
        pos++;
        return token(TokenKind.STRING, start);
      }
      if (ch == '\n') {
        break;
      }
      pos += ch == '\\' && pos + 1 < text.length() ? 2 : 1;
    }
    error(start, pos, "unterminated string literal");
    return token(TokenKind.ERROR, start);
  }

  private void eatIdRest() {
    while (pos < text.length() && isIdContinue(text.charAt(pos))) {
      pos++;
    }
  }

  private int peek(int ahead) {
    return pos + ahead < text.length() ? text.charAt(pos + ahead) : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '-';
  }

  private static boolean isIdContinue(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  /**
   * WIT.md "Lexical structure": no bidirectional overrides, no control codes but newline,
   * carriage return and tab (Unicode's Cc, C1 included), and none of the code points Unicode
   * deprecates or discourages that wit-parser refuses (U+0149, U+0673, U+0F77, U+0F79,
   * U+17A3, U+17A4, U+17B4, U+17B5).
   */
  private void checkAllowed(int at) {
    int cp = text.charAt(at);
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7f && cp <= 0x9f)
        || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x149 || cp == 0x673 || cp == 0xf77 || cp == 0xf79 || (cp >= 0x17a3 && cp <= 0x17a4)
        || (cp >= 0x17b4 && cp <= 0x17b5)) {
      error(at, at + 1, "disallowed character " + describeChar(cp) + " in comment");
    }
  }

  private static String describeChar(int cp) {
    return cp >= 0x20 && cp < 0x7f ? "`" + Character.toString(cp) + "`" : String.format("U+%04X", cp);
  }

  /**
   * Where a semver version that starts at {@code start} ends: versions are not WIT tokens
   * (their {@code -pre+build} parts are not), so they are scanned from the raw text. A
   * trailing {@code .} that starts a {@code use}'s {@code .{} is not part of the version.
   */
  public static int versionEnd(String text, int start) {
    int end = start;
    while (end < text.length()) {
      char c = text.charAt(end);
      if (Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '+') {
        end++;
      } else {
        break;
      }
    }
    return end > start && text.charAt(end - 1) == '.' ? end - 1 : end;
  }

  /** The kebab-case rules of WIT identifiers (Explainer.md, "label"). */
  private void validateId(int start, int end) {
    String id = text.substring(start, end);
    String problem = kebabProblem(id);
    if (problem != null) {
      error(start, end, problem);
    }
  }

  /** Why {@code id} is not a valid kebab-case label, or {@code null} if it is. */
  public static String kebabProblem(String id) {
    if (id.isEmpty()) {
      return "empty identifier";
    }
    String[] words = id.split("-", -1);
    for (String word : words) {
      if (word.isEmpty()) {
        return "`" + id + "` is not in kebab case: "
            + (id.startsWith("-") ? "it starts with `-`" : id.endsWith("-") ? "it ends with `-`" : "it has `--`");
      }
      char first = word.charAt(0);
      // only the first fragment must start with a letter: `a1-2-3` and `go-1` are labels
      if (word == words[0] && !(first >= 'a' && first <= 'z') && !(first >= 'A' && first <= 'Z')) {
        return "`" + id + "` is not in kebab case: the first word must start with an ASCII letter, `" + word
            + "` does not";
      }
      boolean lower = false;
      boolean upper = false;
      for (int i = 0; i < word.length(); i++) {
        char ch = word.charAt(i);
        if (ch >= 'a' && ch <= 'z') {
          lower = true;
        } else if (ch >= 'A' && ch <= 'Z') {
          upper = true;
        } else if (!(ch >= '0' && ch <= '9')) {
          return "`" + id + "` is not in kebab case: invalid character `" + ch + "`";
        }
      }
      if (lower && upper) {
        return "`" + id + "` is not in kebab case: the word `" + word + "` mixes upper and lower case";
      }
    }
    return null;
  }
}
