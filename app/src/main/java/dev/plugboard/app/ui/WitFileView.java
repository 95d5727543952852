package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.Problem;
import dev.plugboard.editor.ui.WitEditor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.Node;

/** A {@code .wit} file in the WIT editor; its problems go to the Problems panel as they change. */
final class WitFileView extends EditableFileView {
  private final WitEditor editor;

  WitFileView(Path file, Executor checker, Consumer<List<Problem>> problems) throws IOException {
    super(file);
    this.editor = new WitEditor(file, savedText(), checker);
    track(editor.area().textProperty());
    editor.problemsProperty().addListener((obs, old, now) -> problems.accept(now.stream()
        .map(p -> new Problem(file, p.line() + ":" + p.column(), p.message()))
        .toList()));
  }

  WitEditor editor() {
    return editor;
  }

  @Override
  public Node node() {
    return editor.node();
  }

  @Override
  String currentText() {
    return editor.text();
  }

  @Override
  void replaceText(String text) {
    editor.reload(text);
  }
}
