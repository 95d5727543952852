package dev.plugboard.editor.ui;

import dev.plugboard.editor.FileDiagnostics;
import dev.plugboard.editor.Highlighting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;

/**
 * The WIT editor's machinery for another language: line numbers, highlighting on every change,
 * diagnostics recomputed off the FX thread after a pause in typing (stale results dropped) and
 * shown as squiggles with their message on hover, the find bar, bracket and indent keys. The
 * language (its highlighter and checker) is given; the WAC Text page uses it with the WAC reader.
 */
public final class CodeEditor {
  /** What a language gives the editor. Both run off the FX thread, on a copy of the text. */
  public interface Language {
    /** Style runs (classes as in {@code wit-editor.css}: keyword, type, string, comment, ...). */
    List<Highlighting.Run> highlight(String text);

    /** The problems of this text (file-local offsets). */
    List<FileDiagnostics.Problem> check(String text);
  }

  private static final Duration PAUSE = Duration.ofMillis(250);

  private final Language language;
  private final Executor checker;
  private final CodeArea area = new CodeArea();
  private final BorderPane root = new BorderPane();
  private final FindBar findBar;
  private final EditingKeys editingKeys;
  private final HoverBox hover = new HoverBox();
  private final ReadOnlyObjectWrapper<List<FileDiagnostics.Problem>> problems = new ReadOnlyObjectWrapper<>(List.of());
  private long generation;

  public CodeEditor(Path file, String text, Executor checker, Language language) {
    this.language = language;
    this.checker = checker;
    area.getStyleClass().addAll("wit-editor", "code-editor");
    area.setId("code-editor-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    area.getStylesheets().add(CodeEditor.class.getResource("wit-editor.css").toExternalForm());
    area.replaceText(text);
    area.getUndoManager().forgetHistory();
    area.moveTo(0);
    findBar = new FindBar(area);
    new MultiCaret(area);
    editingKeys = new EditingKeys(area);
    root.setTop(findBar.node);
    root.setCenter(new VirtualizedScrollPane<>(area));
    area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> hover.popup.hide());
    findBar.bindKeys();
    area.setMouseOverTextDelay(java.time.Duration.ofMillis(500));
    area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> problemAt(e.getCharacterIndex())
        .ifPresent(m -> hover.show(area, "error: " + m, e.getScreenPosition().getX(), e.getScreenPosition().getY() + 12)));
    area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> hover.popup.hide());
    highlight();
    area.plainTextChanges().filter(c -> !c.isIdentity()).subscribe(c -> highlight());
    area.multiPlainChanges().successionEnds(PAUSE).subscribe(c -> check());
    check();
  }

  public Node node() {
    return root;
  }

  public CodeArea area() {
    return area;
  }

  public String text() {
    return area.getText();
  }

  /** The problems of the text at the last completed check. */
  public ReadOnlyObjectProperty<List<FileDiagnostics.Problem>> problemsProperty() {
    return problems.getReadOnlyProperty();
  }

  /** The message of the problem at {@code offset}, if one is there (what hovering a squiggle shows). */
  public Optional<String> problemAt(int offset) {
    return problems.get().stream().filter(p -> p.start() <= offset && offset < Math.max(p.end(), p.start() + 1))
        .map(FileDiagnostics.Problem::message).findFirst();
  }

  /** Shows the hover popup of {@code offset} (a problem's message), as resting the mouse there does. */
  public void showHover(int offset) {
    problemAt(offset).ifPresent(m -> area.getCharacterBoundsOnScreen(offset, Math.min(offset + 1, area.getLength()))
        .ifPresent(b -> hover.show(area, "error: " + m, b.getMinX(), b.getMaxY() + 4)));
  }

  public javafx.stage.Popup hoverPopup() {
    return hover.popup;
  }

  /** Puts the caret at {@code offset} and scrolls to it. */
  public void moveCaret(int offset) {
    area.moveTo(Math.max(0, Math.min(offset, area.getLength())));
    area.requestFollowCaret();
    area.requestFocus();
  }

  /** Replaces the whole text (reload from disk), keeping the caret where it can. */
  public void reload(String text) {
    int caret = area.getCaretPosition();
    area.replaceText(text);
    area.moveTo(Math.min(caret, text.length()));
  }

  public void showFind(boolean withReplace) {
    findBar.show(withReplace);
  }

  private void check() {
    String text = area.getText();
    long mine = ++generation;
    checker.execute(() -> {
      List<FileDiagnostics.Problem> found = language.check(text);
      Platform.runLater(() -> {
        if (mine == generation && text.equals(area.getText())) {
          problems.set(List.copyOf(found));
          highlight();
        }
      });
    });
  }

  /** Styles the whole text: tokens, then squiggles over the problems (WAC documents are small). */
  private void highlight() {
    String text = area.getText();
    if (text.isEmpty()) {
      return;
    }
    area.setStyleSpans(0, WitEditor.spans(text, language.highlight(text), problems.get(), 0, text.length()));
    editingKeys.markBrackets();
  }
}
