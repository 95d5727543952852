package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.settings.Settings;
import dev.plugboard.app.settings.SettingsStore;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import dev.plugboard.editor.Outline;
import org.fxmisc.richtext.CodeArea;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real IDE headless (JavaFX's Headless glass platform) and drives it. */
class MainWindowTest extends IdeTest {
  private void waitForFx() {
    interact(() -> {});
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
    return org.testfx.util.WaitForAsyncUtils.asyncFx(work).get();
  }

  /** A fact of the .wasm page in the selected tab (other tabs' pages are in the scene but hidden). */
  private String shownFact(String name) {
    return lookup("#fact-" + name).queryAllAs(Label.class).stream()
        .filter(l -> {
          for (Node n = l; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
              return false;
            }
          }
          return true;
        })
        .findFirst().orElseThrow().getText();
  }

  private void doubleClickTreeEntry(String name) {
    Node cell = lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && name.equals(c.getText())).query();
    doubleClickOn(cell, MouseButton.PRIMARY);
    waitForFx();
  }

  /** WCAG contrast ratio of two colours. */
  private static double contrast(javafx.scene.paint.Color a, javafx.scene.paint.Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(javafx.scene.paint.Color c) {
    java.util.function.DoubleUnaryOperator ch = v -> v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    return 0.2126 * ch.applyAsDouble(c.getRed()) + 0.7152 * ch.applyAsDouble(c.getGreen())
        + 0.0722 * ch.applyAsDouble(c.getBlue());
  }

  /** The selected workspace entry stays readable, focused or not, in both themes (it was white on light grey). */
  @Test
  void theSelectedWorkspaceEntryIsReadableInBothThemes() throws Exception {
    javafx.scene.control.TreeView<?> tree = lookup("#workspace-tree").queryAs(javafx.scene.control.TreeView.class);
    interact(() -> tree.getSelectionModel().select(1));
    for (var theme : dev.plugboard.app.settings.Settings.Theme.values()) {
      interact(() -> Themes.apply(theme));
      for (boolean focused : new boolean[] {true, false}) {
        interact(() -> {
          if (focused) {
            tree.requestFocus();
          } else {
            lookup("#editor-tabs").query().requestFocus();
          }
          stage.getScene().getRoot().applyCss();
          stage.getScene().getRoot().layout();
        });
        TreeCell<?> cell = lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.isSelected())
            .queryAs(TreeCell.class);
        var text = (javafx.scene.paint.Color) cell.getTextFill();
        // the selection may be a translucent tint: see it over the tree's own background
        var tint = (javafx.scene.paint.Color) cell.getBackground().getFills().getLast().getFill();
        TreeCell<?> other = lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && !c.isSelected()
            && c.getBackground() != null && !c.getBackground().getFills().isEmpty()).queryAs(TreeCell.class);
        var under = (javafx.scene.paint.Color) other.getBackground().getFills().getFirst().getFill();
        var background = under.interpolate(tint.deriveColor(0, 1, 1, 1 / Math.max(tint.getOpacity(), 1e-9)),
            tint.getOpacity());
        assertThat(contrast(text, background)).as(theme + (focused ? ", focused" : ", not focused") + ": " + text + " on " + background)
            .isGreaterThan(4.5);
      }
    }
    interact(() -> Themes.apply(dev.plugboard.app.settings.Settings.Theme.LIGHT));
  }

  @Test
  void opensTheSampleWorkspaceOnAFirstRunAndShowsAWitFile() throws Exception {
    assertThat(window().workspaceProperty().get().root()).isEqualTo(config.resolve("sample-workspace"));
    assertThat(stage.getTitle()).isEqualTo("sample-workspace — Plugboard");
    assertThat(lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus())
        .extracting(m -> m.getText().replace("_", ""))
        .containsExactly("File", "Edit", "View", "Run", "Help");

    doubleClickTreeEntry("wit");
    doubleClickTreeEntry("worlds.wit");

    TabPane tabs = lookup("#editor-tabs").queryAs(TabPane.class);
    assertThat(tabs.getTabs()).extracting(t -> t.getText()).containsExactly("worlds.wit");
    CodeArea text = lookup("#wit-editor-worlds-wit").queryAs(CodeArea.class);
    assertThat(text.getText()).contains("world greeter {").contains("world inventory-service {");
    assertThat(text.getStyleOfChar(text.getText().indexOf("world") + 1)).contains("keyword");
    assertThat(text.getStyleOfChar(text.getText().indexOf("-> string") + 4)).contains("type");

    // the outline lists the worlds; choosing one moves the caret there, and the caret selects it back
    @SuppressWarnings("unchecked")
    javafx.scene.control.TreeView<Outline.Item> outline = lookup("#wit-outline").queryAs(
        javafx.scene.control.TreeView.class);
    assertThat(outline.getRoot().getChildren()).extracting(t -> t.getValue().name())
        .containsExactly("plugboard:sample@0.1.0", "greeter", "inventory-service");
    interact(() -> outline.getSelectionModel().select(outline.getRoot().getChildren().get(2)));
    assertThat(text.getCaretPosition()).isEqualTo(text.getText().indexOf("world inventory-service"));
    interact(() -> text.moveTo(text.getText().indexOf("export greet")));
    assertThat(outline.getSelectionModel().getSelectedItem().getValue().name()).isEqualTo("greet");
    assertThat(window().statusText()).isEqualTo("Opened wit/worlds.wit");

    interact(() -> stage.getScene().getRoot().applyCss());
    Path png = onFx(() -> Snapshots.write(stage.getScene().getRoot(), "main-window"));
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  @Test
  void typingAnErrorInAWitFileShowsASquiggleAndAProblem() throws Exception {
    doubleClickTreeEntry("wit");
    doubleClickTreeEntry("types.wit");
    CodeArea area = lookup("#wit-editor-types-wit").queryAs(CodeArea.class);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().problems()).isEmpty();

    int at = area.getText().indexOf("quantity: u32");
    interact(() -> area.replaceText(at + "quantity: ".length(), at + "quantity: u32".length(), "u23"));
    WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> !window().problems().isEmpty());
    assertThat(window().problems()).singleElement().satisfies(p -> {
      assertThat(p.file().getFileName().toString()).isEqualTo("types.wit");
      assertThat(p.message()).isEqualTo("type `u23` does not exist");
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(area.getStyleOfChar(at + "quantity: ".length() + 1)).contains("error-squiggle");
    WitEditorProbe.hover(window(), at + "quantity: ".length() + 1)
        .ifPresentOrElse(h -> assertThat(h).startsWith("error: type `u23` does not exist"),
            () -> { throw new AssertionError("no hover on the squiggle"); });
    // the Problems entry jumps to the place
    interact(() -> area.moveTo(0));
    interact(() -> window().goTo(window().problems().getFirst()));
    assertThat(area.getCaretPosition()).isEqualTo(at + "quantity: ".length());
    assertThat(lookup("#editor-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText())
        .isEqualTo("● types.wit");
    onFx(() -> Snapshots.write(stage.getScene().getRoot(), "wit-editor"));

    interact(() -> area.replaceText(at + "quantity: ".length(), at + "quantity: u23".length(), "u32"));
    WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> window().problems().isEmpty());
  }

  @Test
  void formatDocumentLaysOutTheFileAndKeepsComments() throws Exception {
    doubleClickTreeEntry("wit");
    doubleClickTreeEntry("worlds.wit");
    CodeArea area = lookup("#wit-editor-worlds-wit").queryAs(CodeArea.class);
    String original = area.getText();
    String messy = original.replace("export greet: func(name: string) -> string;",
        "export   greet :func( name:string )->string ;  // says hello");
    interact(() -> area.replaceText(messy));
    clickOn(area);
    press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(area.getText()).isEqualTo(original.replace("export greet: func(name: string) -> string;",
        "export greet: func(name: string) -> string; // says hello"));
    assertThat(window().statusText()).isEqualTo("Formatted wit/worlds.wit");
  }

  @Test
  void editsAreMarkedAndSavedAtomically() throws Exception {
    doubleClickTreeEntry("README.md");
    TextArea text = lookup("#text-README-md").queryAs(TextArea.class);
    clickOn(text);
    press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
    write("Edited in a test.");
    TabPane tabs = lookup("#editor-tabs").queryAs(TabPane.class);
    assertThat(tabs.getTabs().getFirst().getText()).isEqualTo("● README.md");

    press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
    waitForFx();
    assertThat(tabs.getTabs().getFirst().getText()).isEqualTo("README.md");
    assertThat(Files.readString(config.resolve("sample-workspace/README.md"))).endsWith("Edited in a test.");
  }

  @Test
  void aComponentOpensAsASummaryPage() throws Exception {
    Path hello = SharedData.require("fixtures/components/hello.wasm");
    openAndWait(hello);
    assertThat(lookup("#fact-kind").queryAs(Label.class).getText()).isEqualTo("component");
    assertThat(lookup("#fact-size").queryAs(Label.class).getText()).isEqualTo(Files.size(hello) + " bytes");
    interact(() -> window().showPage("sections"));
    TableView<?> sections = lookup("#wasm-sections").queryAs(TableView.class);
    assertThat(sections.getItems()).isNotEmpty();
    interact(() -> window().showPage("wit"));
    CodeArea wit = lookup("#wasm-wit").queryAs(CodeArea.class);
    assertThat(wit.getText()).contains("world root {").contains("export greet: func(name: string) -> string;");
    assertThat(wit.isEditable()).isFalse();
    assertThat(wit.getStyleOfChar(wit.getText().indexOf("world root") + 1)).contains("keyword");
    assertThat(window().problems()).isEmpty();
    interact(() -> window().showPage("overview"));
    onFx(() -> Snapshots.write(stage.getScene().getRoot(), "wasm-summary"));

    // counts are items, not sections; core modules inside nested components count too
    openAndWait(SharedData.require("fixtures/components/c-hello.wasm"));
    assertThat(shownFact("imports")).isEqualTo("15");
    assertThat(shownFact("core-modules")).isEqualTo("4");
    openAndWait(SharedData.require("fixtures/components/composed-app-upper.wasm"));
    assertThat(shownFact("nested-components")).isEqualTo("3");
  }

  @Test
  void aMalformedBinaryBecomesAProblemWithItsOffset() throws Exception {
    Path bad = config.resolve("sample-workspace/broken.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 0x07, 0x7f});
    openAndWait(bad);
    assertThat(window().problems()).singleElement()
        .satisfies(p -> assertThat(p.toString()).isEqualTo("broken.wasm:byte 9: section length 127 exceeds the 0 remaining bytes"));
    assertThat(window().openFiles()).isEmpty();
    assertThat(window().consoleText()).contains("error: broken.wasm: section length 127");

    // a well-formed but invalid component opens, and its validation error is listed
    Path invalid = SharedData.require("conformance/cm-wast/wasm/validation/abi-0.wasm");
    openAndWait(invalid);
    assertThat(window().problems()).hasSize(2).last()
        .satisfies(p -> assertThat(p.message()).isEqualTo("canonical option `memory` is required"));
    assertThat(window().openFiles()).contains(invalid.toAbsolutePath().normalize());
  }

  @Test
  void windowBoundsThemeAndWorkspaceAreRemembered() throws Exception {
    interact(() -> {
      stage.setX(40);
      stage.setY(50);
      stage.setWidth(1000);
      stage.setHeight(700);
      window().rememberState();
    });
    Settings saved = new SettingsStore(config).load();
    assertThat(saved.window().width()).isEqualTo(1000);
    assertThat(saved.window().height()).isEqualTo(700);
    assertThat(saved.lastWorkspace()).isEqualTo(config.resolve("sample-workspace").toString());

    AtomicReference<Path> reopened = new AtomicReference<>();
    FxToolkit.cleanupApplication(app);
    app = (PlugboardApp) FxToolkit.setupApplication(PlugboardApp::new);
    interact(() -> reopened.set(app.window().workspaceProperty().get().root()));
    assertThat(reopened.get()).isEqualTo(config.resolve("sample-workspace"));
    assertThat(stage.getWidth()).isEqualTo(1000);
  }

  @Test
  void theRunPageCallsAComponentsExports() throws Exception {
    Path greeter = config.resolve("sample-workspace/components/greeter/greeter.wasm");
    openAndWait(greeter);
    javafx.scene.control.TabPane pages = lookup("#wasm-pages").queryAs(javafx.scene.control.TabPane.class);
    assertThat(pages.getTabs()).extracting(t -> t.getText()).containsExactly("Overview", "WIT", "Sections", "Run", "Profile");
    interact(() -> pages.getSelectionModel().select(3));
    @SuppressWarnings("unchecked")
    javafx.scene.control.ComboBox<dev.plugboard.runtime.ComponentInstance.Export> functions =
        lookup("#run-function").queryAs(javafx.scene.control.ComboBox.class);
    WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> !functions.getItems().isEmpty());
    assertThat(functions.getItems()).extracting(e -> e.qualifiedName()).containsExactly("greet", "count-vowels");
    javafx.scene.control.TextField call = lookup("#run-call").queryAs(javafx.scene.control.TextField.class);
    WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> !call.getText().isEmpty());
    assertThat(call.getText()).isEqualTo("greet(\"\")");
    interact(() -> call.setText("greet(\"Plugboard\")"));
    clickOn("#run-button");
    @SuppressWarnings("unchecked")
    javafx.scene.control.ListView<dev.plugboard.app.run.RunSession.Outcome> output =
        lookup("#run-output").queryAs(javafx.scene.control.ListView.class);
    WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> !output.getItems().isEmpty());
    assertThat(output.getItems().getFirst().text()).isEqualTo("\"Hello, Plugboard!\"");
    interact(() -> functions.setValue(functions.getItems().get(1)));
    interact(() -> call.setText("count-vowels(\"Education\""));
    clickOn("#run-button");
    WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> output.getItems().size() == 2);
    assertThat(output.getItems().get(1).text()).startsWith("error at column").contains("end of input");
    interact(() -> call.setText("count-vowels(\"Education\")"));
    clickOn("#run-button");
    WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> output.getItems().size() == 3);
    assertThat(output.getItems().get(2).text()).isEqualTo("5");
    WaitForAsyncUtils.waitForFxEvents();
    onFx(() -> Snapshots.write(stage.getScene().getRoot(), "run-page"));
  }

  /** A WASI component runs on the Run page in the sandbox; what the guest printed shows with the call. */
  @Test
  void theRunPageShowsWhatAWasiGuestPrinted() throws Exception {
    openAndWait(SharedData.require("fixtures/components/c-hello.wasm"));
    interact(() -> window().showPage("run"));
    javafx.scene.control.TextField call = lookup("#run-call").queryAs(javafx.scene.control.TextField.class);
    WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> !call.getText().isEmpty());
    interact(() -> call.setText("run()"));
    clickOn("#run-button");
    @SuppressWarnings("unchecked")
    javafx.scene.control.ListView<dev.plugboard.app.run.RunSession.Outcome> output =
        lookup("#run-output").queryAs(javafx.scene.control.ListView.class);
    WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> !output.getItems().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.ListCell<?> cell = lookup("#run-output .list-cell")
        .match(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() != null)
        .queryAs(javafx.scene.control.ListCell.class);
    // stdout and stderr in the order the guest wrote them, then the result
    assertThat(cell.getText()).startsWith("> run()\nHello from C, world!\n").contains("this line goes to stderr\n")
        .contains("sum(1..100) = 5050\nok\n");
    // the whole entry is shown, not cut to the cell height a theme sets for one-line lists
    int lines = (int) cell.getText().lines().count();
    assertThat(cell.getHeight()).as("height of a %d-line entry", lines)
        .isGreaterThanOrEqualTo(lines * cell.getFont().getSize());
    onFx(() -> Snapshots.write(stage.getScene().getRoot(), "run-page-wasi"));
  }

  @Test
  void aWacFileComposesIntoARunnableComponent() throws Exception {
    Path dir = config.resolve("sample-workspace/compose");
    Files.createDirectories(dir.resolve("deps/example"));
    Files.copy(SharedData.require("fixtures/components/app.wasm"), dir.resolve("deps/example/app.wasm"));
    Files.copy(SharedData.require("fixtures/components/upper.wasm"), dir.resolve("deps/example/upper.wasm"));
    Path wac = dir.resolve("app-upper.wac");
    Files.writeString(wac, "package example:composition;\nlet upper = new example:upper {};\n"
        + "let app = new example:app { ...upper };\nexport app.run;\n");
    openAndWait(wac);
    interact(() -> window().composeCurrent());
    WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
        () -> window().statusText().startsWith("Composed compose/app-upper.wac into compose/app-upper.wasm"));
    assertThat(window().consoleText()).contains("compose compose/app-upper.wac: wrote compose/app-upper.wasm");
    assertThat(dir.resolve("app-upper.wasm")).exists();
    assertThat(lookup("#editor-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText())
        .isEqualTo("app-upper.wasm");

    // an error lands in Problems with its place
    openAndWait(wac);
    interact(() -> window().showPage("text"));
    CodeArea text = lookup("#wac-editor-app-upper-wac").queryAs(CodeArea.class);
    interact(() -> text.replaceText(text.getText().replace("...upper", "")));
    interact(() -> window().composeCurrent());
    WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
        () -> window().statusText().endsWith("the composition has errors"));
    assertThat(window().problems()).singleElement().satisfies(p -> {
      assertThat(p.location().toString()).isEqualTo("3:11");
      assertThat(p.message()).startsWith("missing argument `example:text/transform@0.1.0` of example:app");
    });
  }
}
