package dev.plugboard.app.ui;

/** A page with an edit history: Edit › Undo and Redo go to the page shown. */
public interface Undoable {
  void undo();

  void redo();
}
