package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.settings.Settings.Theme;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.compose.GraphEdit;
import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.Sidecar;
import dev.plugboard.compose.scene.GraphScene;
import dev.plugboard.compose.ui.CompositionCanvas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The Graph page of a {@code .wac} file in the real IDE: one document under the Graph and Text pages. */
class GraphPageTest extends IdeTest {
  private Path sample(String relative) {
    return config.resolve("sample-workspace").resolve(relative);
  }

  private CompositionCanvas canvas() {
    return lookup("#graph-loud-greeting-wac").queryAs(CompositionCanvas.class);
  }

  private CodeArea textArea() {
    interact(() -> window().showPage("text"));
    return lookup("#wac-editor-loud-greeting-wac").queryAs(CodeArea.class);
  }

  private Point2D onScreen(CompositionCanvas c, GraphScene.Port p) {
    return c.drawingCanvas().localToScreen(c.toScreen(p.x(), p.y()));
  }

  private String savableText() {
    return window().current(Savable.class).orElseThrow().currentText();
  }

  @Test
  void whyTheGraphCannotBeDrawnLeavesTheStatusBarOnceTheTextReads() throws Exception {
    openAndWait(sample("compose/loud-greeting.wac"));
    CodeArea area = textArea();
    String good = area.getText();
    interact(() -> area.appendText("let my_app = new plugboard:shout {};\n"));
    WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
        () -> window().statusText().contains("cannot be drawn"));
    interact(() -> area.replaceText(good));
    WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
        () -> canvas().graphSceneProperty().get().node(NodeId.of("shout")) != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().statusText()).doesNotContain("cannot be drawn");
  }

  @Test
  void graphAndTextEditOneDocumentWithOneHistoryAndSaveTogether() throws Exception {
    Path wac = sample("compose/loud-greeting.wac");
    String original = Files.readString(wac);
    openAndWait(wac);
    assertThat(window().currentPageIds()).containsExactly("graph", "text");
    assertThat(window().currentPage().orElseThrow().id()).isEqualTo("graph");
    CompositionCanvas canvas = canvas();
    GraphScene.Wire wire = canvas.graphSceneProperty().get().wires().stream()
        .filter(w -> w.from().node().name().equals("shout")).findFirst().orElseThrow();
    String importName = wire.to().name();

    // unwire on the canvas: the text follows at once
    interact(() -> canvas.apply(new GraphEdit.Unwire(NodeId.of("greeter"), importName)));
    assertThat(canvas.graphSceneProperty().get().wires()).noneMatch(w -> w.from().node().name().equals("shout"));
    String unwired = savableText();
    assertThat(unwired).isNotEqualTo(original).doesNotContain("...shout");
    assertThat(window().current(Savable.class).orElseThrow().dirtyProperty().get()).isTrue();

    // wire again by dragging from shout's export to greeter's import, as a user does
    GraphScene scene = canvas.graphSceneProperty().get();
    drag(onScreen(canvas, scene.port(wire.from().ref())), MouseButton.PRIMARY);
    moveTo(onScreen(canvas, scene.port(new GraphScene.PortRef(NodeId.of("greeter"), importName, GraphScene.Side.IN))));
    assertThat(canvas.hoverTextProperty().get()).startsWith("fits");
    drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(canvas.graphSceneProperty().get().wires()).anyMatch(w -> w.from().node().name().equals("shout"));
    String wired = savableText();
    assertThat(wired).contains(": shout[\"" + wire.from().name() + "\"]");
    assertThat(textArea().getText()).isEqualTo(wired);

    // edit the text: the graph follows
    CodeArea area = textArea();
    int at = wired.indexOf("let greeter");
    interact(() -> area.insertText(at, "let second = new plugboard:shout {};\n"));
    assertThat(canvas.graphSceneProperty().get().node(NodeId.of("second"))).isNotNull();

    // one history across both pages, each step named, in the Edit menu too
    assertThat(editMenuItem("action-edit-undo")).isEqualTo("Undo Edit text");
    interact(() -> window().actions().run("edit.undo"));
    assertThat(window().statusText()).isEqualTo("Undo Edit text");
    assertThat(area.getText()).isEqualTo(wired);
    assertThat(canvas.graphSceneProperty().get().node(NodeId.of("second"))).isNull();
    interact(() -> window().actions().run("edit.undo"));
    assertThat(window().statusText()).startsWith("Undo Wire shout.");
    assertThat(area.getText()).isEqualTo(unwired);
    interact(() -> window().showPage("graph"));
    interact(() -> window().actions().run("edit.undo"));
    assertThat(window().statusText()).startsWith("Undo Unwire");
    assertThat(area.getText()).isEqualTo(original);
    assertThat(window().current(Savable.class).orElseThrow().dirtyProperty().get()).isFalse();
    assertThat(editMenuItem("action-edit-redo")).startsWith("Redo Unwire");
    interact(() -> window().actions().run("edit.redo"));
    assertThat(window().statusText()).startsWith("Redo Unwire");
    assertThat(area.getText()).isEqualTo(unwired);
    // the code area's own undo key goes to the document too
    interact(() -> window().showPage("text"));
    interact(area::requestFocus);
    push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.Z);
    assertThat(area.getText()).isEqualTo(original);
    interact(() -> window().actions().run("edit.redo"));
    // typing is one step per run, not per character
    interact(() -> area.moveTo(area.getLength()));
    write("// hi");
    assertThat(area.getText()).isEqualTo(unwired + "// hi");
    assertThat(canvas.document().history()).first().isEqualTo("Edit text");
    interact(() -> window().actions().run("edit.undo"));
    assertThat(area.getText()).isEqualTo(unwired);

    // lay out (positions), then save: the text and the sidecar on disk
    interact(() -> window().showPage("graph"));
    clickOn("#canvas-layout");
    interact(() -> window().actions().run("file.save"));
    assertThat(Files.readString(wac)).isEqualTo(unwired);
    Sidecar layout = Sidecar.read(wac);
    assertThat(layout.nodes()).containsKeys("shout", "greeter");
    assertThat(window().current(Savable.class).orElseThrow().dirtyProperty().get()).isFalse();

    // Compose & Run: the composed component opens on its Run page
    interact(() -> window().actions().run("run.compose-run"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window().currentPage().map(p -> p.id().equals("run"))
        .orElse(false));
    assertThat(window().currentPageIds()).contains("run");
    assertThat(window().openFiles()).contains(sample("compose/loud-greeting.wasm").toAbsolutePath().normalize());
  }

  @Test
  void problemsOnNodesRevealThemAndThePaletteAndDropsUseDeps() throws Exception {
    openAndWait(sample("compose/loud-greeting.wac"));
    CompositionCanvas canvas = canvas();
    ListView<?> palette = lookup("#canvas-palette").queryAs(ListView.class);
    assertThat(palette.getItems()).extracting(Object::toString)
        .contains("plugboard:shout", "plugboard:loud-greeter");

    String importName = canvas.graphSceneProperty().get().wires().getFirst().to().name();
    interact(() -> canvas.apply(new GraphEdit.Unwire(NodeId.of("greeter"), importName)));
    Problem unwired = window().problems().stream().filter(p -> p.message().contains("is not wired"))
        .findFirst().orElseThrow();
    assertThat(unwired.source()).isEqualTo(Problem.Source.WAC);
    assertThat(unwired.location()).isInstanceOf(Location.Text.class);
    interact(() -> window().showPage("text"));
    interact(() -> canvas.select(Set.of()));
    await(() -> window().goTo(unwired));
    assertThat(window().currentPage().orElseThrow().id()).isEqualTo("graph");
    assertThat(canvas.selectionProperty().get()).containsExactly(NodeId.of("greeter"));

    // a component from elsewhere in the workspace is copied into deps/ and added
    Path greeter = sample("components/greeter/greeter.wasm");
    int added = WaitForAsyncUtils.asyncFx(() -> canvas.dropFiles(List.of(greeter), 200, 200)).get();
    assertThat(added).isEqualTo(1);
    Path copied = sample("compose/deps/local/greeter.wasm");
    assertThat(copied).exists().hasSameBinaryContentAs(greeter);
    assertThat(savableText()).contains("new local:greeter");
    assertThat(palette.getItems()).extracting(Object::toString).contains("local:greeter");
    assertThat(window().consoleText()).contains("compose/deps/local/greeter.wasm");
  }

  @Test
  void aChangeOnDiskReloadsBothPagesOnce() throws Exception {
    Path wac = sample("compose/loud-greeting.wac");
    openAndWait(wac);
    CompositionCanvas canvas = canvas();
    String changed = Files.readString(wac).replace("export greeter.greet;",
        "let other = new plugboard:shout {};\nexport greeter.greet;");
    Files.writeString(wac, changed);
    Files.setLastModifiedTime(wac, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    interact(() -> window().checkExternalChanges());
    assertThat(window().statusText()).isEqualTo("Reloaded compose/loud-greeting.wac (changed on disk)");
    assertThat(canvas.graphSceneProperty().get().node(NodeId.of("other"))).isNotNull();
    assertThat(textArea().getText()).isEqualTo(changed);
    assertThat(window().current(Savable.class).orElseThrow().dirtyProperty().get()).isFalse();
  }

  @Test
  void aWacThatDoesNotReadOpensWithItsErrorOnBothPages() throws Exception {
    Path bad = sample("compose/broken.wac");
    Files.writeString(bad, "package local:broken;\nlet a = new ;\n");
    openAndWait(bad);
    assertThat(window().currentPageIds()).containsExactly("graph", "text");
    CompositionCanvas canvas = lookup("#graph-broken-wac").queryAs(CompositionCanvas.class);
    assertThat(canvas.graphSceneProperty().get().nodes()).isEmpty();
    assertThat(canvas.graphSceneProperty().get().message()).contains("broken.wac:2:");
    Problem p = window().problems().stream().filter(q -> q.file().endsWith("broken.wac")).findFirst().orElseThrow();
    assertThat(p.location()).isInstanceOf(Location.Text.class);
    assertThat(((Location.Text) p.location()).line()).isEqualTo(2);
    await(() -> window().goTo(p));
    assertThat(window().currentPage().orElseThrow().id()).isEqualTo("text");
  }

  @Test
  void theGraphPageInBothThemes() throws Exception {
    openAndWait(sample("compose/loud-greeting.wac"));
    for (Theme theme : Theme.values()) {
      interact(() -> window().setTheme(theme));
      WaitForAsyncUtils.waitForFxEvents();
      Path png = WaitForAsyncUtils.asyncFx(() -> {
        javafx.scene.Parent root = stage.getScene().getRoot();
        root.applyCss();
        root.resize(1280, 800);
        root.layout();
        root.layout();
        canvas().fit();
        return Snapshots.write(root, "wac-graph-" + theme.name().toLowerCase(java.util.Locale.ROOT));
      }).get();
      assertThat(Files.size(png)).isGreaterThan(10_000);
    }
    interact(() -> window().setTheme(Theme.LIGHT));
  }

  /** The text of an Edit menu item as the menu shows it (the menu's showing handler names the step). */
  private String editMenuItem(String id) {
    var bar = lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
    var edit = bar.getMenus().stream().filter(m -> "menu-edit".equals(m.getId())).findFirst().orElseThrow();
    interact(() -> {
      if (edit.getOnShowing() != null) {
        edit.getOnShowing().handle(new javafx.event.Event(javafx.scene.control.Menu.ON_SHOWING));
      }
    });
    return edit.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow().getText();
  }
}
