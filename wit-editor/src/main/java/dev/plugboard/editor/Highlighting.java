package dev.plugboard.editor;

import dev.plugboard.wit.lex.Lexer;
import dev.plugboard.wit.lex.Token;
import dev.plugboard.wit.lex.TokenKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Highlighting from the WIT lexer (not regular expressions): each token becomes a run with
 * a style class ({@code keyword}, {@code type}, {@code identifier}, {@code string},
 * {@code comment}, {@code doc-comment}, {@code operator}, {@code gate}, {@code number},
 * {@code error}). The editor maps classes to colours in CSS.
 */
public final class Highlighting {
  private Highlighting() {}

  /** A run of text with one style class; {@code style} is empty for plain text. */
  public record Run(int start, int end, String style) {}

  private static final Set<TokenKind> TYPES = EnumSet.of(TokenKind.BOOL, TokenKind.U8, TokenKind.U16, TokenKind.U32,
      TokenKind.U64, TokenKind.S8, TokenKind.S16, TokenKind.S32, TokenKind.S64, TokenKind.F32, TokenKind.F64,
      TokenKind.CHAR, TokenKind.STRING_TYPE, TokenKind.ERROR_CONTEXT, TokenKind.LIST, TokenKind.MAP,
      TokenKind.OPTION, TokenKind.RESULT, TokenKind.TUPLE, TokenKind.FUTURE, TokenKind.STREAM, TokenKind.OWN,
      TokenKind.BORROW);

  /**
   * The range of {@code after} (runs of the new text) that differs from {@code before} (runs of
   * the old text), given that the edit changed the length by {@code delta}; null when nothing
   * but positions changed. Equal runs are matched from the start, and from the end shifted by
   * the edit, so one keystroke yields the few runs around it.
   */
  public static int[] changed(List<Run> before, List<Run> after, int delta) {
    int i = 0;
    while (i < before.size() && i < after.size() && before.get(i).equals(after.get(i))) {
      i++;
    }
    if (i == before.size() && i == after.size()) {
      return null;
    }
    int a = before.size() - 1;
    int b = after.size() - 1;
    while (a >= i && b >= i) {
      Run o = before.get(a);
      Run n = after.get(b);
      if (o.start() + delta == n.start() && o.end() + delta == n.end() && o.style().equals(n.style())) {
        a--;
        b--;
      } else {
        break;
      }
    }
    if (b < i) {
      return null;
    }
    return new int[] {after.get(i).start(), after.get(b).end()};
  }

  /** Runs covering the whole text, in order, with no gaps. */
  public static List<Run> of(String text) {
    List<Run> runs = new ArrayList<>();
    List<Token> tokens = Lexer.tokenize(text, 0, new ArrayList<>());
    TokenKind previous = null;
    for (Token t : tokens) {
      if (t.kind() == TokenKind.EOF) {
        break;
      }
      String style = switch (t.kind()) {
        case COMMENT -> "comment";
        case DOC_COMMENT -> "doc-comment";
        case WHITESPACE -> "";
        case STRING -> "string";
        case INTEGER -> "number";
        case ERROR -> "error";
        case AT -> "gate";
        case ID, EXPLICIT_ID -> previous == TokenKind.AT ? "gate" : "identifier";
        default -> TYPES.contains(t.kind()) ? "type"
            : t.kind().isKeyword() ? "keyword"
            : t.kind().isOperator() ? "operator" : "";
      };
      add(runs, t.start(), t.end(), style);
      if (!t.kind().isTrivia()) {
        previous = t.kind();
      }
    }
    if (runs.isEmpty() || runs.getLast().end() < text.length()) {
      add(runs, runs.isEmpty() ? 0 : runs.getLast().end(), text.length(), "");
    }
    return runs;
  }

  private static void add(List<Run> runs, int start, int end, String style) {
    if (end <= start) {
      return;
    }
    if (!runs.isEmpty() && runs.getLast().style().equals(style) && runs.getLast().end() == start) {
      Run last = runs.removeLast();
      runs.add(new Run(last.start(), end, style));
    } else {
      runs.add(new Run(start, end, style));
    }
  }
}
