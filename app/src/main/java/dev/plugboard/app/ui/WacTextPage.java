package dev.plugboard.app.ui;

import dev.plugboard.app.work.WacComposition;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.WacHighlighting;
import dev.plugboard.editor.FileDiagnostics;
import dev.plugboard.editor.Highlighting;
import dev.plugboard.editor.ui.CodeEditor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * The Text page of a {@code .wac} document: the WIT editor's machinery (line numbers,
 * highlighting, squiggles with hover) with the WAC reader as its checker, so a document that
 * does not compose says where as you type. It edits the file's one {@link CompositionDocument}
 * (shared with the Graph page through {@link OpenComposition}): a run of typing is one step of
 * the document's history, and a change made elsewhere (the canvas, undo) is put into the
 * text as the smallest replacement, so the caret stays. The code area keeps no history of its own.
 */
final class WacTextPage implements Page, Navigable {
  private static final KeyCombination UNDO = KeyCombination.keyCombination("Shortcut+Z");
  private static final KeyCombination REDO = KeyCombination.keyCombination("Shortcut+Shift+Z");
  private static final KeyCombination REDO_Y = KeyCombination.keyCombination("Shortcut+Y");

  private final OpenComposition open;
  private final CodeEditor editor;
  private boolean following;

  WacTextPage(Path file, Shell shell, OpenComposition open) {
    this.open = open;
    open.attach(shell);
    CompositionDocument doc = open.document();
    editor = new CodeEditor(file, doc.text(), shell.checker(), new CodeEditor.Language() {
      @Override
      public List<Highlighting.Run> highlight(String text) {
        return WacHighlighting.of(text).stream().map(r -> new Highlighting.Run(r.start(), r.end(), r.style())).toList();
      }

      @Override
      public List<FileDiagnostics.Problem> check(String text) {
        return WacComposition.check(file, text).stream().map(p -> switch (p.location()) {
          case Location.Text t -> new FileDiagnostics.Problem(t.start(), t.end(), t.line(), t.column(), p.message());
          default -> new FileDiagnostics.Problem(0, 0, 1, 1, p.message());
        }).toList();
      }
    });
    var area = editor.area();
    area.setId("wac-editor-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    area.setUndoManager(UndoUtils.noOpUndoManager());
    area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (UNDO.match(e)) {
        open.undo();
        e.consume();
      } else if (REDO.match(e) || REDO_Y.match(e) && e.getCode() == KeyCode.Y) {
        open.redo();
        e.consume();
      }
    });
    area.plainTextChanges().subscribe(c -> {
      if (!following && !c.isIdentity()) {
        doc.typeText(c.getPosition(), c.getPosition() + c.getRemoved().length(), c.getInserted());
      }
    });
    doc.onChange(r -> follow(doc.text()));
  }

  /** Puts the document's text into the area as one replacement of what differs. */
  private void follow(String text) {
    var area = editor.area();
    String shown = area.getText();
    if (shown.equals(text)) {
      return;
    }
    int start = 0;
    int max = Math.min(shown.length(), text.length());
    while (start < max && shown.charAt(start) == text.charAt(start)) {
      start++;
    }
    int end = 0;
    while (end < max - start && shown.charAt(shown.length() - 1 - end) == text.charAt(text.length() - 1 - end)) {
      end++;
    }
    following = true;
    try {
      area.replaceText(start, shown.length() - end, text.substring(start, text.length() - end));
    } finally {
      following = false;
    }
  }

  CodeEditor editor() {
    return editor;
  }

  @Override
  public String id() {
    return "text";
  }

  @Override
  public String title() {
    return "Text";
  }

  @Override
  public Node node() {
    return editor.node();
  }

  @Override
  public <T> Optional<T> capability(Class<T> type) {
    return type == Savable.class || type == Undoable.class ? Optional.of(type.cast(open)) : Page.super.capability(type);
  }

  @Override
  public boolean canShow(Location location) {
    return location instanceof Location.Text;
  }

  @Override
  public void show(Location location) {
    if (location instanceof Location.Text t) {
      editor.moveCaret(t.start());
    }
  }
}
