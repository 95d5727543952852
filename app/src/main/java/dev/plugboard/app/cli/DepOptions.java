package dev.plugboard.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --dep PKG=FILE}: the packages a WAC document names, for the commands that read one. */
final class DepOptions {
  @Option(names = "--dep", paramLabel = "PKG=FILE", description = "A package the document instantiates, e.g. "
      + "example:upper=upper.wasm. Repeatable.")
  List<String> deps = new ArrayList<>();

  /** The {@code --dep} packages first, then {@code deps/} beside {@code file}. */
  dev.plugboard.compose.DepsPackages packages(Path file) {
    Map<String, Path> given = new HashMap<>();
    for (String d : deps) {
      int eq = d.indexOf('=');
      if (eq <= 0) {
        throw new UserError("--dep: expected PKG=FILE, e.g. example:upper=upper.wasm, got \"" + d + "\"");
      }
      given.put(d.substring(0, eq).replaceAll("@.*", ""), Path.of(d.substring(eq + 1)));
    }
    return new dev.plugboard.compose.DepsPackages(given, file.toAbsolutePath().getParent().resolve("deps"));
  }
}
