package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.FileKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The content of one editor tab: a file's pages, as page tabs when there are several (a
 * {@code .wasm}: Overview | WIT | Sections | Run) or the page alone. Knows which page is shown
 * and whether any page has unsaved edits.
 */
final class FileEditor {
  private final Path file;
  private final List<Page> pages;
  private final TabPane tabs;
  private final ReadOnlyObjectWrapper<Page> current = new ReadOnlyObjectWrapper<>();
  private final BooleanBinding dirty;

  FileEditor(Path file, FileKind kind, List<Page> pages) {
    this.file = file;
    this.pages = List.copyOf(pages);
    current.set(pages.getFirst());
    if (pages.size() == 1) {
      tabs = null;
    } else {
      tabs = new TabPane();
      tabs.setId(kind.name().toLowerCase(java.util.Locale.ROOT) + "-pages");
      tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
      tabs.getStyleClass().add("file-pages");
      // a page's controls are made when its tab is first shown: opening a file builds (and styles) one page
      for (Page p : pages) {
        Tab t = new Tab(p.title(), p == pages.getFirst() ? p.node() : null);
        t.setId("page-" + p.id());
        t.setUserData(p);
        tabs.getTabs().add(t);
      }
      tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
        if (now != null) {
          if (now.getContent() == null) {
            now.setContent(((Page) now.getUserData()).node());
          }
          current.set((Page) now.getUserData());
          current.get().activated();
        }
      });
    }
    dirty = Bindings.createBooleanBinding(() -> pages.stream().anyMatch(p -> p.capability(Savable.class)
        .map(s -> s.dirtyProperty().get()).orElse(false)),
        pages.stream().flatMap(p -> p.capability(Savable.class).stream()).map(Savable::dirtyProperty)
            .toArray(javafx.beans.Observable[]::new));
  }

  Path file() {
    return file;
  }

  Node node() {
    return tabs != null ? tabs : pages.getFirst().node();
  }

  List<Page> pages() {
    return pages;
  }

  Page current() {
    return current.get();
  }

  ReadOnlyObjectProperty<Page> currentProperty() {
    return current.getReadOnlyProperty();
  }

  BooleanBinding dirtyProperty() {
    return dirty;
  }

  void select(Page page) {
    if (tabs != null) {
      tabs.getTabs().stream().filter(t -> t.getUserData() == page).findFirst()
          .ifPresent(t -> tabs.getSelectionModel().select(t));
    }
  }

  /** The pages with a capability, in tab order. */
  <T> List<T> pagesWith(Class<T> capability) {
    return pages.stream().flatMap(p -> p.capability(capability).stream()).toList();
  }

  /** The first page with {@code capability} for which {@code test} holds. */
  <T> Optional<Page> find(Class<T> capability, java.util.function.Predicate<T> test) {
    return pages.stream().filter(p -> p.capability(capability).filter(test).isPresent()).findFirst();
  }

  void dispose() {
    pages.forEach(Page::dispose);
  }
}
