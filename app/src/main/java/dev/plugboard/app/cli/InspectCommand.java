package dev.plugboard.app.cli;

import dev.plugboard.binary.Component;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentFacts;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.ComponentWit;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.wit.json.ResolveJson;
import dev.plugboard.wit.print.WitPrinter;
import dev.plugboard.binary.MalformedBinaryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard inspect X.wasm}: the component as WIT (its world, then every interface it
 * imports or exports); {@code --json} the same as resolve JSON; {@code --summary} what it
 * is made of.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Show a component as WIT: its world, then the full definition of every interface it imports or "
        + "exports."})
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A component binary.")
  Path file;

  @Option(names = "--summary",
      description = "Instead: core modules (count, sizes), nested components, imports, exports, producers.")
  boolean summary;

  @Option(names = "--json", description = "Print the WIT view as resolve JSON (the shape of `wasm-tools component "
      + "wit --json`).")
  boolean json;

  @Override
  public Integer call() {
    byte[] bytes = Inputs.bytes(file);
    PrintWriter out = spec.commandLine().getOut();
    if (!summary) {
      printWit(file, bytes, json, out);
      return 0;
    }
    Component c = decode(file, bytes);
    ComponentFacts facts = ComponentFacts.of(c);
    out.println(file.getFileName() + ": component, " + bytes.length + " bytes");
    int moduleBytes = facts.coreModuleSizes().stream().mapToInt(Integer::intValue).sum();
    out.println("core modules: " + facts.coreModuleSizes().size()
        + (facts.coreModuleSizes().isEmpty() ? "" : " (" + moduleBytes + " bytes: "
            + String.join(", ", facts.coreModuleSizes().stream().map(String::valueOf).toList()) + ")")
        + (facts.coreModuleSizes().isEmpty() ? "" : "; their code is not validated by inspect (plugboard validate does)"));
    out.println("nested components: " + facts.nestedComponents());
    items(out, "imports", facts.imports());
    items(out, "exports", facts.exports());
    if (!facts.producers().isEmpty()) {
      out.println("producers:");
      facts.producers().forEach((field, values) -> out.println("  " + field + ": " + String.join(", ", values)));
    }
    out.flush();
    return 0;
  }

  /** Prints a component's WIT view (or its resolve JSON): {@code inspect}, and {@code wit} given a binary. */
  static void printWit(Path file, byte[] bytes, boolean json, PrintWriter out) {
    ComponentWit.View view;
    try {
      ComponentDecoder.Decoded decoded = ComponentDecoder.decodeWithOffsets(bytes);
      view = ComponentWit.of(decoded.component(),
          ComponentValidator.validateStructure(decoded.component(), decoded.offsets()));
    } catch (MalformedBinaryException e) {
      throw new UserError(file + ": " + e.describe());
    } catch (InvalidComponentException e) {
      throw new UserError(file + ": " + e.describe());
    }
    out.print(json ? ResolveJson.toText(view.resolve()) : WitPrinter.printAll(view.resolve(), view.rootPackage()));
    out.flush();
  }

  private static Component decode(Path file, byte[] bytes) {
    try {
      return ComponentDecoder.decode(bytes);
    } catch (MalformedBinaryException e) {
      throw new UserError(file + ": " + e.describe());
    }
  }

  private static void items(PrintWriter out, String title, List<ComponentFacts.Item> items) {
    out.println(title + ": " + items.size());
    for (ComponentFacts.Item i : items) {
      out.println("  " + i.name() + " (" + i.kind() + ")");
    }
  }
}
