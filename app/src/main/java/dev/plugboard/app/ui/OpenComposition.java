package dev.plugboard.app.ui;

import dev.plugboard.app.work.WacComposition;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.CompositionProblem;
import dev.plugboard.compose.Sidecar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * An open {@code .wac} file: the one {@link CompositionDocument} that its Graph and Text pages
 * both edit, loaded off the FX thread by the WAC kind's loader and handed to the pages through
 * their {@link PageContext}. It is the pages' {@link Savable} (the text and the layout sidecar,
 * saved together, atomically; dirty while either differs from what is on disk) and their
 * {@link Undoable} (the document's one history, each step named in the status bar), and it puts
 * the document's problems in Problems as the WAC source.
 */
final class OpenComposition implements Savable, Undoable {
  private final Path file;
  private final CompositionDocument doc;
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
  private String savedText;
  private Sidecar savedLayout;
  private FileTime seen;
  private Shell shell;

  private OpenComposition(Path file, CompositionDocument doc) {
    this.file = file;
    this.doc = doc;
    this.savedText = doc.text();
    this.savedLayout = doc.layout();
    this.seen = modified();
    doc.onChange(r -> changed());
  }

  /** The WAC kind's loader: reads the document with the packages of {@code deps/} beside it. */
  static OpenComposition load(Path file, dev.plugboard.app.work.Progress progress) throws IOException {
    progress.step("Reading " + file.getFileName(), 0.2);
    return new OpenComposition(file, WacComposition.open(file));
  }

  /** Called by each page as it is made (on the FX thread): the first one lists the problems. */
  void attach(Shell owner) {
    if (shell == null) {
      shell = owner;
      publishProblems();
    }
  }

  CompositionDocument document() {
    return doc;
  }

  private void changed() {
    dirty.set(!doc.text().equals(savedText) || !doc.layout().equals(savedLayout));
    publishProblems();
  }

  private void publishProblems() {
    if (shell != null) {
      shell.setProblems(file, Problem.Source.WAC, doc.problems().stream().map(this::problem).toList());
    }
  }

  /** A document problem as a Problems entry: its span as a typed text location. */
  Problem problem(CompositionProblem p) {
    String text = doc.text();
    Location where = p.span().isNone() || p.span().start() > text.length() ? Location.NONE
        : Location.text(text, p.span().start(), Math.min(text.length(), Math.max(p.span().end(), p.span().start() + 1)));
    return new Problem(file, where, p.message(), Problem.Source.WAC);
  }

  // ---- Undoable ---------------------------------------------------------------------------

  @Override
  public java.util.Optional<String> undoName() {
    return doc.undoDescription();
  }

  @Override
  public java.util.Optional<String> redoName() {
    return doc.redoDescription();
  }

  @Override
  public void undo() {
    var step = doc.undoDescription();
    doc.undo();
    status(step.map(s -> "Undo " + s).orElse("Nothing to undo"));
  }

  @Override
  public void redo() {
    var step = doc.redoDescription();
    doc.redo();
    status(step.map(s -> "Redo " + s).orElse("Nothing to redo"));
  }

  private void status(String message) {
    if (shell != null) {
      shell.status(message);
    }
  }

  // ---- Savable ----------------------------------------------------------------------------

  @Override
  public Path file() {
    return file;
  }

  @Override
  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  @Override
  public void save() throws IOException {
    doc.save(file);
    savedText = doc.text();
    savedLayout = doc.layout();
    seen = modified();
    dirty.set(false);
  }

  @Override
  public String currentText() {
    return doc.text();
  }

  @Override
  public DiskState checkDisk() {
    FileTime now = modified();
    if (now == null || now.equals(seen)) {
      return DiskState.UNCHANGED;
    }
    String onDisk = readDisk();
    if (onDisk == null || onDisk.equals(savedText)) {
      seen = now;
      return DiskState.UNCHANGED;
    }
    if (dirty.get()) {
      return DiskState.CONFLICT;
    }
    take(onDisk, now);
    return DiskState.RELOADED;
  }

  @Override
  public void reloadFromDisk() {
    String onDisk = readDisk();
    if (onDisk != null) {
      take(onDisk, modified());
    }
  }

  @Override
  public void keepEdits() {
    seen = modified();
  }

  /** The disk's text becomes the document's (one undoable step) and the saved state. */
  private void take(String onDisk, FileTime when) {
    seen = when;
    savedText = onDisk;
    doc.setText(onDisk);
    changed();
  }

  private String readDisk() {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** The document's problems on a node whose span starts where {@code at} does (a Problems entry's place). */
  List<CompositionProblem> onNodes(Location.Text at) {
    return doc.problems().stream().filter(p -> p.node() != null && !p.span().isNone()
        && p.span().start() == at.start()).toList();
  }
}
