package dev.plugboard.editor.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * The popup that hovering shows (a problem's message, a symbol's declaration). A popup is a
 * window of its own: it sees neither the editor's style sheet nor the theme's colours defined
 * on the main scene's {@code .root}, so the box carries both (the {@code root} class makes the
 * theme define its looked-up colours here), and reads well in the light and dark themes.
 */
final class HoverBox {
  final Popup popup = new Popup();
  final Label label = new Label();
  final VBox box = new VBox(label);

  HoverBox() {
    label.setId("hover-text");
    label.getStyleClass().add("wit-hover");
    label.setWrapText(true);
    label.setMaxWidth(560);
    box.getStyleClass().addAll("root", "wit-hover-box");
    box.getStylesheets().add(HoverBox.class.getResource("wit-editor.css").toExternalForm());
    popup.getContent().add(box);
  }

  void show(javafx.scene.Node owner, String text, double screenX, double screenY) {
    label.setText(text);
    if (owner.getScene() != null && owner.getScene().getWindow() != null) {
      popup.show(owner, screenX, screenY);
    }
  }
}
