package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.settings.Settings;
import dev.plugboard.app.settings.SettingsStore;
import dev.plugboard.app.workspace.FileKind;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The shell's registries driven through the real window: pages, actions and the palette, tool windows, the tree. */
class ShellTest extends IdeTest {
  private Path sample(String relative) {
    return config.resolve("sample-workspace").resolve(relative);
  }

  // ---- pages --------------------------------------------------------------------------

  @Test
  void eachKindOpensOnItsPages() throws Exception {
    openAndWait(sample("components/greeter/greeter.wasm"));
    assertThat(window().currentPageIds()).containsExactly("overview", "wit", "sections", "run", "profile");
    openAndWait(sample("compose/loud-greeting.wac"));
    assertThat(window().currentPageIds()).containsExactly("graph", "text");
    openAndWait(sample("wit/worlds.wit"));
    assertThat(window().currentPageIds()).containsExactly("editor");
    openAndWait(sample("README.md"));
    assertThat(window().currentPageIds()).containsExactly("text");
    // a core module has no WIT view and nothing to run
    Path core = config.resolve("core.wasm");
    Files.write(core, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    openAndWait(core);
    assertThat(window().currentPageIds()).containsExactly("overview", "sections");
  }

  /** A page added to the registry (as the canvas adds Graph beside Text) appears as a page tab of the file. */
  @Test
  void aRegisteredPageJoinsTheFilesPages() throws Exception {
    interact(() -> window().pages().register(FileKind.WAC, new PageProvider() {
      @Override
      public String id() {
        return "notes";
      }

      @Override
      public Page create(PageContext c) {
        Label node = new Label("notes on " + c.file().getFileName());
        node.setId("fake-notes");
        return new Page() {
          @Override
          public String id() {
            return "notes";
          }

          @Override
          public String title() {
            return "Notes";
          }

          @Override
          public Node node() {
            return node;
          }
        };
      }
    }));
    openAndWait(sample("compose/loud-greeting.wac"));
    assertThat(window().currentPageIds()).containsExactly("graph", "text", "notes");
    TabPane pages = lookup("#wac-pages").queryAs(TabPane.class);
    assertThat(pages.getTabs()).extracting(t -> t.getText()).containsExactly("Graph", "Text", "Notes");
    interact(() -> window().showPage("notes"));
    assertThat(window().currentPage().orElseThrow().id()).isEqualTo("notes");
    // Undo has nothing to do on a page without history, and says nothing wrong
    interact(() -> window().actions().run("edit.undo"));
  }

  // ---- problems with typed locations ----------------------------------------------------

  @Test
  void aBinaryProblemOpensTheSectionsPageAtItsOffset() throws Exception {
    Path invalid = SharedData.require("conformance/cm-wast/wasm/validation/abi-0.wasm");
    openAndWait(invalid);
    Problem p = window().problems().getFirst();
    assertThat(p.location()).isInstanceOf(Location.Bytes.class);
    assertThat(p.source()).isEqualTo(Problem.Source.BINARY);
    interact(() -> window().showPage("overview"));
    await(() -> window().goTo(p));
    assertThat(window().currentPage().orElseThrow().id()).isEqualTo("sections");
    TableView<?> table = lookup("#wasm-sections").queryAs(TableView.class);
    var section = (dev.plugboard.binary.BinarySummary.Section) table.getSelectionModel().getSelectedItem();
    long at = ((Location.Bytes) p.location()).offset();
    assertThat((long) section.offset()).isLessThanOrEqualTo(at);
    assertThat(table.getItems().stream().map(s -> (dev.plugboard.binary.BinarySummary.Section) s)
        .filter(s -> s.offset() <= at)).last().isEqualTo(section);

    // the runtime refuses it too when the Run page loads it: a problem of the file, from the runtime
    interact(() -> window().showPage("run"));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
        () -> window().problems().stream().anyMatch(q -> q.source() == Problem.Source.RUNTIME));
    assertThat(window().problems()).filteredOn(q -> q.source() == Problem.Source.RUNTIME).singleElement()
        .satisfies(q -> assertThat(q.message()).startsWith("cannot run: "));
  }

  // ---- actions and the palette ----------------------------------------------------------

  @Test
  void theMenusAreTheActionRegistry() {
    MenuBar bar = lookup("#menu-bar").queryAs(MenuBar.class);
    List<MenuItem> items = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
        .filter(i -> !(i instanceof javafx.scene.control.SeparatorMenuItem)).toList();
    List<Action> inMenus = window().actions().all().stream().filter(a -> a.menu() != null).toList();
    assertThat(items).hasSameSizeAs(inMenus);
    for (Action a : inMenus) {
      MenuItem item = items.stream().filter(i -> ("action-" + a.id().replace('.', '-')).equals(i.getId()))
          .findFirst().orElseThrow(() -> new AssertionError("no menu item for " + a.id()));
      assertThat(item.getText()).isEqualTo(a.title());
      assertThat(item.getAccelerator()).isEqualTo(a.accelerator() == null ? null
          : KeyCombination.keyCombination(a.accelerator()));
    }
    assertThat(window().actions().find("file.open-file")).isPresent();
    assertThat(window().actions().find("view.palette").orElseThrow().accelerator()).isEqualTo("Shortcut+Shift+P");
  }

  @Test
  void thePaletteFindsEveryActionAndRunsTheChosenOne() throws Exception {
    openAndWait(sample("wit/worlds.wit"));
    CodeArea area = lookup("#wit-editor-worlds-wit").queryAs(CodeArea.class);
    String original = area.getText();
    interact(() -> area.replaceText(original.replace("export greet: func(name: string) -> string;",
        "export   greet :func( name:string )->string ;")));
    clickOn(area);
    press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().palette().isShowing()).isTrue();
    @SuppressWarnings("unchecked")
    ListView<Action> list = lookup("#palette-list").queryAs(ListView.class);
    // with no query it lists every action
    assertThat(list.getItems()).hasSameSizeAs(window().actions().all());
    // each row shows the shortcut
    assertThat(ActionRegistry.shortcutText(window().actions().find("edit.format").orElseThrow()))
        .isEqualTo("Ctrl+Shift+F");
    write("fmt doc");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(list.getItems().getFirst().id()).isEqualTo("edit.format");
    press(KeyCode.ENTER).release(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().palette().isShowing()).isFalse();
    assertThat(area.getText()).isEqualTo(original);
    assertThat(window().statusText()).isEqualTo("Formatted wit/worlds.wit");

    // Escape closes it without running anything
    press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
    write("quit");
    press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().palette().isShowing()).isFalse();
    assertThat(stage.isShowing()).isTrue();
  }

  @Test
  void undoAndRedoGoToThePageShown() throws Exception {
    openAndWait(sample("README.md"));
    TextArea text = lookup("#text-README-md").queryAs(TextArea.class);
    String before = text.getText();
    clickOn(text);
    write("xyz");
    assertThat(text.getText()).isNotEqualTo(before);
    interact(() -> window().actions().run("edit.undo"));
    assertThat(text.getText()).isEqualTo(before);
    interact(() -> window().actions().run("edit.redo"));
    assertThat(text.getText()).isNotEqualTo(before);

    openAndWait(sample("wit/types.wit"));
    CodeArea area = lookup("#wit-editor-types-wit").queryAs(CodeArea.class);
    String wit = area.getText();
    interact(() -> area.insertText(0, "// note\n"));
    interact(() -> lookup("#editor-tabs").query().requestFocus());
    interact(() -> window().actions().run("edit.undo"));
    assertThat(area.getText()).isEqualTo(wit);
  }

  // ---- tool windows -----------------------------------------------------------------------

  @Test
  void toolWindowsDockShowHideAndAreRemembered() throws Exception {
    ToolWindows tools = window().toolWindows();
    assertThat(tools.all()).extracting(ToolWindow::id).containsExactly("problems", "console", "run-history", "outline", "profiler");
    assertThat(tools.side("problems")).isEqualTo(Settings.Side.BOTTOM);
    assertThat(tools.side("outline")).isEqualTo(Settings.Side.RIGHT);
    assertThat(lookup("#tool-windows-right").queryAs(TabPane.class).getTabs()).extracting(t -> t.getId())
        .containsExactly("tool-outline");

    // the shortcut selects the console, then hides it
    clickOn("#workspace-tree");
    press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.U).release(KeyCode.U, KeyCode.SHIFT, KeyCode.CONTROL);
    assertThat(tools.tab("console").isSelected()).isTrue();
    press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.U).release(KeyCode.U, KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tools.isShown("console")).isFalse();
    assertThat(lookup("#console").tryQuery()).isEmpty();
    interact(() -> window().actions().run("view.tool.console"));
    assertThat(tools.isShown("console")).isTrue();

    // hiding the only right-hand window gives its room back to the editors
    interact(() -> tools.hide("outline"));
    assertThat(lookup("#tool-windows-right").tryQuery()).isEmpty();
    interact(() -> tools.moveTo("console", Settings.Side.RIGHT));
    assertThat(lookup("#tool-windows-right").queryAs(TabPane.class).getTabs()).extracting(t -> t.getId())
        .containsExactly("tool-console");

    Settings saved = new SettingsStore(config).load();
    assertThat(saved.toolWindows().get("console")).isEqualTo(new Settings.ToolWindowState(Settings.Side.RIGHT, true));
    assertThat(saved.toolWindows().get("outline").visible()).isFalse();

    FxToolkit.cleanupApplication(app);
    app = (PlugboardApp) FxToolkit.setupApplication(PlugboardApp::new);
    interact(() -> {});
    assertThat(app.window().toolWindows().side("console")).isEqualTo(Settings.Side.RIGHT);
    assertThat(app.window().toolWindows().isShown("outline")).isFalse();
  }

  @Test
  void theOutlineToolWindowFollowsThePageShown() throws Exception {
    openAndWait(sample("wit/worlds.wit"));
    assertThat(lookup("#outline #wit-outline").tryQuery()).isPresent();
    openAndWait(sample("README.md"));
    assertThat(lookup("#outline #wit-outline").tryQuery()).isEmpty();
  }

  @Test
  void runsAreListedInTheRunHistory() throws Exception {
    openAndWait(sample("components/greeter/greeter.wasm"));
    interact(() -> window().showPage("run"));
    javafx.scene.control.TextField call = lookup("#run-call").queryAs(javafx.scene.control.TextField.class);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !call.getText().isEmpty());
    interact(() -> call.setText("greet(\"history\")"));
    clickOn("#run-button");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window().runHistory().isEmpty());
    assertThat(window().runHistory().getFirst().component()).isEqualTo("greeter.wasm");
    assertThat(window().runHistory().getFirst().outcome().text()).isEqualTo("\"Hello, history!\"");
  }

  // ---- background work ------------------------------------------------------------------

  @Test
  void longWorkShowsItsProgressAndCanBeCancelled() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<String>> future =
        new java.util.concurrent.atomic.AtomicReference<>();
    interact(() -> future.set(window().background("Counting sheep", p -> {
      for (int i = 0; ; i++) {
        p.step("Counting sheep: " + i, -1);
        started.countDown();
        p.checkCancelled();
        Thread.sleep(5);
      }
    })));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(lookup("#status-cancel").query()));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> lookup("#status-task").queryAs(Label.class).getText().startsWith("Counting sheep"));
    assertThat(window().busy()).isTrue();
    clickOn("#status-cancel");
    assertThat(future.get()).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().busy()).isFalse();
    assertThat(shown(lookup("#status-cancel").query())).isFalse();
  }

  /** Whether the node and all its parents are visible. */
  private static boolean shown(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return true;
  }

  // ---- the workspace tree ---------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private TreeView<Path> tree() {
    return lookup("#workspace-tree").queryAs(TreeView.class);
  }

  /** The tree item of {@code path}, looked up on the FX thread (the watcher changes the tree there). */
  private static TreeItem<Path> item(TreeItem<Path> from, Path path) {
    try {
      return WaitForAsyncUtils.asyncFx(() -> find(from, path)).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static TreeItem<Path> find(TreeItem<Path> from, Path path) {
    if (from.getValue().equals(path)) {
      return from;
    }
    if (from.isLeaf() || !path.startsWith(from.getValue())) {
      return null;
    }
    for (TreeItem<Path> c : from.getChildren()) {
      TreeItem<Path> found = find(c, path);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  @Test
  void theTreeNoticesNewFilesKeepsItsExpansionAndFollowsTheActiveTab() throws Exception {
    // following the tab expands the folders down to the file and selects it
    openAndWait(sample("components/greeter/greeter.wit"));
    assertThat(tree().getSelectionModel().getSelectedItem().getValue()).isEqualTo(sample("components/greeter/greeter.wit"));
    openAndWait(sample("wit/types.wit"));
    assertThat(tree().getSelectionModel().getSelectedItem().getValue()).isEqualTo(sample("wit/types.wit"));

    // a file made outside the IDE appears without F5
    Path added = sample("wit/added-outside.wit");
    Files.writeString(added, "package a:b;\n");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> item(tree().getRoot(), added) != null);

    // refreshing (as composing does) keeps what is expanded
    assertThat(item(tree().getRoot(), sample("components/greeter")).isExpanded()).isTrue();
    interact(() -> window().refreshTree());
    assertThat(item(tree().getRoot(), sample("components/greeter")).isExpanded()).isTrue();
    assertThat(item(tree().getRoot(), sample("wit")).isExpanded()).isTrue();
    assertThat(tree().getSelectionModel().getSelectedItem().getValue()).isEqualTo(sample("wit/types.wit"));
    Files.delete(added);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> item(tree().getRoot(), added) == null);
  }

  // ---- .wac Text page ---------------------------------------------------------------------

  @Test
  void theWacTextPageHighlightsAndChecksAsYouType() throws Exception {
    openAndWait(sample("compose/loud-greeting.wac"));
    interact(() -> window().showPage("text"));
    CodeArea area = lookup("#wac-editor-loud-greeting-wac").queryAs(CodeArea.class);
    String text = area.getText();
    assertThat(area.getStyleOfChar(text.indexOf("package") + 1)).contains("keyword");
    assertThat(area.getStyleOfChar(text.indexOf("//") + 1)).contains("comment");
    assertThat(area.getParagraphGraphicFactory()).isNotNull();
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window().problems().isEmpty());

    int at = text.indexOf("...shout");
    interact(() -> area.replaceText(at, at + "...shout".length(), ""));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window().problems().isEmpty());
    Problem p = window().problems().getFirst();
    assertThat(p.source()).isEqualTo(Problem.Source.WAC);
    assertThat(p.message()).startsWith("missing argument");
    Location.Text where = (Location.Text) p.location();
    // the squiggle comes from the editor's own check, after a pause in typing
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> area.getStyleOfChar(where.start()).contains("error-squiggle"));

    // clicking the problem puts the caret there
    interact(() -> area.moveTo(0));
    await(() -> window().goTo(p));
    assertThat(area.getCaretPosition()).isEqualTo(where.start());
  }

  @Test
  void composingLogsToTheConsole() throws Exception {
    openAndWait(sample("compose/loud-greeting.wac"));
    interact(() -> window().composeCurrent());
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window().statusText().startsWith("Composed"));
    assertThat(window().consoleText()).contains("compose compose/loud-greeting.wac: reading with packages from compose/deps")
        .contains("compose compose/loud-greeting.wac: wrote compose/loud-greeting.wasm");
    assertThat(window().currentPageIds()).containsExactly("overview", "wit", "sections", "run", "profile");
  }

  /** Chicory's logger and its compiler's "interpreted mode" warnings reach the Console, not the terminal. */
  @Test
  void chicorysWarningsGoToTheConsole() throws Exception {
    System.getLogger("chicory").log(System.Logger.Level.WARNING, "a message from chicory's logger");
    System.err.println("Warning: using interpreted mode for function 7 (too large)");
    System.err.flush();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window().consoleText().contains("interpreted mode"));
    assertThat(window().consoleText()).contains("chicory warning: a message from chicory's logger")
        .contains("chicory: Warning: using interpreted mode for function 7 (too large)");
  }

  /** A big module compiling in the runtime's background shows in the status bar until done, then in the Console. */
  @Test
  void aBackgroundCompilationShowsInTheStatusBarUntilItIsDone() throws Exception {
    java.util.concurrent.CompletableFuture<Object> done = new java.util.concurrent.CompletableFuture<>();
    dev.plugboard.runtime.Compilations.started(
        new dev.plugboard.runtime.Compilations.Compilation("js-shout.wasm.module0", 12_449_036, done));
    javafx.scene.control.Label task = lookup("#status-task").queryAs(javafx.scene.control.Label.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> task.getText().startsWith("Compiling js-shout.wasm.module0"));
    assertThat(task.getText()).contains("12.4 MB").contains("interpreted");
    assertThat(task.getParent().isVisible()).isTrue();
    // the message gives way to the bar and the Cancel button, which stay whole
    javafx.scene.control.Button cancel = lookup("#status-cancel").queryButton();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(cancel.getWidth()).isGreaterThanOrEqualTo(cancel.prefWidth(-1) - 0.5);
    assertThat(lookup("#status-progress").queryAs(javafx.scene.control.ProgressBar.class).getWidth())
        .isGreaterThanOrEqualTo(80);
    done.complete(null);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window().consoleText().contains("compiled js-shout.wasm.module0"));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !task.getParent().isVisible());
    assertThat(window().consoleText()).contains("kept for later runs");
  }
}
