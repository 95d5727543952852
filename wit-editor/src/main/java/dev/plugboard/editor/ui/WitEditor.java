package dev.plugboard.editor.ui;

import dev.plugboard.editor.FileDiagnostics;
import dev.plugboard.editor.Formatting;
import dev.plugboard.editor.Highlighting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The WIT editor: a RichTextFX code area with line numbers, highlighting from the WIT lexer
 * on every change, and diagnostics of the whole package recomputed off the FX thread after
 * a pause in typing (stale results dropped), shown as squiggles and published for the
 * Problems panel. Colours come from CSS ({@code wit-editor.css}).
 */
public final class WitEditor {
  private static final Duration PAUSE = Duration.ofMillis(250);

  private final Path file;
  private final Executor checker;
  private final CodeArea area = new CodeArea();
  private final VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(area);
  private final ReadOnlyObjectWrapper<List<FileDiagnostics.Problem>> problems = new ReadOnlyObjectWrapper<>(List.of());
  private long generation;

  /**
   * @param file the file being edited (its package is checked with the editor's text)
   * @param text the file's text
   * @param checker where diagnostics are computed: a background executor
   */
  public WitEditor(Path file, String text, Executor checker) {
    this.file = file;
    this.checker = checker;
    area.getStyleClass().add("wit-editor");
    area.setId("wit-editor-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    area.getStylesheets().add(WitEditor.class.getResource("wit-editor.css").toExternalForm());
    area.replaceText(text);
    area.getUndoManager().forgetHistory();
    area.moveTo(0);
    highlight();
    area.plainTextChanges().filter(c -> !c.isIdentity()).subscribe(c -> highlight());
    area.multiPlainChanges().successionEnds(PAUSE).subscribe(c -> check());
    check();
  }

  public Node node() {
    return pane;
  }

  public CodeArea area() {
    return area;
  }

  public String text() {
    return area.getText();
  }

  /**
   * Formats the document with the canonical formatter, changing only the lines that
   * differ, so the caret stays where it was. False when the text does not parse.
   */
  public boolean format() {
    var edits = Formatting.edits(area.getText());
    if (edits.isEmpty()) {
      return false;
    }
    for (Formatting.Replacement r : edits.get()) {
      area.replaceText(r.start(), r.end(), r.text());
    }
    return true;
  }

  /** The problems of this file at the last completed check. */
  public ReadOnlyObjectProperty<List<FileDiagnostics.Problem>> problemsProperty() {
    return problems.getReadOnlyProperty();
  }

  /** Checks the package with the current text in the background; only the newest result is applied. */
  private void check() {
    String text = area.getText();
    long mine = ++generation;
    checker.execute(() -> {
      List<FileDiagnostics.Problem> found = FileDiagnostics.of(file, text);
      Platform.runLater(() -> {
        if (mine == generation && text.equals(area.getText())) {
          problems.set(List.copyOf(found));
          highlight();
        }
      });
    });
  }

  private void highlight() {
    String text = area.getText();
    if (text.isEmpty()) {
      return;
    }
    area.setStyleSpans(0, spans(text, Highlighting.of(text), problems.get()));
  }

  /** Token classes, plus {@code error-squiggle} over each problem's range. */
  static StyleSpans<Collection<String>> spans(String text, List<Highlighting.Run> runs,
      List<FileDiagnostics.Problem> problems) {
    TreeSet<Integer> cuts = new TreeSet<>();
    cuts.add(0);
    cuts.add(text.length());
    for (Highlighting.Run r : runs) {
      cuts.add(r.start());
      cuts.add(r.end());
    }
    for (FileDiagnostics.Problem p : problems) {
      cuts.add(Math.min(p.start(), text.length()));
      cuts.add(Math.min(p.end(), text.length()));
    }
    StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
    int runIndex = 0;
    Integer previous = null;
    for (int cut : cuts) {
      if (previous != null && cut > previous) {
        while (runIndex < runs.size() && runs.get(runIndex).end() <= previous) {
          runIndex++;
        }
        List<String> classes = new ArrayList<>(2);
        if (runIndex < runs.size() && !runs.get(runIndex).style().isEmpty()) {
          classes.add(runs.get(runIndex).style());
        }
        for (FileDiagnostics.Problem p : problems) {
          if (p.start() <= previous && previous < p.end()) {
            classes.add("error-squiggle");
            break;
          }
        }
        b.add(classes, cut - previous);
      }
      previous = cut;
    }
    return b.create();
  }
}
