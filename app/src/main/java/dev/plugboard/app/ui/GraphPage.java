package dev.plugboard.app.ui;

import dev.plugboard.app.work.WacComposition;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.compose.ComposedPackage;
import dev.plugboard.compose.CompositionProblem;
import dev.plugboard.compose.ui.CompositionCanvas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;

/**
 * The Graph page of a {@code .wac} document: the composition canvas over the file's one
 * {@link dev.plugboard.compose.CompositionDocument}, shared with the Text page through
 * {@link OpenComposition} (so Save, Undo and Compose act on the same document from either page).
 * The palette lists the packages of {@code deps/} beside the file; a component dropped from
 * elsewhere is copied into {@code deps/local/} first, so {@code plugboard compose} finds what the
 * canvas wrote. A Problems entry on a node selects that node here.
 */
final class GraphPage implements Page, Navigable {
  private final Path file;
  private final Shell shell;
  private final OpenComposition open;
  private CompositionCanvas canvas;

  GraphPage(Path file, Shell shell, OpenComposition open) {
    this.file = file;
    this.shell = shell;
    this.open = open;
    open.attach(shell);
  }

  /** The canvas (made on first use, when the page is first shown). */
  CompositionCanvas canvas() {
    if (canvas == null) {
      canvas = new CompositionCanvas(open.document());
      canvas.setId("graph-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
      canvas.setOnCompose(d -> StandardPages.compose(shell));
      canvas.setComponentLoader(component -> {
        Path inDeps = WacComposition.intoDeps(file, component);
        if (!inDeps.equals(component.toAbsolutePath().normalize())) {
          shell.log("copied " + component + " to " + shell.relative(inDeps));
          shell.refreshTree();
        }
        return ComposedPackage.of(CompositionCanvas.packageNameFor(inDeps), Files.readAllBytes(inDeps));
      });
      canvas.statusProperty().addListener((o, was, now) -> {
        if (now != null && !now.isBlank()) {
          shell.status(now);
        } else if (was != null && !was.isBlank()) {
          shell.withdrawStatus(was); // e.g. "cannot be drawn" once the text reads again
        }
      });
      refreshCatalog();
    }
    return canvas;
  }

  private void refreshCatalog() {
    List<String> known = WacComposition.packagesBeside(file);
    canvas.catalog().removeIf(n -> !known.contains(n) && !open.document().addedPackages().containsKey(n));
    known.stream().filter(n -> !canvas.catalog().contains(n)).forEach(canvas.catalog()::add);
  }

  @Override
  public String id() {
    return "graph";
  }

  @Override
  public String title() {
    return "Graph";
  }

  @Override
  public Node node() {
    return canvas();
  }

  /** The palette follows {@code deps/} each time the page is shown. */
  @Override
  public void activated() {
    if (canvas != null) {
      refreshCatalog();
    }
  }

  @Override
  public <T> Optional<T> capability(Class<T> type) {
    return type == Savable.class || type == Undoable.class ? Optional.of(type.cast(open)) : Page.super.capability(type);
  }

  /** A place in the text that a problem on a node of the graph starts at (the graph shows nodes, not text). */
  @Override
  public boolean canShow(Location location) {
    return location instanceof Location.Text t && open.document().parsed().isPresent() && !open.onNodes(t).isEmpty();
  }

  @Override
  public void show(Location location) {
    if (location instanceof Location.Text t) {
      List<CompositionProblem> on = open.onNodes(t);
      if (!on.isEmpty()) {
        canvas().reveal(on.getFirst());
      }
    }
  }
}
