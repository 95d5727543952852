package dev.plugboard.compose.ui;

import dev.plugboard.compose.ComposedPackage;
import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.CompositionException;
import dev.plugboard.compose.CompositionProblem;
import dev.plugboard.compose.GraphEdit;
import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.Wiring;
import dev.plugboard.compose.scene.GraphScene;
import dev.plugboard.compose.scene.GraphScene.Port;
import dev.plugboard.compose.scene.GraphScene.PortRef;
import dev.plugboard.compose.scene.GraphScene.Side;
import dev.plugboard.compose.scene.Palette;
import dev.plugboard.compose.scene.SceneBuilder;
import dev.plugboard.compose.scene.SceneRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The composition canvas: a view of a {@link CompositionDocument} that edits it only through
 * {@link GraphEdit}s (so every change is one named step of the document's undo history, and
 * the WAC text follows). Nodes show imports on the left and exports on the right, grouped by
 * package; the composition's own imports and exports are boundary nodes.
 *
 * <p>Use: {@code new CompositionCanvas(document)}; fill {@link #catalog()} with the package names
 * the palette offers; {@link #setOnCompose} is called by the Compose button; {@link #problems()}
 * lists the document's problems for a Problems view, and {@link #reveal} selects a problem's node.
 * Dropped {@code .wasm} files are read by {@link #setComponentLoader} (by default into the
 * document only, named {@code local:FILE-STEM}; the IDE copies them into {@code deps/}).
 *
 * <p>Mouse: drag from an export (right) to an import (left) to wire (compatible imports light up,
 * the others dim, hovering says why; a drop on an incompatible one is refused with the reason);
 * drag an export onto the exports node to export it; drag nodes to move them; drag on empty space
 * for a rubber band; right-drag or scroll to pan, Ctrl+scroll to zoom. Keys: arrows move the
 * selection between nodes, Delete deletes, Ctrl+Z / Ctrl+Shift+Z undo and redo, F fits, + and -
 * zoom, P auto-plugs, F2 renames, Ctrl+A selects all.
 */
public final class CompositionCanvas extends Region {
  private static final StyleablePropertyFactory<CompositionCanvas> CSS =
      new StyleablePropertyFactory<>(Region.getClassCssMetaData());
  private static final String[] COLOURS = {"-pb-background", "-pb-grid", "-pb-node-fill", "-pb-node-border",
      "-pb-instance-header", "-pb-import-header", "-pb-exports-header", "-pb-text", "-pb-muted", "-pb-wire",
      "-pb-interface-port", "-pb-function-port", "-pb-other-port", "-pb-accent", "-pb-ok", "-pb-warning",
      "-pb-error"};

  private final CompositionDocument doc;
  private final Map<String, StyleableProperty<Color>> colours = new LinkedHashMap<>();
  private final Canvas canvas = new Canvas();
  private final Canvas minimap = new Canvas(180, 120);
  private final Pane canvasPane = new Pane(canvas);
  private final Label status = new Label();
  private final Tooltip tooltip = new Tooltip();
  private final ObservableList<String> catalog = FXCollections.observableArrayList();
  private final TextField search = new TextField();
  private final ListView<String> paletteList;
  private final Button compose = new Button("Compose");
  private final ReadOnlyObjectWrapper<Set<NodeId>> selection = new ReadOnlyObjectWrapper<>(Set.of());
  private final ReadOnlyObjectWrapper<List<CompositionProblem>> problems = new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<GraphScene> scene = new ReadOnlyObjectWrapper<>();
  private final Map<NodeId, GraphEdit.Point> placed = new HashMap<>();
  private Consumer<CompositionDocument> onCompose;
  private ComponentLoader loader = CompositionCanvas::readComponent;

  private double zoom = 1;
  private double panX;
  private double panY;
  private boolean fitted;

  private enum Drag { NONE, WIRE, MOVE, BAND, PAN }

  private Drag drag = Drag.NONE;
  private Point2D pressAt;
  private Port wireFrom;
  private Map<PortRef, Boolean> fits = Map.of();
  private Map<PortRef, String> why = Map.of();
  private PortRef hovered;
  private double[] dragWire;
  private double[] band;
  private Map<NodeId, GraphScene.Node> moving = Map.of();

  /** Reads a dropped component file into a package (the IDE may copy it into {@code deps/} first). */
  @FunctionalInterface
  public interface ComponentLoader {
    ComposedPackage load(Path file) throws IOException, CompositionException;
  }

  public CompositionCanvas(CompositionDocument doc) {
    this.doc = doc;
    for (int i = 0; i < COLOURS.length; i++) {
      String css = COLOURS[i];
      int argb = Palette.LIGHT.toArray()[i];
      colours.put(css, CSS.createStyleableColorProperty(this, css.substring(4), css, c -> c.colours.get(css),
          FxPen.color(argb)));
      ((javafx.beans.value.ObservableValue<?>) colours.get(css)).addListener(o -> redraw());
    }
    getStyleClass().add("composition-canvas");
    getStylesheets().add(CompositionCanvas.class.getResource("composition-canvas.css").toExternalForm());

    FilteredList<String> filtered = new FilteredList<>(catalog, s -> true);
    search.setPromptText("Search components");
    search.setId("canvas-search");
    search.textProperty().addListener((o, a, b) -> filtered.setPredicate(s -> b == null || b.isBlank()
        || s.toLowerCase(java.util.Locale.ROOT).contains(b.toLowerCase(java.util.Locale.ROOT).strip())));
    search.setOnAction(e -> {
      if (!filtered.isEmpty()) {
        addInstance(filtered.getFirst());
      }
    });
    paletteList = new ListView<>(filtered);
    paletteList.setId("canvas-palette");
    paletteList.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && paletteList.getSelectionModel().getSelectedItem() != null) {
        addInstance(paletteList.getSelectionModel().getSelectedItem());
      }
    });
    VBox palette = new VBox(new Label("Components"), search, paletteList);
    palette.getStyleClass().add("canvas-palette");
    VBox.setVgrow(paletteList, Priority.ALWAYS);

    Button undo = button("Undo", "canvas-undo", doc::undo);
    Button redo = button("Redo", "canvas-redo", doc::redo);
    compose.setId("canvas-compose");
    compose.setOnAction(e -> {
      if (onCompose != null) {
        onCompose.accept(doc);
      }
    });
    HBox toolbar = new HBox(undo, redo, button("Fit", "canvas-fit", this::fit),
        button("Lay out", "canvas-layout", this::layoutAll),
        button("Auto-plug", "canvas-autoplug", this::autoPlugSelection), compose);
    toolbar.getStyleClass().add("canvas-toolbar");

    StackPane.setAlignment(minimap, javafx.geometry.Pos.BOTTOM_RIGHT);
    StackPane.setMargin(minimap, new javafx.geometry.Insets(8));
    StackPane center = new StackPane(canvasPane, minimap);
    canvasPane.setMinSize(0, 0);
    canvas.widthProperty().bind(canvasPane.widthProperty());
    canvas.heightProperty().bind(canvasPane.heightProperty());
    canvas.widthProperty().addListener(o -> redraw());
    canvas.heightProperty().addListener(o -> redraw());
    canvas.setFocusTraversable(true);
    canvas.setId("composition-canvas");
    status.getStyleClass().add("canvas-status");
    status.textProperty().bind(statusText);
    status.setId("canvas-status");

    BorderPane root = new BorderPane(center, toolbar, null, status, palette);
    getChildren().add(root);

    tooltip.setShowDelay(Duration.millis(250));
    tooltip.setHideDelay(Duration.ZERO);
    canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
    canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    canvas.setOnContextMenuRequested(e -> contextMenu(e.getX(), e.getY(), e.getScreenX(), e.getScreenY()));
    canvas.setOnDragOver(e -> {
      if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream()
          .anyMatch(f -> f.getName().endsWith(".wasm"))) {
        e.acceptTransferModes(TransferMode.COPY);
      }
      e.consume();
    });
    canvas.setOnDragDropped(e -> {
      boolean ok = e.getDragboard().hasFiles() && dropFiles(e.getDragboard().getFiles().stream()
          .map(java.io.File::toPath).toList(), e.getX(), e.getY()) > 0;
      e.setDropCompleted(ok);
      e.consume();
    });
    minimap.setOnMousePressed(this::minimapPressed);
    minimap.setOnMouseDragged(this::minimapPressed);
    undo.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !doc.canUndo(),
        scene));
    redo.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !doc.canRedo(),
        scene));

    doc.onChange(r -> refresh());
    refresh();
  }

  private static Button button(String text, String id, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setOnAction(e -> action.run());
    b.setFocusTraversable(false);
    return b;
  }

  @Override
  protected void layoutChildren() {
    getChildren().getFirst().resizeRelocate(0, 0, getWidth(), getHeight());
    if (!fitted && canvas.getWidth() > 0 && canvas.getHeight() > 0) {
      fitted = true;
      fit();
    }
  }

  @Override
  public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
    return CSS.getCssMetaData();
  }

  // ---- the API ------------------------------------------------------------------------

  public CompositionDocument document() {
    return doc;
  }

  /** Package names the palette offers (the IDE fills it from {@code deps/} and the workspace). */
  public ObservableList<String> catalog() {
    return catalog;
  }

  /** Called with the document when the user presses Compose. */
  public void setOnCompose(Consumer<CompositionDocument> action) {
    this.onCompose = action;
  }

  public void setComponentLoader(ComponentLoader loader) {
    this.loader = loader;
  }

  public ReadOnlyObjectProperty<Set<NodeId>> selectionProperty() {
    return selection.getReadOnlyProperty();
  }

  /** The document's problems, for a Problems view; {@link #reveal} selects a problem's node. */
  public ReadOnlyObjectProperty<List<CompositionProblem>> problems() {
    return problems.getReadOnlyProperty();
  }

  /** What the canvas last said: a refused wire and why, or that the text does not read. */
  public ReadOnlyStringProperty statusProperty() {
    return statusText.getReadOnlyProperty();
  }

  /** What hovering says: a port's types, or while wiring why it fits or not. */
  public ReadOnlyStringProperty hoverTextProperty() {
    return hoverText.getReadOnlyProperty();
  }

  /** The scene on screen (scene coordinates; see {@link #toScreen}). */
  public ReadOnlyObjectProperty<GraphScene> graphSceneProperty() {
    return scene.getReadOnlyProperty();
  }

  /** Where a scene point is, in the coordinates of the drawing canvas (the node {@link #drawingCanvas()}). */
  public Point2D toScreen(double x, double y) {
    return new Point2D(x * zoom + panX, y * zoom + panY);
  }

  /** The node that is drawn on, for robots and snapshots. */
  public Canvas drawingCanvas() {
    return canvas;
  }

  public double zoom() {
    return zoom;
  }

  /** Selects the node of a problem and brings it into view. */
  public void reveal(CompositionProblem p) {
    if (p.node() != null && scene.get().node(p.node()) != null) {
      select(Set.of(p.node()));
      GraphScene.Node n = scene.get().node(p.node());
      panX = canvas.getWidth() / 2 - (n.x() + n.w() / 2) * zoom;
      panY = canvas.getHeight() / 2 - (n.y() + n.h() / 2) * zoom;
      redraw();
    }
  }

  public void select(Set<NodeId> ids) {
    selection.set(Set.copyOf(ids));
    redraw();
  }

  /** Carries out an edit; a refusal goes to the status line. Returns whether it was done. */
  public boolean apply(GraphEdit edit) {
    try {
      doc.execute(edit);
      say(edit.description(), false);
      return true;
    } catch (CompositionException e) {
      say(edit.description() + " refused: " + e.getMessage(), true);
      return false;
    }
  }

  /** Adds an instance of {@code pkg} in the middle of the view. */
  public boolean addInstance(String pkg) {
    Point2D at = toScene(canvas.getWidth() / 2, canvas.getHeight() / 2);
    return apply(new GraphEdit.AddInstance(NodeId.fresh(pkg, doc.graph().nodes().keySet()), pkg, at.getX(),
        at.getY()));
  }

  /**
   * Adds an instance of each component file at canvas point {@code (x, y)}: what a drop of
   * {@code .wasm} files does. Returns how many were added; why not goes to the status line.
   */
  public int dropFiles(List<Path> files, double x, double y) {
    int added = 0;
    Point2D at = toScene(x, y);
    for (Path f : files) {
      if (!f.getFileName().toString().endsWith(".wasm")) {
        continue;
      }
      try {
        ComposedPackage known = doc.packages().find(packageNameFor(f));
        ComposedPackage pkg = known != null ? known : loader.load(f);
        if (doc.packages().find(pkg.name()) == null) {
          doc.addPackage(pkg);
        }
        if (!catalog.contains(pkg.name())) {
          catalog.add(pkg.name());
        }
        if (apply(new GraphEdit.AddInstance(NodeId.fresh(pkg.name(), doc.graph().nodes().keySet()), pkg.name(),
            at.getX() + added * 30, at.getY() + added * 30))) {
          added++;
        }
      } catch (IOException | CompositionException e) {
        say(f.getFileName() + ": " + e.getMessage(), true);
      }
    }
    return added;
  }

  private static ComposedPackage readComponent(Path file) throws IOException, CompositionException {
    return ComposedPackage.of(packageNameFor(file), Files.readAllBytes(file));
  }

  /**
   * The package name a dropped component goes by: {@code ns:name} for {@code deps/ns/name.wasm} or
   * {@code deps/ns:name.wasm} (so the WAC written names it as {@code plugboard compose} finds it),
   * else {@code local:STEM}.
   */
  public static String packageNameFor(Path file) {
    String stem = file.getFileName().toString().replaceAll("\\.wasm$", "");
    Path parent = file.getParent();
    if (stem.matches("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*") && parent != null && parent.getFileName() != null
        && parent.getFileName().toString().equals("deps")) {
      return stem;
    }
    if (parent != null && parent.getParent() != null && parent.getParent().getFileName() != null
        && parent.getParent().getFileName().toString().equals("deps")
        && parent.getFileName().toString().matches("[a-z][a-z0-9-]*") && stem.matches("[a-z][a-z0-9-]*")) {
      return parent.getFileName() + ":" + stem;
    }
    return "local:" + NodeId.fresh(stem, Set.of()).name();
  }

  /** Fits every node into the view. */
  public void fit() {
    GraphScene s = scene.get();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    if (s == null || s.nodes().isEmpty() || w <= 0 || h <= 0) {
      zoom = 1;
      panX = 0;
      panY = 0;
    } else {
      double[] b = s.bounds();
      zoom = Math.max(0.1, Math.min(1.5, Math.min(w / (b[2] - b[0] + 80), h / (b[3] - b[1] + 80))));
      panX = (w - (b[2] - b[0]) * zoom) / 2 - b[0] * zoom;
      panY = (h - (b[3] - b[1]) * zoom) / 2 - b[1] * zoom;
    }
    redraw();
  }

  /** Zooms by {@code factor} about the canvas point {@code (x, y)}. */
  public void zoomBy(double factor, double x, double y) {
    double z = Math.max(0.1, Math.min(4, zoom * factor));
    panX = x - (x - panX) * z / zoom;
    panY = y - (y - panY) * z / zoom;
    zoom = z;
    redraw();
  }

  public void panBy(double dx, double dy) {
    panX += dx;
    panY += dy;
    redraw();
  }

  /** Lays every node out with ELK: one step, "Lay out N nodes". */
  public void layoutAll() {
    GraphScene laid = SceneBuilder.build(doc.graph(), Map.of(), doc.problems(), true);
    Map<NodeId, GraphEdit.Point> to = new LinkedHashMap<>();
    laid.nodes().forEach(n -> to.put(n.id(), new GraphEdit.Point(n.x(), n.y())));
    if (!to.isEmpty()) {
      apply(new GraphEdit.Move(to, "Lay out " + to.size() + " nodes"));
      fit();
    }
  }

  private void autoPlugSelection() {
    for (NodeId id : selection.get()) {
      apply(new GraphEdit.AutoPlug(id));
    }
  }

  private void deleteSelection() {
    List<NodeId> gone = selection.get().stream().filter(id -> !id.equals(NodeId.EXPORTS)).sorted(
        java.util.Comparator.comparing(NodeId::name)).toList();
    if (!gone.isEmpty() && apply(new GraphEdit.Remove(gone))) {
      select(Set.of());
    }
  }

  /** Whether the status line holds why the graph cannot be drawn (cleared when it can again). */
  private boolean saidNoGraph;

  private void say(String text, boolean refused) {
    statusText.set(text);
    status.getStyleClass().remove("refused");
    if (refused) {
      status.getStyleClass().add("refused");
    }
  }

  // ---- model to view ------------------------------------------------------------------

  private void refresh() {
    Map<NodeId, GraphEdit.Point> at = new HashMap<>(placed);
    doc.layout().nodes().forEach((n, l) -> at.put(NodeId.of(n), new GraphEdit.Point(l.x(), l.y())));
    GraphScene s = doc.whyNoGraph().isPresent() ? SceneBuilder.build(doc)
        : SceneBuilder.build(doc.graph(), at, doc.problems(), false);
    placed.clear();
    s.nodes().forEach(n -> placed.put(n.id(), new GraphEdit.Point(n.x(), n.y())));
    Set<NodeId> kept = new LinkedHashSet<>(selection.get());
    kept.removeIf(id -> s.node(id) == null);
    selection.set(Set.copyOf(kept));
    problems.set(doc.problems());
    compose.setDisable(doc.whyNoGraph().isPresent());
    if (doc.whyNoGraph().isPresent()) {
      say(s.message(), true);
      saidNoGraph = true;
    } else if (saidNoGraph) { // drawable again: the refusal no longer holds
      say("", false);
      saidNoGraph = false;
    }
    scene.set(s);
    redraw();
  }

  /** Builds the palette the canvas draws with from its CSS colours. */
  private Palette palette() {
    int[] c = new int[COLOURS.length];
    for (int i = 0; i < COLOURS.length; i++) {
      c[i] = FxPen.argb(colours.get(COLOURS[i]).getValue());
    }
    // themes give "subtle" colours with alpha; headers are drawn opaque over the node's fill
    c[2] = Palette.over(c[2], c[0]);
    for (int i = 4; i <= 6; i++) {
      c[i] = Palette.over(c[i], c[2]);
    }
    return Palette.of(c);
  }

  /** Draws the scene at the current pan and zoom, with the interaction overlay, and the minimap. */
  public void redraw() {
    GraphScene s = scene.get();
    if (s == null) {
      return;
    }
    if (!moving.isEmpty()) {
      s = SceneBuilder.rewire(s, moving);
    }
    Palette p = palette();
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.setFill(FxPen.color(p.background()));
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    grid(g, p);
    g.setTransform(zoom, 0, 0, zoom, panX, panY);
    Point2D tl = toScene(0, 0);
    Point2D br = toScene(canvas.getWidth(), canvas.getHeight());
    SceneRenderer.render(s, p, new FxPen(g), new SceneRenderer.Overlay(selection.get(), fits, hovered, dragWire,
        band), new double[] {tl.getX(), tl.getY(), br.getX(), br.getY()}, zoom);
    g.setTransform(1, 0, 0, 1, 0, 0);
    drawMinimap(s, p);
  }

  private void grid(GraphicsContext g, Palette p) {
    double step = 40 * zoom;
    if (step < 8) {
      return;
    }
    g.setStroke(FxPen.color(Palette.fade(p.grid(), 0.4)));
    g.setLineWidth(1);
    for (double x = ((panX % step) + step) % step; x < canvas.getWidth(); x += step) {
      g.strokeLine(Math.round(x) + 0.5, 0, Math.round(x) + 0.5, canvas.getHeight());
    }
    for (double y = ((panY % step) + step) % step; y < canvas.getHeight(); y += step) {
      g.strokeLine(0, Math.round(y) + 0.5, canvas.getWidth(), Math.round(y) + 0.5);
    }
  }

  private double[] minimapFrame(GraphScene s) {
    double[] b = s.bounds();
    Point2D tl = toScene(0, 0);
    Point2D br = toScene(canvas.getWidth(), canvas.getHeight());
    double minX = Math.min(b[0], tl.getX());
    double minY = Math.min(b[1], tl.getY());
    double maxX = Math.max(b[2], br.getX());
    double maxY = Math.max(b[3], br.getY());
    double k = Math.min(minimap.getWidth() / Math.max(1, maxX - minX), minimap.getHeight() / Math.max(1, maxY - minY));
    return new double[] {minX, minY, k};
  }

  private void drawMinimap(GraphScene s, Palette p) {
    GraphicsContext m = minimap.getGraphicsContext2D();
    m.clearRect(0, 0, minimap.getWidth(), minimap.getHeight());
    minimap.setVisible(!s.nodes().isEmpty());
    if (s.nodes().isEmpty()) {
      return;
    }
    m.setFill(FxPen.color(Palette.fade(p.nodeFill(), 0.85)));
    m.fillRect(0, 0, minimap.getWidth(), minimap.getHeight());
    m.setStroke(FxPen.color(p.nodeBorder()));
    m.setLineWidth(1);
    m.strokeRect(0.5, 0.5, minimap.getWidth() - 1, minimap.getHeight() - 1);
    double[] f = minimapFrame(s);
    for (GraphScene.Node n : s.nodes()) {
      m.setFill(FxPen.color(selection.get().contains(n.id()) ? p.accent() : p.muted()));
      m.fillRect((n.x() - f[0]) * f[2], (n.y() - f[1]) * f[2], Math.max(2, n.w() * f[2]), Math.max(2, n.h() * f[2]));
    }
    Point2D tl = toScene(0, 0);
    m.setStroke(FxPen.color(p.accent()));
    m.setLineWidth(1.5);
    m.strokeRect((tl.getX() - f[0]) * f[2], (tl.getY() - f[1]) * f[2], canvas.getWidth() / zoom * f[2],
        canvas.getHeight() / zoom * f[2]);
  }

  private void minimapPressed(MouseEvent e) {
    GraphScene s = scene.get();
    if (s == null || s.nodes().isEmpty()) {
      return;
    }
    double[] f = minimapFrame(s);
    double sx = e.getX() / f[2] + f[0];
    double sy = e.getY() / f[2] + f[1];
    panX = canvas.getWidth() / 2 - sx * zoom;
    panY = canvas.getHeight() / 2 - sy * zoom;
    redraw();
    e.consume();
  }

  // ---- hit testing --------------------------------------------------------------------

  private Point2D toScene(double x, double y) {
    return new Point2D((x - panX) / zoom, (y - panY) / zoom);
  }

  private Port portAt(Point2D p) {
    GraphScene s = scene.get();
    for (int i = s.nodes().size() - 1; i >= 0; i--) {
      for (Port port : s.nodes().get(i).ports()) {
        if (port.near(p.getX(), p.getY(), 9)) {
          return port;
        }
      }
    }
    return null;
  }

  private GraphScene.Node nodeAt(Point2D p) {
    GraphScene s = scene.get();
    for (int i = s.nodes().size() - 1; i >= 0; i--) {
      if (s.nodes().get(i).contains(p.getX(), p.getY())) {
        return s.nodes().get(i);
      }
    }
    return null;
  }

  // ---- mouse --------------------------------------------------------------------------

  private void pressed(MouseEvent e) {
    canvas.requestFocus();
    pressAt = new Point2D(e.getX(), e.getY());
    Point2D p = toScene(e.getX(), e.getY());
    if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE) {
      drag = nodeAt(p) == null || e.getButton() == MouseButton.MIDDLE ? Drag.PAN : Drag.NONE;
      return;
    }
    Port port = portAt(p);
    if (port != null && port.side() == Side.OUT) {
      startWire(port);
      return;
    }
    GraphScene.Node n = nodeAt(p);
    if (n != null) {
      Set<NodeId> sel = new LinkedHashSet<>(selection.get());
      if (e.isShiftDown() || e.isShortcutDown()) {
        if (!sel.remove(n.id())) {
          sel.add(n.id());
        }
      } else if (!sel.contains(n.id())) {
        sel = Set.of(n.id());
      }
      select(sel);
      drag = Drag.MOVE;
      return;
    }
    if (!e.isShiftDown()) {
      select(Set.of());
    }
    drag = Drag.BAND;
    band = new double[] {p.getX(), p.getY(), p.getX(), p.getY()};
  }

  /** Starts dragging a wire from {@code from}: every import it fits lights up, the others dim. */
  private void startWire(Port from) {
    drag = Drag.WIRE;
    wireFrom = from;
    Map<PortRef, Boolean> f = new HashMap<>();
    Map<PortRef, String> reasons = new HashMap<>();
    for (GraphScene.Node n : scene.get().nodes()) {
      if (n.kind() != GraphScene.Kind.INSTANCE) {
        continue;
      }
      for (Port p : n.ports()) {
        if (p.side() == Side.IN) {
          Wiring.Fit fit = Wiring.fit(doc.graph(), from.node(), exportOf(from), p.node(), p.name());
          f.put(p.ref(), fit.ok());
          reasons.put(p.ref(), fit.ok() ? "fits: " + from.node() + "." + from.label() + " → " + p.node() + "."
              + p.label() : fit.explain());
        }
      }
    }
    fits = f;
    why = reasons;
    dragWire = new double[] {from.x(), from.y(), from.x(), from.y()};
    redraw();
  }

  /** The export a port gives: its name, or null for an import of the composition (the node itself). */
  private String exportOf(Port from) {
    return scene.get().node(from.node()).kind() == GraphScene.Kind.IMPORT ? null : from.name();
  }

  private void dragged(MouseEvent e) {
    Point2D p = toScene(e.getX(), e.getY());
    switch (drag) {
      case WIRE -> {
        dragWire = new double[] {wireFrom.x(), wireFrom.y(), p.getX(), p.getY()};
        Port over = portAt(p);
        hovered = over == null ? null : over.ref();
        hoverText.set(over == null ? "" : why.getOrDefault(over.ref(), ""));
        if (over != null && why.containsKey(over.ref())) {
          say(why.get(over.ref()), !fits.get(over.ref()));
        } else {
          say("Wiring " + wireFrom.node() + "." + wireFrom.label() + ": drop on a lit import, or on the exports node",
              false);
        }
        redraw();
      }
      case MOVE -> {
        double dx = (e.getX() - pressAt.getX()) / zoom;
        double dy = (e.getY() - pressAt.getY()) / zoom;
        Map<NodeId, GraphScene.Node> m = new HashMap<>();
        for (NodeId id : selection.get()) {
          GraphScene.Node n = scene.get().node(id);
          if (n != null) {
            m.put(id, n.at(n.x() + dx, n.y() + dy));
          }
        }
        moving = m;
        redraw();
      }
      case BAND -> {
        band[2] = p.getX();
        band[3] = p.getY();
        redraw();
      }
      case PAN -> {
        panBy(e.getX() - pressAt.getX(), e.getY() - pressAt.getY());
        pressAt = new Point2D(e.getX(), e.getY());
      }
      default -> { }
    }
  }

  private void released(MouseEvent e) {
    Point2D p = toScene(e.getX(), e.getY());
    Drag was = drag;
    drag = Drag.NONE;
    switch (was) {
      case WIRE -> dropWire(p);
      case MOVE -> {
        Map<NodeId, GraphScene.Node> m = moving;
        moving = Map.of();
        if (!m.isEmpty() && (e.getX() != pressAt.getX() || e.getY() != pressAt.getY())) {
          Map<NodeId, GraphEdit.Point> to = new LinkedHashMap<>();
          m.forEach((id, n) -> to.put(id, new GraphEdit.Point(n.x(), n.y())));
          apply(new GraphEdit.Move(to));
        }
        redraw();
      }
      case BAND -> {
        double x0 = Math.min(band[0], band[2]);
        double x1 = Math.max(band[0], band[2]);
        double y0 = Math.min(band[1], band[3]);
        double y1 = Math.max(band[1], band[3]);
        Set<NodeId> sel = new LinkedHashSet<>(e.isShiftDown() ? selection.get() : Set.of());
        for (GraphScene.Node n : scene.get().nodes()) {
          if (n.x() < x1 && n.x() + n.w() > x0 && n.y() < y1 && n.y() + n.h() > y0) {
            sel.add(n.id());
          }
        }
        band = null;
        select(sel);
      }
      default -> { }
    }
  }

  /** Ends a wire drag at {@code p}: wires to a fitting import, exports on the exports node, else says why not. */
  private void dropWire(Point2D p) {
    Port from = wireFrom;
    Port to = portAt(p);
    GraphScene.Node over = nodeAt(p);
    Map<PortRef, String> reasons = why;
    wireFrom = null;
    fits = Map.of();
    why = Map.of();
    dragWire = null;
    hovered = null;
    redraw();
    if (to != null && to.side() == Side.IN && reasons.containsKey(to.ref())) {
      Wiring.Fit fit = Wiring.fit(doc.graph(), from.node(), exportOf(from), to.node(), to.name());
      if (!fit.ok()) {
        say("Refused: " + from.node() + "." + from.label() + " → " + to.node() + "." + to.label() + ": "
            + fit.explain(), true);
        return;
      }
      apply(new GraphEdit.Wire(from.node(), exportOf(from), to.node(), to.name()));
    } else if (over != null && over.kind() == GraphScene.Kind.EXPORTS && exportOf(from) != null) {
      apply(new GraphEdit.ExportPort(from.node(), from.name()));
    }
  }

  private void moved(MouseEvent e) {
    Point2D p = toScene(e.getX(), e.getY());
    Port port = portAt(p);
    PortRef now = port == null ? null : port.ref();
    if (java.util.Objects.equals(now, hovered)) {
      return;
    }
    hovered = now;
    String text = "";
    if (port != null) {
      text = port.detail();
    } else {
      GraphScene.Node n = nodeAt(p);
      if (n != null && !n.problems().isEmpty()) {
        text = String.join("\n", n.problems().stream().map(CompositionProblem::message).toList());
      }
    }
    hoverText.set(text);
    tooltip.setText(text);
    if (text.isEmpty()) {
      Tooltip.uninstall(canvas, tooltip);
    } else {
      Tooltip.install(canvas, tooltip);
    }
    redraw();
  }

  private void scrolled(ScrollEvent e) {
    if (e.isShortcutDown() || e.isControlDown()) {
      zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, e.getX(), e.getY());
    } else {
      panBy(e.getDeltaX(), e.getDeltaY());
    }
    e.consume();
  }

  // ---- keys and menus -----------------------------------------------------------------

  private void key(KeyEvent e) {
    KeyCode k = e.getCode();
    boolean shortcut = e.isShortcutDown();
    if (shortcut && k == KeyCode.Z) {
      if (e.isShiftDown()) {
        doc.redo();
      } else {
        doc.undo();
      }
    } else if (shortcut && k == KeyCode.Y) {
      doc.redo();
    } else if (shortcut && k == KeyCode.A) {
      select(scene.get().nodes().stream().map(GraphScene.Node::id).collect(java.util.stream.Collectors.toSet()));
    } else if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
      deleteSelection();
    } else if (k == KeyCode.LEFT || k == KeyCode.RIGHT || k == KeyCode.UP || k == KeyCode.DOWN) {
      navigate(k);
    } else if (k == KeyCode.F) {
      fit();
    } else if (k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD) {
      zoomBy(1.2, canvas.getWidth() / 2, canvas.getHeight() / 2);
    } else if (k == KeyCode.MINUS || k == KeyCode.SUBTRACT) {
      zoomBy(1 / 1.2, canvas.getWidth() / 2, canvas.getHeight() / 2);
    } else if (k == KeyCode.P) {
      autoPlugSelection();
    } else if (k == KeyCode.F2 && selection.get().size() == 1) {
      renameDialog(selection.get().iterator().next());
    } else {
      return;
    }
    e.consume();
  }

  /** Moves the selection to the nearest node in the direction of the arrow. */
  private void navigate(KeyCode k) {
    List<GraphScene.Node> nodes = scene.get().nodes();
    if (nodes.isEmpty()) {
      return;
    }
    GraphScene.Node from = selection.get().isEmpty() ? null : scene.get().node(selection.get().iterator().next());
    if (from == null) {
      select(Set.of(nodes.getFirst().id()));
      return;
    }
    double cx = from.x() + from.w() / 2;
    double cy = from.y() + from.h() / 2;
    GraphScene.Node best = null;
    double bestScore = Double.MAX_VALUE;
    for (GraphScene.Node n : nodes) {
      double dx = n.x() + n.w() / 2 - cx;
      double dy = n.y() + n.h() / 2 - cy;
      double along = switch (k) {
        case LEFT -> -dx;
        case RIGHT -> dx;
        case UP -> -dy;
        default -> dy;
      };
      double across = k == KeyCode.LEFT || k == KeyCode.RIGHT ? Math.abs(dy) : Math.abs(dx);
      if (n == from || along <= 0) {
        continue;
      }
      double score = along + 2 * across;
      if (score < bestScore) {
        bestScore = score;
        best = n;
      }
    }
    if (best != null) {
      select(Set.of(best.id()));
    }
  }

  private void renameDialog(NodeId id) {
    TextInputDialog d = new TextInputDialog(id.name());
    d.setTitle("Rename");
    d.setHeaderText("Rename " + id);
    d.showAndWait().ifPresent(name -> {
      if (!name.equals(id.name())) {
        apply(new GraphEdit.Rename(id, name.strip()));
      }
    });
  }

  private void contextMenu(double x, double y, double screenX, double screenY) {
    Point2D p = toScene(x, y);
    Port port = portAt(p);
    GraphScene.Node n = nodeAt(p);
    List<MenuItem> items = new ArrayList<>();
    if (port != null && port.side() == Side.IN && scene.get().node(port.node()).kind() == GraphScene.Kind.INSTANCE) {
      items.add(item("Unwire " + port.label(), () -> apply(new GraphEdit.Unwire(port.node(), port.name()))));
    } else if (port != null && port.side() == Side.IN && port.node().equals(NodeId.EXPORTS)) {
      items.add(item("Unexport " + port.label(), () -> apply(new GraphEdit.Unexport(port.name()))));
    } else if (port != null && port.side() == Side.OUT && exportOf(port) != null) {
      items.add(item("Export " + port.label(), () -> apply(new GraphEdit.ExportPort(port.node(), port.name()))));
    }
    if (n != null && n.kind() == GraphScene.Kind.INSTANCE) {
      items.add(item("Auto-plug", () -> apply(new GraphEdit.AutoPlug(n.id()))));
      items.add(item("Rename…", () -> renameDialog(n.id())));
    }
    if (n != null && n.kind() != GraphScene.Kind.EXPORTS) {
      items.add(item("Delete", () -> apply(new GraphEdit.Remove(n.id()))));
    }
    if (!items.isEmpty()) {
      new ContextMenu(items.toArray(MenuItem[]::new)).show(canvas, screenX, screenY);
    }
  }

  private static MenuItem item(String text, Runnable action) {
    MenuItem m = new MenuItem(text);
    m.setOnAction(e -> action.run());
    return m;
  }
}
