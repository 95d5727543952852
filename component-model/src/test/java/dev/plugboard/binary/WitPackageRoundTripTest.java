package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.wit.print.WitPrinter;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * WIT text → binary package → decoded → printed gives the canonical print of the package, for
 * every package of every WIT rule case that resolves (their deps included): interfaces using
 * each other and other packages, worlds with includes and implicit imports, resources, gates and
 * docs.
 */
class WitPackageRoundTripTest {
  static final Path RULES = Path.of("src/test/resources/wit-rules");

  @TestFactory
  Stream<DynamicTest> everyPackageOfTheRuleCases() throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(RULES)) {
      cases = s.filter(p -> !p.getFileName().toString().startsWith("bad-")
          && (Files.isDirectory(p) || p.toString().endsWith(".wit"))).sorted().toList();
    }
    assertThat(cases).isNotEmpty();
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> roundTrip(c)));
  }

  /** The WASI packages (when ../shared is there): real-world WIT with many packages, gates and docs. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"0.2.9/http", "0.2.9/cli", "0.3.0/http", "0.3.0/cli"})
  void wasiPackages(String pkg) throws Exception {
    roundTrip(dev.plugboard.testing.SharedData.require("conformance/wasi-wit/" + pkg));
  }

  static void roundTrip(Path c) throws Exception {
    WitResolver.Result r = WitResolver.resolvePath(c, new WitResolver.Options(Set.of("active"), false));
    assertThat(r.ok()).as(c + " resolves").isTrue();
    Resolve resolve = r.resolve();
    for (int pkg = 0; pkg < resolve.packages.size(); pkg++) {
      String expected = WitPrinter.print(resolve, pkg, List.of());
      byte[] binary = WitPackages.encode(resolve, pkg);
      ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(binary);
      try {
        ComponentValidator.validate(d.component(), d.offsets());
      } catch (InvalidComponentException e) {
        throw new AssertionError(resolve.packages.get(pkg).name + " encodes to an invalid component: "
            + e.describe() + "\n" + expected, e);
      }
      assertThat(WitPackages.isPackage(d.component())).isTrue();
      String printed = WitPackages.print(WitPackages.decode(binary));
      assertThat(printed).as(resolve.packages.get(pkg).name.toString()).isEqualTo(expected);
    }
  }

  /** The older form: one export {@code ns:pkg/wit} whose component type exports every interface and world. */
  @org.junit.jupiter.api.Test
  void theOneWrapperFormReadsToo() throws Exception {
    String wat = """
        (component
          (type (component
            (type (instance
              (type (record (field "x" u32)))
              (export "point" (type (eq 0)))
            ))
            (export "v1:pkg/a" (instance (type 0)))
            (alias export 0 "point" (type))
            (type (instance
              (alias outer 1 1 (type))
              (export "point" (type (eq 0)))
              (type (func (param "p" 1)))
              (export "f" (func (type 2)))
            ))
            (export "v1:pkg/b" (instance (type 2)))
            (type (component (import "f" (func (param "p" u32)))))
            (export "v1:pkg/w" (component (type 3)))
          ))
          (export "v1:pkg/wit" (type 0))
        )
        """;
    byte[] binary = ComponentEncoder.encode(ComponentTypeText.parse(wat));
    assertThat(WitPackages.print(WitPackages.decode(binary))).isEqualTo("""
        package v1:pkg;

        interface a {
          record point {
            x: u32,
          }
        }

        interface b {
          use a.{point};

          f: func(p: point);
        }

        world w {
          import f: func(p: u32);
        }
        """);
  }
}
