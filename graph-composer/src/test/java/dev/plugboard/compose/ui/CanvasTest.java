package dev.plugboard.compose.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.binary.ComponentNew;
import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.Sidecar;
import dev.plugboard.compose.scene.GraphScene;
import dev.plugboard.compose.scene.GraphScene.Side;
import dev.plugboard.compose.scene.ScenePackages;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Drives the real canvas, headless: drag a component in, wire two ports by dragging, see an
 * incompatible port refused with its reason, undo and redo, edit the text and see the graph
 * change; writes PNG snapshots in the light and dark themes to {@code target/snapshots}.
 */
class CanvasTest extends FxRobot {
  static final String TEXT = """
      // the sample, not wired yet
      package canvas:loud-greeting;

      let shout = new canvas:shout {};
      let counter = new canvas:counter {};
      let greeter = new canvas:loud-greeter { ... };
      export greeter.greet;
      """;

  Stage stage;
  CompositionDocument doc;
  CompositionCanvas canvas;

  @BeforeEach
  void start() throws Exception {
    stage = FxToolkit.registerPrimaryStage();
    theme(false);
    doc = new CompositionDocument("c.wac", TEXT, Sidecar.empty(), ScenePackages.packages(), List.of());
    interact(() -> {
      canvas = new CompositionCanvas(doc);
      canvas.catalog().addAll("canvas:shout", "canvas:counter", "canvas:echo", "canvas:loud-greeter");
      stage.setScene(new Scene(canvas, 1100, 640));
      stage.show();
    });
    interact(() -> {});
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupStages();
  }

  private void theme(boolean dark) {
    interact(() -> Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark()
        .getUserAgentStylesheet() : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
  }

  /** Where port {@code name} on side {@code side} of {@code node} is on the screen. */
  private Point2D port(String node, String name, Side side) {
    GraphScene.Port p = canvas.graphSceneProperty().get().port(new GraphScene.PortRef(NodeId.of(node), name, side));
    assertThat(p).as(node + "." + name).isNotNull();
    Point2D local = canvas.toScreen(p.x(), p.y());
    return canvas.drawingCanvas().localToScreen(local);
  }

  private Point2D centre(String node) {
    GraphScene.Node n = canvas.graphSceneProperty().get().node(NodeId.of(node));
    return canvas.drawingCanvas().localToScreen(canvas.toScreen(n.x() + n.w() / 2, n.y() + 16));
  }

  private static void snapshot(javafx.scene.Node node, String name) throws Exception {
    Path out = Path.of(System.getProperty("plugboard.snapshots", "target/snapshots"), name + ".png");
    Files.createDirectories(out.getParent());
    javafx.scene.image.WritableImage[] image = {null};
    org.testfx.util.WaitForAsyncUtils.asyncFx(() -> image[0] = node.snapshot(null, null)).get();
    ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", out.toFile());
  }

  @Test
  void wiringByDraggingLightsCompatiblePortsAndWritesTheArgument() throws Exception {
    drag(port("shout", "text", Side.OUT), MouseButton.PRIMARY);
    moveTo(port("greeter", "text", Side.IN));
    assertThat(canvas.hoverTextProperty().get()).startsWith("fits");
    snapshot(canvas, "canvas-wiring-light");
    drop();
    interact(() -> {});
    assertThat(doc.text()).contains("let greeter = new canvas:loud-greeter { text: shout.text, ... };");
    assertThat(doc.undoDescription()).contains("Wire shout.text → greeter");
    assertThat(canvas.graphSceneProperty().get().wires()).anyMatch(w -> w.from().node().name().equals("shout")
        && w.to().node().name().equals("greeter"));
    assertThat(canvas.problems().get()).isEmpty();
    snapshot(canvas, "canvas-light");
  }

  @Test
  void anIncompatiblePortIsDimmedAndADropOnItIsRefusedWithTheReason() {
    drag(port("counter", "text", Side.OUT), MouseButton.PRIMARY);
    moveTo(port("greeter", "text", Side.IN));
    assertThat(canvas.hoverTextProperty().get()).contains("expected string, found u32");
    drop();
    interact(() -> {});
    assertThat(canvas.statusProperty().get()).startsWith("Refused").contains("expected string, found u32");
    assertThat(doc.text()).isEqualTo(TEXT);
    assertThat(doc.canUndo()).isFalse();
  }

  @Test
  void undoAndRedoWithTheKeyboardAndTheToolbar() {
    drag(port("shout", "text", Side.OUT), MouseButton.PRIMARY).dropTo(port("greeter", "text", Side.IN));
    interact(() -> {});
    String wired = doc.text();
    assertThat(wired).isNotEqualTo(TEXT);
    clickOn(centre("shout"));
    press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    assertThat(doc.text()).isEqualTo(TEXT);
    clickOn("#canvas-redo");
    assertThat(doc.text()).isEqualTo(wired);
    clickOn("#canvas-undo");
    assertThat(doc.text()).isEqualTo(TEXT);
    assertThat(canvas.graphSceneProperty().get().wires()).noneMatch(w -> w.from().node().name().equals("shout"));
  }

  @Test
  void editingTheTextChangesTheGraphAndATextThatDoesNotReadSaysWhy() {
    interact(() -> doc.setText(TEXT.replace("export greeter.greet;", "let echo = new canvas:echo { ... };\n"
        + "export greeter.greet;")));
    assertThat(canvas.graphSceneProperty().get().node(NodeId.of("echo"))).isNotNull();
    assertThat(canvas.problems().get()).anyMatch(p -> NodeId.of("echo").equals(p.node()));
    interact(() -> doc.setText(TEXT.replace("canvas:counter", "canvas:nope")));
    assertThat(canvas.graphSceneProperty().get().nodes()).isEmpty();
    assertThat(canvas.statusProperty().get()).contains("c.wac:5:").contains("canvas:nope");
    assertThat(lookup("#canvas-compose").queryButton().isDisabled()).isTrue();
    interact(() -> doc.setText(TEXT)); // readable again: the refusal leaves the status line
    assertThat(canvas.graphSceneProperty().get().nodes()).isNotEmpty();
    assertThat(canvas.statusProperty().get()).doesNotContain("cannot be drawn");
    assertThat(lookup("#canvas-compose").queryButton().isDisabled()).isFalse();
  }

  @Test
  void aDroppedComponentBecomesANodeWithItsPorts(@TempDir Path dir) throws Exception {
    Path wasm = dir.resolve("adder.wasm");
    Files.write(wasm, adder());
    Point2D at = canvas.toScreen(100, 500);
    int added = interactAndGet(() -> canvas.dropFiles(List.of(wasm, dir.resolve("notes.txt")), at.getX(), at.getY()));
    assertThat(added).isEqualTo(1);
    assertThat(doc.text()).contains("let adder = new local:adder {};");
    GraphScene.Node n = canvas.graphSceneProperty().get().node(NodeId.of("adder"));
    assertThat(n.ports()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("add");
      assertThat(p.side()).isEqualTo(Side.OUT);
      assertThat(p.detail()).isEqualTo("add: func(a: u32, b: u32) -> u32");
    });
    assertThat(doc.layout().nodes().get("adder").y()).isCloseTo(500, org.assertj.core.data.Offset.offset(1e-6));
    Path deps = Files.createDirectories(dir.resolve("deps/canvas"));
    Files.write(deps.resolve("adder.wasm"), adder());
    assertThat(interactAndGet(() -> canvas.dropFiles(List.of(deps.resolve("adder.wasm")), 0, 0))).isEqualTo(1);
    assertThat(doc.text()).contains("let adder2 = new canvas:adder {};");
    Files.write(dir.resolve("broken.wasm"), new byte[] {0, 'a', 's', 'm', 9});
    assertThat(interactAndGet(() -> canvas.dropFiles(List.of(dir.resolve("broken.wasm")), 0, 0))).isZero();
    assertThat(canvas.statusProperty().get()).startsWith("broken.wasm: ");
  }

  @Test
  void thePaletteAddsWhatTheSearchFinds() {
    clickOn("#canvas-search").write("ech").type(KeyCode.ENTER);
    assertThat(doc.text()).contains("let echo = new canvas:echo { ... };");
    assertThat(doc.undoDescription()).contains("Add echo (canvas:echo)");
  }

  @Test
  void rubberBandSelectsAndDeleteDeletesAndArrowsNavigate() {
    GraphScene s = canvas.graphSceneProperty().get();
    GraphScene.Node shout = s.node(NodeId.of("shout"));
    GraphScene.Node counter = s.node(NodeId.of("counter"));
    double x0 = Math.min(shout.x(), counter.x()) - 10;
    double y0 = Math.min(shout.y(), counter.y()) - 10;
    double x1 = Math.max(shout.x() + shout.w(), counter.x() + counter.w()) + 10;
    double y1 = Math.max(shout.y() + shout.h(), counter.y() + counter.h()) + 10;
    Point2D a = canvas.drawingCanvas().localToScreen(canvas.toScreen(x0, y0));
    Point2D b = canvas.drawingCanvas().localToScreen(canvas.toScreen(x1, y1));
    drag(a, MouseButton.PRIMARY).dropTo(b);
    assertThat(canvas.selectionProperty().get()).containsExactlyInAnyOrder(NodeId.of("shout"), NodeId.of("counter"));
    type(KeyCode.DELETE);
    assertThat(doc.graph().nodes()).doesNotContainKeys("shout", "counter");
    assertThat(doc.history()).containsExactly("Delete 2 nodes");
    clickOn(centre("greeter"));
    type(KeyCode.RIGHT);
    assertThat(canvas.selectionProperty().get()).containsExactly(NodeId.EXPORTS);
    type(KeyCode.LEFT);
    assertThat(canvas.selectionProperty().get()).containsExactly(NodeId.of("greeter"));
  }

  @Test
  void movingNodesIsOneStepAndZoomAndFitChangeTheView() {
    clickOn(centre("shout"));
    press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    assertThat(canvas.selectionProperty().get()).hasSize(5);
    GraphScene.Node before = canvas.graphSceneProperty().get().node(NodeId.of("shout"));
    drag(centre("shout"), MouseButton.PRIMARY).moveBy(0, 60).drop();
    assertThat(doc.undoDescription()).contains("Move 5 nodes");
    GraphScene.Node after = canvas.graphSceneProperty().get().node(NodeId.of("shout"));
    assertThat(after.y() - before.y()).isCloseTo(60 / canvas.zoom(), org.assertj.core.data.Offset.offset(1.5));
    double z = canvas.zoom();
    type(KeyCode.MINUS);
    assertThat(canvas.zoom()).isLessThan(z);
    type(KeyCode.F);
    assertThat(canvas.zoom()).isCloseTo(z, org.assertj.core.data.Offset.offset(0.2));
    clickOn("#canvas-layout");
    assertThat(doc.undoDescription()).contains("Lay out 5 nodes");
    assertThat(canvas.graphSceneProperty().get().node(NodeId.of("shout")).x())
        .isLessThan(canvas.graphSceneProperty().get().node(NodeId.of("greeter")).x());
  }

  @Test
  void theDarkThemeDrawsWithTheThemesColours() throws Exception {
    theme(true);
    interact(() -> {
      canvas.applyCss();
      canvas.redraw();
    });
    var image = interactAndGet(() -> canvas.drawingCanvas().snapshot(null, null));
    var corner = image.getPixelReader().getColor(2, 2);
    assertThat(corner.getBrightness()).isLessThan(0.3);
    drag(port("shout", "text", Side.OUT), MouseButton.PRIMARY);
    moveTo(port("greeter", "text", Side.IN));
    snapshot(canvas, "canvas-wiring-dark");
    drop();
    interact(() -> {});
    snapshot(canvas, "canvas-dark");
    theme(false);
  }

  @Test
  void droppingAnExportOnTheExportsNodeExportsItAndAProblemRevealsItsNode() {
    drag(port("shout", "text", Side.OUT), MouseButton.PRIMARY).dropTo(centre("<exports>"));
    interact(() -> {});
    assertThat(doc.text()).endsWith("export greeter.greet;\nexport shout.text;\n");
    assertThat(doc.undoDescription()).contains("Export shout.text");
    var problem = canvas.problems().get().stream().filter(p -> NodeId.of("greeter").equals(p.node())).findFirst()
        .orElseThrow();
    assertThat(problem.port()).isEqualTo("text");
    interact(() -> canvas.reveal(problem));
    assertThat(canvas.selectionProperty().get()).containsExactly(NodeId.of("greeter"));
  }

  @Test
  void hoveringAPortShowsItsFunctionsAndTheirTypes() {
    moveTo(port("greeter", "text", Side.IN));
    assertThat(canvas.hoverTextProperty().get()).isEqualTo("text\n  shout: func(s: string) -> string");
  }

  @Test
  void composeIsACallbackWithTheDocument() {
    CompositionDocument[] got = {null};
    interact(() -> canvas.setOnCompose(d -> got[0] = d));
    clickOn("#canvas-compose");
    assertThat(got[0]).isSameAs(doc);
  }

  /** A component exporting {@code add}: a hand-assembled core module wrapped for the world in {@code adder.wit}. */
  static byte[] adder() throws Exception {
    byte[] core = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00,
        0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b};
    WitResolver.Result r = WitResolver.resolvePath(Path.of("src/test/resources/canvas/adder/adder.wit"),
        WitResolver.Options.DEFAULT);
    var main = r.resolve().packages.get(r.mainPackage());
    return ComponentNew.wrap(core, r.resolve(), main.worlds.values().iterator().next());
  }

  private <T> T interactAndGet(java.util.concurrent.Callable<T> c) {
    Object[] out = {null};
    interact(() -> {
      try {
        out[0] = c.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    @SuppressWarnings("unchecked")
    T t = (T) out[0];
    return t;
  }

}
