package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wac layout of {@code deps/}: components, WIT packages (files and folders), and what is neither. */
class DepsPackagesTest {
  @TempDir Path dir;

  private DepsPackages deps() throws Exception {
    Path deps = dir.resolve("deps");
    Files.createDirectories(deps.resolve("test/folder"));
    Files.writeString(deps.resolve("test/types.wit"), """
        package test:types;
        interface greet { greet: func(name: string) -> string; }
        world service { export run: func() -> string; }
        """);
    Files.writeString(deps.resolve("test/other.wit"), "package test:other;\ninterface i { f: func(); }\n");
    Files.writeString(deps.resolve("test/folder/a.wit"), "package test:folder;\ninterface a { g: func(); }\n");
    Files.writeString(deps.resolve("test/garbage.wasm"), "this is not WebAssembly");
    Files.write(deps.resolve("test/core.wasm"), HexFormat.of().parseHex("0061736d01000000"));
    Files.writeString(deps.resolve("test/text.wat"), "(component)");
    return new DepsPackages(Map.of(), deps);
  }

  private String error(String document) throws Exception {
    DepsPackages deps = deps();
    try {
      Wac.read("c.wac", document, deps, deps.witPackages());
      return "ok";
    } catch (Wac.WacException e) {
      return e.rendered().lines().findFirst().orElseThrow();
    }
  }

  @Test
  void eachWitFileAndFolderIsOnePackage() throws Exception {
    assertThat(deps().witPackages()).hasSize(3);
    assertThat(error("""
        package test:c targets test:types/service;
        import g: test:types/greet;
        import h: test:folder/a;
        interface user { use test:other/i.{}; }
        """)).startsWith("c.wac:1:24: error: the composition imports `test:types/greet`, which test:types/service "
        + "does not");
  }

  @Test
  void whatCannotBeInstantiatedIsAnErrorAtThePackageName() throws Exception {
    assertThat(error("package test:c;\nlet x = new test:types {};\n"))
        .startsWith("c.wac:2:13: error: `test:types` is a WIT package");
    assertThat(error("package test:c;\nlet x = new test:garbage {};\n")).startsWith("c.wac:2:13: error: test:garbage:");
    assertThat(error("package test:c;\nlet x = new test:core {};\n")).startsWith("c.wac:2:13: error: test:core:");
    assertThat(error("package test:c;\nlet x = new test:text {};\n"))
        .startsWith("c.wac:2:13: error: `test:text` is WebAssembly text");
    assertThat(error("package test:c;\nlet x = new test:absent {};\n"))
        .startsWith("c.wac:2:13: error: unknown package `test:absent`");
  }

  /** A binary WIT package in deps/ is read as WIT (its interfaces can be imported), and is not a component. */
  @Test
  void aBinaryWitPackageIsWitNotAComponent() throws Exception {
    var resolved = dev.plugboard.wit.resolve.WitResolver.resolve(new dev.plugboard.wit.resolve.WitResolver.Group(
        java.util.List.of(new dev.plugboard.wit.resolve.WitResolver.SourceFile("bin.wit",
            "package test:bin;\ninterface clock { now: func() -> u64; }\n"))), java.util.List.of(),
        dev.plugboard.wit.resolve.WitResolver.Options.DEFAULT);
    DepsPackages deps = deps();
    Files.write(deps.depsDir().resolve("test/bin.wasm"),
        dev.plugboard.binary.WitPackages.encode(resolved.resolve(), resolved.mainPackage()));
    assertThat(deps.witPackages()).hasSize(4);
    assertThat(error("package test:c;\nimport c: test:bin/clock;\n")).isEqualTo("ok");
    assertThat(error("package test:c;\nimport c: test:bin/calendar;\n")).contains("calendar");
    assertThat(error("package test:c;\nlet x = new test:bin {};\n"))
        .startsWith("c.wac:2:13: error: `test:bin` is a binary WIT package");
  }

  @Test
  void givenPackagesComeFirst() throws Exception {
    Path p = dir.resolve("x.wasm");
    Files.writeString(p, "nope");
    DepsPackages deps = new DepsPackages(Map.of("test:x", p), null);
    assertThatThrownBy(() -> deps.find("test:x@1.0.0")).isInstanceOf(CompositionException.class)
        .hasMessageStartingWith("test:x:");
    assertThat(deps.witPackages()).isEmpty();
  }

  /**
   * {@code deps/ns/name/VERSION.wasm}: {@code new ns:name@VERSION} takes that version, and
   * {@code new ns:name} the highest there is.
   */
  @Test
  void aVersionSelectsItsFile() throws Exception {
    Path calc = Files.createDirectories(dir.resolve("deps/test/calc"));
    Files.write(calc.resolve("1.0.0.wasm"), calculator("add"));
    Files.write(calc.resolve("1.10.0.wasm"), calculator("plus"));
    Files.write(calc.resolve("1.9.0.wasm"), calculator("sum"));
    DepsPackages deps = new DepsPackages(Map.of(), dir.resolve("deps"));
    assertThat(deps.find("test:calc@1.0.0").exports()).containsOnlyKeys("add");
    assertThat(deps.find("test:calc").exports()).containsOnlyKeys("plus");
    CompositionGraph both = Wac.read("c.wac", "package test:c;\nlet old = new test:calc@1.0.0 {};\n"
        + "let now = new test:calc {};\nexport old.add;\nexport now.plus;\n", deps).graph();
    assertThat(both.exports()).containsOnlyKeys("add", "plus");
    assertThat(CompositionEncoder.encode(both)).isNotEmpty(); // validated by the encoder
    // the same file named with and without its version is one package
    CompositionGraph same = Wac.read("s.wac", "package test:s;\nlet a = new test:calc {};\n"
        + "let b = new test:calc@1.10.0 {};\nexport a.plus;\nexport b.plus as \"plus-too\";\n", deps).graph();
    assertThat(same.exports()).containsOnlyKeys("plus", "plus-too");
    assertThat(deps.find("test:calc@1.10.0")).isSameAs(deps.find("test:calc"));
    assertThatThrownBy(() -> deps.find("test:calc@2.0.0")).isInstanceOf(CompositionException.class)
        .hasMessage("no version 2.0.0 of `test:calc` in test/calc/ (there: 1.0.0, 1.9.0, 1.10.0)");
  }

  /** A component exporting {@code name: func(a: u32, b: u32) -> u32}. */
  private static byte[] calculator(String name) throws Exception {
    String wit = "package test:calc;\nworld w { export " + name + ": func(a: u32, b: u32) -> u32; }\n";
    var r = dev.plugboard.wit.resolve.WitResolver.resolve(new dev.plugboard.wit.resolve.WitResolver.Group(
        java.util.List.of(new dev.plugboard.wit.resolve.WitResolver.SourceFile("w.wit", wit))), java.util.List.of(),
        dev.plugboard.wit.resolve.WitResolver.Options.DEFAULT);
    int world = r.resolve().packages.get(r.mainPackage()).worlds.get("w");
    return dev.plugboard.binary.ComponentNew.wrap(ExportTypesTest.core(name), r.resolve(), world);
  }
}
