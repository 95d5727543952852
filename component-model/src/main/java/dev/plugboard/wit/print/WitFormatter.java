package dev.plugboard.wit.print;

import static dev.plugboard.wit.lex.TokenKind.*;

import dev.plugboard.wit.ast.Parser;
import dev.plugboard.wit.lex.Lexer;
import dev.plugboard.wit.lex.Token;
import dev.plugboard.wit.lex.TokenKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lays out one WIT file canonically while keeping every comment: it re-emits the file's
 * tokens with normalised spacing, two-space indentation by block, one item per line,
 * fields and cases one per line with trailing commas, and at most one blank line where
 * the source had any. Working on tokens rather than the tree is what guarantees that no
 * comment is lost. Formatting formatted text changes nothing.
 */
public final class WitFormatter {
  private enum Block { ITEMS, LIST, INLINE }

  private enum Gap { NONE, SPACE, NEWLINE, BLANK }

  private static final Set<TokenKind> LIST_KEYWORDS = EnumSet.of(RECORD, ENUM, VARIANT, FLAGS);
  private static final Set<TokenKind> NO_SPACE_BEFORE = EnumSet.of(COMMA, SEMICOLON, RPAREN, GT, PERIOD, LPAREN, LT,
      SLASH, AT);
  private static final Set<TokenKind> NO_SPACE_AFTER = EnumSet.of(LPAREN, LT, PERIOD, SLASH, AT);

  /** A significant token with the comments before it. */
  private record Item(Token token, String text, List<Token> comments, int newlinesBefore) {}

  private final String text;
  private final StringBuilder out = new StringBuilder();
  private int indent;
  private Gap gap = Gap.NONE;
  private boolean lineStart = true;

  private WitFormatter(String text) {
    this.text = text;
  }

  /**
   * Formats a file's text. The text must parse; {@link IllegalArgumentException} says
   * where it does not.
   */
  public static String format(String source) {
    Parser.Result parsed = Parser.parse(source, 0);
    if (!parsed.ok()) {
      throw new IllegalArgumentException("cannot format WIT with syntax errors: " + parsed.diagnostics().getFirst()
          .message());
    }
    String normalized = source.replace("\r\n", "\n");
    return new WitFormatter(normalized).run();
  }

  private List<Item> items() {
    Lexer lexer = new Lexer(text, 0);
    List<Item> items = new ArrayList<>();
    List<Token> comments = new ArrayList<>();
    int newlines = 0;
    TokenKind previous = null;
    while (true) {
      Token t = lexer.next();
      switch (t.kind()) {
        case WHITESPACE -> newlines += count(t, '\n');
        case COMMENT, DOC_COMMENT -> {
          comments.add(withNewlines(t, newlines));
          newlines = text.charAt(t.end() - 1) == '\n' ? 1 : 0;
        }
        default -> {
          Token token = t;
          if (previous == AT && t.kind() == INTEGER) {
            int end = Lexer.versionEnd(text, t.start());
            token = new Token(INTEGER, t.start(), end);
            lexer.reset(end);
          }
          items.add(new Item(token, text.substring(token.start(), token.end()), List.copyOf(comments), newlines));
          comments.clear();
          newlines = 0;
          previous = t.kind();
          if (t.kind() == EOF) {
            return items;
          }
        }
      }
    }
  }

  /** Comments carry the newlines before them in their kind slot: encoded as a side table. */
  private final java.util.Map<Integer, Integer> commentNewlines = new java.util.HashMap<>();

  private Token withNewlines(Token t, int newlines) {
    commentNewlines.put(t.start(), newlines);
    return t;
  }

  private int count(Token t, char c) {
    int n = 0;
    for (int i = t.start(); i < t.end(); i++) {
      if (text.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  private String run() {
    List<Item> items = items();
    Deque<Block> blocks = new ArrayDeque<>();
    TokenKind constructKeyword = null;
    int attributeDepth = -1;
    int parenDepth = 0;
    Item prev = null;
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      TokenKind k = it.token().kind();
      Block block = blocks.isEmpty() ? Block.ITEMS : blocks.peek();

      if (k == RBRACE && block == Block.LIST && prev != null && prev.token().kind() != COMMA
          && prev.token().kind() != LBRACE) {
        write(",");
      }
      boolean closesBlock = k == RBRACE && block != Block.INLINE;
      comments(it, prev, closesBlock);
      if (k == EOF) {
        break;
      }
      if (closesBlock) {
        blocks.pop();
        indent--;
        if (prev != null && prev.token().kind() == LBRACE && it.comments().isEmpty()) {
          gap = Gap.NONE;
        } else {
          gap = Gap.NEWLINE;
        }
      } else if (k == RBRACE) {
        blocks.pop();
      } else if (prev != null) {
        if (it.newlinesBefore() >= 2 && gap == Gap.NEWLINE && block != Block.INLINE
            && prev.token().kind() != LBRACE) {
          gap = Gap.BLANK;
        }
        if (gap == Gap.NONE) {
          gap = spaceBetween(prev, it, block);
        }
      }
      write(it.text());

      // what comes after this token
      gap = Gap.NONE;
      switch (k) {
        case SEMICOLON -> {
          gap = Gap.NEWLINE;
          constructKeyword = null;
        }
        case LBRACE -> {
          Block opened;
          if (prev != null && (prev.token().kind() == PERIOD || prev.token().kind() == WITH)) {
            opened = Block.INLINE;
          } else {
            opened = LIST_KEYWORDS.contains(constructKeyword) ? Block.LIST : Block.ITEMS;
          }
          blocks.push(opened);
          constructKeyword = null;
          if (opened != Block.INLINE) {
            indent++;
            gap = Gap.NEWLINE;
          }
        }
        case RBRACE -> {
          if (closesBlock) {
            TokenKind next = i + 1 < items.size() ? items.get(i + 1).token().kind() : EOF;
            gap = next == SEMICOLON || next == COMMA ? Gap.NONE : Gap.NEWLINE;
          }
        }
        case COMMA -> gap = block == Block.LIST && parenDepth == 0 ? Gap.NEWLINE : Gap.SPACE;
        case AT -> {
          if (prev == null || startsItem(prev)) {
            attributeDepth = parenDepth;
          }
        }
        case LPAREN -> parenDepth++;
        case RPAREN -> {
          parenDepth--;
          if (attributeDepth == parenDepth) {
            attributeDepth = -1;
            gap = Gap.NEWLINE;
          }
        }
        default -> {
          if (k == INTERFACE || k == WORLD || k == PACKAGE || k == RESOURCE || LIST_KEYWORDS.contains(k)) {
            constructKeyword = k;
          }
        }
      }
      prev = it;
    }
    trimTrailingSpaces();
    if (out.isEmpty() || out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean startsItem(Item prev) {
    TokenKind k = prev.token().kind();
    return k == SEMICOLON || k == LBRACE || k == RBRACE || k == RPAREN;
  }

  private Gap spaceBetween(Item prev, Item it, Block block) {
    TokenKind a = prev.token().kind();
    TokenKind b = it.token().kind();
    if (b == COLON) {
      return Gap.NONE;
    }
    if (a == COLON) {
      // `ns:pkg` stays glued; `name: type` gets a space
      boolean glued = prev.token().start() > 0 && !Character.isWhitespace(text.charAt(prev.token().start() - 1))
          && it.token().start() == prev.token().end();
      return glued && isId(b) ? Gap.NONE : Gap.SPACE;
    }
    if (NO_SPACE_AFTER.contains(a) || NO_SPACE_BEFORE.contains(b)) {
      return Gap.NONE;
    }
    if (b == LBRACE && block == Block.INLINE) {
      return Gap.SPACE;
    }
    if (a == LBRACE || b == RBRACE) {
      return block == Block.INLINE ? Gap.NONE : Gap.SPACE;
    }
    return Gap.SPACE;
  }

  private static boolean isId(TokenKind k) {
    return k == ID || k == EXPLICIT_ID;
  }

  /** The comments before a token: trailing ones stay on their line, others get a line of their own. */
  private void comments(Item it, Item prev, boolean beforeClose) {
    for (Token c : it.comments()) {
      String body = text.substring(c.start(), c.end());
      boolean lineComment = body.startsWith("//");
      if (lineComment && body.endsWith("\n")) {
        body = body.substring(0, body.length() - 1);
      }
      body = body.stripTrailing();
      int newlines = commentNewlines.getOrDefault(c.start(), 0);
      if (prev != null && newlines == 0 && !lineStart) {
        out.append(' ').append(body);
        lineStart = false;
        if (lineComment) {
          newline();
          gap = gap == Gap.BLANK ? Gap.BLANK : Gap.NONE;
        } else {
          gap = Gap.SPACE;
        }
        continue;
      }
      if (prev != null || !lineStart) {
        boolean blank = newlines >= 2 && prev != null && prev.token().kind() != LBRACE;
        flushLine(blank || gap == Gap.BLANK);
      }
      gap = Gap.NONE;
      indentLine(); // before a closing brace: still at the block's inner indentation
      out.append(body);
      lineStart = false;
      newline();
      gap = Gap.NONE;
    }
  }

  private void flushLine(boolean blank) {
    if (!lineStart) {
      newline();
    }
    if (blank && !endsWithBlankLine()) {
      out.append('\n');
    }
  }

  private boolean endsWithBlankLine() {
    int n = out.length();
    return n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n';
  }

  private void write(String s) {
    switch (gap) {
      case NONE -> { }
      case SPACE -> {
        if (!lineStart) {
          out.append(' ');
        }
      }
      case NEWLINE -> {
        if (!lineStart) {
          newline();
        }
      }
      case BLANK -> {
        if (!lineStart) {
          newline();
        }
        if (!endsWithBlankLine() && !out.isEmpty()) {
          out.append('\n');
        }
      }
    }
    gap = Gap.NONE;
    if (lineStart) {
      indentLine();
    }
    out.append(s);
    lineStart = false;
  }

  private void indentLine() {
    out.append("  ".repeat(Math.max(0, indent)));
    lineStart = false;
  }

  private void newline() {
    trimTrailingSpaces();
    out.append('\n');
    lineStart = true;
  }

  private void trimTrailingSpaces() {
    int n = out.length();
    while (n > 0 && out.charAt(n - 1) == ' ') {
      n--;
    }
    out.setLength(n);
  }
}
