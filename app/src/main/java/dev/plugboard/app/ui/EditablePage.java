package dev.plugboard.app.ui;

import dev.plugboard.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableValue;

/**
 * The base of the pages that edit a text file: unsaved edits tracked against the saved text,
 * atomic saves, changes on disk noticed. Subclasses give the control.
 */
abstract class EditablePage implements Page, Savable, Navigable, Undoable {
  private final Path file;
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
  private String saved;
  private java.nio.file.attribute.FileTime seen;

  EditablePage(Path file) throws IOException {
    this.file = file;
    this.saved = Files.readString(file, StandardCharsets.UTF_8);
    this.seen = modified();
  }

  private java.nio.file.attribute.FileTime modified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Compares the file on disk with what this view last read or saved: a changed file is
   * reloaded when the view has no edits; with edits it is a conflict for the user to decide.
   */
  @Override
  public final DiskState checkDisk() {
    java.nio.file.attribute.FileTime now = modified();
    if (now == null || now.equals(seen)) {
      return DiskState.UNCHANGED;
    }
    String onDisk;
    try {
      onDisk = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return DiskState.UNCHANGED;
    }
    if (onDisk.equals(saved)) {
      seen = now;
      return DiskState.UNCHANGED;
    }
    if (dirty.get()) {
      return DiskState.CONFLICT;
    }
    seen = now;
    saved = onDisk;
    replaceText(onDisk);
    dirty.set(false);
    return DiskState.RELOADED;
  }

  /** Drops the edits and takes the disk's text. */
  @Override
  public final void reloadFromDisk() {
    try {
      saved = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return;
    }
    seen = modified();
    replaceText(saved);
    dirty.set(false);
  }

  /** Keeps the edits; the disk's version is acknowledged so the question is not asked again. */
  @Override
  public final void keepEdits() {
    seen = modified();
  }

  /** Puts the caret at {@code offset} of the text and scrolls there. */
  abstract void moveCaret(int offset);

  @Override
  public final boolean canShow(dev.plugboard.app.workspace.Location location) {
    return location instanceof dev.plugboard.app.workspace.Location.Text;
  }

  @Override
  public final void show(dev.plugboard.app.workspace.Location location) {
    if (location instanceof dev.plugboard.app.workspace.Location.Text t) {
      moveCaret(t.start());
    }
  }

  /** An editor's problems (file-local spans) as Problems entries of {@code source}. */
  static java.util.List<dev.plugboard.app.workspace.Problem> problems(Path file,
      dev.plugboard.app.workspace.Problem.Source source, java.util.List<dev.plugboard.editor.FileDiagnostics.Problem> found) {
    return found.stream().map(p -> new dev.plugboard.app.workspace.Problem(file,
        new dev.plugboard.app.workspace.Location.Text(p.start(), Math.max(p.start(), p.end()), p.line(), p.column()),
        p.message(), source)).toList();
  }

  /** Replaces the view's text (a reload). */
  abstract void replaceText(String text);

  /** The text as it is on disk (as last read or saved). */
  final String savedText() {
    return saved;
  }

  /** Subclasses call this once their control holds the text. */
  final void track(ObservableValue<String> text) {
    text.addListener((obs, old, now) -> dirty.set(!now.equals(saved)));
  }

  @Override
  public abstract String currentText();

  @Override
  public final Path file() {
    return file;
  }

  @Override
  public final ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  @Override
  public final void save() throws IOException {
    String text = currentText();
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    saved = text;
    seen = modified();
    dirty.set(false);
  }
}
