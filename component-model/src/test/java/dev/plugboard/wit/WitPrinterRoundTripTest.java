package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import dev.plugboard.wit.print.WitPrinter;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The canonical printer is a fixed point: printing a resolve, resolving the text and
 * printing again gives the same text, for every shared conformance package and WASI.
 */
class WitPrinterRoundTripTest {
  private static final WitResolver.Options ACTIVE = new WitResolver.Options(Set.of("active"), false);

  static String printResolved(WitResolver.Result r) {
    assertThat(r.ok()).as(() -> r.diagnostics().stream().map(d -> r.sources().render(d)).toList().toString()).isTrue();
    return WitPrinter.printAll(r.resolve(), r.mainPackage());
  }

  static String reprint(String text) {
    WitResolver.Result again = WitResolver.resolve(
        new WitResolver.Group(List.of(new WitResolver.SourceFile("printed.wit", text))), List.of(), ACTIVE);
    if (!again.ok()) {
      throw new AssertionError("printed WIT does not resolve:\n"
          + String.join("\n", again.diagnostics().stream().map(d -> again.sources().render(d)).toList())
          + "\n--- text ---\n" + text);
    }
    return WitPrinter.printAll(again.resolve(), again.mainPackage());
  }

  @Test
  void printingIsAFixedPointOnEveryPackage() throws IOException {
    List<Path> inputs = new ArrayList<>();
    Path ok = SharedData.require("conformance/wit-parser-ui/ok");
    try (Stream<Path> s = Files.list(ok)) {
      s.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".wit")).sorted().forEach(inputs::add);
    }
    for (String wasi : new String[] {"0.2.9/http", "0.2.9/cli", "0.3.0/http", "0.3.0/cli"}) {
      inputs.add(SharedData.require("conformance/wasi-wit/" + wasi));
    }
    List<String> failures = new ArrayList<>();
    for (Path input : inputs) {
      try {
        String first = printResolved(WitResolver.resolvePath(input, ACTIVE));
        String second = reprint(first);
        if (!first.equals(second)) {
          failures.add(input.getFileName() + ": second print differs\n--- first ---\n" + first + "--- second ---\n"
              + second);
        }
      } catch (AssertionError e) {
        failures.add(input.getFileName() + ": " + e.getMessage());
      }
    }
    System.out.println("printer round trip: " + (inputs.size() - failures.size()) + " passed, " + failures.size()
        + " failed");
    assertThat(failures).isEmpty();
  }
}
