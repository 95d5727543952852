package dev.plugboard.app.ui;

import dev.plugboard.app.Version;
import dev.plugboard.app.cli.Cli;
import dev.plugboard.app.settings.Settings;
import dev.plugboard.app.settings.Settings.Side;
import dev.plugboard.app.settings.Settings.Theme;
import dev.plugboard.app.settings.Settings.WindowBounds;
import dev.plugboard.app.settings.SettingsStore;
import dev.plugboard.app.shell.ConsoleCapture;
import dev.plugboard.app.work.Work;
import dev.plugboard.app.workspace.FileKind;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.NewFiles;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.app.workspace.SampleWorkspace;
import dev.plugboard.app.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.Node;
import javafx.stage.Screen;
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
  private final TabPane editors = new TabPane();
  private final Map<Path, Tab> openTabs = new LinkedHashMap<>();
  private final Map<Tab, FileEditor> fileEditors = new LinkedHashMap<>();
  private final ObservableList<Problem> problems = FXCollections.observableArrayList();
  private final ObservableList<RunHistory.Entry> runHistory = FXCollections.observableArrayList();
  private final ListView<Problem> problemList = new ListView<>(problems);
  private final TextArea console = new TextArea();
  private final BorderPane outlineHolder = new BorderPane();
  private final Label status = new Label("Ready");
  private final Label statusWorkspace = new Label();
  private final BorderPane frame = new BorderPane();
  private final SplitPane workArea;
  private final WelcomePage welcome;
  private final CommandPalette palette = new CommandPalette(actions::all);
  private final ConsoleCapture capture;

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

    StackPane editorArea = new StackPane(editors, emptyHint());
    editors.setId("editor-tabs");
    editors.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    editors.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> pageChanged());
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
    workArea.setDividerPositions(0.22);
    SplitPane.setResizableWithParent(tree.view, false);
    workArea.widthProperty().addListener((o, was, now) -> {
      if (was.doubleValue() == 0 && now.doubleValue() > 0) {
        Platform.runLater(() -> workArea.setDividerPositions(0.22));
      }
    });

    MenuBar menuBar = actions.menuBar(MENUS);
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
    restoreBounds(settings.window());
    stage.setOnCloseRequest(e -> {
      if (!confirmDiscardOrSave()) {
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
    List<Action> list = new ArrayList<>(List.of(
        Action.of("file.open-folder", "Open Folder…", "File", "open", "Shortcut+O", this::chooseWorkspace),
        Action.of("file.open-file", "Open File…", "File", "open", "Shortcut+Shift+O", this::chooseFile),
        Action.of("file.open-sample", "Open Sample Workspace", "File", "open", null, this::openSampleWorkspace),
        Action.of("file.new-wit-package", "New WIT Package…", "File", "new", null,
            () -> askAndCreate("New WIT Package", "my-package", this::newWitPackage)),
        Action.of("file.new-composition", "New Composition…", "File", "new", null,
            () -> askAndCreate("New Composition", "my-composition", this::newComposition)),
        Action.of("file.new-component", "New Component from WAT…", "File", "new", null,
            () -> askAndCreate("New Component from WAT", "my-component", this::newComponent)),
        Action.of("file.save", "Save", "File", "save", "Shortcut+S", this::saveCurrent),
        Action.of("file.save-all", "Save All", "File", "save", "Shortcut+Alt+S", this::saveAll),
        Action.of("file.close-tab", "Close Tab", "File", "save", "Shortcut+W", this::closeCurrentTab),
        Action.of("file.close-workspace", "Close Workspace", "File", "quit", null, this::closeWorkspace),
        Action.of("file.quit", "Quit", "File", "quit", "Shortcut+Q", this::quit),

        Action.of("edit.undo", "Undo", "Edit", "undo", "Shortcut+Z",
            () -> current(Undoable.class).ifPresentOrElse(Undoable::undo,
                () -> onFocusedText(TextInputControl::undo, StyledTextArea::undo))),
        Action.of("edit.redo", "Redo", "Edit", "undo", "Shortcut+Shift+Z",
            () -> current(Undoable.class).ifPresentOrElse(Undoable::redo,
                () -> onFocusedText(TextInputControl::redo, StyledTextArea::redo))),
        Action.of("edit.cut", "Cut", "Edit", "clipboard", "Shortcut+X",
            () -> onFocusedText(TextInputControl::cut, StyledTextArea::cut)),
        Action.of("edit.copy", "Copy", "Edit", "clipboard", "Shortcut+C",
            () -> onFocusedText(TextInputControl::copy, StyledTextArea::copy)),
        Action.of("edit.paste", "Paste", "Edit", "clipboard", "Shortcut+V",
            () -> onFocusedText(TextInputControl::paste, StyledTextArea::paste)),
        Action.of("edit.select-all", "Select All", "Edit", "clipboard", "Shortcut+A",
            () -> onFocusedText(TextInputControl::selectAll, StyledTextArea::selectAll)),
        Action.of("edit.format", "Format Document", "Edit", "format", "Shortcut+Shift+F", this::formatDocument),

        Action.of("view.palette", "Find Action…", "View", "palette", "Shortcut+Shift+P", palette::show),
        Action.of("view.theme-light", "Light Theme", "View", "theme", null, () -> setTheme(Theme.LIGHT)),
        Action.of("view.theme-dark", "Dark Theme", "View", "theme", null, () -> setTheme(Theme.DARK)),
        Action.of("view.refresh", "Refresh Workspace", "View", "tree", "F5", this::refreshTree),

        Action.of("run.inspect", "Inspect Selected File", "Run", "inspect", "Shortcut+I", this::openSelected),
        Action.of("run.build-component", "Build Component from WAT", "Run", "build", null, this::buildCurrentWat),
        Action.of("help.about", "About Plugboard", "Help", "about", null, this::showAbout)));
    for (PageProvider p : pages.all()) {
      list.addAll(p.actions(this));
    }
    // menus list actions in registration order: keep each menu's groups together
    List<Action> ordered = new ArrayList<>();
    for (String menu : MENUS) {
      List<String> groups = list.stream().filter(a -> menu.equals(a.menu())).map(Action::group).distinct().toList();
      for (String g : groups) {
        list.stream().filter(a -> menu.equals(a.menu()) && a.group().equals(g)).forEach(ordered::add);
      }
    }
    list.stream().filter(a -> !MENUS.contains(a.menu())).forEach(ordered::add);
    actions.registerAll(ordered);
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
    console.setId("console");
    console.setEditable(false);
    console.getStyleClass().add("source-text");
    outlineHolder.setId("outline");
    Map<String, Settings.ToolWindowState> saved = settings.toolWindows();
    List<ToolWindow> list = List.of(
        new ToolWindow("problems", "Problems", Side.BOTTOM, "Shortcut+Shift+M", problemList),
        new ToolWindow("console", "Console", Side.BOTTOM, "Shortcut+Shift+U", console),
        new ToolWindow("run-history", "Run History", Side.BOTTOM, "Shortcut+Shift+H", RunHistory.view(runHistory)),
        new ToolWindow("outline", "Outline", Side.RIGHT, "Shortcut+Shift+L", outlineHolder));
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
    hint.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(editors.getTabs()));
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
  void openInitialWorkspace(Path requested) {
    if (requested != null) {
      openWorkspace(requested);
      return;
    }
    String last = settings.lastWorkspace();
    if (last != null && Files.isDirectory(Path.of(last))) {
      openWorkspace(Path.of(last));
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
    if (!confirmDiscardOrSave()) {
      return;
    }
    closeAllTabs();
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

  private void closeWorkspace() {
    if (!confirmDiscardOrSave()) {
      return;
    }
    closeAllTabs();
    problems.clear();
    tree.close();
    workspace.set(null);
    settings = settings.withLastWorkspace(null);
    persist();
    showWelcome();
  }

  private void closeAllTabs() {
    fileEditors.values().forEach(FileEditor::dispose);
    editors.getTabs().clear();
    openTabs.clear();
    fileEditors.clear();
  }

  public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
    return workspace.getReadOnlyProperty();
  }

  private void chooseWorkspace() {
    Workspace current = workspace.get();
    prompts.folder("Open Folder", current == null ? null : current.root().getParent()).ifPresent(this::openWorkspace);
  }

  private void chooseFile() {
    Workspace current = workspace.get();
    prompts.file("Open File", current == null ? null : current.root()).ifPresent(this::open);
  }

  @Override
  public void refreshTree() {
    tree.refresh();
  }

  // ---- File › New ---------------------------------------------------------------------

  private void askAndCreate(String title, String initial, java.util.function.BiFunction<Path, String,
      CompletableFuture<Path>> create) {
    Workspace ws = workspace.get();
    Optional<Path> folder = ws != null ? Optional.of(ws.root())
        : prompts.folder(title + ": choose the folder to work in", null);
    folder.ifPresent(f -> prompts.name(title, initial).ifPresent(name -> create.apply(f, name)));
  }

  /** Creates a WIT package {@code folder/NAME/NAME.wit} and opens it (the folder becomes the workspace if none is open). */
  public CompletableFuture<Path> newWitPackage(Path folder, String name) {
    return created(folder, () -> NewFiles.witPackage(folder, name));
  }

  /** Creates a composition {@code folder/NAME.wac} (with {@code deps/}) and opens it. */
  public CompletableFuture<Path> newComposition(Path folder, String name) {
    return created(folder, () -> NewFiles.composition(folder, name));
  }

  /** Creates {@code folder/NAME/NAME.wat} and {@code NAME.wit}, opens the WAT and builds the component beside it. */
  public CompletableFuture<Path> newComponent(Path folder, String name) {
    return created(folder, () -> NewFiles.componentFromWat(folder, name))
        .thenCompose(wat -> wat == null ? CompletableFuture.completedFuture(null) : buildComponent(wat));
  }

  private interface Creation {
    Path create() throws IOException;
  }

  private CompletableFuture<Path> created(Path folder, Creation creation) {
    Path file;
    try {
      file = creation.create();
    } catch (IOException | IllegalArgumentException e) {
      error("cannot create: " + (e instanceof java.nio.file.FileAlreadyExistsException f ? f.getFile()
          + " already exists" : e.getMessage()));
      return CompletableFuture.completedFuture(null);
    }
    if (workspace.get() == null || !file.toAbsolutePath().startsWith(workspace.get().root())) {
      openWorkspace(folder);
    }
    refreshTree();
    log("created " + relative(file));
    return open(file).thenApply(v -> file);
  }

  /** Run › Build Component from WAT: {@code plugboard new NAME.wat --wit NAME.wit -o NAME.wasm} for the WAT shown. */
  private void buildCurrentWat() {
    current(Savable.class).filter(s -> s.file().toString().endsWith(".wat")).ifPresentOrElse(
        s -> buildComponent(s.file()), () -> status("Build works on an open .wat file with its .wit beside it"));
  }

  private CompletableFuture<Path> buildComponent(Path wat) {
    Path wit = wat.resolveSibling(wat.getFileName().toString().replaceAll("\\.wat$", "") + ".wit");
    Path out = NewFiles.componentOf(wat);
    String[] args = {"new", wat.toString(), "--wit", wit.toString(), "-o", out.toString()};
    log("plugboard " + String.join(" ", args));
    return background("Building " + relative(out), p -> {
      StringWriter text = new StringWriter();
      var cli = Cli.create(null);
      cli.setOut(new PrintWriter(text, true));
      cli.setErr(new PrintWriter(text, true));
      int code = cli.execute(args);
      return new Object[] {code, text.toString()};
    }).thenApply(r -> {
      String output = ((String) r[1]).strip();
      if (!output.isEmpty()) {
        log(output);
      }
      if ((int) r[0] != 0) {
        error(relative(wat) + ": the component was not built (see the Console)");
        return null;
      }
      refreshTree();
      status("Built " + relative(out));
      return out;
    });
  }

  // ---- files --------------------------------------------------------------------------

  private void openSelected() {
    var selected = tree.view.getSelectionModel().getSelectedItem();
    if (WorkspaceTree.isFile(selected)) {
      open(selected.getValue());
    }
  }

  /** Opens a file on the pages of its kind (loading it in the background first where its kind needs), or selects its tab. */
  @Override
  public CompletableFuture<Void> open(Path file) {
    Path key = file.toAbsolutePath().normalize();
    Tab existing = openTabs.get(key);
    if (existing != null) {
      editors.getSelectionModel().select(existing);
      return CompletableFuture.completedFuture(null);
    }
    FileKind kind = FileKind.of(key);
    List<PageProvider> providers = pages.providers(kind);
    if (providers.isEmpty()) {
      status(relative(key) + ": Plugboard does not open " + kind.label() + "s");
      return CompletableFuture.completedFuture(null);
    }
    Optional<PageRegistry.Loader> loader = pages.loader(kind);
    if (loader.isEmpty()) {
      createTab(key, kind, providers, null);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    background("Opening " + relative(key), p -> loader.get().load(key, p)).whenComplete((model, err) -> {
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
        setProblems(file, Problem.Source.BINARY, f.problems());
        error(relative(file) + ": " + f.getMessage());
        toolWindows.show("problems");
      }
      case CancellationException c -> status("Cancelled opening " + relative(file));
      case IOException io -> error(relative(file) + ": cannot open: " + io.getMessage());
      default -> error(relative(file) + ": cannot open: " + cause);
    }
  }

  private void createTab(Path key, FileKind kind, List<PageProvider> providers, Object model) {
    PageContext context = new PageContext(key, kind, this, model);
    List<Page> made = new ArrayList<>();
    try {
      for (PageProvider p : providers) {
        if (p.accepts(context)) {
          made.add(p.create(context));
        }
      }
    } catch (IOException e) {
      made.forEach(Page::dispose);
      error(relative(key) + ": cannot open: " + e.getMessage());
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
    editor.currentProperty().addListener((o, was, now) -> pageChanged());
    openTabs.put(key, tab);
    fileEditors.put(tab, editor);
    editors.getTabs().add(tab);
    editors.getSelectionModel().select(tab);
    if (problems.stream().anyMatch(p -> p.file().equals(key))) {
      toolWindows.show("problems");
    }
    status("Opened " + relative(key));
  }

  private Optional<FileEditor> currentEditor() {
    return Optional.ofNullable(fileEditors.get(editors.getSelectionModel().getSelectedItem()));
  }

  /** The shown page changed (another tab or page): the outline follows, the tree selects the file. */
  private void pageChanged() {
    showOutline();
    currentEditor().ifPresent(e -> {
      tree.reveal(e.file());
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

  @Override
  public Optional<Page> currentPage() {
    return currentEditor().map(FileEditor::current);
  }

  /** Shows the page of the current file with this id ({@code run}, {@code wit}, ...); false when it has none. */
  public boolean showPage(String id) {
    Optional<FileEditor> e = currentEditor();
    Optional<Page> page = e.flatMap(ed -> ed.pages().stream().filter(p -> p.id().equals(id)).findFirst());
    page.ifPresent(p -> e.get().select(p));
    return page.isPresent();
  }

  /** The ids of the current file's pages, in tab order. */
  public List<String> currentPageIds() {
    return currentEditor().map(e -> e.pages().stream().map(Page::id).toList()).orElse(List.of());
  }

  public List<Path> openFiles() {
    return List.copyOf(openTabs.keySet());
  }

  private void saveCurrent() {
    currentEditor().ifPresent(e -> save(e.pagesWith(Savable.class)));
  }

  private void saveAll() {
    save(fileEditors.values().stream().flatMap(e -> e.pagesWith(Savable.class).stream()).toList());
  }

  private boolean save(List<Savable> toSave) {
    for (Savable v : toSave) {
      if (!v.dirtyProperty().get()) {
        continue;
      }
      try {
        v.save();
        status("Saved " + relative(v.file()));
      } catch (IOException e) {
        error(relative(v.file()) + ": cannot save: " + e.getMessage() + " (the edits are still in the tab)");
        return false;
      }
    }
    return true;
  }

  /** Opens a problem's file on the page that can show its place, and moves there. */
  public CompletableFuture<Void> goTo(Problem p) {
    return openAt(p.file(), p.location());
  }

  @Override
  public CompletableFuture<Void> openAt(Path file, Location location) {
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
  public CompletableFuture<Void> openAt(Path file, int offset) {
    return openAt(file, offset < 0 ? Location.NONE : new Location.Text(offset, offset, 1, 1));
  }

  private boolean checkingExternalChanges;

  /** Checks open files against the disk: reloads unchanged tabs, asks before dropping edits. */
  public void checkExternalChanges() {
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
      case RELOADED -> status("Reloaded " + relative(v.file()) + " (changed on disk)");
      case CONFLICT -> {
        ButtonType reload = new ButtonType("Reload", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep My Edits", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = new Alert(Alert.AlertType.WARNING,
            relative(v.file()) + " changed on disk while it has unsaved edits here.", reload, keep);
        ask.setHeaderText("Reload " + v.file().getFileName() + "?");
        ask.initOwner(stage);
        if (ask.showAndWait().orElse(keep) == reload) {
          v.reloadFromDisk();
          status("Reloaded " + relative(v.file()) + "; your edits were dropped");
        } else {
          v.keepEdits();
          status("Kept your edits to " + relative(v.file()) + "; saving will overwrite the disk");
        }
      }
      case UNCHANGED -> { }
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

  private void closeCurrentTab() {
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

  private boolean confirmDiscardOrSave() {
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
    alert.initOwner(stage);
    alert.setHeaderText(dirty.size() == 1
        ? relative(dirty.getFirst().file()) + " has unsaved changes."
        : dirty.size() + " files have unsaved changes.");
    alert.setContentText("Save them before closing?");
    ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
    if (answer == saveButton) {
      return save(dirty);
    }
    return answer == discard;
  }

  /** Applies an edit action to whichever text control has the focus: a plain one or a code area. */
  private void onFocusedText(java.util.function.Consumer<TextInputControl> plain,
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

  private void setTheme(Theme theme) {
    Themes.apply(theme);
    settings = settings.withTheme(theme);
    persist();
  }

  private void restoreBounds(WindowBounds b) {
    stage.setWidth(b.width());
    stage.setHeight(b.height());
    if (b.x() != null && b.y() != null && onSomeScreen(b)) {
      stage.setX(b.x());
      stage.setY(b.y());
    } else {
      stage.centerOnScreen();
    }
    stage.setMaximized(b.maximized());
  }

  private static boolean onSomeScreen(WindowBounds b) {
    Rectangle2D titleBar = new Rectangle2D(b.x(), b.y(), Math.max(1, b.width()), 30);
    return Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(titleBar));
  }

  /** Records the window bounds and workspace in the settings file. */
  void rememberState() {
    WindowBounds bounds = stage.isMaximized()
        ? new WindowBounds(settings.window().x(), settings.window().y(), settings.window().width(),
            settings.window().height(), true)
        : new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
    settings = settings.withWindow(bounds);
    persist();
  }

  private void persist() {
    try {
      store.save(settings);
    } catch (IOException e) {
      log("cannot save settings to " + store.file() + ": " + e.getMessage());
    }
  }

  private void quit() {
    if (confirmDiscardOrSave()) {
      rememberState();
      Platform.exit();
    }
  }

  private void showAbout() {
    GridPane grid = new GridPane();
    grid.getStyleClass().add("facts");
    int row = 0;
    for (Map.Entry<String, String> e : Version.components().entrySet()) {
      grid.addRow(row++, new Label(e.getKey()), new Label(e.getValue()));
    }
    Alert about = new Alert(Alert.AlertType.INFORMATION);
    about.initOwner(stage);
    about.setTitle("About Plugboard");
    about.setHeaderText("Plugboard " + Version.plugboard()
        + "\nAn IDE for building software out of WebAssembly components.");
    about.getDialogPane().setContent(grid);
    about.showAndWait();
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
    console.appendText(LocalTime.now().format(CLOCK) + "  " + message + "\n");
  }

  public ObservableList<Problem> problems() {
    return FXCollections.unmodifiableObservableList(problems);
  }

  public String consoleText() {
    return console.getText();
  }

  public String statusText() {
    return status.getText();
  }

  /** The command palette (for tests: its field and list). */
  CommandPalette palette() {
    return palette;
  }
}
