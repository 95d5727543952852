package dev.plugboard.bench;

import dev.plugboard.compose.ComposedPackage;
import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.GraphEdit;
import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.Sidecar;
import dev.plugboard.compose.Wac;
import dev.plugboard.compose.scene.ElkLayout;
import dev.plugboard.compose.scene.GraphScene;
import dev.plugboard.compose.scene.Java2dPen;
import dev.plugboard.compose.scene.Palette;
import dev.plugboard.compose.scene.SceneBuilder;
import dev.plugboard.compose.scene.SceneRenderer;
import dev.plugboard.wit.resolve.WitResolver;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The composition canvas on a generated composition of 200 instances and about 400 wires:
 * ELK layout of the whole graph, the text → graph update after one keystroke in its WAC (the
 * document re-reads the text, then the scene is rebuilt at the kept positions), and a redraw
 * after a pan, the scene drawn by Java2D into a 1280×800 image (software rasteriser); the real
 * JavaFX canvas is {@link CanvasFxBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CanvasBenchmark {
  static final int INSTANCES = 200;

  private CompositionDocument doc;
  private GraphScene unplaced;
  private GraphScene placed;
  private Map<NodeId, GraphEdit.Point> positions;
  private int keystroke;
  private BufferedImage image;
  private Graphics2D g;
  private int pans;

  /** {@code bench:node}: two imports and two exports of the same one-function interface. */
  static Wac.Packages packages() {
    String wit = """
        package bench:node;

        interface f {
          f: func(x: u32) -> u32;
        }

        world node {
          import in-a: interface { f: func(x: u32) -> u32; }
          import in-b: interface { f: func(x: u32) -> u32; }
          export out-a: interface { f: func(x: u32) -> u32; }
          export out-b: interface { f: func(x: u32) -> u32; }
        }
        """;
    WitResolver.Result r = WitResolver.resolve(new WitResolver.Group(List.of(new WitResolver.SourceFile("node.wit",
        wit))), List.of(), WitResolver.Options.DEFAULT);
    if (!r.ok()) {
      throw new IllegalStateException(r.diagnostics().toString());
    }
    var main = r.resolve().packages.get(r.mainPackage());
    ComposedPackage node = ComposedPackage.ofWorld("bench:node", r.resolve(), main.worlds.get("node"));
    return name -> name.replaceAll("@.*", "").equals("bench:node") ? node : null;
  }

  /** Instance {@code n<i>} takes each import from an export of a random earlier instance: 2 wires each. */
  static String wac(int instances) {
    Random random = new Random(13);
    StringBuilder sb = new StringBuilder("// generated: ").append(instances).append(" instances\npackage bench:big;\n\n");
    for (int i = 0; i < instances; i++) {
      sb.append("let n").append(i).append(" = new bench:node {");
      if (i > 0) {
        sb.append(" \"in-a\": n").append(random.nextInt(i)).append("[\"out-a\"],");
        sb.append(" \"in-b\": n").append(random.nextInt(i)).append("[\"out-b\"],");
      }
      sb.append(" ... };\n");
    }
    sb.append("\nexport n").append(instances - 1).append("[\"out-a\"];\n");
    return sb.toString();
  }

  @Setup
  public void setUp() throws Exception {
    doc = new CompositionDocument("big.wac", wac(INSTANCES), Sidecar.empty(), packages(), List.of());
    if (doc.whyNoGraph().isPresent()) {
      throw new IllegalStateException(doc.whyNoGraph().get());
    }
    unplaced = SceneBuilder.build(doc.graph(), Map.of(NodeId.of("n0"), new GraphEdit.Point(0, 0)), doc.problems(),
        false);
    placed = ElkLayout.layout(unplaced);
    positions = new HashMap<>();
    placed.nodes().forEach(n -> positions.put(n.id(), new GraphEdit.Point(n.x(), n.y())));
    long wires = placed.wires().size();
    if (placed.nodes().size() < INSTANCES || wires < 2 * (INSTANCES - 1)) {
      throw new IllegalStateException(placed.nodes().size() + " nodes, " + wires + " wires");
    }
    image = new BufferedImage(1280, 800, BufferedImage.TYPE_INT_ARGB);
    g = image.createGraphics();
  }

  @Benchmark
  public GraphScene elkLayout200Instances() {
    return ElkLayout.layout(unplaced);
  }

  /** One character typed into (then taken out of) the comment on line 1, and the scene rebuilt. */
  @Benchmark
  public GraphScene keystrokeToGraph() {
    int at = 3;
    if (keystroke++ % 2 == 0) {
      doc.replaceText(at, at, "x");
    } else {
      doc.replaceText(at, at + 1, "");
    }
    return SceneBuilder.build(doc.graph(), positions, doc.problems(), false);
  }

  /**
   * A 1280×800 view at zoom 1 panned one pixel further each time across the graph, drawn in
   * software: background, then the nodes and wires in view (as the canvas culls them).
   */
  @Benchmark
  public BufferedImage redrawJava2dAfterPan() {
    pans = (pans + 7) % 1000;
    var saved = g.getTransform();
    g.translate(-pans, -pans / 2.0);
    Java2dPen pen = new Java2dPen(g);
    pen.rect(pans, pans / 2.0, 1280, 800, 0, Palette.LIGHT.background(), 0, 0);
    SceneRenderer.render(placed, Palette.LIGHT, pen, SceneRenderer.Overlay.NONE,
        new double[] {pans, pans / 2.0, pans + 1280, pans / 2.0 + 800}, 1);
    g.setTransform(saved);
    return image;
  }
}
