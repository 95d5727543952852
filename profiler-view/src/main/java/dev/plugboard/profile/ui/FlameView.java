package dev.plugboard.profile.ui;

import dev.plugboard.profile.CallTree;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * An icicle view of the call tree (host at the top, each call below its caller, as wide as its
 * share of the time): the shape of where time goes, as in flame graphs.
 */
public final class FlameView extends CanvasView {
  static final double ROW = 22;
  private CallTree.Node root;
  private int drawn;

  public FlameView() {
    setId("profile-flame");
  }

  public void setTree(CallTree.Node root) {
    this.root = root;
    redraw();
  }

  /** How many boxes the last draw drew (one per node wide enough to see). */
  public int boxesDrawn() {
    return drawn;
  }

  @Override
  void draw(GraphicsContext g, double w, double h) {
    drawn = 0;
    g.setTextBaseline(VPos.CENTER);
    if (root == null || root.totalNanos() == 0) {
      g.setFill(swatches.text());
      g.setTextAlign(TextAlignment.CENTER);
      g.fillText("No call tree: profile in exact mode to see one", w / 2, h / 2);
      return;
    }
    g.setTextAlign(TextAlignment.LEFT);
    box(g, root, 0, w, 0);
  }

  private void box(GraphicsContext g, CallTree.Node n, double x, double width, int depth) {
    if (width < 1) {
      return;
    }
    double y = depth * ROW;
    g.setFill(depth == 0 ? swatches.grid() : swatches.bar());
    g.fillRect(x + 0.5, y + 0.5, width - 1, ROW - 1);
    drawn++;
    g.setFill(swatches.text());
    String label = n.function() + " (" + ProfileFormat.nanos(n.totalNanos()) + ", " + n.calls() + " calls)";
    g.fillText(fit(label, width - 6, 8), x + 3, y + ROW / 2);
    double cx = x;
    for (CallTree.Node c : n.children()) {
      double cw = n.totalNanos() == 0 ? 0 : width * c.totalNanos() / n.totalNanos();
      box(g, c, cx, cw, depth + 1);
      cx += cw;
    }
  }
}
