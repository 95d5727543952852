package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.FileKind;
import java.nio.file.Path;

/**
 * What a {@link PageProvider} gets to make a page: the file, the shell, and the file's model
 * when its kind has a loader (a {@code .wasm}'s inspection, loaded off the FX thread before any
 * page is made), shared by all the file's pages.
 */
public record PageContext(Path file, FileKind kind, Shell shell, Object model) {
  /** The loaded model as {@code type}; fails when the kind's loader made something else. */
  public <T> T model(Class<T> type) {
    return type.cast(model);
  }
}
