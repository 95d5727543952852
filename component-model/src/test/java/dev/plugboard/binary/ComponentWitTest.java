package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.wit.print.WitPrinter;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The WIT view of every fixture: its world is what wasm-tools prints (the
 * {@code *.expected.wit} files), and the whole view, interfaces included, resolves again.
 */
class ComponentWitTest {
  @Test
  void everyFixtureShowsTheExpectedWorldAndReparses() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Path p : ComponentCodecTest.fixtures()) {
      Path expectedFile = p.resolveSibling(p.getFileName().toString().replace(".wasm", ".expected.wit"));
      if (!Files.exists(expectedFile)) {
        continue;
      }
      checked++;
      ComponentWit.View view = ComponentWit.of(ComponentDecoder.decode(Files.readAllBytes(p)));
      String text = WitPrinter.printAll(view.resolve(), view.rootPackage());
      String expected = Files.readString(expectedFile).strip();
      String world = text.contains("\npackage ") ? text.substring(0, text.indexOf("\npackage ")) : text;
      if (!world.strip().equals(expected)) {
        failures.add(p.getFileName() + ": world differs\n--- expected ---\n" + expected + "\n--- got ---\n" + world);
        continue;
      }
      WitResolver.Result again = WitResolver.resolve(
          new WitResolver.Group(List.of(new WitResolver.SourceFile(p.getFileName() + ".wit", text))), List.of(),
          WitResolver.Options.DEFAULT);
      if (!again.ok()) {
        failures.add(p.getFileName() + ": the view does not resolve: "
            + again.sources().render(again.diagnostics().getFirst()) + "\n" + text);
      }
    }
    System.out.println("WIT view of fixtures: " + (checked - failures.size()) + " passed, " + failures.size()
        + " failed");
    assertThat(checked).isGreaterThan(0);
    assertThat(failures).isEmpty();
  }

  @Test
  void resourcesMethodsAndInterfacesAreShown() throws Exception {
    Path kv = dev.plugboard.testing.SharedData.require("fixtures/components/kv.wasm");
    ComponentWit.View view = ComponentWit.of(ComponentDecoder.decode(Files.readAllBytes(kv)));
    assertThat(WitPrinter.printAll(view.resolve(), view.rootPackage())).isEqualTo("""
        package root:component;

        world root {
          export example:kv/store-api@0.1.0;
        }

        package example:kv@0.1.0 {
          interface store-api {
            resource store {
              constructor();
              set: func(key: string, value: list<u8>);
              get: func(key: string) -> option<list<u8>>;
              len: func() -> u32;
            }
          }
        }
        """);
  }
}
