package dev.plugboard.app.ui;

import java.util.Optional;

/** Test access to the shown WIT page's hover text. */
final class WitEditorProbe {
  private WitEditorProbe() {}

  static Optional<String> hover(MainWindow window, int offset) {
    return window.current(WitPage.class).flatMap(p -> p.editor().hoverAt(offset));
  }
}
