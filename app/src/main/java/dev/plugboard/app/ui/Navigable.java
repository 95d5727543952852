package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.Location;

/** A page that can show a place in its file: a text span, or a byte offset of a binary. */
public interface Navigable {
  /** Whether this page can show {@code location} (a text page shows spans, the Sections page byte offsets). */
  boolean canShow(Location location);

  /** Moves the caret or selection to {@code location} and scrolls it into view. */
  void show(Location location);
}
