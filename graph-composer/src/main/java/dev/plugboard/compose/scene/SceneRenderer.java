package dev.plugboard.compose.scene;

import dev.plugboard.compose.CompositionProblem;
import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.scene.GraphScene.Port;
import dev.plugboard.compose.scene.GraphScene.PortRef;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link GraphScene} with a {@link Pen}: wires under nodes, each node a card with a
 * header (its name and package), ports as coloured dots (interfaces, functions) with their
 * labels, group headings, and a badge where it has problems. An {@link Overlay} adds what only
 * an interactive canvas has: selection, lit and dimmed ports while a wire is dragged, the wire
 * being dragged, and the rubber band.
 */
public final class SceneRenderer {
  private SceneRenderer() {}

  /**
   * Interaction state drawn over the scene. {@code fits}: while a wire is dragged, each port it
   * may land on (true) or may not (false); ports not in it are drawn as usual.
   */
  public record Overlay(Set<NodeId> selected, Map<PortRef, Boolean> fits, PortRef hovered, double[] dragWire,
      double[] rubberBand) {
    public static final Overlay NONE = new Overlay(Set.of(), Map.of(), null, null, null);
  }

  public static void render(GraphScene scene, Palette c, Pen pen, Overlay o) {
    render(scene, c, pen, o, null, 1);
  }

  /**
   * Draws what lies in {@code visible} ({@code [minX, minY, maxX, maxY]} in scene coordinates;
   * null for everything) at {@code scale} screen pixels per scene unit: below {@link #DETAIL} the
   * port and group labels, too small to read, are left out.
   */
  public static void render(GraphScene scene, Palette c, Pen pen, Overlay o, double[] visible, double scale) {
    boolean detail = scale >= DETAIL;
    for (GraphScene.Wire w : scene.wires()) {
      if (visible != null && !crosses(visible, w.from().x(), w.from().y(), w.to().x(), w.to().y())) {
        continue;
      }
      boolean lit = o.selected().contains(w.from().node()) || o.selected().contains(w.to().node());
      wire(pen, w.from().x(), w.from().y(), w.to().x(), w.to().y(), lit ? c.accent() : c.wire(), lit ? 2.5 : 2, false);
    }
    for (GraphScene.Node n : scene.nodes()) {
      if (visible == null || (n.x() <= visible[2] && n.x() + n.w() >= visible[0] && n.y() <= visible[3]
          && n.y() + n.h() >= visible[1])) {
        node(n, c, pen, o, detail);
      }
    }
    if (o.dragWire() != null) {
      double[] d = o.dragWire();
      wire(pen, d[0], d[1], d[2], d[3], c.accent(), 2, true);
    }
    if (o.rubberBand() != null) {
      double[] r = o.rubberBand();
      pen.rect(Math.min(r[0], r[2]), Math.min(r[1], r[3]), Math.abs(r[2] - r[0]), Math.abs(r[3] - r[1]), 0,
          Palette.fade(c.accent(), 0.12), c.accent(), 1);
    }
    if (scene.message() != null) {
      pen.text(scene.message(), 20, 30, 13, false, c.error(), false);
    }
  }

  /** Below this many pixels per unit, labels of ports and groups are not drawn. */
  public static final double DETAIL = 0.45;

  /** Whether the box of a wire's ends (widened by its curve) meets {@code v}. */
  private static boolean crosses(double[] v, double x1, double y1, double x2, double y2) {
    double pad = Math.max(40, Math.abs(x2 - x1) / 2);
    return Math.max(x1, x2) + pad >= v[0] && Math.min(x1, x2) - pad <= v[2] && Math.max(y1, y2) >= v[1]
        && Math.min(y1, y2) <= v[3];
  }

  static void wire(Pen pen, double x1, double y1, double x2, double y2, int color, double width, boolean dashed) {
    double dx = Math.max(40, Math.abs(x2 - x1) / 2);
    pen.curve(x1, y1, x1 + dx, y1, x2 - dx, y2, x2, y2, color, width, dashed);
  }

  private static void node(GraphScene.Node n, Palette c, Pen pen, Overlay o, boolean detail) {
    boolean selected = o.selected().contains(n.id());
    int header = switch (n.kind()) {
      case INSTANCE -> c.instanceHeader();
      case IMPORT -> c.importHeader();
      case EXPORTS -> c.exportsHeader();
    };
    pen.rect(n.x(), n.y(), n.w(), n.h(), 7, c.nodeFill(), 0, 0);
    pen.rect(n.x(), n.y(), n.w(), SceneBuilder.HEADER - 2, 7, header, 0, 0);
    pen.rect(n.x(), n.y() + SceneBuilder.HEADER - 10, n.w(), 8, 0, header, 0, 0);
    pen.rect(n.x(), n.y(), n.w(), n.h(), 7, 0, selected ? c.accent() : c.nodeBorder(), selected ? 2.5 : 1);
    pen.text(n.title(), n.x() + 10, n.y() + 17, 13, true, c.text(), false);
    pen.text(n.subtitle(), n.x() + 10, n.y() + 31, 11, false, c.muted(), false);
    if (detail) {
      for (GraphScene.Group g : n.groups()) {
        pen.text(g.label(), g.x(), g.y(), 10, false, c.muted(), g.side() == GraphScene.Side.OUT);
      }
    }
    for (Port p : n.ports()) {
      port(p, c, pen, o, detail);
    }
    if (!n.problems().isEmpty()) {
      boolean error = n.problems().stream().anyMatch(p -> p.severity() == CompositionProblem.Severity.ERROR);
      double bx = n.x() + n.w() - 4;
      double by = n.y() + 4;
      pen.circle(bx, by, 9, error ? c.error() : c.warning(), c.nodeFill(), 1.5);
      pen.text(String.valueOf(n.problems().size()), bx - 3.5, by + 4.5, 11, true, 0xFFFFFFFF, false);
    }
  }

  private static void port(Port p, Palette c, Pen pen, Overlay o, boolean detail) {
    int color = switch (p.kind()) {
      case INTERFACE -> c.interfacePort();
      case FUNCTION -> c.functionPort();
      case OTHER -> c.otherPort();
    };
    Boolean fits = o.fits().get(p.ref());
    double alpha = Boolean.FALSE.equals(fits) ? 0.3 : 1;
    boolean in = p.side() == GraphScene.Side.IN;
    if (detail) {
      pen.text(p.label(), in ? p.x() + 11 : p.x() - 11, p.y() + 4, 12, false, Palette.fade(c.text(), alpha), !in);
    }
    if (Boolean.TRUE.equals(fits)) {
      pen.circle(p.x(), p.y(), 9, Palette.fade(c.ok(), 0.25), c.ok(), 2);
    } else if (p.problem()) {
      pen.circle(p.x(), p.y(), 8, 0, c.warning(), 1.5);
    }
    if (p.ref().equals(o.hovered())) {
      pen.circle(p.x(), p.y(), 8, 0, c.accent(), 2);
    }
    pen.circle(p.x(), p.y(), 5, Palette.fade(color, alpha), Palette.fade(c.nodeFill(), alpha), 1.5);
  }
}
