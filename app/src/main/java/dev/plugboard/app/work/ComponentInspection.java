package dev.plugboard.app.work;

import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.binary.BinarySummary;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentFacts;
import dev.plugboard.binary.ComponentTypes;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.ComponentWit;
import dev.plugboard.binary.CoreModuleInterface;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import dev.plugboard.wit.print.WitPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the IDE shows of a {@code .wasm} file, computed off the FX thread with the same decoder,
 * validator and WIT printer as {@code plugboard inspect}/{@code wit}: its summary, counts, WIT
 * view, and the problems found (a validation error at its byte offset).
 *
 * @param wit the WIT view, null for a core module
 */
public record ComponentInspection(Path file, byte[] bytes, BinarySummary summary, Counts counts, String wit,
    List<Problem> problems) {

  /** Core modules and nested components at any depth, top-level imports and exports. */
  public record Counts(int coreModules, int nestedComponents, int imports, int exports) {}

  public ComponentInspection {
    problems = List.copyOf(problems);
  }

  public boolean isComponent() {
    return summary.kind() != BinarySummary.Kind.CORE_MODULE;
  }

  /**
   * Reads and inspects {@code file}, reporting each step; checks for cancellation between steps.
   *
   * @throws MalformedBinaryException when the bytes are not a well-formed binary (with its offset)
   */
  public static ComponentInspection read(Path file, Progress progress) throws IOException, MalformedBinaryException {
    progress.step("Reading " + file.getFileName(), 0.05);
    byte[] bytes = Files.readAllBytes(file);
    progress.checkCancelled();
    progress.step("Decoding " + file.getFileName(), 0.2);
    BinarySummary summary = BinarySummary.read(bytes);
    if (summary.kind() == BinarySummary.Kind.CORE_MODULE) {
      CoreModuleInterface core = CoreModuleInterface.read(bytes);
      return new ComponentInspection(file, bytes, summary,
          new Counts(1, 0, core.imports().size(), core.exports().size()), null, List.of());
    }
    ComponentDecoder.Decoded decoded = ComponentDecoder.decodeWithOffsets(bytes);
    progress.checkCancelled();
    progress.step("Validating " + file.getFileName(), 0.5);
    List<Problem> problems = new ArrayList<>();
    ComponentTypes types = null;
    try {
      // structure only: validating core code can take seconds on large modules; `plugboard validate` does it all
      types = ComponentValidator.validateStructure(decoded.component(), decoded.offsets());
    } catch (InvalidComponentException e) {
      problems.add(new Problem(file, Location.bytes(e.offset()), e.getMessage(), Problem.Source.BINARY));
    }
    progress.checkCancelled();
    progress.step("Printing the WIT of " + file.getFileName(), 0.75);
    String wit;
    if (types == null) {
      wit = "// no WIT view: " + problems.getFirst().message() + "\n"; // the view reads the types validation finds
    } else {
      try {
        ComponentWit.View view = ComponentWit.of(decoded.component(), types);
        wit = WitPrinter.printAll(view.resolve(), view.rootPackage());
      } catch (InvalidComponentException e) {
        wit = "// no WIT view: " + e.getMessage() + "\n";
      }
    }
    ComponentFacts facts = ComponentFacts.of(decoded.component());
    progress.step("Inspected " + file.getFileName(), 1);
    return new ComponentInspection(file, bytes, summary, new Counts(facts.coreModuleSizes().size(),
        facts.nestedComponents(), facts.imports().size(), facts.exports().size()), wit, problems);
  }
}
