package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.compose.CompositionGraph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of graph edits (seeded): each is either carried out, leaving a text that reads,
 * or refused up front with its specific {@link CompositionException} (never because the edit wrote
 * text that does not read, never with another exception); undoing them all gives the starting text
 * back byte for byte, and redoing them all the last one.
 */
class GraphEditFuzzTest {
  private static final List<String> PACKAGES = List.of("canvas:shout", "canvas:counter", "canvas:echo",
      "canvas:relay", "canvas:loud-greeter");

  @Test
  void randomEditsAreDoneOrRefusedAndUndoToTheSameBytes() {
    for (long seed = 1; seed <= 12; seed++) {
      run(seed);
    }
  }

  private static void run(long seed) {
    Random random = new Random(seed);
    String start = CompositionDocumentTest.SAMPLE;
    CompositionDocument d = CompositionDocumentTest.doc(start);
    int done = 0;
    int refused = 0;
    for (int step = 0; step < 60; step++) {
      GraphEdit e = edit(random, d.graph());
      if (e == null) {
        continue;
      }
      String before = d.text();
      try {
        d.execute(e);
        done++;
        assertThat(d.whyNoGraph()).as(seed + ": " + e + " left\n" + d.text()).isEmpty();
      } catch (CompositionException refusal) {
        refused++;
        assertThat(refusal.kind()).as(seed + ": " + e + " made text that does not read: " + refusal.getMessage())
            .isNotEqualTo(CompositionException.Kind.INVALID_OUTPUT);
        assertThat(d.text()).as(seed + ": a refused " + e + " changed the text").isEqualTo(before);
      }
    }
    assertThat(done).as("seed " + seed + " did something").isPositive();
    String end = d.text();
    while (d.canUndo()) {
      d.undo();
    }
    assertThat(d.text()).as("seed " + seed).isEqualTo(start);
    while (d.canRedo()) {
      d.redo();
    }
    assertThat(d.text()).as("seed " + seed).isEqualTo(end);
    assertThat(done + refused).isPositive();
  }

  /** A random edit over the nodes and ports the graph has (or a made-up name now and then). */
  private static GraphEdit edit(Random r, CompositionGraph g) {
    List<String> nodes = new ArrayList<>(g.nodes().keySet());
    List<String> instances = nodes.stream().filter(n -> g.nodes().get(n) instanceof Node.Instantiation).toList();
    String any = nodes.isEmpty() || r.nextInt(10) == 0 ? "ghost" : nodes.get(r.nextInt(nodes.size()));
    String inst = instances.isEmpty() ? "ghost" : instances.get(r.nextInt(instances.size()));
    String other = instances.isEmpty() ? "ghost" : instances.get(r.nextInt(instances.size()));
    return switch (r.nextInt(9)) {
      case 0, 1 -> new GraphEdit.AddInstance(NodeId.fresh(PACKAGES.get(r.nextInt(PACKAGES.size())), nodes),
          PACKAGES.get(r.nextInt(PACKAGES.size())), r.nextInt(500), r.nextInt(500));
      case 2 -> new GraphEdit.Remove(NodeId.of(any));
      case 3, 4 -> {
        List<String> imports = importsOf(g, inst);
        List<String> exports = exportsOf(g, other);
        if (imports.isEmpty() || exports.isEmpty()) {
          yield null;
        }
        yield new GraphEdit.Wire(NodeId.of(other), exports.get(r.nextInt(exports.size())), NodeId.of(inst),
            imports.get(r.nextInt(imports.size())));
      }
      case 5 -> {
        List<String> imports = importsOf(g, inst);
        yield imports.isEmpty() ? null : new GraphEdit.Unwire(NodeId.of(inst), imports.get(r.nextInt(imports.size())));
      }
      case 6 -> new GraphEdit.Rename(NodeId.of(any), r.nextBoolean() ? "node-" + r.nextInt(5) : "let");
      case 7 -> {
        List<String> exports = exportsOf(g, inst);
        if (!exports.isEmpty() && r.nextBoolean()) {
          yield new GraphEdit.ExportPort(NodeId.of(inst), exports.get(r.nextInt(exports.size())));
        }
        yield g.exports().isEmpty() ? null : new GraphEdit.Unexport(g.exports().keySet().iterator().next());
      }
      default -> r.nextBoolean() ? new GraphEdit.AutoPlug(NodeId.of(inst))
          : new GraphEdit.Move(Map.of(NodeId.of(any), new GraphEdit.Point(r.nextInt(100), r.nextInt(100))));
    };
  }

  private static List<String> importsOf(CompositionGraph g, String node) {
    return g.nodes().get(node) instanceof Node.Instantiation i
        ? List.copyOf(g.packages().get(i.pkg()).imports().keySet()) : List.of();
  }

  private static List<String> exportsOf(CompositionGraph g, String node) {
    return g.nodes().get(node) instanceof Node.Instantiation i
        ? List.copyOf(g.packages().get(i.pkg()).exports().keySet()) : List.of();
  }
}
