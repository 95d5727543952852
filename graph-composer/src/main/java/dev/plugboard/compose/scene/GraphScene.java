package dev.plugboard.compose.scene;

import dev.plugboard.compose.CompositionProblem;
import dev.plugboard.compose.NodeId;
import java.util.List;

/**
 * What a composition looks like, as geometry with no toolkit in it: nodes with their ports,
 * and wires between ports. The SVG and PNG writers and the JavaFX canvas all draw this one
 * model (through {@link SceneRenderer}), so the picture in the docs is the picture on screen.
 * {@code message} is set when there is nothing to draw and why (a text that does not read).
 */
public record GraphScene(List<Node> nodes, List<Wire> wires, String message) {
  public GraphScene {
    nodes = List.copyOf(nodes);
    wires = List.copyOf(wires);
  }

  /** An instantiation, a boundary node for an import of the composition, or the one for its exports. */
  public enum Kind { INSTANCE, IMPORT, EXPORTS }

  /** Imports on the left (in), exports on the right (out). */
  public enum Side { IN, OUT }

  /** What a port carries: an instance of an interface, a function, or anything else. */
  public enum PortKind { INTERFACE, FUNCTION, OTHER }

  /**
   * A node at {@code (x, y)} (its top left) of size {@code w × h}; {@code subtitle} is the package
   * of an instantiation; {@code problems} are the document's problems on it.
   */
  public record Node(NodeId id, Kind kind, String title, String subtitle, double x, double y, double w, double h,
      List<Port> ports, List<Group> groups, List<CompositionProblem> problems) {
    public Node {
      ports = List.copyOf(ports);
      groups = List.copyOf(groups);
      problems = List.copyOf(problems);
    }

    public boolean contains(double px, double py) {
      return px >= x && px <= x + w && py >= y && py <= y + h;
    }

    /** The same node moved to {@code (nx, ny)}, with its ports and groups. */
    public Node at(double nx, double ny) {
      double dx = nx - x;
      double dy = ny - y;
      return new Node(id, kind, title, subtitle, nx, ny, w, h,
          ports.stream().map(p -> p.moved(dx, dy)).toList(),
          groups.stream().map(g -> new Group(g.label(), g.side(), g.x() + dx, g.y() + dy)).toList(), problems);
    }
  }

  /** A heading over the ports of one package's interfaces, at {@code (x, y)} (text baseline). */
  public record Group(String label, Side side, double x, double y) {}

  /**
   * A port: the import or export {@code name} of node {@code node} ({@code name} null for the
   * node itself, as an import of the composition is), its label, the types behind it for a
   * tooltip, and the centre of its dot.
   */
  public record Port(NodeId node, String name, Side side, PortKind kind, String label, String detail, double x,
      double y, boolean problem) {
    /** Which port this is, the same in every scene of the document. */
    public PortRef ref() {
      return new PortRef(node, name, side);
    }

    Port moved(double dx, double dy) {
      return new Port(node, name, side, kind, label, detail, x + dx, y + dy, problem);
    }

    public boolean near(double px, double py, double r) {
      return Math.abs(px - x) <= r && Math.abs(py - y) <= r;
    }
  }

  /** A port's identity: node, name and side, with no geometry. */
  public record PortRef(NodeId node, String name, Side side) {}

  /** A wire from an export (or an import of the composition) to an import (or an export of the composition). */
  public record Wire(Port from, Port to) {}

  /** The port {@code ref} names, or null. */
  public Port port(PortRef ref) {
    Node n = node(ref.node());
    return n == null ? null : SceneBuilder.port(n, ref.name(), ref.side());
  }

  public Node node(NodeId id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
  }

  /** The smallest box holding every node: {@code [minX, minY, maxX, maxY]}, or zeros when empty. */
  public double[] bounds() {
    if (nodes.isEmpty()) {
      return new double[4];
    }
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (Node n : nodes) {
      b[0] = Math.min(b[0], n.x());
      b[1] = Math.min(b[1], n.y());
      b[2] = Math.max(b[2], n.x() + n.w());
      b[3] = Math.max(b[3], n.y() + n.h());
    }
    return b;
  }
}
