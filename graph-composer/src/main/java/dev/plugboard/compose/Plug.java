package dev.plugboard.compose;

import dev.plugboard.compose.CompositionException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wac plug}: the socket's imports are given by the plugs that export them (plugs may
 * serve each other's imports too); what no plug gives becomes an import of the result; the
 * result exports what the socket exports.
 */
public final class Plug {
  private Plug() {}

  /** The composition graph of plugging {@code plugs} into {@code socket}. */
  public static CompositionGraph plug(ComposedPackage socket, List<ComposedPackage> plugs) throws CompositionException {
    CompositionGraph g = new CompositionGraph();
    g.register(socket);
    Map<String, ComposedPackage> byNode = new LinkedHashMap<>();
    List<String> plugNodes = new ArrayList<>();
    for (ComposedPackage p : plugs) {
      g.register(p);
      String node = nodeName(p.name(), byNode);
      g.instantiate(node, p.name());
      byNode.put(node, p);
      plugNodes.add(node);
    }
    String socketNode = nodeName(socket.name(), byNode);
    g.instantiate(socketNode, socket.name());
    byNode.put(socketNode, socket);

    int plugged = 0;
    java.util.Set<String> used = new java.util.HashSet<>();
    for (String imp : socket.imports().keySet()) {
      String from = provider(imp, plugNodes, byNode, null);
      if (from != null) {
        g.setArgument(socketNode, imp, new CompositionGraph.Source.Export(from, exportName(imp, byNode.get(from))));
        plugged++;
        used.add(from);
      }
    }
    if (plugged == 0) {
      throw new CompositionException(Kind.NOTHING_PLUGGED, "no plug exports anything " + socket.name() + " imports ("
          + (socket.imports().isEmpty() ? "it imports nothing" : String.join(", ", socket.imports().keySet())) + ")");
    }
    // plugs serve each other; the rest is imported by the result
    for (String node : plugNodes) {
      ComposedPackage p = byNode.get(node);
      for (String imp : p.imports().keySet()) {
        String from = provider(imp, plugNodes, byNode, node);
        if (from != null) {
          try {
            g.setArgument(node, imp, new CompositionGraph.Source.Export(from, exportName(imp, byNode.get(from))));
            used.add(from);
            continue;
          } catch (CompositionException e) {
            if (e.kind() != Kind.CYCLE) {
              throw e;
            }
          }
        }
        importThrough(g, node, imp, p);
      }
    }
    for (String imp : socket.imports().keySet()) {
      if (!g.instantiation(socketNode).args().containsKey(imp)) {
        importThrough(g, socketNode, imp, socket);
      }
    }
    for (String node : plugNodes) {
      if (!used.contains(node)) {
        throw new CompositionException(Kind.NOTHING_PLUGGED, "plug " + byNode.get(node).name()
            + " exports nothing that the socket or another plug imports");
      }
    }
    for (String exp : socket.exports().keySet()) {
      g.export(new CompositionGraph.Source.Export(socketNode, exp), exp);
    }
    return g;
  }

  private static void importThrough(CompositionGraph g, String node, String imp, ComposedPackage p)
      throws CompositionException {
    var existing = g.importNamed(imp);
    String importNode;
    if (existing.isPresent()) {
      importNode = existing.get().name();
    } else {
      importNode = "import:" + imp;
      g.addImport(importNode, imp, p.imports().get(imp));
    }
    g.setArgument(node, imp, new CompositionGraph.Source.Whole(importNode));
  }

  /** The first plug (other than {@code self}) exporting a name that matches {@code imp}. */
  private static String provider(String imp, List<String> plugNodes, Map<String, ComposedPackage> byNode, String self) {
    for (String node : plugNodes) {
      if (node.equals(self)) {
        continue;
      }
      if (exportName(imp, byNode.get(node)) != null) {
        return node;
      }
    }
    return null;
  }

  private static String exportName(String imp, ComposedPackage p) {
    for (String e : p.exports().keySet()) {
      if (TypeCheck.namesMatch(e, imp)) {
        return e;
      }
    }
    return null;
  }

  private static String nodeName(String pkg, Map<String, ?> taken) {
    return NodeId.unique(NodeId.identifier(pkg), taken::containsKey);
  }
}
