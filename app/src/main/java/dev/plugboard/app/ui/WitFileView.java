package dev.plugboard.app.ui;

import dev.plugboard.app.settings.AtomicFiles;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.editor.ui.WitEditor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;

/** A {@code .wit} file in the WIT editor; its problems go to the Problems panel as they change. */
final class WitFileView implements FileView {
  private final Path file;
  private final WitEditor editor;
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
  private String saved;

  WitFileView(Path file, Executor checker, Consumer<List<Problem>> problems) throws IOException {
    this.file = file;
    this.saved = Files.readString(file, StandardCharsets.UTF_8);
    this.editor = new WitEditor(file, saved, checker);
    editor.area().textProperty().addListener((obs, old, now) -> dirty.set(!now.equals(saved)));
    editor.problemsProperty().addListener((obs, old, now) -> problems.accept(now.stream()
        .map(p -> new Problem(file, p.line() + ":" + p.column(), p.message()))
        .toList()));
  }

  WitEditor editor() {
    return editor;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public Node node() {
    return editor.node();
  }

  @Override
  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  @Override
  public void save() throws IOException {
    String text = editor.text();
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    saved = text;
    dirty.set(false);
  }
}
