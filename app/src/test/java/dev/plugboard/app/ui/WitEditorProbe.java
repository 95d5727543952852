package dev.plugboard.app.ui;

import java.util.Optional;

/** Test access to the selected WIT editor's hover text. */
final class WitEditorProbe {
  private WitEditorProbe() {}

  static Optional<String> hover(MainWindow window, int offset) {
    return window.currentView().filter(v -> v instanceof WitFileView).map(v -> ((WitFileView) v).editor())
        .flatMap(e -> e.hoverAt(offset));
  }
}
