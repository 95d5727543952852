package dev.plugboard.app.cli;

import dev.plugboard.io.AtomicFiles;
import dev.plugboard.compose.CompositionEncoder;
import dev.plugboard.compose.CompositionException;
import dev.plugboard.compose.Wac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard compose file.wac --dep pkg:name=path.wasm ... -o out.wasm}: evaluates a WAC
 * document and writes the composed component. Packages not given with {@code --dep} are looked
 * up in {@code deps/} beside the file ({@code deps/ns/name.wasm} or {@code deps/ns:name.wasm}; WIT
 * packages as {@code deps/ns/name.wit} or {@code deps/ns/name/}).
 */
@Command(name = "compose", mixinStandardHelpOptions = true,
    description = "Compose components as a WAC document says and write the composed component.")
public final class ComposeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.wac", description = "The WAC document.")
  Path file;

  @Option(names = "--dep", paramLabel = "PKG=FILE", description = "A package the document instantiates, e.g. "
      + "example:upper=upper.wasm. Repeatable.")
  List<String> deps = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the result.")
  Path output;

  @Option(names = "--parents", description = "Create the output's missing folders (without it, a missing folder is an error).")
  boolean parents;

  @Option(names = "--import-components", description = "Import the components by name (each as a component "
      + "import named after its package, e.g. example-upper) instead of embedding them.")
  boolean importComponents;

  @Option(names = "--print-wac", description = "Also print the composition back as WAC (what Plugboard understood).")
  boolean printWac;

  @Override
  public Integer call() throws IOException {
    String text = Inputs.text(file);
    Map<String, Path> given = new HashMap<>();
    for (String d : deps) {
      int eq = d.indexOf('=');
      if (eq <= 0) {
        throw new UserError("--dep: expected PKG=FILE, e.g. example:upper=upper.wasm, got \"" + d + "\"");
      }
      given.put(d.substring(0, eq).replaceAll("@.*", ""), Path.of(d.substring(eq + 1)));
    }
    Path depsDir = file.toAbsolutePath().getParent().resolve("deps");
    dev.plugboard.compose.DepsPackages packages = new dev.plugboard.compose.DepsPackages(given, depsDir);
    Wac.Document doc;
    byte[] out;
    try {
      doc = Wac.read(file.toString(), text, packages, packages.witPackages());
      out = CompositionEncoder.encode(doc.graph(), importComponents);
    } catch (Wac.WacException e) {
      spec.commandLine().getErr().println(e.rendered());
      throw new UserError(file + ": the composition has errors");
    } catch (CompositionException e) {
      throw new UserError(file + ": " + e.getMessage());
    }
    AtomicFiles.write(output, out, parents);
    if (printWac) {
      spec.commandLine().getOut().print(Wac.write(doc.packageName(), doc.graph(), doc.typeStatements()));
    }
    spec.commandLine().getOut().println(output + ": " + out.length + " bytes; " + doc.graph().exports().size()
        + " export(s)");
    return 0;
  }
}
