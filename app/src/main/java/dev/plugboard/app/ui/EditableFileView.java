package dev.plugboard.app.ui;

import dev.plugboard.app.settings.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableValue;

/** A text file open for editing: unsaved edits tracked against the saved text, atomic saves. */
abstract class EditableFileView implements FileView {
  private final Path file;
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
  private String saved;

  EditableFileView(Path file) throws IOException {
    this.file = file;
    this.saved = Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The text as it is on disk (as last read or saved). */
  final String savedText() {
    return saved;
  }

  /** Subclasses call this once their control holds the text. */
  final void track(ObservableValue<String> text) {
    text.addListener((obs, old, now) -> dirty.set(!now.equals(saved)));
  }

  abstract String currentText();

  @Override
  public final Path file() {
    return file;
  }

  @Override
  public final ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  @Override
  public final void save() throws IOException {
    String text = currentText();
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    saved = text;
    dirty.set(false);
  }
}
