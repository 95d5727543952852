package dev.plugboard.app.ui;

import java.io.IOException;
import java.util.List;

/**
 * Makes one kind of page for the files of the kinds it is registered for in the
 * {@link PageRegistry}. A new view of a file is one new provider (the canvas is a Graph page
 * beside a {@code .wac}'s Text page; the profiler a Profile page of a {@code .wasm}).
 */
public interface PageProvider {
  /** The page's id among the file's pages ({@code text}, {@code graph}, {@code run}, ...). */
  String id();

  /** Whether this file gets the page (a core module has no WIT or Run page). */
  default boolean accepts(PageContext context) {
    return true;
  }

  Page create(PageContext context) throws IOException;

  /**
   * The provider's own actions, registered once with the others (menus, shortcuts, palette);
   * they act on the page shown, found through {@link Shell#currentPage()}.
   */
  default List<Action> actions(Shell shell) {
    return List.of();
  }
}
