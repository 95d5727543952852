package dev.plugboard.editor.ui;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.fxmisc.richtext.CodeArea;

/**
 * Find and replace over the editor's text (Shortcut+F, Shortcut+H): plain or regular
 * expression, case-sensitive or not; Enter finds the next match (Shift+Enter the previous),
 * "Replace" replaces the current match, "All" every match as one undoable edit. A regex
 * replacement may use {@code $1} groups.
 */
final class FindBar {
  private final CodeArea area;
  final HBox node = new HBox(6);
  final TextField find = new TextField();
  final TextField replace = new TextField();
  final CheckBox regex = new CheckBox(".*");
  final CheckBox matchCase = new CheckBox("Aa");
  final Label status = new Label();

  FindBar(CodeArea area) {
    this.area = area;
    node.setId("find-bar");
    node.getStyleClass().add("find-bar");
    node.setPadding(new Insets(4, 6, 4, 6));
    find.setId("find-field");
    find.setPromptText("Find");
    replace.setId("replace-field");
    replace.setPromptText("Replace");
    regex.setId("find-regex");
    matchCase.setId("find-case");
    status.setId("find-status");
    Button next = new Button("Next");
    next.setOnAction(e -> next(true));
    Button replaceOne = new Button("Replace");
    replaceOne.setId("replace-one");
    replaceOne.setOnAction(e -> replaceCurrent());
    Button replaceAll = new Button("All");
    replaceAll.setId("replace-all");
    replaceAll.setOnAction(e -> replaceAll());
    Button close = new Button("✕");
    close.setOnAction(e -> hide());
    HBox.setHgrow(find, Priority.ALWAYS);
    HBox.setHgrow(replace, Priority.ALWAYS);
    node.getChildren().addAll(find, regex, matchCase, next, replace, replaceOne, replaceAll, status, close);
    find.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        next(!e.isShiftDown());
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        hide();
      }
    });
    replace.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        replaceCurrent();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        hide();
      }
    });
    find.textProperty().addListener((o, a, b) -> count());
    regex.selectedProperty().addListener((o, a, b) -> count());
    matchCase.selectedProperty().addListener((o, a, b) -> count());
    hide();
  }

  /** Binds Shortcut+F (find) and Shortcut+H (replace) in the area to this bar. */
  void bindKeys() {
    area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (e.isShortcutDown() && !e.isShiftDown() && e.getCode() == javafx.scene.input.KeyCode.F) {
        show(false);
        e.consume();
      } else if (e.isShortcutDown() && !e.isShiftDown() && e.getCode() == javafx.scene.input.KeyCode.H) {
        show(true);
        e.consume();
      }
    });
  }

  void show(boolean withReplace) {
    node.setVisible(true);
    node.setManaged(true);
    replace.setDisable(!withReplace);
    String selected = area.getSelectedText();
    if (!selected.isEmpty() && !selected.contains("\n")) {
      find.setText(regex.isSelected() ? Pattern.quote(selected) : selected);
    }
    find.requestFocus();
    find.selectAll();
    count();
  }

  void hide() {
    node.setVisible(false);
    node.setManaged(false);
    area.requestFocus();
  }

  boolean isShowing() {
    return node.isVisible();
  }

  private Pattern pattern() {
    String q = find.getText();
    if (q.isEmpty()) {
      return null;
    }
    try {
      int flags = (matchCase.isSelected() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
          | Pattern.MULTILINE;
      return regex.isSelected() ? Pattern.compile(q, flags) : Pattern.compile(Pattern.quote(q), flags);
    } catch (PatternSyntaxException e) {
      status.setText("bad regex: " + e.getDescription());
      return null;
    }
  }

  private void count() {
    Pattern p = pattern();
    if (p == null) {
      if (find.getText().isEmpty()) {
        status.setText("");
      }
      return;
    }
    Matcher m = p.matcher(area.getText());
    int n = 0;
    while (m.find()) {
      n++;
      if (m.end() == m.start() && m.end() >= area.getLength()) {
        break;
      }
    }
    status.setText(n + " match" + (n == 1 ? "" : "es"));
  }

  /** Selects the next (or previous) match from the caret, wrapping around. */
  boolean next(boolean forward) {
    Pattern p = pattern();
    if (p == null) {
      return false;
    }
    String text = area.getText();
    Matcher m = p.matcher(text);
    int caret = forward ? area.getSelection().getEnd() : area.getSelection().getStart();
    int[] found = null;
    if (forward) {
      if (m.find(Math.min(caret, text.length())) || m.find(0)) {
        found = new int[] {m.start(), m.end()};
      }
    } else {
      int[] last = null;
      int[] lastBefore = null;
      while (m.find()) {
        last = new int[] {m.start(), m.end()};
        if (m.start() < caret) {
          lastBefore = last;
        }
        if (m.end() == m.start() && m.end() >= text.length()) {
          break;
        }
      }
      found = lastBefore != null ? lastBefore : last;
    }
    if (found == null) {
      status.setText("no match");
      return false;
    }
    area.selectRange(found[0], found[1]);
    area.requestFollowCaret();
    return true;
  }

  /** Replaces the selected match (finding one first if the selection is not a match). */
  void replaceCurrent() {
    Pattern p = pattern();
    if (p == null) {
      return;
    }
    String selected = area.getSelectedText();
    Matcher m = p.matcher(selected);
    if (selected.isEmpty() || !m.matches()) {
      next(true);
      return;
    }
    String replacement = regex.isSelected() ? m.replaceFirst(replace.getText())
        : replace.getText();
    area.replaceSelection(replacement);
    next(true);
  }

  /** Replaces every match, as one edit. */
  void replaceAll() {
    Pattern p = pattern();
    if (p == null) {
      return;
    }
    Matcher m = p.matcher(area.getText());
    String replaced = regex.isSelected() ? m.replaceAll(replace.getText())
        : m.replaceAll(Matcher.quoteReplacement(replace.getText()));
    if (!replaced.equals(area.getText())) {
      int caret = Math.min(area.getCaretPosition(), replaced.length());
      area.replaceText(replaced);
      area.moveTo(caret);
    }
    count();
  }
}
