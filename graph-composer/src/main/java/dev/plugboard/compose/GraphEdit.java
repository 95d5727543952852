package dev.plugboard.compose;

import java.util.Map;

/**
 * One change a front asks of a composition, named for the undo history. The document carries
 * each out as a change to the WAC text (only the statements it touches) and to the layout
 * sidecar, checked by reading the new text before it is kept.
 */
public sealed interface GraphEdit {
  /** What the undo history shows: {@code Wire shout.text → greeter}, {@code Move 3 nodes}. */
  String description();

  /** {@code let node = new pkg { ... };}, placed at {@code (x, y)}. */
  record AddInstance(NodeId node, String pkg, double x, double y) implements GraphEdit {
    @Override
    public String description() {
      return "Add " + node + " (" + pkg + ")";
    }
  }

  /** Deletes nodes and every wire and export that uses them: one step. */
  record Remove(java.util.List<NodeId> nodes) implements GraphEdit {
    public Remove {
      nodes = java.util.List.copyOf(new java.util.LinkedHashSet<>(nodes));
      if (nodes.isEmpty()) {
        throw new IllegalArgumentException("nothing to delete");
      }
    }

    public Remove(NodeId node) {
      this(java.util.List.of(node));
    }

    @Override
    public String description() {
      return nodes.size() == 1 ? "Delete " + nodes.getFirst() : "Delete " + nodes.size() + " nodes";
    }
  }

  /**
   * Gives import {@code importName} of instantiation {@code target} the export {@code export} of
   * {@code source} (or, when {@code export} is null, the node {@code source} itself: an import).
   */
  record Wire(NodeId source, String export, NodeId target, String importName) implements GraphEdit {
    @Override
    public String description() {
      return "Wire " + source + (export == null ? "" : "." + Ports.shortName(export)) + " → " + target;
    }
  }

  /** Takes the argument away; the import becomes an import of the composition again. */
  record Unwire(NodeId target, String importName) implements GraphEdit {
    @Override
    public String description() {
      return "Unwire " + target + "." + Ports.shortName(importName);
    }
  }

  record Rename(NodeId node, String newName) implements GraphEdit {
    @Override
    public String description() {
      return "Rename " + node + " → " + newName;
    }
  }

  /** Exports {@code export} of instantiation {@code node} from the composition. */
  record ExportPort(NodeId node, String export) implements GraphEdit {
    @Override
    public String description() {
      return "Export " + node + "." + Ports.shortName(export);
    }
  }

  /** Stops exporting {@code name}. */
  record Unexport(String name) implements GraphEdit {
    @Override
    public String description() {
      return "Unexport " + Ports.shortName(name);
    }
  }

  /** Wires every unwired import of {@code node} from an instance that exports it (the rules of {@code plug}). */
  record AutoPlug(NodeId node) implements GraphEdit {
    @Override
    public String description() {
      return "Auto-plug " + node;
    }
  }

  /** New canvas positions: layout only, the text does not change; {@code label} names the step (null: "Move …"). */
  record Move(Map<NodeId, Point> to, String label) implements GraphEdit {
    public Move {
      to = Map.copyOf(to);
    }

    public Move(Map<NodeId, Point> to) {
      this(to, null);
    }

    @Override
    public String description() {
      return label != null ? label
          : to.size() == 1 ? "Move " + to.keySet().iterator().next() : "Move " + to.size() + " nodes";
    }
  }

  /** A place on the canvas. */
  record Point(double x, double y) {}
}
