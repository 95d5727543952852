package dev.plugboard.editor.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.fxmisc.richtext.CodeArea;

/**
 * Typing help in the code area: closing brackets and quotes are inserted with the opening
 * ones (and typed over), Enter keeps the indentation (one level more after {@code &#123;}),
 * Shortcut+/ toggles {@code //} on the selected lines, and the bracket matching the one at
 * the caret is marked ({@code bracket-match}).
 */
final class EditingKeys {
  private static final String OPEN = "{(<\"";
  private static final String CLOSE = "})>\"";
  private static final Set<String> ANGLE_AFTER = Set.of("list", "option", "result", "tuple", "borrow", "own",
      "future", "stream", "map");
  static final String INDENT = "  ";

  private final CodeArea area;
  private final List<Integer> marked = new ArrayList<>();

  EditingKeys(CodeArea area) {
    this.area = area;
    area.addEventFilter(KeyEvent.KEY_TYPED, this::typed);
    area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !e.isAltDown()) {
        newline();
        e.consume();
      } else if (e.getCode() == KeyCode.SLASH && e.isShortcutDown()) {
        toggleComment();
        e.consume();
      }
    });
    area.caretPositionProperty().addListener((obs, old, now) -> markBrackets());
  }

  private void typed(KeyEvent e) {
    String ch = e.getCharacter();
    if (ch.length() != 1 || e.isShortcutDown() || e.isAltDown()) {
      return;
    }
    char c = ch.charAt(0);
    int caret = area.getCaretPosition();
    String text = area.getText();
    char next = caret < text.length() ? text.charAt(caret) : 0;
    int close = CLOSE.indexOf(c);
    if (close >= 0 && next == c && area.getSelection().getLength() == 0) {
      area.moveTo(caret + 1);
      e.consume();
      return;
    }
    int open = OPEN.indexOf(c);
    if (open < 0 || area.getSelection().getLength() > 0) {
      return;
    }
    if (c == '<' && !ANGLE_AFTER.contains(wordBefore(text, caret))) {
      return;
    }
    if (c == '"' && inString(text, caret)) {
      return;
    }
    if (next != 0 && Character.isLetterOrDigit(next)) {
      return;
    }
    area.insertText(caret, "" + c + CLOSE.charAt(open));
    area.moveTo(caret + 1);
    e.consume();
  }

  private static String wordBefore(String text, int caret) {
    int start = caret;
    while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '-')) {
      start--;
    }
    return text.substring(start, caret);
  }

  private static boolean inString(String text, int caret) {
    int lineStart = text.lastIndexOf('\n', Math.max(0, caret - 1)) + 1;
    int quotes = 0;
    for (int i = lineStart; i < caret; i++) {
      if (text.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }

  /** Enter: the current line's indentation, one level more after an opening brace. */
  void newline() {
    int caret = area.getCaretPosition();
    String text = area.getText();
    int lineStart = text.lastIndexOf('\n', Math.max(0, caret - 1)) + 1;
    if (caret == 0) {
      lineStart = 0;
    }
    int indentEnd = lineStart;
    while (indentEnd < caret && (text.charAt(indentEnd) == ' ' || text.charAt(indentEnd) == '\t')) {
      indentEnd++;
    }
    String indent = text.substring(lineStart, indentEnd);
    String before = text.substring(lineStart, caret).stripTrailing();
    char next = caret < text.length() ? text.charAt(caret) : 0;
    if (before.endsWith("{") || before.endsWith("(")) {
      String inner = "\n" + indent + INDENT;
      if ((before.endsWith("{") && next == '}') || (before.endsWith("(") && next == ')')) {
        area.replaceSelection(inner + "\n" + indent);
        area.moveTo(caret + inner.length());
      } else {
        area.replaceSelection(inner);
      }
    } else {
      area.replaceSelection("\n" + indent);
    }
  }

  /** Shortcut+/: comments or uncomments the lines of the selection (or the caret's line). */
  void toggleComment() {
    String text = area.getText();
    int from = area.getSelection().getStart();
    int to = Math.max(from, area.getSelection().getEnd() - (area.getSelection().getLength() > 0 ? 1 : 0));
    int firstLine = area.offsetToPosition(from, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor();
    int lastLine = area.offsetToPosition(to, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor();
    boolean allCommented = true;
    for (int p = firstLine; p <= lastLine; p++) {
      String line = area.getParagraph(p).getText();
      if (!line.isBlank() && !line.stripLeading().startsWith("//")) {
        allCommented = false;
      }
    }
    for (int p = lastLine; p >= firstLine; p--) {
      String line = area.getParagraph(p).getText();
      int start = area.getAbsolutePosition(p, 0);
      int indent = line.length() - line.stripLeading().length();
      if (allCommented) {
        if (line.stripLeading().startsWith("// ")) {
          area.deleteText(start + indent, start + indent + 3);
        } else if (line.stripLeading().startsWith("//")) {
          area.deleteText(start + indent, start + indent + 2);
        }
      } else if (!line.isBlank()) {
        area.insertText(start + indent, "// ");
      }
    }
    if (text.equals(area.getText())) {
      return;
    }
  }

  /** Marks the bracket next to the caret and its partner. */
  void markBrackets() {
    for (int m : marked) {
      if (m < area.getLength()) {
        Collection<String> now = new ArrayList<>(area.getStyleOfChar(m));
        now.remove("bracket-match");
        area.setStyle(m, m + 1, now);
      }
    }
    marked.clear();
    String text = area.getText();
    int caret = area.getCaretPosition();
    for (int at : new int[] {caret, caret - 1}) {
      if (at < 0 || at >= text.length()) {
        continue;
      }
      int partner = partner(text, at);
      if (partner >= 0) {
        for (int m : new int[] {at, partner}) {
          List<String> styles = new ArrayList<>(area.getStyleOfChar(m));
          styles.add("bracket-match");
          area.setStyle(m, m + 1, styles);
          marked.add(m);
        }
        return;
      }
    }
  }

  /** The offset of the bracket matching the one at {@code at}, or -1. */
  static int partner(String text, int at) {
    char c = text.charAt(at);
    if (c == '>' && at > 0 && text.charAt(at - 1) == '-') {
      return -1; // the arrow of `-> T`
    }
    String opens = "{(<[";
    String closes = "})>]";
    int o = opens.indexOf(c);
    int cl = closes.indexOf(c);
    if (o >= 0) {
      int depth = 0;
      for (int i = at; i < text.length(); i++) {
        if (text.charAt(i) == c) {
          depth++;
        } else if (text.charAt(i) == closes.charAt(o) && !(c == '<' && text.charAt(i - 1) == '-') && --depth == 0) {
          return i;
        }
      }
    } else if (cl >= 0) {
      int depth = 0;
      for (int i = at; i >= 0; i--) {
        if (text.charAt(i) == c) {
          depth++;
        } else if (text.charAt(i) == opens.charAt(cl) && --depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
