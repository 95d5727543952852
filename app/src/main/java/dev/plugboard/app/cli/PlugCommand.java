package dev.plugboard.app.cli;

import dev.plugboard.io.AtomicFiles;
import dev.plugboard.compose.ComposedPackage;
import dev.plugboard.compose.CompositionEncoder;
import dev.plugboard.compose.CompositionException;
import dev.plugboard.compose.CompositionGraph;
import dev.plugboard.compose.Plug;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard plug socket.wasm --plug a.wasm [--plug b.wasm ...] -o out.wasm}: the socket's
 * imports given by the plugs that export them, as {@code wac plug} does.
 */
@Command(name = "plug", mixinStandardHelpOptions = true,
    description = "Plug components into a socket component's imports and write the composed component.")
public final class PlugCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOCKET", description = "The component whose imports are plugged.")
  Path socket;

  @Option(names = "--plug", required = true, paramLabel = "PLUG", description = "A component whose exports "
      + "satisfy imports of the socket (or of other plugs). Repeatable.")
  List<Path> plugs = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the result.")
  Path output;

  @Option(names = "--parents", description = "Create the output's missing folders (without it, a missing folder is an error).")
  boolean parents;

  @Option(names = "--import-components", description = "Import the components by name (each as a component "
      + "import named after its package, e.g. example-upper) instead of embedding them.")
  boolean importComponents;

  @Override
  public Integer call() throws IOException {
    ComposedPackage s = load(socket, "socket");
    List<ComposedPackage> ps = new ArrayList<>();
    for (int i = 0; i < plugs.size(); i++) {
      ps.add(load(plugs.get(i), "plug" + (i + 1)));
    }
    byte[] out;
    CompositionGraph g;
    try {
      g = Plug.plug(s, ps);
      out = CompositionEncoder.encode(g, importComponents);
    } catch (CompositionException e) {
      throw new UserError("plug: " + e.getMessage());
    }
    AtomicFiles.write(output, out, parents);
    long imports = g.nodes().values().stream().filter(n -> n instanceof CompositionGraph.Node.Import).count();
    spec.commandLine().getOut().println(output + ": " + out.length + " bytes; " + g.exports().size() + " export(s), "
        + imports + " import(s) left to the host");
    return 0;
  }

  static ComposedPackage load(Path file, String fallbackName) {
    byte[] bytes = Inputs.bytes(file);
    String name = file.getFileName().toString().replaceAll("\\.wasm$", "");
    try {
      return ComposedPackage.of("plugboard:" + (name.matches("[a-z][a-z0-9-]*") ? name : fallbackName), bytes);
    } catch (CompositionException e) {
      throw new UserError(file + ": " + e.getMessage().replaceFirst("^[^:]*:[^:]*: ", ""));
    }
  }
}
