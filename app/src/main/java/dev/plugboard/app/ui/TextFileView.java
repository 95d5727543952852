package dev.plugboard.app.ui;

import dev.plugboard.app.settings.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.control.TextArea;

/**
 * A plain text editor for WIT, WAC and other text files (the language-aware WIT editor
 * replaces it for {@code .wit} files). Tracks unsaved edits against the saved text.
 */
final class TextFileView implements FileView {
  private final Path file;
  private final TextArea area = new TextArea();
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
  private String saved;

  TextFileView(Path file) throws IOException {
    this.file = file;
    this.saved = Files.readString(file, StandardCharsets.UTF_8);
    area.setText(saved);
    area.getStyleClass().add("source-text");
    area.setId("text-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    area.textProperty().addListener((obs, old, now) -> dirty.set(!now.equals(saved)));
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public Node node() {
    return area;
  }

  TextArea textArea() {
    return area;
  }

  @Override
  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  @Override
  public void save() throws IOException {
    String text = area.getText();
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    saved = text;
    dirty.set(false);
  }
}
