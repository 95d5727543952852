package dev.plugboard.editor.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import org.fxmisc.richtext.CaretNode;
import org.fxmisc.richtext.CodeArea;

/**
 * More than one caret: Alt+Shift+Down/Up adds a caret on the next/previous line at the same
 * column (a column of carets: block editing), Alt+click adds one where clicked. While there are
 * extra carets, typed text, Backspace and Delete act at every caret; Escape, a plain click or
 * caret movement goes back to one caret.
 */
final class MultiCaret {
  private final CodeArea area;
  private final List<CaretNode> extra = new ArrayList<>();
  private int counter;

  MultiCaret(CodeArea area) {
    this.area = area;
    area.addEventFilter(KeyEvent.KEY_PRESSED, this::pressed);
    area.addEventFilter(KeyEvent.KEY_TYPED, this::typed);
    area.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
      if (e.isAltDown() && !e.isShortcutDown()) {
        int at = area.hit(e.getX(), e.getY()).getInsertionIndex();
        add(at);
        e.consume();
      } else {
        clear();
      }
    });
  }

  /** Every caret position: the main caret's and the extra ones, highest first, without duplicates. */
  List<Integer> positions() {
    List<Integer> all = new ArrayList<>();
    all.add(area.getCaretPosition());
    for (CaretNode c : extra) {
      all.add(c.getPosition());
    }
    return all.stream().distinct().sorted(Comparator.reverseOrder()).toList();
  }

  int count() {
    return extra.size() + 1;
  }

  /** Adds a caret at {@code position} (ignored where a caret already is). */
  void add(int position) {
    if (positions().contains(position)) {
      return;
    }
    CaretNode c = new CaretNode("extra-caret-" + (++counter), area, position);
    c.getStyleClass().add("extra-caret");
    area.addCaret(c);
    extra.add(c);
  }

  void clear() {
    for (CaretNode c : extra) {
      area.removeCaret(c);
    }
    extra.clear();
  }

  private void pressed(KeyEvent e) {
    if (e.isAltDown() && e.isShiftDown() && (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP)) {
      addVertically(e.getCode() == KeyCode.DOWN ? 1 : -1);
      e.consume();
      return;
    }
    if (extra.isEmpty()) {
      return;
    }
    switch (e.getCode()) {
      case BACK_SPACE -> {
        edit("", -1);
        e.consume();
      }
      case DELETE -> {
        edit("", 1);
        e.consume();
      }
      case ESCAPE -> {
        clear();
        e.consume();
      }
      case LEFT, RIGHT, UP, DOWN, HOME, END, PAGE_UP, PAGE_DOWN, ENTER, TAB -> clear();
      default -> { }
    }
  }

  private void typed(KeyEvent e) {
    if (extra.isEmpty() || e.isShortcutDown() || e.isAltDown()) {
      return;
    }
    String ch = e.getCharacter();
    if (ch.isEmpty() || Character.isISOControl(ch.charAt(0))) {
      return;
    }
    edit(ch, 0);
    e.consume();
  }

  /** A column of carets: one more line down (or up) from the last one added, same column. */
  private void addVertically(int direction) {
    int from = extra.isEmpty() ? area.getCaretPosition() : extra.getLast().getPosition();
    var pos = area.offsetToPosition(from, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward);
    int line = pos.getMajor() + direction;
    if (line < 0 || line >= area.getParagraphs().size()) {
      return;
    }
    int column = area.offsetToPosition(area.getCaretPosition(), org.fxmisc.richtext.model.TwoDimensional.Bias.Forward)
        .getMinor();
    add(area.getAbsolutePosition(line, Math.min(column, area.getParagraphLength(line))));
  }

  /**
   * Inserts {@code text} at every caret ({@code delete} 0), or deletes the character before
   * ({@code -1}) or after ({@code 1}) each, from the last caret to the first so positions stay
   * valid; then puts every caret after its edit.
   */
  private void edit(String text, int delete) {
    List<Integer> at = positions();
    List<Integer> after = new ArrayList<>();
    int length = area.getLength();
    for (int p : at) {
      if (delete < 0 && p > 0) {
        area.deleteText(p - 1, p);
      } else if (delete > 0 && p < length) {
        area.deleteText(p, p + 1);
      } else if (delete == 0) {
        area.insertText(p, text);
      }
    }
    // positions after the edits: each shifts by the edits made before it (at lower positions)
    List<Integer> ascending = at.reversed();
    int shift = 0;
    for (int p : ascending) {
      int moved;
      if (delete < 0) {
        moved = p > 0 ? p - 1 + shift : p + shift;
        shift += p > 0 ? -1 : 0;
      } else if (delete > 0) {
        moved = p + shift;
        shift += p < length ? -1 : 0;
      } else {
        moved = p + shift + text.length();
        shift += text.length();
      }
      after.add(moved);
    }
    clear();
    area.moveTo(after.getFirst());
    for (int i = 1; i < after.size(); i++) {
      add(after.get(i));
    }
  }
}
