package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.workspace.SampleWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugboard graph}: the sample composition drawn as SVG and PNG, and its errors in one line. */
class GraphCommandTest {
  private final CliRunner cli = new CliRunner();

  private static Path sample(Path dir) throws Exception {
    return SampleWorkspace.unpack(dir).root().resolve("compose/loud-greeting.wac");
  }

  @Test
  void drawsTheSampleCompositionAsSvg(@TempDir Path dir) throws Exception {
    Path wac = sample(dir);
    Path out = dir.resolve("g.svg");
    assertThat(cli.run("graph", wac.toString(), "-o", out.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo(out + ": 3 node(s), 2 wire(s)\n");
    String svg = Files.readString(out);
    assertThat(svg).startsWith("<svg").contains(">shout</text>").contains(">greeter</text>")
        .contains(">plugboard:loud-greeter</text>").contains(">exports</text>");
  }

  @Test
  void drawsAPngWithTheDarkThemeAndElkLayout(@TempDir Path dir) throws Exception {
    Path wac = sample(dir);
    Path out = dir.resolve("pictures/g.png");
    assertThat(cli.run("graph", wac.toString(), "-o", out.toString(), "--layout", "--theme", "dark", "--parents",
        "--scale", "1")).as(cli.err()).isZero();
    var img = ImageIO.read(out.toFile());
    assertThat(img.getWidth()).isGreaterThan(400);
    assertThat(img.getRGB(1, 1)).isEqualTo(dev.plugboard.compose.scene.Palette.DARK.background());
    Path copy = Path.of(System.getProperty("plugboard.snapshots", "target/snapshots"), "graph-command-sample.png");
    Files.createDirectories(copy.getParent());
    Files.copy(out, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void badInputIsOneLineWithItsPlace(@TempDir Path dir) throws Exception {
    Path wac = sample(dir);
    Files.writeString(wac, Files.readString(wac).replace("...shout", "...nope"));
    assertThat(cli.run("graph", wac.toString(), "-o", dir.resolve("g.svg").toString())).isEqualTo(1);
    assertThat(cli.err()).contains("loud-greeting.wac:7:").contains("undefined name `nope`")
        .contains("plugboard: error: " + wac + ": the composition has errors; nothing drawn");
    assertThat(dir.resolve("g.svg")).doesNotExist();
    cli.clear();
    assertThat(cli.run("graph", wac.toString(), "-o", dir.resolve("g.gif").toString())).isEqualTo(2);
    assertThat(cli.err()).startsWith("plugboard: -o: expected a .svg or .png file");
    cli.clear();
    assertThat(cli.run("graph", dir.resolve("none.wac").toString(), "-o", dir.resolve("g.svg").toString()))
        .isEqualTo(1);
    assertThat(cli.err()).isEqualTo("plugboard: error: " + dir.resolve("none.wac") + ": no such file\n");
  }

  @Test
  void aBrokenSidecarIsAWarningAndTheGraphIsStillDrawn(@TempDir Path dir) throws Exception {
    Path wac = sample(dir);
    Files.writeString(dir.resolve(wac.getFileName() + ".json"), "{ nope");
    Files.writeString(wac.resolveSibling("loud-greeting.wac.json"), "{ nope");
    assertThat(cli.run("graph", wac.toString(), "-o", dir.resolve("g.svg").toString())).as(cli.err()).isZero();
    assertThat(cli.err()).startsWith("plugboard: warning: " + wac + ".json:1:").contains("the layout is ignored");
  }
}
