package dev.plugboard.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;

/** A page that edits its file: unsaved edits are tracked, saved atomically, and checked against the disk. */
public interface Savable {
  Path file();

  /** True while the page holds edits not yet saved. */
  ReadOnlyBooleanProperty dirtyProperty();

  /** Writes the edits to disk, atomically. */
  void save() throws IOException;

  /** The text as edited (unsaved edits included). */
  String currentText();

  /** What {@link #checkDisk} found. */
  enum DiskState { UNCHANGED, RELOADED, CONFLICT }

  /** Compares the file on disk with what the page last read or saved; reloads when it has no edits. */
  DiskState checkDisk();

  /** Drops the edits and takes the disk's text. */
  void reloadFromDisk();

  /** Keeps the edits; the disk's version is acknowledged so the question is not asked again. */
  void keepEdits();
}
