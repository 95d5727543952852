package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The WASI packages, real-world WIT with deps, gates and resources, resolve with no error. */
class WasiWitTest {
  @ParameterizedTest
  @ValueSource(strings = {"0.2.9/http", "0.2.9/cli", "0.3.0/http", "0.3.0/cli"})
  void resolvesWithNoError(String pkg) {
    Path dir = SharedData.require("conformance/wasi-wit/" + pkg);
    for (WitResolver.Options options : new WitResolver.Options[] {
      WitResolver.Options.DEFAULT, new WitResolver.Options(Set.of(), true)
    }) {
      WitResolver.Result r = WitResolver.resolvePath(dir, options);
      assertThat(r.diagnostics()).as(() -> r.diagnostics().stream().map(d -> r.sources().render(d)).toList().toString())
          .isEmpty();
      Resolve resolve = r.resolve();
      String name = resolve.packages.get(r.mainPackage()).name.toString();
      assertThat(name).startsWith("wasi:" + pkg.substring(pkg.indexOf('/') + 1) + "@" + pkg.substring(0, 5));
      assertThat(resolve.packages.get(r.mainPackage()).worlds).isNotEmpty();
    }
  }
}
