package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.FileKind;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The editor tabs: one {@link FileEditor} per open file, made from the {@link PageRegistry}
 * (after the kind's loader has run on the background service); which page is shown; saving,
 * closing with unsaved edits, changes on disk, and going to a {@link Location}.
 */
final class EditorTabs {
  final TabPane editors = new TabPane();
  private final Map<Path, Tab> openTabs = new LinkedHashMap<>();
  private final Map<Tab, FileEditor> fileEditors = new LinkedHashMap<>();
  private final PageRegistry pages;
  private final Shell shell;
  private final Runnable showProblems;
  private final Predicate<Path> hasProblems;
  private final Runnable onPageChanged;

  EditorTabs(PageRegistry pages, Shell shell, Runnable showProblems, Predicate<Path> hasProblems,
      Runnable onPageChanged) {
    this.pages = pages;
    this.shell = shell;
    this.showProblems = showProblems;
    this.hasProblems = hasProblems;
    this.onPageChanged = onPageChanged;
    editors.setId("editor-tabs");
    editors.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    editors.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> onPageChanged.run());
  }

  /** Opens a file on the pages of its kind (loading it in the background first where its kind needs), or selects its tab. */
  CompletableFuture<Void> open(Path file) {
    Path key = file.toAbsolutePath().normalize();
    Tab existing = openTabs.get(key);
    if (existing != null) {
      editors.getSelectionModel().select(existing);
      return CompletableFuture.completedFuture(null);
    }
    FileKind kind = FileKind.of(key);
    List<PageProvider> providers = pages.providers(kind);
    if (providers.isEmpty()) {
      shell.status(shell.relative(key) + ": Plugboard does not open " + kind.label() + "s");
      return CompletableFuture.completedFuture(null);
    }
    Optional<PageRegistry.Loader> loader = pages.loader(kind);
    if (loader.isEmpty()) {
      createTab(key, kind, providers, null);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    shell.background("Opening " + shell.relative(key), p -> loader.get().load(key, p)).whenComplete((model, err) -> {
      try {
        if (err != null) {
          openFailed(key, err);
        } else if (openTabs.containsKey(key)) {
          editors.getSelectionModel().select(openTabs.get(key));
        } else {
          createTab(key, kind, providers, model);
        }
      } finally {
        done.complete(null);
      }
    });
    return done;
  }

  private void openFailed(Path file, Throwable err) {
    Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    switch (cause) {
      case PageRegistry.OpenFailure f -> {
        shell.setProblems(file, Problem.Source.BINARY, f.problems());
        shell.error(shell.relative(file) + ": " + f.getMessage());
        showProblems.run();
      }
      case CancellationException c -> shell.status("Cancelled opening " + shell.relative(file));
      case IOException io -> shell.error(shell.relative(file) + ": cannot open: " + io.getMessage());
      default -> shell.error(shell.relative(file) + ": cannot open: " + cause);
    }
  }

  private void createTab(Path key, FileKind kind, List<PageProvider> providers, Object model) {
    PageContext context = new PageContext(key, kind, shell, model);
    List<Page> made = new ArrayList<>();
    try {
      for (PageProvider p : providers) {
        if (p.accepts(context)) {
          made.add(p.create(context));
        }
      }
    } catch (IOException e) {
      made.forEach(Page::dispose);
      shell.error(shell.relative(key) + ": cannot open: " + e.getMessage());
      return;
    }
    FileEditor editor = new FileEditor(key, kind, made);
    Tab tab = new Tab(key.getFileName().toString(), editor.node());
    tab.setId("tab-" + key.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    tab.setTooltip(new javafx.scene.control.Tooltip(key.toString()));
    editor.dirtyProperty().addListener((obs, was, dirty) -> tab.setText((dirty ? "● " : "") + key.getFileName()));
    tab.setOnCloseRequest(e -> {
      if (editor.dirtyProperty().get() && !confirmDiscardOrSave(editor.pagesWith(Savable.class))) {
        e.consume();
      }
    });
    tab.setOnClosed(e -> {
      openTabs.remove(key);
      fileEditors.remove(tab);
      editor.dispose();
    });
    editor.currentProperty().addListener((o, was, now) -> onPageChanged.run());
    openTabs.put(key, tab);
    fileEditors.put(tab, editor);
    editors.getTabs().add(tab);
    editors.getSelectionModel().select(tab);
    if (hasProblems.test(key)) {
      showProblems.run();
    }
    shell.status("Opened " + shell.relative(key));
  }

  Optional<FileEditor> currentEditor() {
    return Optional.ofNullable(fileEditors.get(editors.getSelectionModel().getSelectedItem()));
  }

  Optional<Page> currentPage() {
    return currentEditor().map(FileEditor::current);
  }

  /** Shows the page of the current file with this id ({@code run}, {@code wit}, ...); false when it has none. */
  boolean showPage(String id) {
    Optional<FileEditor> e = currentEditor();
    Optional<Page> page = e.flatMap(ed -> ed.pages().stream().filter(p -> p.id().equals(id)).findFirst());
    page.ifPresent(p -> e.get().select(p));
    return page.isPresent();
  }

  /** The ids of the current file's pages, in tab order. */
  List<String> currentPageIds() {
    return currentEditor().map(e -> e.pages().stream().map(Page::id).toList()).orElse(List.of());
  }

  List<Path> openFiles() {
    return List.copyOf(openTabs.keySet());
  }

  void saveCurrent() {
    currentEditor().ifPresent(e -> save(e.pagesWith(Savable.class)));
  }

  void saveAll() {
    save(fileEditors.values().stream().flatMap(e -> e.pagesWith(Savable.class).stream()).toList());
  }

  private boolean save(List<Savable> toSave) {
    for (Savable v : toSave) {
      if (!v.dirtyProperty().get()) {
        continue;
      }
      try {
        v.save();
        shell.status("Saved " + shell.relative(v.file()));
      } catch (IOException e) {
        shell.error(shell.relative(v.file()) + ": cannot save: " + e.getMessage() + " (the edits are still in the tab)");
        return false;
      }
    }
    return true;
  }

  /** Opens a problem's file on the page that can show its place, and moves there. */
  CompletableFuture<Void> goTo(Problem p) {
    return openAt(p.file(), p.location());
  }

  CompletableFuture<Void> openAt(Path file, Location location) {
    Path key = file.toAbsolutePath().normalize();
    return open(key).thenRun(() -> {
      FileEditor editor = fileEditors.get(openTabs.get(key));
      if (editor == null || location instanceof Location.None) {
        return;
      }
      editor.find(Navigable.class, n -> n.canShow(location)).ifPresent(page -> {
        editor.select(page);
        page.capability(Navigable.class).orElseThrow().show(location);
      });
    });
  }

  /** Opens {@code file} with the caret at {@code offset} of its text (unless negative). */
  CompletableFuture<Void> openAt(Path file, int offset) {
    return openAt(file, offset < 0 ? Location.NONE : new Location.Text(offset, offset, 1, 1));
  }

  private boolean checkingExternalChanges;

  /** Checks open files against the disk: reloads unchanged tabs, asks before dropping edits. */
  void checkExternalChanges() {
    if (checkingExternalChanges) {
      return; // the question's own dialog moves the focus: do not ask twice
    }
    checkingExternalChanges = true;
    try {
      for (FileEditor editor : List.copyOf(fileEditors.values())) {
        editor.pagesWith(Savable.class).forEach(this::checkDisk);
      }
    } finally {
      checkingExternalChanges = false;
    }
  }

  private void checkDisk(Savable v) {
    switch (v.checkDisk()) {
      case RELOADED -> shell.status("Reloaded " + shell.relative(v.file()) + " (changed on disk)");
      case CONFLICT -> {
        ButtonType reload = new ButtonType("Reload", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep My Edits", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = new Alert(Alert.AlertType.WARNING,
            shell.relative(v.file()) + " changed on disk while it has unsaved edits here.", reload, keep);
        ask.setHeaderText("Reload " + v.file().getFileName() + "?");
        ask.initOwner(shell.window());
        if (ask.showAndWait().orElse(keep) == reload) {
          v.reloadFromDisk();
          shell.status("Reloaded " + shell.relative(v.file()) + "; your edits were dropped");
        } else {
          v.keepEdits();
          shell.status("Kept your edits to " + shell.relative(v.file()) + "; saving will overwrite the disk");
        }
      }
      case UNCHANGED -> { }
    }
  }

  void closeCurrentTab() {
    Tab tab = editors.getSelectionModel().getSelectedItem();
    if (tab == null) {
      return;
    }
    FileEditor editor = fileEditors.get(tab);
    if (editor != null && editor.dirtyProperty().get() && !confirmDiscardOrSave(editor.pagesWith(Savable.class))) {
      return;
    }
    editors.getTabs().remove(tab);
    openTabs.values().remove(tab);
    fileEditors.remove(tab);
    if (editor != null) {
      editor.dispose();
    }
  }

  boolean confirmDiscardOrSave() {
    return confirmDiscardOrSave(fileEditors.values().stream().flatMap(e -> e.pagesWith(Savable.class).stream())
        .toList());
  }

  /** Asks what to do with unsaved edits; false means the user cancelled. */
  private boolean confirmDiscardOrSave(List<Savable> candidates) {
    List<Savable> dirty = candidates.stream().filter(v -> v.dirtyProperty().get()).toList();
    if (dirty.isEmpty()) {
      return true;
    }
    ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
    ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", saveButton, discard, ButtonType.CANCEL);
    alert.initOwner(shell.window());
    alert.setHeaderText(dirty.size() == 1
        ? shell.relative(dirty.getFirst().file()) + " has unsaved changes."
        : dirty.size() + " files have unsaved changes.");
    alert.setContentText("Save them before closing?");
    ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
    if (answer == saveButton) {
      return save(dirty);
    }
    return answer == discard;
  }

  void closeAll() {
    fileEditors.values().forEach(FileEditor::dispose);
    editors.getTabs().clear();
    openTabs.clear();
    fileEditors.clear();
  }
}
