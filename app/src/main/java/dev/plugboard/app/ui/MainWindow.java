package dev.plugboard.app.ui;

import dev.plugboard.app.settings.Settings;
import dev.plugboard.app.settings.Settings.Side;
import dev.plugboard.app.settings.Settings.Theme;
import dev.plugboard.app.settings.SettingsStore;
import dev.plugboard.app.shell.ConsoleCapture;
import dev.plugboard.app.work.Work;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.app.workspace.SampleWorkspace;
import dev.plugboard.app.workspace.Workspace;
import dev.plugboard.runtime.Compilations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fxmisc.richtext.StyledTextArea;

/**
 * The IDE's window: a thin shell over its registries. Files open on the pages the
 * {@link PageRegistry} gives their kind; commands are {@link Action}s of the
 * {@link ActionRegistry} (menus, toolbar, shortcuts, command palette); Problems, Console,
 * Outline and Run history are {@link ToolWindows}; long work goes to {@link BackgroundWork}.
 * Shows the welcome page while no workspace is open. Remembers its bounds, theme, workspaces
 * and tool window layout between runs.
 */
public final class MainWindow implements Shell {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final List<String> MENUS = List.of("File", "Edit", "View", "Run", "Help");

  private final Stage stage;
  private final SettingsStore store;
  private Settings settings;
  private Prompts prompts;

  private final PageRegistry pages;
  private final ActionRegistry actions = new ActionRegistry();
  private final ToolWindows toolWindows;
  private final BackgroundWork work = new BackgroundWork();
  private final ExecutorService checker = singleThread("plugboard-checker");
  private final ExecutorService runner = singleThread("plugboard-runner");

  private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>();
  private final WorkspaceTree tree = new WorkspaceTree(workspace.getReadOnlyProperty(), this::error);
  private final EditorTabs tabs;
  private final NewFileActions newFiles = new NewFileActions(this);
  private final ObservableList<Problem> problems = FXCollections.observableArrayList();
  private final ObservableList<RunHistory.Entry> runHistory = FXCollections.observableArrayList();
  private final ListView<Problem> problemList = new ListView<>(problems);
  private final ConsoleView console = new ConsoleView();
  private final BorderPane outlineHolder = new BorderPane();
  private final ProfilerTool profiler = new ProfilerTool();
  private final Label status = new Label("Ready");
  private final Label statusWorkspace = new Label();
  private final BorderPane frame = new BorderPane();
  private final SplitPane workArea;
  private final WelcomePage welcome;
  private final CommandPalette palette = new CommandPalette(actions::all);
  private final ConsoleCapture capture;
  private final Runnable stopWatchingCompilations;

  MainWindow(Stage stage, SettingsStore store) {
    this(stage, store, StandardPages.registry());
  }

  MainWindow(Stage stage, SettingsStore store, PageRegistry pages) {
    this.stage = stage;
    this.store = store;
    this.pages = pages;
    this.settings = store.load();
    this.prompts = Prompts.dialogs(stage);
    Themes.apply(settings.theme());

    tabs = new EditorTabs(pages, this, () -> toolWindows().show("problems"),
        file -> problems.stream().anyMatch(p -> p.file().equals(file)), this::pageChanged);
    StackPane editorArea = new StackPane(tabs.editors, emptyHint());
    toolWindows = new ToolWindows(editorArea);
    registerActions();
    registerToolWindows();
    welcome = new WelcomePage(actions, this::openWorkspace);

    tree.view.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
        openSelected();
      }
    });
    tree.view.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        openSelected();
      }
    });
    workArea = new SplitPane(tree.view, toolWindows.node());
    // the tree keeps its share when the window is resized: a small window still leaves the editors room
    SplitProportions.keep(workArea, 0.22);

    MenuBar menuBar = actions.menuBar(MENUS);
    nameUndoSteps(menuBar);
    menuBar.setUseSystemMenuBar(true);
    menuBar.setId("menu-bar");
    frame.setId("main-window");
    frame.setTop(new VBox(menuBar, actions.toolBar(List.of("file.open-folder", "file.open-file", "file.save",
        "run.compose", "view.palette"))));
    frame.setBottom(statusBar());
    showWelcome();

    StackPane root = new StackPane(frame, palette.layer);
    Scene scene = new Scene(root);
    scene.getStylesheets().add(MainWindow.class.getResource("plugboard.css").toExternalForm());
    actions.bindUnlisted(scene);
    stage.setScene(scene);
    stage.setTitle("Plugboard");
    stage.getIcons().setAll(java.util.stream.IntStream.of(16, 32, 64, 128)
        .mapToObj(size -> new javafx.scene.image.Image(
            MainWindow.class.getResource("icon-" + size + ".png").toExternalForm()))
        .toList());
    WindowChrome.restoreBounds(stage, settings.window());
    stage.setOnCloseRequest(e -> {
      if (!tabs.confirmDiscardOrSave()) {
        e.consume();
      } else {
        rememberState();
      }
    });
    store.warning().ifPresent(this::log);
    stage.focusedProperty().addListener((obs, was, focused) -> {
      if (focused) {
        checkExternalChanges();
      }
    });
    capture = ConsoleCapture.install(this::log);
    stopWatchingCompilations = Compilations.subscribe(c -> Platform.runLater(() -> watch(c)));
  }

  /** A big core module compiling in the background: shown in the status bar, logged when done. */
  private void watch(Compilations.Compilation c) {
    long start = System.nanoTime();
    String size = String.format(java.util.Locale.ROOT, "%.1f MB", c.bytes() / 1e6);
    work.watch("Compiling " + c.module() + " (" + size + "), interpreted until done", c.done())
        .whenComplete((done, failure) -> {
          if (failure == null) {
            log(String.format(java.util.Locale.ROOT, "compiled %s (%s) in %.1f s; kept for later runs", c.module(),
                size, (System.nanoTime() - start) / 1e9));
          } else if (!(failure instanceof java.util.concurrent.CancellationException)) {
            // Cancel only stops the status bar's watch; the compilation goes on
            log("compiling " + c.module() + " failed: it runs interpreted");
          }
        });
  }

  private static ExecutorService singleThread(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  void show() {
    stage.show();
  }

  /** Stops the watcher and the background services, and gives Chicory's output back to the terminal. */
  void dispose() {
    tree.close();
    work.shutdown();
    checker.shutdownNow();
    runner.shutdownNow();
    capture.close();
    stopWatchingCompilations.run();
  }

  // ---- registries ---------------------------------------------------------------------

  public ActionRegistry actions() {
    return actions;
  }

  public ToolWindows toolWindows() {
    return toolWindows;
  }

  public PageRegistry pages() {
    return pages;
  }

  /** Replaces the dialogs that ask for folders, files and names (tests answer them directly). */
  public void setPrompts(Prompts prompts) {
    this.prompts = prompts;
  }

  private void registerActions() {
    List<Action> list = new ArrayList<>(StandardActions.of(this, tabs, newFiles));
    for (PageProvider p : pages.all()) {
      list.addAll(p.actions(this));
    }
    actions.registerAll(StandardActions.inMenuOrder(list, MENUS));
  }


  private void registerToolWindows() {
    problemList.setId("problems");
    problemList.setPlaceholder(new Label("No problems."));
    problemList.setOnMouseClicked(e -> {
      Problem p = problemList.getSelectionModel().getSelectedItem();
      if (p != null && e.getClickCount() == 2) {
        goTo(p);
      }
    });
    problemList.setOnKeyPressed(e -> {
      Problem p = problemList.getSelectionModel().getSelectedItem();
      if (p != null && e.getCode() == KeyCode.ENTER) {
        goTo(p);
      }
    });
    outlineHolder.setId("outline");
    Map<String, Settings.ToolWindowState> saved = settings.toolWindows();
    List<ToolWindow> list = List.of(
        new ToolWindow("problems", "Problems", Side.BOTTOM, "Shortcut+Shift+M", problemList),
        new ToolWindow("console", "Console", Side.BOTTOM, "Shortcut+Shift+U", console.node()),
        new ToolWindow("run-history", "Run History", Side.BOTTOM, "Shortcut+Shift+H", RunHistory.view(runHistory)),
        new ToolWindow("outline", "Outline", Side.RIGHT, "Shortcut+Shift+L", outlineHolder),
        new ToolWindow("profiler", "Profiler", Side.BOTTOM, "Shortcut+Shift+R", profiler.node()));
    for (ToolWindow w : list) {
      toolWindows.register(w, saved.get(w.id()));
      actions.register(Action.of("view.tool." + w.id(), w.title() + " Tool Window", "View", "tools", w.accelerator(),
          () -> toolWindows.toggle(w.id())));
    }
    toolWindows.onChange(() -> {
      toolWindows.layout().forEach((id, s) -> settings = settings.withToolWindow(id, s));
      persist();
    });
    problems.addListener((ListChangeListener<Problem>) c -> toolWindows.tab("problems")
        .setText(problems.isEmpty() ? "Problems" : "Problems (" + problems.size() + ")"));
    showOutline();
  }

  private Node emptyHint() {
    Label hint = new Label("Open a file from the workspace tree, or find any action with "
        + "Ctrl+Shift+P (File › Open File… opens one from anywhere).");
    hint.setWrapText(true);
    hint.setId("editor-hint");
    hint.getStyleClass().add("placeholder");
    hint.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(tabs.editors.getTabs()));
    hint.setMouseTransparent(true);
    hint.setMaxWidth(420);
    return hint;
  }

  private HBox statusBar() {
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    status.setId("status");
    statusWorkspace.setId("status-workspace");
    HBox bar = new HBox(status, spacer, work.node, statusWorkspace);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  // ---- workspace ----------------------------------------------------------------------

  /** Opens {@code requested}, else the last workspace; with neither, the welcome page. */
  /** Edit › Undo and Redo say which step they take ("Undo Wire shout.text → greeter") when the page's history names it. */
  private void nameUndoSteps(MenuBar menuBar) {
    for (var menu : menuBar.getMenus()) {
      if (!"menu-edit".equals(menu.getId())) {
        continue;
      }
      menu.setOnShowing(e -> {
        Optional<Undoable> history = current(Undoable.class);
        for (var item : menu.getItems()) {
          if ("action-edit-undo".equals(item.getId())) {
            item.setText(history.flatMap(Undoable::undoName).map(n -> "Undo " + n).orElse("Undo"));
          } else if ("action-edit-redo".equals(item.getId())) {
            item.setText(history.flatMap(Undoable::redoName).map(n -> "Redo " + n).orElse("Redo"));
          }
        }
      });
    }
  }

  void openInitialWorkspace(Path requested) {
    if (requested != null) {
      openWorkspace(requested);
      return;
    }
    String last = settings.lastWorkspace();
    if (last != null && Files.isDirectory(Path.of(last))) {
      openWorkspace(Path.of(last));
    } else if (last == null && settings.recentWorkspaces().isEmpty()) {
      // The very first start opens the bundled sample, so there is something to look at and run;
      // the welcome page is for later, when no workspace is open.
      openSampleWorkspace();
    } else {
      showWelcome();
    }
  }

  private void showWelcome() {
    welcome.showRecent(settings.recentWorkspaces());
    frame.setCenter(welcome.node());
    stage.setTitle("Plugboard");
    statusWorkspace.setText("");
  }

  /** Whether the welcome page is shown (no workspace open). */
  public boolean welcomeShown() {
    return frame.getCenter() == welcome.node();
  }

  public void openSampleWorkspace() {
    try {
      Workspace sample = SampleWorkspace.unpack(store.directory().resolve("sample-workspace"));
      openWorkspace(sample.root());
    } catch (IOException e) {
      error("cannot unpack the sample workspace: " + e.getMessage());
    }
  }

  public void openWorkspace(Path folder) {
    if (!tabs.confirmDiscardOrSave()) {
      return;
    }
    tabs.closeAll();
    problems.clear();
    Workspace ws = new Workspace(folder);
    workspace.set(ws);
    settings = settings.withLastWorkspace(ws.root().toString());
    persist();
    tree.show(ws);
    frame.setCenter(workArea);
    stage.setTitle(ws.name() + " — Plugboard");
    statusWorkspace.setText(ws.root().toString());
    log("opened workspace " + ws.root());
    status("Workspace " + ws.name());
  }

  void closeWorkspace() {
    if (!tabs.confirmDiscardOrSave()) {
      return;
    }
    tabs.closeAll();
    problems.clear();
    tree.close();
    workspace.set(null);
    settings = settings.withLastWorkspace(null);
    persist();
    showWelcome();
  }

  public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
    return workspace.getReadOnlyProperty();
  }

  void chooseWorkspace() {
    Workspace current = workspace.get();
    prompts.folder("Open Folder", current == null ? null : current.root().getParent()).ifPresent(this::openWorkspace);
  }

  void chooseFile() {
    Workspace current = workspace.get();
    prompts.file("Open File", current == null ? null : current.root()).ifPresent(this::open);
  }

  @Override
  public void refreshTree() {
    tree.refresh();
  }

  // ---- files (EditorTabs) ------------------------------------------------------------

  /** Opens a file on the pages of its kind (loading it in the background first where its kind needs), or selects its tab. */
  @Override
  public CompletableFuture<Void> open(Path file) {
    return tabs.open(file);
  }

  @Override
  public CompletableFuture<Void> openAt(Path file, Location location) {
    return tabs.openAt(file, location);
  }

  /** Opens {@code file} with the caret at {@code offset} of its text (unless negative). */
  public CompletableFuture<Void> openAt(Path file, int offset) {
    return tabs.openAt(file, offset);
  }

  /** Opens a problem's file on the page that can show its place, and moves there. */
  public CompletableFuture<Void> goTo(Problem p) {
    return tabs.goTo(p);
  }

  @Override
  public void profiled(Path file, dev.plugboard.profile.Profile profile) {
    profiler.update(file, profile);
  }

  ProfilerTool profiler() {
    return profiler;
  }

  @Override
  public Optional<Page> currentPage() {
    return tabs.currentPage();
  }

  /** Shows the page of the current file with this id ({@code run}, {@code wit}, ...); false when it has none. */
  public boolean showPage(String id) {
    return tabs.showPage(id);
  }

  /** The ids of the current file's pages, in tab order. */
  public List<String> currentPageIds() {
    return tabs.currentPageIds();
  }

  public List<Path> openFiles() {
    return tabs.openFiles();
  }

  /** Checks open files against the disk: reloads unchanged tabs, asks before dropping edits. */
  public void checkExternalChanges() {
    tabs.checkExternalChanges();
  }

  /** Creates a WIT package {@code folder/NAME/NAME.wit} and opens it (the folder becomes the workspace if none is open). */
  public CompletableFuture<Path> newWitPackage(Path folder, String name) {
    return newFiles.newWitPackage(folder, name);
  }

  /** Creates {@code folder/NAME/NAME.wat} and {@code NAME.wit}, opens the WAT and builds the component beside it. */
  public CompletableFuture<Path> newComponent(Path folder, String name) {
    return newFiles.newComponent(folder, name);
  }

  @Override
  public Prompts prompts() {
    return prompts;
  }


  void openSelected() {
    var selected = tree.view.getSelectionModel().getSelectedItem();
    if (WorkspaceTree.isFile(selected)) {
      open(selected.getValue());
    }
  }

  /** The shown page changed (another tab or page): the outline follows, the tree selects the file. */
  private void pageChanged() {
    showOutline();
    tabs.currentEditor().ifPresent(e -> {
      tree.reveal(e.file());
      profiler.follow(e.file());
      e.current().activated();
    });
  }

  private void showOutline() {
    Optional<javafx.scene.Node> outline = current(HasOutline.class).map(HasOutline::outline);
    if (outline.isPresent()) {
      outlineHolder.setCenter(outline.get());
    } else {
      Label none = new Label("The page shown has no outline.");
      none.getStyleClass().add("placeholder");
      none.setWrapText(true);
      none.setPadding(new javafx.geometry.Insets(12));
      outlineHolder.setCenter(none);
    }
  }

  /** Run › Compose WAC File (the action the WAC Text page's provider registers). */
  public void composeCurrent() {
    actions.run("run.compose");
  }

  /** Edit › Format Document: the canonical layout of the page shown, keeping comments and the caret. */
  public void formatDocument() {
    current(Formattable.class).ifPresentOrElse(f -> {
      String name = current(Savable.class).map(s -> relative(s.file())).orElse("the page");
      status(f.format() ? "Formatted " + name : name + ": cannot format while the file has syntax errors");
    }, () -> status("Format Document works on WIT files"));
  }

  /** Applies an edit action to whichever text control has the focus: a plain one or a code area. */
  void onFocusedText(java.util.function.Consumer<TextInputControl> plain,
      java.util.function.Consumer<StyledTextArea<?, ?>> code) {
    switch (stage.getScene().getFocusOwner()) {
      case TextInputControl text -> plain.accept(text);
      case StyledTextArea<?, ?> area -> code.accept(area);
      case null, default -> { }
    }
  }

  // ---- Shell --------------------------------------------------------------------------

  @Override
  public void setProblems(Path file, Problem.Source source, List<Problem> found) {
    Path key = file.toAbsolutePath().normalize();
    problems.removeIf(p -> p.file().equals(key) && p.source() == source);
    problems.addAll(found);
  }

  @Override
  public <T> CompletableFuture<T> background(String title, Work<T> task) {
    return work.submit(title, task);
  }

  /** Whether background work is running. */
  public boolean busy() {
    return work.busy();
  }

  @Override
  public Executor checker() {
    return r -> submitUnlessClosed(checker, r);
  }

  @Override
  public Executor runner() {
    return r -> submitUnlessClosed(runner, r);
  }

  /** Work handed in after the window closed (an editor's last check) is dropped, not an error. */
  private static void submitUnlessClosed(ExecutorService service, Runnable r) {
    if (!service.isShutdown()) {
      try {
        service.execute(r);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // the window closed meanwhile
      }
    }
  }

  @Override
  public ObservableList<RunHistory.Entry> runHistory() {
    return runHistory;
  }

  @Override
  public Window window() {
    return stage;
  }

  // ---- state, messages ----------------------------------------------------------------

  void setTheme(Theme theme) {
    Themes.apply(theme);
    settings = settings.withTheme(theme);
    persist();
  }

  /** Records the window bounds and workspace in the settings file. */
  void rememberState() {
    settings = settings.withWindow(WindowChrome.boundsOf(stage, settings.window()));
    persist();
  }

  private void persist() {
    try {
      store.save(settings);
    } catch (IOException e) {
      log("cannot save settings to " + store.file() + ": " + e.getMessage());
    }
  }

  void quit() {
    if (tabs.confirmDiscardOrSave()) {
      rememberState();
      Platform.exit();
    }
  }

  @Override
  public String relative(Path file) {
    Workspace ws = workspace.get();
    return ws == null ? file.toString() : ws.relative(file);
  }

  @Override
  public void status(String message) {
    status.setText(message);
  }

  @Override
  public void withdrawStatus(String message) {
    if (message != null && message.equals(status.getText())) {
      status.setText("");
    }
  }

  @Override
  public void error(String message) {
    status(message);
    log("error: " + message);
  }

  /** Appends a line to the Console; from any thread. */
  @Override
  public void log(String message) {
    if (!Platform.isFxApplicationThread()) {
      Platform.runLater(() -> log(message));
      return;
    }
    console.line(LocalTime.now().format(CLOCK) + "  " + message);
  }

  /** Appends what a guest wrote to the Console, as it wrote it; on the FX thread. */
  @Override
  public void output(String text, boolean stderr) {
    console.append(text, stderr ? ConsoleView.STDERR : ConsoleView.STDOUT);
  }

  @Override
  public void showToolWindow(String id) {
    toolWindows().show(id);
  }

  @Override
  public Optional<Path> workspaceRoot() {
    return Optional.ofNullable(workspace.get()).map(Workspace::root);
  }

  public ObservableList<Problem> problems() {
    return FXCollections.unmodifiableObservableList(problems);
  }

  public String consoleText() {
    return console.text();
  }

  /** The Console (for tests: its styled text). */
  ConsoleView console() {
    return console;
  }

  public String statusText() {
    return status.getText();
  }

  /** The command palette (for tests: its field and list). */
  CommandPalette palette() {
    return palette;
  }
}
