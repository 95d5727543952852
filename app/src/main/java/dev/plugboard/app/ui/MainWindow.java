package dev.plugboard.app.ui;

import dev.plugboard.app.Version;
import dev.plugboard.app.settings.Settings;
import dev.plugboard.app.settings.Settings.Theme;
import dev.plugboard.app.settings.Settings.WindowBounds;
import dev.plugboard.app.settings.SettingsStore;
import dev.plugboard.app.workspace.FileKind;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.editor.ui.WitEditor;
import dev.plugboard.app.workspace.SampleWorkspace;
import dev.plugboard.app.workspace.Workspace;
import dev.plugboard.binary.BinarySummary;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentFacts;
import dev.plugboard.binary.CoreModuleInterface;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.ComponentWit;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.wit.print.WitPrinter;
import dev.plugboard.binary.MalformedBinaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import org.fxmisc.richtext.StyledTextArea;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The IDE's main window: menu bar, workspace tree, editor tabs, the Problems and Console
 * panels, and a status bar. Remembers its bounds, theme and workspace between runs.
 */
public final class MainWindow {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Stage stage;
  private final SettingsStore store;
  private Settings settings;

  private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>();
  private final TreeView<Path> tree = new TreeView<>();
  private final TabPane editors = new TabPane();
  private final Map<Path, Tab> openTabs = new LinkedHashMap<>();
  private final Map<Tab, FileView> views = new LinkedHashMap<>();
  private final ObservableList<Problem> problems = FXCollections.observableArrayList();
  /** Problems found while opening a file, shown once its tab exists. */
  private final List<Problem> pendingProblems = new java.util.ArrayList<>();
  /** Where editors check their packages: one background thread, so the FX thread never waits. */
  private final java.util.concurrent.ExecutorService checker = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> {
        Thread t = new Thread(r, "plugboard-checker");
        t.setDaemon(true);
        return t;
      });
  /** Where the Run pages load components and make calls (each call has its own deadline thread too). */
  private final java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> {
        Thread t = new Thread(r, "plugboard-runner");
        t.setDaemon(true);
        return t;
      });
  private final ListView<Problem> problemList = new ListView<>(problems);
  private final TextArea console = new TextArea();
  private final TabPane bottom = new TabPane();
  private final Tab problemsTab = new Tab("Problems");
  private final Label status = new Label("Ready");
  private final Label statusWorkspace = new Label();
  private final SplitPane centre = new SplitPane();

  MainWindow(Stage stage, SettingsStore store) {
    this.stage = stage;
    this.store = store;
    this.settings = store.load();
    Themes.apply(settings.theme());

    BorderPane root = new BorderPane();
    root.setId("main-window");
    root.setTop(menuBar());
    root.setCenter(workArea());
    root.setBottom(statusBar());

    Scene scene = new Scene(root);
    scene.getStylesheets().add(MainWindow.class.getResource("plugboard.css").toExternalForm());
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
  }

  void show() {
    stage.show();
  }

  // ---- layout -------------------------------------------------------------------------

  private MenuBar menuBar() {
    MenuItem openFolder = item("Open Folder…", "Shortcut+O", this::chooseWorkspace);
    MenuItem openSample = item("Open Sample Workspace", null, this::openSampleWorkspace);
    MenuItem save = item("Save", "Shortcut+S", this::saveCurrent);
    MenuItem saveAll = item("Save All", "Shortcut+Alt+S", this::saveAll);
    MenuItem close = item("Close Tab", "Shortcut+W", this::closeCurrentTab);
    MenuItem quit = item("Quit", "Shortcut+Q", this::quit);
    Menu file = new Menu("_File", null, openFolder, openSample, new SeparatorMenuItem(), save, saveAll,
        close, new SeparatorMenuItem(), quit);

    Menu edit = new Menu("_Edit", null,
        item("Undo", "Shortcut+Z", () -> onFocusedText(TextInputControl::undo, StyledTextArea::undo)),
        item("Redo", "Shortcut+Shift+Z", () -> onFocusedText(TextInputControl::redo, StyledTextArea::redo)),
        new SeparatorMenuItem(),
        item("Cut", "Shortcut+X", () -> onFocusedText(TextInputControl::cut, StyledTextArea::cut)),
        item("Copy", "Shortcut+C", () -> onFocusedText(TextInputControl::copy, StyledTextArea::copy)),
        item("Paste", "Shortcut+V", () -> onFocusedText(TextInputControl::paste, StyledTextArea::paste)),
        item("Select All", "Shortcut+A", () -> onFocusedText(TextInputControl::selectAll, StyledTextArea::selectAll)),
        new SeparatorMenuItem(),
        item("Find…", "Shortcut+F", () -> onWit(e -> e.showFind(false))),
        item("Replace…", "Shortcut+H", () -> onWit(e -> e.showFind(true))),
        new SeparatorMenuItem(),
        item("Complete", "Shortcut+Space", () -> onWit(WitEditor::complete)),
        item("Go to Definition", "F12", () -> onWit(WitEditor::goToDefinition)),
        item("Find Usages", "Shift+F12", () -> onWit(WitEditor::findUsages)),
        item("Rename Symbol…", "F2", () -> onWit(WitEditor::startRename)),
        item("Format Document", "Shortcut+Shift+F", this::formatDocument));

    ToggleGroup themes = new ToggleGroup();
    RadioMenuItem light = new RadioMenuItem("Light Theme");
    RadioMenuItem dark = new RadioMenuItem("Dark Theme");
    light.setToggleGroup(themes);
    dark.setToggleGroup(themes);
    (settings.theme() == Theme.DARK ? dark : light).setSelected(true);
    light.setOnAction(e -> setTheme(Theme.LIGHT));
    dark.setOnAction(e -> setTheme(Theme.DARK));
    Menu view = new Menu("_View", null, light, dark, new SeparatorMenuItem(),
        item("Refresh Workspace", "F5", this::refreshTree),
        item("Show Problems", "Shortcut+Shift+M", () -> bottom.getSelectionModel().select(0)),
        item("Show Console", "Shortcut+Shift+U", () -> bottom.getSelectionModel().select(1)));

    Menu run = new Menu("_Run", null,
        item("Inspect Selected File", "Shortcut+I", this::openSelected),
        item("Compose WAC File", "Shortcut+Shift+B", this::composeCurrent));

    Menu help = new Menu("_Help", null, item("About Plugboard", null, this::showAbout));

    MenuBar bar = new MenuBar(file, edit, view, run, help);
    bar.setUseSystemMenuBar(true);
    bar.setId("menu-bar");
    return bar;
  }

  private static MenuItem item(String text, String accelerator, Runnable action) {
    MenuItem item = new MenuItem(text);
    if (accelerator != null) {
      item.setAccelerator(KeyCombination.keyCombination(accelerator));
    }
    item.setOnAction(e -> action.run());
    return item;
  }

  private SplitPane workArea() {
    tree.setId("workspace-tree");
    tree.setMinWidth(200); // the workspace keeps a readable width however the window starts
    tree.setShowRoot(true);
    tree.setCellFactory(t -> new WorkspaceTreeCell(workspace));
    tree.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
        openSelected();
      }
    });
    tree.setOnKeyPressed(e -> {
      if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
        openSelected();
      }
    });

    editors.setId("editor-tabs");
    editors.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    Label empty = new Label("Open a file from the workspace tree.");
    empty.getStyleClass().add("placeholder");

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
      if (p != null && e.getCode() == javafx.scene.input.KeyCode.ENTER) {
        goTo(p);
      }
    });
    console.setId("console");
    console.setEditable(false);
    console.getStyleClass().add("source-text");
    problemsTab.setContent(problemList);
    problemsTab.setClosable(false);
    problems.addListener((javafx.collections.ListChangeListener<Problem>) c ->
        problemsTab.setText(problems.isEmpty() ? "Problems" : "Problems (" + problems.size() + ")"));
    Tab consoleTab = new Tab("Console", console);
    consoleTab.setClosable(false);
    bottom.getTabs().addAll(problemsTab, consoleTab);
    bottom.setId("bottom-panel");

    centre.setOrientation(Orientation.VERTICAL);
    centre.getItems().addAll(editors, bottom);
    centre.setDividerPositions(0.75);

    SplitPane main = new SplitPane(tree, centre);
    main.setDividerPositions(0.22);
    SplitPane.setResizableWithParent(tree, false);
    // a split pane drops its divider positions in its first layout; set them again once shown
    main.sceneProperty().addListener((o, was, scene) -> {
      if (scene != null) {
        javafx.application.Platform.runLater(() -> centre.setDividerPositions(0.72));
      }
    });
    return main;
  }

  private HBox statusBar() {
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    status.setId("status");
    statusWorkspace.setId("status-workspace");
    HBox bar = new HBox(status, spacer, statusWorkspace);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  // ---- workspace ----------------------------------------------------------------------

  /** Opens {@code requested}, else the last workspace, else the bundled sample. */
  void openInitialWorkspace(Path requested) {
    if (requested != null) {
      openWorkspace(requested);
      return;
    }
    String last = settings.lastWorkspace();
    if (last != null && Files.isDirectory(Path.of(last))) {
      openWorkspace(Path.of(last));
    } else {
      openSampleWorkspace();
    }
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
    editors.getTabs().clear();
    openTabs.clear();
    views.clear();
    problems.clear();
    Workspace ws = new Workspace(folder);
    workspace.set(ws);
    settings = settings.withLastWorkspace(ws.root().toString());
    refreshTree();
    tree.getRoot().setExpanded(true);
    stage.setTitle(ws.name() + " — Plugboard");
    statusWorkspace.setText(ws.root().toString());
    log("opened workspace " + ws.root());
    setStatus("Workspace " + ws.name());
  }

  public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
    return workspace.getReadOnlyProperty();
  }

  private void chooseWorkspace() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Open Folder");
    Workspace current = workspace.get();
    if (current != null && Files.isDirectory(current.root().getParent())) {
      chooser.setInitialDirectory(current.root().getParent().toFile());
    }
    Optional.ofNullable(chooser.showDialog(stage)).ifPresent(dir -> openWorkspace(dir.toPath()));
  }

  private void refreshTree() {
    Workspace ws = workspace.get();
    if (ws == null) {
      return;
    }
    TreeItem<Path> root = new WorkspaceTreeItem(ws, ws.root(), this::error);
    root.setExpanded(true);
    tree.setRoot(root);
  }

  // ---- files --------------------------------------------------------------------------

  private void openSelected() {
    TreeItem<Path> selected = tree.getSelectionModel().getSelectedItem();
    if (selected != null && Files.isRegularFile(selected.getValue())) {
      open(selected.getValue());
    }
  }

  /** Opens a file in a tab by its kind, or selects its tab if already open. */
  public void open(Path file) {
    Path key = file.toAbsolutePath().normalize();
    Tab existing = openTabs.get(key);
    if (existing != null) {
      editors.getSelectionModel().select(existing);
      return;
    }
    FileView view;
    pendingProblems.clear();
    try {
      view = viewFor(key);
    } catch (IOException e) {
      error(relative(key) + ": cannot open: " + e.getMessage());
      return;
    } catch (MalformedBinaryException e) {
      problems.removeIf(p -> p.file().equals(key));
      problems.add(new Problem(key, "byte " + e.offset(), e.getMessage()));
      error(relative(key) + ": " + e.describe());
      bottom.getSelectionModel().select(problemsTab);
      return;
    }
    if (view == null) {
      setStatus(relative(key) + ": Plugboard does not open " + FileKind.of(key).label() + "s");
      return;
    }
    problems.removeIf(p -> p.file().equals(key));
    problems.addAll(pendingProblems);
    if (!pendingProblems.isEmpty()) {
      bottom.getSelectionModel().select(problemsTab);
    }
    pendingProblems.clear();
    Tab tab = new Tab(key.getFileName().toString(), view.node());
    tab.setId("tab-" + key.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    tab.setTooltip(new javafx.scene.control.Tooltip(key.toString()));
    view.dirtyProperty().addListener((obs, was, dirty) ->
        tab.setText((dirty ? "● " : "") + key.getFileName()));
    tab.setOnCloseRequest(e -> {
      if (view.dirtyProperty().get() && !confirmDiscardOrSave(List.of(view))) {
        e.consume();
      }
    });
    tab.setOnClosed(e -> {
      openTabs.remove(key);
      views.remove(tab);
    });
    openTabs.put(key, tab);
    views.put(tab, view);
    editors.getTabs().add(tab);
    editors.getSelectionModel().select(tab);
    setStatus("Opened " + relative(key));
  }

  private FileView viewFor(Path file) throws IOException, MalformedBinaryException {
    FileKind kind = FileKind.of(file);
    if (kind == FileKind.WASM) {
      byte[] bytes = Files.readAllBytes(file);
      BinarySummary summary = BinarySummary.read(bytes);
      if (summary.kind() == BinarySummary.Kind.CORE_MODULE) {
        CoreModuleInterface core = CoreModuleInterface.read(bytes);
        return new WasmSummaryView(file, summary, new WasmSummaryView.Counts(1, 0, core.imports().size(),
            core.exports().size()), null);
      }
      ComponentDecoder.Decoded decoded = ComponentDecoder.decodeWithOffsets(bytes);
      try {
        // structure only: validating core code (Chicory) can take seconds on large modules;
        // `plugboard validate` does the full check
        ComponentValidator.validateStructure(decoded.component(), decoded.offsets());
      } catch (InvalidComponentException e) {
        pendingProblems.add(new Problem(file, e.offset() >= 0 ? "byte " + e.offset() : "", e.getMessage()));
      }
      String wit;
      try {
        ComponentWit.View view = ComponentWit.of(decoded.component());
        wit = WitPrinter.printAll(view.resolve(), view.rootPackage());
      } catch (InvalidComponentException e) {
        wit = "// no WIT view: " + e.getMessage() + "\n";
      }
      ComponentFacts facts = ComponentFacts.of(decoded.component());
      WasmSummaryView page = new WasmSummaryView(file, summary, new WasmSummaryView.Counts(
          facts.coreModuleSizes().size(), facts.nestedComponents(), facts.imports().size(), facts.exports().size()), wit);
      page.enableRun(bytes, runner);
      return page;
    }
    if (kind == FileKind.WIT) {
      WitFileView wit = new WitFileView(file, checker, found -> {
        problems.removeIf(p -> p.file().equals(file));
        problems.addAll(found);
      });
      wit.editor().setNavigator(new WitEditor.Navigator() {
        @Override
        public void open(Path target, int offset) {
          openAt(target, offset);
        }

        @Override
        public void edit(Path target, List<dev.plugboard.editor.PackageIndex.Edit> edits) {
          applyEdits(target, edits);
        }
      });
      wit.editor().statusProperty().addListener((obs, old, now) -> setStatus(now));
      return wit;
    }
    return kind.isText() ? new TextFileView(file) : null;
  }

  /** The file view in the selected tab, if any. */
  public Optional<FileView> currentView() {
    return Optional.ofNullable(views.get(editors.getSelectionModel().getSelectedItem()));
  }

  public List<Path> openFiles() {
    return List.copyOf(openTabs.keySet());
  }

  private void saveCurrent() {
    currentView().ifPresent(v -> save(List.of(v)));
  }

  private void saveAll() {
    save(List.copyOf(views.values()));
  }

  private boolean save(List<FileView> toSave) {
    for (FileView v : toSave) {
      if (!v.dirtyProperty().get()) {
        continue;
      }
      try {
        v.save();
        setStatus("Saved " + relative(v.file()));
      } catch (IOException e) {
        error(relative(v.file()) + ": cannot save: " + e.getMessage() + " (the edits are still in the tab)");
        return false;
      }
    }
    return true;
  }

  private void onWit(java.util.function.Consumer<WitEditor> action) {
    if (currentView().orElse(null) instanceof WitFileView wit) {
      action.accept(wit.editor());
    } else {
      setStatus("This works in WIT files");
    }
  }

  /** Opens a problem's file and, where it has a {@code line:column}, puts the caret there. */
  public void goTo(Problem p) {
    open(p.file());
    var m = java.util.regex.Pattern.compile("(\\d+):(\\d+)").matcher(p.location());
    Tab tab = openTabs.get(p.file().toAbsolutePath().normalize());
    if (m.matches() && tab != null && views.get(tab) instanceof WitFileView wit) {
      wit.editor().moveToLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
  }

  /** Opens {@code file} and, for a WIT file, puts the caret at {@code offset} (unless negative). */
  public void openAt(Path file, int offset) {
    open(file);
    Tab tab = openTabs.get(file.toAbsolutePath().normalize());
    if (offset >= 0 && tab != null && views.get(tab) instanceof WitFileView wit) {
      wit.editor().moveCaret(offset);
    }
  }

  /** Rename edits for another file: applied to its editor (left unsaved for review), opening it if needed. */
  private void applyEdits(Path file, List<dev.plugboard.editor.PackageIndex.Edit> edits) {
    Tab tab = openTabs.get(file.toAbsolutePath().normalize());
    if (tab == null) {
      open(file);
      tab = openTabs.get(file.toAbsolutePath().normalize());
    }
    if (tab != null && views.get(tab) instanceof WitFileView wit) {
      wit.editor().apply(edits);
    } else {
      error(relative(file) + ": could not apply the rename there");
    }
  }

  private boolean checkingExternalChanges;

  /** Checks open files against the disk: reloads unchanged tabs, asks before dropping edits. */
  public void checkExternalChanges() {
    if (checkingExternalChanges) {
      return; // the question's own dialog moves the focus: do not ask twice
    }
    checkingExternalChanges = true;
    try {
      checkExternalChangesOnce();
    } finally {
      checkingExternalChanges = false;
    }
  }

  private void checkExternalChangesOnce() {
    for (FileView v : List.copyOf(views.values())) {
      if (!(v instanceof EditableFileView e)) {
        continue;
      }
      switch (e.checkDisk()) {
        case RELOADED -> setStatus("Reloaded " + relative(v.file()) + " (changed on disk)");
        case CONFLICT -> {
          javafx.scene.control.ButtonType reload = new javafx.scene.control.ButtonType("Reload",
              javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
          javafx.scene.control.ButtonType keep = new javafx.scene.control.ButtonType("Keep My Edits",
              javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
          javafx.scene.control.Alert ask = new javafx.scene.control.Alert(
              javafx.scene.control.Alert.AlertType.WARNING,
              relative(v.file()) + " changed on disk while it has unsaved edits here.", reload, keep);
          ask.setHeaderText("Reload " + v.file().getFileName() + "?");
          ask.initOwner(stage);
          if (ask.showAndWait().orElse(keep) == reload) {
            e.reloadFromDisk();
            setStatus("Reloaded " + relative(v.file()) + "; your edits were dropped");
          } else {
            e.keepEdits();
            setStatus("Kept your edits to " + relative(v.file()) + "; saving will overwrite the disk");
          }
        }
        case UNCHANGED -> { }
      }
    }
  }

  /**
   * Run › Compose WAC File: composes the open {@code .wac} document (its unsaved text; packages
   * from {@code deps/} beside it) into {@code NAME.wasm} beside it and opens that, where the Run
   * tab can call it. Errors go to Problems with their line and column.
   */
  public void composeCurrent() {
    FileView v = currentView().orElse(null);
    if (!(v instanceof EditableFileView text) || FileKind.of(v.file()) != FileKind.WAC) {
      setStatus("Compose works on an open .wac file");
      return;
    }
    Path file = v.file();
    String source = text.currentText();
    Path deps = file.toAbsolutePath().getParent().resolve("deps");
    problems.removeIf(p -> p.file().equals(file));
    try {
      var doc = dev.plugboard.compose.Wac.read(relative(file), source,
          new dev.plugboard.compose.DepsPackages(Map.of(), deps), dev.plugboard.wit.resolve.WitResolver.readDeps(deps));
      byte[] out = dev.plugboard.compose.CompositionEncoder.encode(doc.graph());
      Path target = file.resolveSibling(file.getFileName().toString().replaceAll("\\.wac$", "") + ".wasm");
      dev.plugboard.io.AtomicFiles.write(target, out);
      refreshTree();
      open(target);
      setStatus("Composed " + relative(file) + " into " + relative(target) + " (" + out.length + " bytes)");
    } catch (dev.plugboard.compose.Wac.WacException e) {
      int at = Math.max(0, Math.min(e.span().start(), source.length()));
      int line = 1;
      int col = 1;
      for (int i = 0; i < at; i++) {
        if (source.charAt(i) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      problems.add(new Problem(file, line + ":" + col, e.getMessage()));
      log(e.rendered());
      bottom.getSelectionModel().select(problemsTab);
      setStatus(relative(file) + ": the composition has errors");
    } catch (dev.plugboard.compose.CompositionException | IOException e) {
      problems.add(new Problem(file, "", e.getMessage()));
      bottom.getSelectionModel().select(problemsTab);
      setStatus(relative(file) + ": " + e.getMessage());
    }
  }

  /** Edit › Format Document: the canonical WIT layout, keeping comments and the caret. */
  public void formatDocument() {
    if (currentView().orElse(null) instanceof WitFileView wit) {
      setStatus(wit.editor().format() ? "Formatted " + relative(wit.file())
          : relative(wit.file()) + ": cannot format while the file has syntax errors");
    } else {
      setStatus("Format Document works on WIT files");
    }
  }

  private void closeCurrentTab() {
    Tab tab = editors.getSelectionModel().getSelectedItem();
    if (tab == null) {
      return;
    }
    FileView view = views.get(tab);
    if (view != null && view.dirtyProperty().get() && !confirmDiscardOrSave(List.of(view))) {
      return;
    }
    editors.getTabs().remove(tab);
    openTabs.values().remove(tab);
    views.remove(tab);
  }

  private boolean confirmDiscardOrSave() {
    return confirmDiscardOrSave(List.copyOf(views.values()));
  }

  /** Asks what to do with unsaved edits; false means the user cancelled. */
  private boolean confirmDiscardOrSave(List<FileView> candidates) {
    List<FileView> dirty = candidates.stream().filter(v -> v.dirtyProperty().get()).toList();
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

  private String relative(Path file) {
    Workspace ws = workspace.get();
    return ws == null ? file.toString() : ws.relative(file);
  }

  private void setStatus(String message) {
    status.setText(message);
  }

  private void error(String message) {
    setStatus(message);
    log("error: " + message);
  }

  void log(String message) {
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
}
