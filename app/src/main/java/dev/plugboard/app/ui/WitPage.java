package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.editor.ui.WitEditor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/**
 * A {@code .wit} file in the WIT editor. Its problems go to Problems as they change; its outline
 * lives in the Outline tool window; go to definition and rename reach other files through the shell.
 */
final class WitPage extends EditablePage implements Formattable, HasOutline {
  private final WitEditor editor;
  private final Node outline;

  WitPage(Path file, Shell shell) throws IOException {
    super(file);
    this.editor = new WitEditor(file, savedText(), shell.checker());
    this.outline = editor.detachOutline();
    track(editor.area().textProperty());
    editor.problemsProperty().addListener((obs, old, now) -> shell.setProblems(file, Problem.Source.WIT,
        problems(file, Problem.Source.WIT, now)));
    editor.setNavigator(new WitEditor.Navigator() {
      @Override
      public void open(Path target, int offset) {
        shell.openAt(target, offset < 0 ? Location.NONE : new Location.Text(offset, offset, 1, 1));
      }

      @Override
      public void edit(Path target, List<dev.plugboard.editor.PackageIndex.Edit> edits) {
        shell.open(target).thenRun(() -> shell.current(WitPage.class)
            .filter(p -> p.file().equals(target.toAbsolutePath().normalize()) || p.file().equals(target))
            .ifPresentOrElse(p -> p.editor.apply(edits),
                () -> shell.error(shell.relative(target) + ": could not apply the rename there")));
      }
    });
    editor.statusProperty().addListener((obs, old, now) -> shell.status(now));
  }

  WitEditor editor() {
    return editor;
  }

  @Override
  public String id() {
    return "editor";
  }

  @Override
  public String title() {
    return "WIT";
  }

  @Override
  public Node node() {
    return editor.node();
  }

  @Override
  public Node outline() {
    return outline;
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

  @Override
  public boolean format() {
    return editor.format();
  }
}
