package dev.plugboard.compose;

import dev.plugboard.compose.CompositionGraph.Node;
import dev.plugboard.compose.CompositionGraph.Source;
import java.util.List;

/**
 * Whether an export may be wired to an import, and why not: the question a canvas asks of
 * every port while a wire is dragged. The answer is the composer's instantiation check
 * ({@link CompositionGraph#setArgument}: the validator's subtyping, the target's other arguments
 * binding its resources) with the path to the part that does not fit
 * ({@code type mismatch in instance export `greet`}, {@code expected string, found u32}).
 */
public final class Wiring {
  private Wiring() {}

  /** The answer: fits, or the path into the type where it does not and why. */
  public record Fit(boolean ok, List<String> path, String reason) {
    public Fit {
      path = List.copyOf(path);
    }

    static final Fit OK = new Fit(true, List.of(), "");

    static Fit no(String reason) {
      return new Fit(false, List.of(), reason);
    }

    /** The reason with its path: {@code type mismatch in instance export `greet`: expected string, found u32}. */
    public String explain() {
      return path.isEmpty() ? reason : String.join(": ", path) + ": " + reason;
    }
  }

  /** The source a wire from {@code source}'s {@code export} (null: the node itself) gives. */
  public static Source source(NodeId source, String export) {
    return export == null ? new Source.Whole(source.name()) : new Source.Export(source.name(), export);
  }

  /** Whether {@code export} of {@code source} fits import {@code importName} of {@code target}. */
  public static Fit fit(CompositionGraph g, NodeId source, String export, NodeId target, String importName) {
    if (!(g.nodes().get(target.name()) instanceof Node.Instantiation inst)) {
      return Fit.no("`" + target + "` is not an instantiation");
    }
    ItemType wanted = g.packages().get(inst.pkg()).imports().get(importName);
    if (wanted == null) {
      return Fit.no("`" + target + "` has no import `" + importName + "`");
    }
    if (source.equals(target)) {
      return Fit.no("`" + target + "` cannot be given its own export");
    }
    ItemType provided;
    try {
      provided = g.typeOf(source(source, export));
    } catch (CompositionException e) {
      return Fit.no(e.getMessage());
    }
    TypeCheck.Mismatch m;
    try {
      m = g.link(inst, importName, provided); // with the other arguments: resources by identity
    } catch (CompositionException e) {
      return Fit.no(e.getMessage());
    }
    if (m != null) {
      return new Fit(false, m.path(), m.reason());
    }
    if (dependsOn(g, source.name(), target.name(), new java.util.HashSet<>())) {
      return Fit.no("`" + source + "` already depends on `" + target + "`: the wire would make a cycle");
    }
    return Fit.OK;
  }

  /** Whether node {@code from} (transitively) takes an argument from {@code node}; each node is visited once. */
  static boolean dependsOn(CompositionGraph g, String from, String node, java.util.Set<String> seen) {
    if (from.equals(node)) {
      return true;
    }
    if (!seen.add(from) || !(g.nodes().get(from) instanceof Node.Instantiation i)) {
      return false;
    }
    for (Source s : i.args().values()) {
      String dep = s instanceof Source.Export e ? e.node() : ((Source.Whole) s).node();
      if (dependsOn(g, dep, node, seen)) {
        return true;
      }
    }
    return false;
  }
}
