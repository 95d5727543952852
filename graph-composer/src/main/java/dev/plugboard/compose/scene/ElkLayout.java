package dev.plugboard.compose.scene;

import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.scene.GraphScene.Port;
import dev.plugboard.compose.scene.GraphScene.Side;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places the nodes of a scene with Eclipse ELK's layered algorithm (Sugiyama style: layers from
 * left to right along the wires, crossings minimised), ports fixed where the node draws them.
 * Only positions change; sizes and ports come from {@link SceneBuilder}.
 */
public final class ElkLayout {
  private ElkLayout() {}

  static {
    LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
  }

  /** The scene with every node placed, the top-left node at (40, 40). */
  public static GraphScene layout(GraphScene scene) {
    if (scene.nodes().isEmpty()) {
      return scene;
    }
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.SPACING_NODE_NODE, 40.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 90.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 20.0);
    // the canvas draws its own curves: ELK's orthogonal routes are not needed, and fewer
    // crossing-minimisation sweeps keep a 200-node graph well under the time a user waits
    root.setProperty(CoreOptions.EDGE_ROUTING, org.eclipse.elk.core.options.EdgeRouting.POLYLINE);
    root.setProperty(LayeredOptions.THOROUGHNESS, 3);
    Map<NodeId, ElkNode> elkNodes = new LinkedHashMap<>();
    Map<Port, ElkPort> elkPorts = new HashMap<>();
    for (GraphScene.Node n : scene.nodes()) {
      ElkNode e = ElkGraphUtil.createNode(root);
      e.setDimensions(n.w(), n.h());
      e.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
      for (Port p : n.ports()) {
        ElkPort ep = ElkGraphUtil.createPort(e);
        ep.setDimensions(8, 8);
        ep.setLocation(p.x() - n.x() - 4, p.y() - n.y() - 4);
        ep.setProperty(CoreOptions.PORT_SIDE, p.side() == Side.IN ? PortSide.WEST : PortSide.EAST);
        elkPorts.put(p, ep);
      }
      elkNodes.put(n.id(), e);
    }
    for (GraphScene.Wire w : scene.wires()) {
      ElkPort from = elkPorts.get(w.from());
      ElkPort to = elkPorts.get(w.to());
      if (from != null && to != null) {
        ElkGraphUtil.createSimpleEdge(from, to);
      }
    }
    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    for (ElkNode e : elkNodes.values()) {
      minX = Math.min(minX, e.getX());
      minY = Math.min(minY, e.getY());
    }
    Map<NodeId, GraphScene.Node> moved = new HashMap<>();
    for (GraphScene.Node n : scene.nodes()) {
      ElkNode e = elkNodes.get(n.id());
      moved.put(n.id(), n.at(e.getX() - minX + 40, e.getY() - minY + 40));
    }
    return SceneBuilder.rewire(scene, moved);
  }
}
