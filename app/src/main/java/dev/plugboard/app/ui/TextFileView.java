package dev.plugboard.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.TextArea;

/** A plain text editor for WAC and other text files ({@code .wit} files get the WIT editor). */
final class TextFileView extends EditableFileView {
  private final TextArea area = new TextArea();

  TextFileView(Path file) throws IOException {
    super(file);
    area.setText(savedText());
    area.getStyleClass().add("source-text");
    area.setId("text-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    track(area.textProperty());
  }

  @Override
  public Node node() {
    return area;
  }

  @Override
  String currentText() {
    return area.getText();
  }

  @Override
  void replaceText(String text) {
    area.setText(text);
  }
}
