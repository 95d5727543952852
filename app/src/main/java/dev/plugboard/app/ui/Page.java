package dev.plugboard.app.ui;

import java.util.Optional;
import javafx.scene.Node;

/**
 * One view of an open file: a {@code .wasm} offers Overview, WIT, Sections and Run; a
 * {@code .wac} its Text (and, with the canvas, Graph); a {@code .wit} its editor. What a page can
 * do is said by the capabilities it has ({@link Navigable}, {@link Undoable}, {@link Formattable},
 * {@link Savable}, {@link HasOutline}), asked for with {@link #capability}; the shell never
 * tests for page classes.
 */
public interface Page {
  /** A stable id within the file's pages ({@code overview}, {@code text}, {@code run}, ...). */
  String id();

  /** The page tab's title. */
  String title();

  Node node();

  /** Called each time the page becomes the one shown (a Run page loads its component then). */
  default void activated() {}

  /** Called once when the file's tab closes. */
  default void dispose() {}

  /**
   * This page as {@code type}, if it has that capability. The default answers by the interfaces
   * the page implements; a page may hand out a helper object instead.
   */
  default <T> Optional<T> capability(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }
}
