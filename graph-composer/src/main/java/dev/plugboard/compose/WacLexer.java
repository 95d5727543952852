package dev.plugboard.compose;

import dev.plugboard.compose.Wac.WacException;
import dev.plugboard.wit.source.SourceMap;
import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The first stage of reading WAC: text to tokens (identifiers, strings, punctuation), with
 * WIT's whitespace and nesting block comments skipped. Identifiers are ASCII; a character that
 * starts no token is an error at its place.
 */
final class WacLexer {
  enum T { ID, STRING, PUNCT, EOF }

  record Tok(T kind, String text, int start, int end) {}

  private final String s;
  private int i;

  WacLexer(String s) {
    this.s = s;
  }

  List<Tok> all(SourceMap sources) throws WacException {
    List<Tok> out = new ArrayList<>();
    while (true) {
      skip(sources);
      if (i >= s.length()) {
        out.add(new Tok(T.EOF, "", i, i));
        return out;
      }
      int start = i;
      char c = s.charAt(i);
      if (c == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') { // a string may span lines (wac-LANGUAGE.md, `string`)
          i++;
        }
        if (i >= s.length()) {
          throw new WacException(sources, new Span(start, i), "unterminated string");
        }
        i++;
        out.add(new Tok(T.STRING, s.substring(start + 1, i - 1), start, i));
      } else if (asciiLetter(c) || c == '%') {
        i++;
        while (i < s.length() && (asciiAlnum(s.charAt(i)) || s.charAt(i) == '-')) {
          i++;
        }
        if (i < s.length() && s.charAt(i) == '_') {
          throw new WacException(sources, new Span(i, i + 1), "unexpected character `_` in an identifier (the words "
              + "of a kebab-case name are joined with `-`)");
        }
        String problem = idProblem(s.substring(start, i));
        if (problem != null) {
          throw new WacException(sources, new Span(start, i), problem);
        }
        out.add(new Tok(T.ID, s.substring(start, i), start, i));
      } else if (c >= '0' && c <= '9') {
        while (i < s.length() && (asciiAlnum(s.charAt(i)) || s.charAt(i) == '.'
            || s.charAt(i) == '-' || s.charAt(i) == '+')) {
          i++;
        }
        out.add(new Tok(T.ID, s.substring(start, i), start, i));
      } else if (s.startsWith("...", i)) {
        i += 3;
        out.add(new Tok(T.PUNCT, "...", start, i));
      } else if (s.startsWith("->", i)) {
        i += 2;
        out.add(new Tok(T.PUNCT, "->", start, i));
      } else if (";:{}()[],.=<>@/*_".indexOf(c) >= 0) {
        i++;
        out.add(new Tok(T.PUNCT, String.valueOf(c), start, i));
      } else {
        throw new WacException(sources, new Span(start, start + 1), "unexpected character `" + c + "`");
      }
    }
  }

  /**
   * Why {@code id} is not a WAC identifier, {@code %?[a-z][a-z0-9]*('-'[a-z][a-z0-9]*)*} (lower
   * case only, and every word starts with a letter: stricter than an import name's label), or null.
   */
  static String idProblem(String id) {
    String word = id.startsWith("%") ? id.substring(1) : id;
    String not = "`" + id + "` is not a valid identifier: ";
    if (word.isEmpty()) {
      return "expected an identifier after `%`";
    }
    if (word.endsWith("-")) {
      return not + "it ends with `-`";
    }
    for (String w : word.split("-", -1)) {
      if (w.isEmpty()) {
        return not + "it has `--`";
      }
      if (!(w.charAt(0) >= 'a' && w.charAt(0) <= 'z')) {
        return not + (w.charAt(0) >= '0' && w.charAt(0) <= '9'
            ? "the word `" + w + "` starts with a digit" : "identifiers are lower case (kebab-case)");
      }
      for (char ch : w.toCharArray()) {
        if (ch >= 'A' && ch <= 'Z') {
          return not + "identifiers are lower case (kebab-case)";
        }
        if (!(ch >= 'a' && ch <= 'z') && !(ch >= '0' && ch <= '9')) {
          return not + "invalid character `" + ch + "`";
        }
      }
    }
    return null;
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean asciiAlnum(char c) {
    return asciiLetter(c) || (c >= '0' && c <= '9');
  }

  /** Whitespace and comments; block comments nest, as in WIT. */
  private void skip(SourceMap sources) throws WacException {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int start = i;
        i = blockCommentEnd(s, i);
        if (i < 0) {
          throw new WacException(sources, new Span(start, start + 2), "unterminated block comment");
        }
      } else {
        return;
      }
    }
  }

  /** Where the (nesting) block comment that starts at {@code i} ends, or -1 when it is not closed. */
  static int blockCommentEnd(String s, int i) {
    int depth = 0;
    do {
      if (s.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (s.startsWith("*/", i)) {
        depth--;
        i += 2;
      } else {
        i++;
      }
    } while (depth > 0 && i < s.length());
    return depth > 0 ? -1 : i;
  }
}
