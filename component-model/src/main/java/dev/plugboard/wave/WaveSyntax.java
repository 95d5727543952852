package dev.plugboard.wave;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The untyped WAVE grammar ({@code wave-ebnf.md}): text to {@link Node}s. Keywords that need
 * a payload ({@code some}) or forbid one ({@code none}, {@code true}, ...) are checked here, the
 * rest is the type's business.
 */
final class WaveSyntax {
  private final String text;
  private int pos;
  private int depth;

  /** How deep values may nest: deeper than any type the validator accepts (100 levels). */
  static final int MAX_DEPTH = 128;

  WaveSyntax(String text, int start) {
    this.text = text;
    this.pos = start;
  }

  int position() {
    return pos;
  }

  /** One value surrounded by optional whitespace, and nothing after it up to {@code end}. */
  Node valueOnly(int end) throws WaveException {
    Node n = value();
    skipSpace();
    if (pos < end) {
      throw unexpected();
    }
    return n;
  }

  Node value() throws WaveException {
    if (++depth > MAX_DEPTH) {
      throw new WaveException("value nests deeper than " + MAX_DEPTH + " levels", pos, Math.min(pos + 1, text.length()));
    }
    try {
      return nestedValue();
    } finally {
      depth--;
    }
  }

  private Node nestedValue() throws WaveException {
    skipSpace();
    if (pos >= text.length()) {
      throw new WaveException("unexpected end of input", pos, pos);
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '\'' -> charLiteral();
      case '"' -> stringLiteral();
      case '(' -> {
        int s = pos++;
        List<Node> elements = sequence(')');
        if (elements.isEmpty()) {
          throw new WaveException("unexpected token: ParenClose", pos - 1, pos);
        }
        yield new Node.Tuple(elements, s, pos);
      }
      case '[' -> {
        int s = pos++;
        List<Node> elements = sequence(']');
        yield new Node.ListNode(elements, s, pos);
      }
      case '{' -> braces();
      case '%' -> label();
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        if (isLetter(c)) {
          yield label();
        }
        throw unexpected();
      }
    };
  }

  private List<Node> sequence(char close) throws WaveException {
    List<Node> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek() == close) {
        pos++;
        return out;
      }
      if (peek() == ',') {
        throw unexpected();
      }
      out.add(value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() != close) {
        throw unexpected();
      }
    }
  }

  private Node braces() throws WaveException {
    int s = pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return new Node.Flags(List.of(), s, pos);
    }
    if (peek() == ':') {
      pos++;
      skipSpace();
      expect('}');
      return new Node.RecordNode(List.of(), s, pos);
    }
    List<Node.FieldNode> fields = new ArrayList<>();
    List<Node.Label> flags = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (true) {
      skipSpace();
      if (peek() == '}' && !(fields.isEmpty() && flags.isEmpty())) {
        pos++;
        break;
      }
      if (!(peek() == '%' || isLetter(peek()))) {
        throw unexpected();
      }
      Node.Label l = bareLabel();
      skipSpace();
      if (peek() == ':') {
        if (!flags.isEmpty()) {
          throw unexpected();
        }
        pos++;
        if (!seen.add(l.name())) {
          throw new WaveException("duplicate field: \"" + l.name() + "\"", l.start(), l.end());
        }
        fields.add(new Node.FieldNode(l, value()));
      } else {
        if (!fields.isEmpty()) {
          throw unexpected();
        }
        if (!seen.add(l.name())) {
          throw new WaveException("duplicate flag: \"" + l.name() + "\"", l.start(), l.end());
        }
        flags.add(l);
      }
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw unexpected();
      }
    }
    return fields.isEmpty() ? new Node.Flags(flags, s, pos) : new Node.RecordNode(fields, s, pos);
  }

  private Node.Label bareLabel() throws WaveException {
    int s = pos;
    boolean escaped = false;
    if (peek() == '%') {
      escaped = true;
      pos++;
    }
    int nameStart = pos;
    while (true) {
      int wordStart = pos;
      if (!isLetter(peek())) {
        throw new WaveException("invalid label", s, Math.max(pos, s + 1));
      }
      boolean upper = Character.isUpperCase(peek());
      while (pos < text.length() && (isLetter(peek()) || isDigit(peek()))) {
        if (isLetter(peek()) && Character.isUpperCase(peek()) != upper) {
          throw new WaveException("invalid label", wordStart, pos + 1);
        }
        pos++;
      }
      if (peek() == '-' && pos + 1 < text.length() && isLetter(text.charAt(pos + 1))) {
        pos++;
      } else {
        break;
      }
    }
    return new Node.Label(text.substring(nameStart, pos), escaped, null, s, pos);
  }

  private Node label() throws WaveException {
    Node.Label l = bareLabel();
    int save = pos;
    skipSpace();
    boolean hasPayload = peek() == '(';
    if (l.is("some") && !hasPayload) {
      throw unexpected();
    }
    if (!hasPayload) {
      pos = save;
      if (l.is("inf") || l.is("nan")) {
        return new Node.Number(l.name(), l.start(), l.end());
      }
      return l;
    }
    if (l.is("none") || l.is("true") || l.is("false") || l.is("inf") || l.is("nan")) {
      throw unexpected();
    }
    pos++;
    skipSpace();
    if (peek() == ')') {
      throw unexpected();
    }
    Node payload = value();
    skipSpace();
    expect(')');
    return new Node.Label(l.name(), l.escaped(), payload, l.start(), pos);
  }

  private Node number() throws WaveException {
    int s = pos;
    if (peek() == '-') {
      pos++;
      if (text.startsWith("inf", pos) && !isLabelChar(pos + 3)) {
        pos += 3;
        return new Node.Number("-inf", s, pos);
      }
    }
    if (!isDigit(peek())) {
      throw unexpected();
    }
    if (peek() == '0') {
      pos++;
    } else {
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw new WaveException("invalid number", s, pos);
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw new WaveException("invalid number", s, pos);
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (isLabelChar(pos)) {
      throw new WaveException("invalid number", s, pos + 1);
    }
    return new Node.Number(text.substring(s, pos), s, pos);
  }

  private Node charLiteral() throws WaveException {
    int s = pos++;
    if (peek() == '\'') {
      throw new WaveException("empty char", s, pos + 1);
    }
    int cp = character('\'');
    if (peek() != '\'') {
      throw new WaveException("invalid char: more than one character", s, Math.min(text.length(), pos + 1));
    }
    pos++;
    return new Node.CharLit(cp, s, pos);
  }

  private Node stringLiteral() throws WaveException {
    int s = pos;
    if (text.startsWith("\"\"\"", pos)) {
      return multiline();
    }
    pos++;
    StringBuilder sb = new StringBuilder();
    while (peek() != '"') {
      if (pos >= text.length() || peek() == '\n') {
        throw new WaveException("unterminated string", s, pos);
      }
      sb.appendCodePoint(character('"'));
    }
    pos++;
    return new Node.StringLit(sb.toString(), s, pos);
  }

  private Node multiline() throws WaveException {
    int s = pos;
    pos += 3;
    if (text.startsWith("\r\n", pos)) {
      pos += 2;
    } else if (peek() == '\n') {
      pos++;
    } else {
      throw new WaveException("invalid multiline string: expected a line break after \"\"\"", s, pos);
    }
    List<StringBuilder> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    List<Integer> rawIndents = new ArrayList<>();
    int indent = 0;
    boolean atLineStart = true;
    while (true) {
      if (pos >= text.length()) {
        throw new WaveException("unterminated string", s, pos);
      }
      if (atLineStart) {
        int spaces = 0;
        while (peek() == ' ') {
          spaces++;
          pos++;
        }
        if (text.startsWith("\"\"\"", pos)) {
          pos += 3;
          indent = spaces;
          break;
        }
        rawIndents.add(spaces);
        line.append(" ".repeat(spaces));
        atLineStart = false;
        continue;
      }
      char c = peek();
      if (c == '\n' || (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n')) {
        pos += c == '\n' ? 1 : 2;
        lines.add(line);
        line = new StringBuilder();
        atLineStart = true;
        continue;
      }
      if (text.startsWith("\"\"\"", pos)) {
        throw new WaveException("invalid multiline string: \"\"\" inside", pos, pos + 3);
      }
      line.appendCodePoint(character((char) 0));
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      StringBuilder l = lines.get(i);
      boolean blank = l.isEmpty();
      if (!blank && rawIndents.get(i) < indent) {
        throw new WaveException("invalid multiline string: line less indented than the closing \"\"\"", s, pos);
      }
      if (i > 0) {
        out.append('\n');
      }
      out.append(blank ? "" : l.substring(indent));
    }
    return new Node.StringLit(out.toString(), s, pos);
  }

  /** One character or escape inside a char or string literal. */
  private int character(char quote) throws WaveException {
    int s = pos;
    if (pos >= text.length()) {
      throw new WaveException("unterminated literal", s, pos);
    }
    int cp = text.codePointAt(pos);
    if (cp == '\\') {
      pos++;
      char e = peek();
      pos++;
      return switch (e) {
        case '\'' -> '\'';
        case '"' -> '"';
        case '\\' -> '\\';
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 'u' -> {
          if (peek() != '{') {
            throw new WaveException("invalid escape", s, pos);
          }
          pos++;
          int hs = pos;
          while (isHex(peek())) {
            pos++;
          }
          if (peek() != '}' || pos == hs || pos - hs > 8) {
            throw new WaveException("invalid escape", s, pos);
          }
          long v = Long.parseLong(text.substring(hs, pos), 16);
          pos++;
          if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
            throw new WaveException("invalid character escape: not a Unicode scalar value", s, pos);
          }
          yield (int) v;
        }
        default -> throw new WaveException("invalid escape", s, pos);
      };
    }
    if (cp == quote || cp == '\n') {
      throw new WaveException("invalid character: must be escaped", s, pos + 1);
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      throw new WaveException("invalid character", s, pos + 1);
    }
    pos += Character.charCount(cp);
    return cp;
  }

  void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '/') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  void expect(char c) throws WaveException {
    if (peek() != c) {
      throw unexpected();
    }
    pos++;
  }

  char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  WaveException unexpected() {
    if (pos >= text.length()) {
      return new WaveException("unexpected end of input", pos, pos);
    }
    String name = switch (text.charAt(pos)) {
      case '(' -> "ParenOpen";
      case ')' -> "ParenClose";
      case '[' -> "BracketOpen";
      case ']' -> "BracketClose";
      case '{' -> "BraceOpen";
      case '}' -> "BraceClose";
      case ',' -> "Comma";
      case ':' -> "Colon";
      case '"' -> "String";
      case '\'' -> "Char";
      default -> isLetter(text.charAt(pos)) || text.charAt(pos) == '%' ? "Label"
          : isDigit(text.charAt(pos)) || text.charAt(pos) == '-' ? "Number"
          : "'" + text.charAt(pos) + "'";
    };
    int end = pos + 1;
    if (name.equals("Label") || name.equals("Number")) {
      end = pos;
      while (end < text.length() && (isLabelChar(end) || text.charAt(end) == '%' || text.charAt(end) == '.')) {
        end++;
      }
    }
    return new WaveException("unexpected token: " + name, pos, end);
  }

  private boolean isLabelChar(int at) {
    if (at >= text.length()) {
      return false;
    }
    char c = text.charAt(at);
    return isLetter(c) || isDigit(c) || c == '-';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
