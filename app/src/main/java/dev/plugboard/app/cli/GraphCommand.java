package dev.plugboard.app.cli;

import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.CompositionProblem;
import dev.plugboard.compose.Sidecar;
import dev.plugboard.compose.scene.GraphScene;
import dev.plugboard.compose.scene.Java2dPen;
import dev.plugboard.compose.scene.Palette;
import dev.plugboard.compose.scene.SceneBuilder;
import dev.plugboard.compose.scene.SvgPen;
import dev.plugboard.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard graph file.wac -o file.svg|file.png [--layout]}: draws a composition as the
 * canvas does, headless, with nodes where its layout sidecar ({@code file.wac.json}) puts them
 * (laid out with ELK when it has none, or always with {@code --layout}).
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Draw a WAC composition (its instances, wires, imports and exports) as SVG or PNG.")
public final class GraphCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.wac", description = "The WAC document.")
  Path file;

  @picocli.CommandLine.Mixin
  DepOptions deps;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "Where to write the picture: a .svg or .png file.")
  Path output;

  @Option(names = "--layout", description = "Lay the graph out with ELK, ignoring the positions of the sidecar.")
  boolean layout;

  @Option(names = "--theme", paramLabel = "light|dark", description = "Colours: light (default) or dark.")
  String theme = "light";

  @Option(names = "--scale", paramLabel = "N", description = "PNG pixels per canvas unit (default 2).")
  double scale = 2;

  @Option(names = "--parents", description = "Create the output's missing folders.")
  boolean parents;

  @Override
  public Integer call() throws IOException {
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean svg = name.endsWith(".svg");
    if (!svg && !name.endsWith(".png")) {
      throw new UsageError("-o: expected a .svg or .png file, got " + output);
    }
    Palette palette = switch (theme) {
      case "light" -> Palette.LIGHT;
      case "dark" -> Palette.DARK;
      default -> throw new UsageError("--theme: expected light or dark, got " + theme);
    };
    if (!(scale > 0 && scale <= 8)) {
      throw new UsageError("--scale: expected a number from 0 to 8, got " + scale);
    }
    String text = Inputs.text(file);
    dev.plugboard.compose.DepsPackages packages = deps.packages(file);
    Sidecar sidecar = Sidecar.empty();
    try {
      sidecar = Sidecar.read(file);
    } catch (IOException e) {
      spec.commandLine().getErr().println("plugboard: warning: " + e.getMessage() + "; the layout is ignored");
    }
    CompositionDocument doc = new CompositionDocument(file.toString(), text, sidecar, packages,
        packages.witPackages());
    if (doc.whyNoGraph().isPresent()) {
      spec.commandLine().getErr().println(doc.whyNoGraph().get());
      throw new UserError(file + ": the composition has errors; nothing drawn");
    }
    for (CompositionProblem p : doc.problems()) {
      if (p.node() == null) {
        spec.commandLine().getErr().println("plugboard: warning: " + p.message());
      }
    }
    GraphScene scene = layout ? SceneBuilder.build(doc.graph(), Map.of(), doc.problems(), true)
        : SceneBuilder.build(doc);
    byte[] out = svg ? SvgPen.write(scene, palette).getBytes(StandardCharsets.UTF_8)
        : Java2dPen.png(scene, palette, scale);
    AtomicFiles.write(output, out, parents);
    spec.commandLine().getOut().println(output + ": " + scene.nodes().size() + " node(s), " + scene.wires().size()
        + " wire(s)");
    return 0;
  }
}
