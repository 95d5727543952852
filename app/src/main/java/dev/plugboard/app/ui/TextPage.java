package dev.plugboard.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.TextArea;

/** A plain text file (Markdown, JSON, WAT, ...): a text area. */
final class TextPage extends EditablePage {
  private final TextArea area = new TextArea();

  TextPage(Path file) throws IOException {
    super(file);
    area.setText(savedText());
    area.getStyleClass().add("source-text");
    area.setId("text-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    track(area.textProperty());
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
    return area;
  }

  @Override
  public String currentText() {
    return area.getText();
  }

  @Override
  void replaceText(String text) {
    area.setText(text);
  }

  @Override
  void moveCaret(int offset) {
    area.positionCaret(Math.min(offset, area.getLength()));
    area.requestFocus();
  }

  @Override
  public void undo() {
    area.undo();
  }

  @Override
  public void redo() {
    area.redo();
  }
}
