package dev.plugboard.app.cli;

import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentWit;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import dev.plugboard.binary.WitPackages;
import dev.plugboard.io.AtomicFiles;
import dev.plugboard.wit.json.ResolveJson;
import dev.plugboard.wit.print.WitFormatter;
import dev.plugboard.wit.print.WitPrinter;
import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.source.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard wit}: resolves a WIT package (a file, or a folder with {@code deps/})
 * and prints it as canonical WIT or as wasm-tools' resolve JSON; {@code --format}
 * rewrites files in place in the canonical layout, keeping comments.
 */
@Command(name = "wit", mixinStandardHelpOptions = true,
    description = {
      "Check a WIT package and print it as canonical WIT (its dependencies as nested packages).",
      "PATH is a .wit file or a package folder with an optional deps/ folder (whose entries may be folders,",
      ".wit files, or binary WIT packages: .wasm and .wat); given a binary WIT package, prints the package;",
      "given another component binary (.wasm), prints the WIT it exports and imports, as inspect does."
    })
public final class WitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "A .wit file, a WIT package folder or a component binary.")
  Path path;

  @Option(names = "--json", description = "Print the resolve in the JSON shape of `wasm-tools component wit --json`.")
  boolean json;

  @Option(names = "--format", description = "Rewrite the .wit files of PATH (not deps/) in canonical layout, "
      + "keeping comments. Only files that resolve are rewritten.")
  boolean format;

  @Option(names = "--check", description = "With --format: change nothing; list files that are not formatted and "
      + "exit 1 if any.")
  boolean check;

  @Option(names = "--features", split = ",", paramLabel = "FEATURE",
      description = "Enable @unstable features (comma-separated).")
  List<String> features = new ArrayList<>();

  @Option(names = "--all-features", description = "Enable every @unstable feature.")
  boolean allFeatures;

  @Option(names = "--wasm", description = "Write the package as a binary WIT package (a component of types, "
      + "as `wasm-tools component wit --wasm` writes) to the --output file; other packages can then keep it in deps/.")
  boolean wasm;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "With --wasm: where to write the binary.")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.exists(path)) {
      throw new UserError(path + ": no such file or directory");
    }
    if (wasm != (output != null)) {
      throw new UsageError(wasm ? "--wasm needs -o FILE" : "-o is for --wasm");
    }
    if (Files.isRegularFile(path) && Inputs.isWasm(path)) {
      if (format || wasm) {
        throw new UsageError((format ? "--format rewrites" : "--wasm encodes") + " WIT source; " + path
            + " is a WebAssembly binary");
      }
      byte[] bytes = Inputs.bytes(path);
      if (!printPackage(bytes, out)) {
        InspectCommand.printWit(path, bytes, json, out);
      }
      return 0;
    }
    if (format && path.getFileName().toString().endsWith(".wit.md")) {
      throw new UsageError("--format rewrites .wit files; " + path + " is WIT in Markdown");
    }
    WitResolver.Options options = new WitResolver.Options(Set.copyOf(features), allFeatures);
    WitResolver.Result result = WitResolver.resolvePath(path, options);
    if (!result.ok()) {
      for (Diagnostic d : result.diagnostics()) {
        err.println(result.sources().render(d));
        err.println();
      }
      long errors = result.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
      err.println("plugboard: " + errors + (errors == 1 ? " error" : " errors") + " in " + path);
      err.flush();
      return 1;
    }
    if (format) {
      return format(out, err);
    }
    if (wasm) {
      byte[] binary = WitPackages.encode(result.resolve(), result.mainPackage());
      AtomicFiles.write(output, binary);
      out.println(output + ": " + result.resolve().packages.get(result.mainPackage()).name + ", " + binary.length
          + " bytes");
    } else if (json) {
      out.print(ResolveJson.toText(result.resolve()));
    } else {
      out.print(WitPrinter.printAll(result.resolve(), result.mainPackage()));
    }
    out.flush();
    return 0;
  }

  /**
   * Prints a binary WIT package (a component exporting only component types) as the package's
   * WIT; false if the binary is an ordinary component.
   */
  private boolean printPackage(byte[] bytes, PrintWriter out) {
    try {
      if (!WitPackages.isPackage(ComponentDecoder.decode(bytes))) {
        return false;
      }
      ComponentWit.View view = WitPackages.decode(bytes);
      out.print(json ? ResolveJson.toText(view.resolve()) : WitPackages.print(view));
      out.flush();
      return true;
    } catch (MalformedBinaryException e) {
      return false; // printWit says what is wrong with it
    } catch (InvalidComponentException e) {
      throw new UserError(path + ": " + e.describe());
    }
  }

  private int format(PrintWriter out, PrintWriter err) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.list(path)) {
        s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".wit")).sorted().forEach(files::add);
      }
    } else {
      files.add(path);
    }
    int unformatted = 0;
    for (Path f : files) {
      String text = Inputs.text(f);
      String formatted = WitFormatter.format(text);
      if (formatted.equals(text)) {
        continue;
      }
      unformatted++;
      if (check) {
        out.println(f + ": not formatted");
      } else {
        AtomicFiles.write(f, formatted.getBytes(StandardCharsets.UTF_8));
        out.println(f + ": formatted");
      }
    }
    out.flush();
    return check && unformatted > 0 ? 1 : 0;
  }
}
