package dev.plugboard.compose.scene;

import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.CompositionException;
import dev.plugboard.compose.CompositionGraph;
import dev.plugboard.compose.CompositionGraph.Source;
import dev.plugboard.compose.CompositionProblem;
import dev.plugboard.compose.ComposedPackage;
import dev.plugboard.compose.GraphEdit;
import dev.plugboard.compose.ItemType;
import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.Ports;
import dev.plugboard.compose.scene.GraphScene.Group;
import dev.plugboard.compose.scene.GraphScene.Kind;
import dev.plugboard.compose.scene.GraphScene.Port;
import dev.plugboard.compose.scene.GraphScene.PortKind;
import dev.plugboard.compose.scene.GraphScene.Side;
import dev.plugboard.compose.scene.GraphScene.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@link GraphScene} of a composition: one node per instantiation (imports left,
 * exports right, grouped by the package of their interface), one boundary node per import of
 * the composition and one for its exports, and a wire per argument and export. Nodes sit where
 * the layout says; when it says nothing for any of them, {@link ElkLayout} places them all, and a
 * node it does not know goes to the right of the others.
 */
public final class SceneBuilder {
  private SceneBuilder() {}

  /** Sizes, in canvas units (pixels at zoom 1). */
  public static final double HEADER = 38;
  public static final double ROW = 20;
  public static final double CHAR = 6.8;
  public static final double MIN_WIDTH = 150;

  /** The scene of a document: its graph, its layout, its problems; a message when the text does not read. */
  public static GraphScene build(CompositionDocument doc) {
    if (doc.whyNoGraph().isPresent()) {
      String why = doc.whyNoGraph().get().lines().findFirst().orElse("");
      return new GraphScene(List.of(), List.of(), "The graph cannot be drawn: " + why);
    }
    Map<NodeId, GraphEdit.Point> at = new HashMap<>();
    doc.layout().nodes().forEach((n, l) -> at.put(NodeId.of(n), new GraphEdit.Point(l.x(), l.y())));
    return build(doc.graph(), at, doc.problems(), false);
  }

  /**
   * The scene of {@code g} with nodes at {@code at}; {@code layout} lays every node out with ELK
   * regardless of {@code at}.
   */
  public static GraphScene build(CompositionGraph g, Map<NodeId, GraphEdit.Point> at, List<CompositionProblem> problems,
      boolean layout) {
    Set<String> usedWhole = new HashSet<>();
    for (var n : g.nodes().values()) {
      if (n instanceof CompositionGraph.Node.Instantiation i) {
        i.args().values().forEach(s -> {
          if (s instanceof Source.Whole w && g.nodes().get(w.node()) instanceof CompositionGraph.Node.Instantiation) {
            usedWhole.add(w.node());
          }
        });
      }
    }
    g.exports().values().forEach(s -> {
      if (s instanceof Source.Whole w && g.nodes().get(w.node()) instanceof CompositionGraph.Node.Instantiation) {
        usedWhole.add(w.node());
      }
    });
    List<GraphScene.Node> nodes = new ArrayList<>();
    for (var n : g.nodes().values()) {
      NodeId id = NodeId.of(n.name());
      List<CompositionProblem> mine = problems.stream().filter(p -> id.equals(p.node())).toList();
      switch (n) {
        case CompositionGraph.Node.Instantiation i -> {
          ComposedPackage pkg = g.packages().get(i.pkg());
          List<Row> in = rows(pkg.imports(), Side.IN);
          List<Row> out = rows(pkg.exports(), Side.OUT);
          if (usedWhole.contains(i.name())) {
            out.add(new Row(null, null, "(instance)", PortKind.INTERFACE, "the whole instance"));
          }
          nodes.add(node(id, Kind.INSTANCE, i.name(), i.pkg(), in, out, mine));
        }
        case CompositionGraph.Node.Import imp -> {
          List<Row> out = new ArrayList<>();
          out.add(new Row(null, null, Ports.shortName(imp.importName()), kindOf(imp.type()), detail(imp.importName(),
              imp.type())));
          nodes.add(node(id, Kind.IMPORT, imp.name(), "import " + imp.importName(), List.of(), out, mine));
        }
      }
    }
    if (!g.exports().isEmpty()) {
      List<Row> in = new ArrayList<>();
      g.exports().forEach((name, src) -> {
        ItemType t;
        try {
          t = g.typeOf(src);
        } catch (CompositionException e) {
          t = new ItemType.Other("?", null);
        }
        in.add(new Row(name, null, Ports.shortName(name), kindOf(t), detail(name, t)));
      });
      nodes.add(node(NodeId.EXPORTS, Kind.EXPORTS, "exports", "of the composition", in, List.of(), List.of()));
    }
    List<Wire> wires = wires(g, nodes);
    GraphScene scene = new GraphScene(nodes, wires, null);
    boolean none = nodes.stream().noneMatch(n -> at.containsKey(n.id()));
    if (layout || none) {
      return ElkLayout.layout(scene);
    }
    return place(scene, at);
  }

  /** Nodes at their given places; the others in a column to the right of them. */
  static GraphScene place(GraphScene scene, Map<NodeId, GraphEdit.Point> at) {
    double right = 0;
    for (GraphScene.Node n : scene.nodes()) {
      GraphEdit.Point p = at.get(n.id());
      if (p != null) {
        right = Math.max(right, p.x() + n.w());
      }
    }
    double y = 0;
    Map<NodeId, GraphScene.Node> moved = new LinkedHashMap<>();
    for (GraphScene.Node n : scene.nodes()) {
      GraphEdit.Point p = at.get(n.id());
      if (p != null) {
        moved.put(n.id(), n.at(p.x(), p.y()));
      } else {
        moved.put(n.id(), n.at(right + 80, y));
        y += n.h() + 40;
      }
    }
    return rewire(scene, moved);
  }

  /** The scene with its nodes replaced by {@code moved} (same ids) and its wires following their ports. */
  public static GraphScene rewire(GraphScene scene, Map<NodeId, GraphScene.Node> moved) {
    List<GraphScene.Node> nodes = scene.nodes().stream().map(n -> moved.getOrDefault(n.id(), n)).toList();
    List<Wire> wires = scene.wires().stream().map(w -> new Wire(find(nodes, w.from()), find(nodes, w.to()))).toList();
    return new GraphScene(nodes, wires, scene.message());
  }

  private static Port find(List<GraphScene.Node> nodes, Port p) {
    for (GraphScene.Node n : nodes) {
      if (n.id().equals(p.node())) {
        for (Port q : n.ports()) {
          if (q.side() == p.side() && java.util.Objects.equals(q.name(), p.name())) {
            return q;
          }
        }
      }
    }
    return p;
  }

  private record Row(String name, String group, String label, PortKind kind, String detail) {}

  private static List<Row> rows(Map<String, ItemType> items, Side side) {
    List<Row> out = new ArrayList<>();
    items.forEach((name, t) -> out.add(new Row(name, Ports.group(name), Ports.shortName(name), kindOf(t),
        detail(name, t))));
    out.sort(java.util.Comparator.comparing(r -> r.group().isEmpty() ? "" : r.group()));
    return out;
  }

  private static GraphScene.Node node(NodeId id, Kind kind, String title, String subtitle, List<Row> in, List<Row> out,
      List<CompositionProblem> problems) {
    double leftW = in.stream().mapToDouble(r -> Math.max(r.label().length(), group(r).length()) * CHAR).max()
        .orElse(0);
    double rightW = out.stream().mapToDouble(r -> Math.max(r.label().length(), group(r).length()) * CHAR).max()
        .orElse(0);
    double w = Math.max(MIN_WIDTH, Math.max(Math.max(title.length() * 8.0, subtitle.length() * 6.2) + 24,
        leftW + rightW + 48));
    List<Port> ports = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    int leftRows = column(id, in, Side.IN, 0, w, ports, groups, problems);
    int rightRows = column(id, out, Side.OUT, w, w, ports, groups, problems);
    double h = HEADER + Math.max(1, Math.max(leftRows, rightRows)) * ROW + 8;
    return new GraphScene.Node(id, kind, title, subtitle, 0, 0, w, h, ports, groups, problems);
  }

  private static String group(Row r) {
    return r.group() == null ? "" : r.group();
  }

  /** Lays out one column of ports at {@code x}; returns how many rows it took. */
  private static int column(NodeId id, List<Row> rows, Side side, double x, double w, List<Port> ports,
      List<Group> groups, List<CompositionProblem> problems) {
    int row = 0;
    String group = null;
    for (Row r : rows) {
      String g = group(r);
      if (!g.isEmpty() && !g.equals(group)) {
        groups.add(new Group(g, side, side == Side.IN ? 12 : w - 12, HEADER + row * ROW + ROW / 2 + 4));
        row++;
      }
      group = g;
      boolean problem = r.name() != null && problems.stream().anyMatch(p -> r.name().equals(p.port()));
      ports.add(new Port(id, r.name(), side, r.kind(), r.label(), r.detail(), x, HEADER + row * ROW + ROW / 2,
          problem));
      row++;
    }
    return row;
  }

  private static PortKind kindOf(ItemType t) {
    return switch (t) {
      case ItemType.Instance i -> PortKind.INTERFACE;
      case ItemType.Declared d -> d.kind().equals("func") ? PortKind.FUNCTION : PortKind.INTERFACE;
      case ItemType.Func f -> PortKind.FUNCTION;
      case ItemType.Other o -> PortKind.OTHER;
    };
  }

  /** What a tooltip shows: the name, then each function with its type. */
  public static String detail(String name, ItemType t) {
    return switch (t) {
      case ItemType.Instance i -> {
        StringBuilder sb = new StringBuilder(name);
        i.resources().forEach(r -> sb.append("\n  resource ").append(r));
        i.functions().forEach((f, ft) -> sb.append("\n  ").append(f).append(": ").append(ft.describe()));
        yield sb.toString();
      }
      default -> name + ": " + t.describe();
    };
  }

  private static List<Wire> wires(CompositionGraph g, List<GraphScene.Node> nodes) {
    Map<NodeId, GraphScene.Node> byId = new HashMap<>();
    nodes.forEach(n -> byId.put(n.id(), n));
    List<Wire> out = new ArrayList<>();
    for (var n : g.nodes().values()) {
      if (n instanceof CompositionGraph.Node.Instantiation i) {
        i.args().forEach((imp, src) -> {
          Port from = from(g, byId, src);
          Port to = port(byId.get(NodeId.of(i.name())), imp, Side.IN);
          if (from != null && to != null) {
            out.add(new Wire(from, to));
          }
        });
      }
    }
    g.exports().forEach((name, src) -> {
      Port from = from(g, byId, src);
      Port to = port(byId.get(NodeId.EXPORTS), name, Side.IN);
      if (from != null && to != null) {
        out.add(new Wire(from, to));
      }
    });
    return out;
  }

  private static Port from(CompositionGraph g, Map<NodeId, GraphScene.Node> byId, Source s) {
    return switch (s) {
      case Source.Whole w -> port(byId.get(NodeId.of(w.node())), null, Side.OUT);
      case Source.Export e when g.nodes().get(e.node()) instanceof CompositionGraph.Node.Import ->
          port(byId.get(NodeId.of(e.node())), null, Side.OUT);
      case Source.Export e -> port(byId.get(NodeId.of(e.node())), e.export(), Side.OUT);
    };
  }

  static Port port(GraphScene.Node n, String name, Side side) {
    if (n == null) {
      return null;
    }
    for (Port p : n.ports()) {
      if (p.side() == side && java.util.Objects.equals(p.name(), name)) {
        return p;
      }
    }
    return null;
  }
}
