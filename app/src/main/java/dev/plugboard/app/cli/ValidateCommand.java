package dev.plugboard.app.cli;

import com.dylibso.chicory.wasm.Parser;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.InvalidComponentException;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard validate FILE...}: decodes and validates each file, one line per file,
 * {@code FILE: ok} or {@code FILE: error: message (at byte N)}; exit 1 if any failed.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check that component (or core module) binaries are well formed and valid.")
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Binaries to check.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int failed = 0;
    for (Path f : files) {
      String problem = check(f);
      if (problem == null) {
        out.println(f + ": ok");
      } else {
        out.println(f + ": error: " + problem);
        failed++;
      }
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  /** Null when the file is valid, else the one-line problem. */
  static String check(Path f) {
    String problem = Inputs.problem(f);
    if (problem != null) {
      return problem;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      return "cannot read: " + Inputs.describe(e);
    }
    if (bytes.length >= 8 && bytes[4] == 1 && bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 0) {
      try {
        Parser.parse(bytes);
        return null;
      } catch (RuntimeException | AssertionError e) { // Chicory's parser reports some malformations as these
        return "invalid core module: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    }
    try {
      ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(bytes);
      ComponentValidator.validate(d.component(), d.offsets());
      return null;
    } catch (MalformedBinaryException e) {
      return e.describe();
    } catch (InvalidComponentException e) {
      return e.describe();
    }
  }
}
