package dev.plugboard.compose.scene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.GraphEdit;
import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.Sidecar;
import dev.plugboard.compose.Wac;
import dev.plugboard.compose.scene.GraphScene.Side;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The scene of a composition: its nodes, ports and wires, laid out by ELK, and drawn as SVG and PNG. */
class SceneTest {
  static final String SAMPLE = """
      package canvas:loud-greeting;
      let shout = new canvas:shout {};
      let echo = new canvas:echo { ... };
      let greeter = new canvas:loud-greeter { ...shout };
      export greeter.greet;
      """;

  static CompositionDocument doc(String text) {
    Wac.Packages packages = ScenePackages.packages();
    return new CompositionDocument("c.wac", text, Sidecar.empty(), packages, List.of());
  }

  @Test
  void nodesHaveImportsLeftExportsRightAndBoundaryNodesForTheCompositionsOwn() {
    GraphScene s = SceneBuilder.build(doc(SAMPLE));
    assertThat(s.nodes()).extracting(n -> n.id().name()).containsExactlyInAnyOrder("shout", "echo", "log", "greeter",
        "<exports>");
    GraphScene.Node greeter = s.node(NodeId.of("greeter"));
    assertThat(greeter.kind()).isEqualTo(GraphScene.Kind.INSTANCE);
    assertThat(greeter.subtitle()).isEqualTo("canvas:loud-greeter");
    assertThat(greeter.ports()).filteredOn(p -> p.side() == Side.IN).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("text");
      assertThat(p.x()).isEqualTo(greeter.x());
      assertThat(p.detail()).contains("shout: func(s: string) -> string");
    });
    assertThat(greeter.ports()).filteredOn(p -> p.side() == Side.OUT).singleElement()
        .satisfies(p -> assertThat(p.x()).isEqualTo(greeter.x() + greeter.w()));
    assertThat(s.node(NodeId.of("log")).kind()).isEqualTo(GraphScene.Kind.IMPORT);
    assertThat(s.node(NodeId.of("echo")).problems()).singleElement()
        .satisfies(p -> assertThat(p.port()).isEqualTo("log"));
    assertThat(s.wires()).extracting(w -> w.from().node().name() + "." + w.from().name() + " -> "
        + w.to().node().name() + "." + w.to().name())
        .containsExactlyInAnyOrder("shout.text -> greeter.text", "log.null -> echo.log",
            "greeter.greet -> <exports>.greet");
  }

  @Test
  void elkLaysTheGraphOutAlongItsWiresWithoutOverlaps() {
    GraphScene s = SceneBuilder.build(doc(SAMPLE));
    GraphScene.Node shout = s.node(NodeId.of("shout"));
    GraphScene.Node greeter = s.node(NodeId.of("greeter"));
    GraphScene.Node exports = s.node(NodeId.EXPORTS);
    assertThat(shout.x() + shout.w()).isLessThan(greeter.x());
    assertThat(greeter.x() + greeter.w()).isLessThan(exports.x());
    for (GraphScene.Node a : s.nodes()) {
      for (GraphScene.Node b : s.nodes()) {
        if (a != b) {
          boolean apart = a.x() + a.w() <= b.x() || b.x() + b.w() <= a.x() || a.y() + a.h() <= b.y()
              || b.y() + b.h() <= a.y();
          assertThat(apart).as(a.id() + " and " + b.id() + " overlap").isTrue();
        }
      }
    }
    for (GraphScene.Wire w : s.wires()) {
      assertThat(s.node(w.from().node()).ports()).contains(w.from());
      assertThat(s.node(w.to().node()).ports()).contains(w.to());
    }
  }

  @Test
  void positionsInTheLayoutAreKeptAndNewNodesGoToTheRight() throws Exception {
    CompositionDocument d = doc(SAMPLE);
    d.execute(new GraphEdit.Move(Map.of(NodeId.of("shout"), new GraphEdit.Point(500, 300))));
    GraphScene s = SceneBuilder.build(d);
    GraphScene.Node shout = s.node(NodeId.of("shout"));
    assertThat(shout.x()).isEqualTo(500);
    assertThat(shout.y()).isEqualTo(300);
    assertThat(s.node(NodeId.of("greeter")).x()).isGreaterThan(500 + shout.w());
    assertThat(s.wires().stream().filter(w -> w.from().node().name().equals("shout")).findFirst().orElseThrow()
        .from().x()).isEqualTo(500 + shout.w());
  }

  @Test
  void aTextThatDoesNotReadDrawsWhy() {
    GraphScene s = SceneBuilder.build(doc("package canvas:c;\nlet x = new canvas:nope {};\n"));
    assertThat(s.nodes()).isEmpty();
    assertThat(s.message()).contains("c.wac:2:13").contains("canvas:nope");
    assertThat(SvgPen.write(s, Palette.LIGHT)).contains("canvas:nope");
  }

  /** The SVG of the sample laid out by ELK, compared with a golden file ({@code -Dbless=true} rewrites it). */
  @Test
  void theSvgOfTheSampleMatchesItsGoldenFile() {
    GraphScene s = SceneBuilder.build(doc(SAMPLE));
    dev.plugboard.testing.Golden.assertMatches(Path.of("src/test/resources/canvas/loud-greeting.svg"),
        SvgPen.write(s, Palette.LIGHT));
  }

  @Test
  void svgAndPngDrawTheSameScene() throws Exception {
    GraphScene s = SceneBuilder.build(doc(SAMPLE));
    String svg = SvgPen.write(s, Palette.LIGHT);
    assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains(">greeter</text>")
        .contains(">canvas:loud-greeter</text>").contains(">exports</text>");
    assertThat(svg.split("<path", -1)).hasSize(s.wires().size() + 1);
    byte[] png = Java2dPen.png(s, Palette.DARK, 1);
    var img = ImageIO.read(new ByteArrayInputStream(png));
    double[] b = s.bounds();
    assertThat(img.getWidth()).isEqualTo((int) Math.ceil(Math.max(400, b[2] + 40)));
    assertThat(img.getRGB(2, 2)).isEqualTo(Palette.DARK.background());
    GraphScene.Node greeter = s.node(NodeId.of("greeter"));
    assertThat(img.getRGB((int) (greeter.x() + greeter.w() / 2), (int) (greeter.y() + greeter.h() - 4)))
        .isEqualTo(Palette.DARK.nodeFill());
    Path out = Path.of(System.getProperty("plugboard.snapshots", "target/snapshots"));
    Files.createDirectories(out);
    Files.write(out.resolve("scene-dark.png"), png);
    Files.write(out.resolve("scene-light.png"), Java2dPen.png(s, Palette.LIGHT, 2));
  }
}
