package dev.plugboard.app.ui;

import dev.plugboard.app.work.WacComposition;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.compose.WacHighlighting;
import dev.plugboard.editor.FileDiagnostics;
import dev.plugboard.editor.Highlighting;
import dev.plugboard.editor.ui.CodeEditor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/**
 * The Text page of a {@code .wac} document: the WIT editor's machinery (line numbers,
 * highlighting, squiggles with hover) with the WAC reader as its checker, so a document that
 * does not compose says where as you type; its problems go to Problems.
 */
final class WacTextPage extends EditablePage {
  private final CodeEditor editor;

  WacTextPage(Path file, Shell shell) throws IOException {
    super(file);
    editor = new CodeEditor(file, savedText(), shell.checker(), new CodeEditor.Language() {
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
    editor.area().setId("wac-editor-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    track(editor.area().textProperty());
    editor.problemsProperty().addListener((obs, old, now) -> shell.setProblems(file, Problem.Source.WAC,
        problems(file, Problem.Source.WAC, now)));
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
  public String currentText() {
    return editor.text();
  }

  @Override
  void replaceText(String text) {
    editor.reload(text);
  }

  @Override
  void moveCaret(int offset) {
    editor.moveCaret(offset);
  }

  @Override
  public void undo() {
    editor.area().undo();
  }

  @Override
  public void redo() {
    editor.area().redo();
  }
}
