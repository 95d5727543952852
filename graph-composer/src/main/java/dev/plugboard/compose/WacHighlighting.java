package dev.plugboard.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Highlighting runs for WAC text, in the lexer's terms ({@link WacLexer}: identifiers, strings,
 * punctuation, WIT's comments) but never stopping at an error, since an editor highlights text
 * that is half typed: a bad character or an unterminated string is marked {@code error} and
 * scanning goes on. Styles are the WIT editor's classes: {@code keyword}, {@code type},
 * {@code identifier}, {@code string}, {@code comment}, {@code doc-comment}, {@code number},
 * {@code operator}, {@code error}.
 */
public final class WacHighlighting {
  private WacHighlighting() {}

  /** A run of text with one style class ({@code ""} for whitespace); the runs cover the text without gaps. */
  public record Run(int start, int end, String style) {}

  private static final Set<String> KEYWORDS = Set.of("package", "let", "new", "export", "import", "use", "with",
      "as", "type", "interface", "world", "include", "targets", "func", "resource", "record", "enum", "flags",
      "variant", "static", "constructor", "async", "from");
  private static final Set<String> TYPES = Set.of("bool", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64",
      "f32", "f64", "char", "string", "list", "option", "result", "tuple", "borrow", "own", "future", "stream");

  public static List<Run> of(String s) {
    List<Run> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        out.add(new Run(start, i, ""));
      } else if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
        out.add(new Run(start, i, s.startsWith("///", start) ? "doc-comment" : "comment"));
      } else if (s.startsWith("/*", i)) {
        int end = WacLexer.blockCommentEnd(s, i);
        i = end < 0 ? s.length() : end;
        out.add(new Run(start, i, end < 0 ? "error" : "comment"));
      } else if (c == '"') {
        i++;
        // the lexer lets a string span lines, but no name has a line break: an open string ends at the line
        while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\n') {
          i++;
        }
        boolean closed = i < s.length() && s.charAt(i) == '"';
        if (closed) {
          i++;
        }
        out.add(new Run(start, i, closed ? "string" : "error"));
      } else if (letter(c) || c == '%') {
        i++;
        while (i < s.length() && (letter(s.charAt(i)) || digit(s.charAt(i)) || s.charAt(i) == '-')) {
          i++;
        }
        String word = s.substring(start, i);
        out.add(new Run(start, i, WacLexer.idProblem(word) != null ? "error" : KEYWORDS.contains(word) ? "keyword" : TYPES.contains(word) ? "type" : "identifier"));
      } else if (digit(c)) {
        while (i < s.length() && (letter(s.charAt(i)) || digit(s.charAt(i)) || ".-+".indexOf(s.charAt(i)) >= 0)) {
          i++;
        }
        out.add(new Run(start, i, "number"));
      } else if (s.startsWith("...", i)) {
        i += 3;
        out.add(new Run(start, i, "operator"));
      } else if (s.startsWith("->", i)) {
        i += 2;
        out.add(new Run(start, i, "operator"));
      } else if (";:{}()[],.=<>@/*".indexOf(c) >= 0) {
        i++;
        out.add(new Run(start, i, "operator"));
      } else if (c == '_') { // result<_, E>: no ok type
        i++;
        out.add(new Run(start, i, "type"));
      } else {
        i++;
        out.add(new Run(start, i, "error"));
      }
    }
    return out;
  }

  private static boolean letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }
}
