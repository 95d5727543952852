package dev.plugboard.app.ui;

import java.util.Optional;

/** A page with an edit history: Edit › Undo and Redo go to the page shown. */
public interface Undoable {
  void undo();

  void redo();

  /** The name of the step Undo would take back ("Wire shout.text → greeter"), when the history names its steps. */
  default Optional<String> undoName() {
    return Optional.empty();
  }

  /** The name of the step Redo would make again, when the history names its steps. */
  default Optional<String> redoName() {
    return Optional.empty();
  }
}
