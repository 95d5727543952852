package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.testing.Golden;
import dev.plugboard.testing.SharedData;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitCommandTest {
  private static final Path RESOURCES = Path.of("src/test/resources/cli/wit");
  private final CliRunner cli = new CliRunner();
  private final java.io.StringWriter out = cli.out;
  private final java.io.StringWriter err = cli.err;

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void printsCanonicalWit() {
    assertThat(run("wit", RESOURCES.resolve("shapes.wit").toString())).isZero();
    Golden.assertMatches(RESOURCES.resolve("shapes.printed.wit"), out.toString());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printedWitPrintsTheSameAgain(@TempDir Path dir) throws Exception {
    run("wit", RESOURCES.resolve("shapes.wit").toString());
    Path printed = dir.resolve("printed.wit");
    Files.writeString(printed, out.toString());
    String first = out.toString();
    out.getBuffer().setLength(0);
    assertThat(run("wit", printed.toString())).isZero();
    assertThat(out.toString()).isEqualTo(first);
  }

  /**
   * A package written with --wasm is read back by {@code plugboard wit pkg.wasm} as the same
   * canonical WIT, and another package that keeps it in deps/ resolves against it.
   */
  @Test
  void wasmWritesABinaryPackageThatDepsRead(@TempDir Path dir) throws Exception {
    assertThat(run("wit", RESOURCES.resolve("shapes.wit").toString())).isZero();
    String canonical = out.toString();
    out.getBuffer().setLength(0);
    Path binary = dir.resolve("user/deps/shapes.wasm");
    Files.createDirectories(binary.getParent());
    assertThat(run("wit", RESOURCES.resolve("shapes.wit").toString(), "--wasm", "-o", binary.toString())).isZero();
    assertThat(Files.readAllBytes(binary)).startsWith(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
    out.getBuffer().setLength(0);
    assertThat(run("wit", binary.toString())).isZero();
    assertThat(out.toString()).isEqualTo(canonical);

    Files.writeString(dir.resolve("user/user.wit"),
        "package my:user;\n\nworld w {\n  import demo:shapes/geometry@0.2.0;\n}\n");
    out.getBuffer().setLength(0);
    assertThat(run("wit", dir.resolve("user").toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("package demo:shapes@0.2.0 {");
  }

  @Test
  void wasmNeedsAnOutputFile() {
    assertThat(run("wit", RESOURCES.resolve("shapes.wit").toString(), "--wasm")).isEqualTo(2);
    assertThat(err.toString()).contains("--wasm needs -o FILE");
  }

  @Test
  void syntaxErrorsAreAllReportedWithCarets() {
    assertThat(run("wit", RESOURCES.resolve("broken.wit").toString())).isEqualTo(1);
    Golden.assertMatches(RESOURCES.resolve("broken.stderr"), err.toString().replace(RESOURCES.toString(), "DIR"));
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void nameErrorsAreReported() {
    assertThat(run("wit", RESOURCES.resolve("unresolved.wit").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("unresolved.wit:4:7: error: interface or world `missing` does not exist")
        .contains("4 |   use missing.{t};");
  }

  @Test
  void jsonMatchesWasmTools() throws Exception {
    Path wit = SharedData.require("conformance/wit-parser-ui/ok/resources.wit");
    assertThat(run("wit", "--json", "--features", "active", wit.toString())).isZero();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(out.toString()))
        .isEqualTo(json.readTree(wit.resolveSibling("resources.wit.json").toFile()));
  }

  @Test
  void formatRewritesInPlaceKeepingComments(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shapes.wit");
    Files.copy(RESOURCES.resolve("shapes.wit"), file);
    assertThat(run("wit", "--format", "--check", file.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("shapes.wit: not formatted");
    assertThat(Files.readString(file)).isEqualTo(Files.readString(RESOURCES.resolve("shapes.wit")));

    assertThat(run("wit", "--format", file.toString())).isZero();
    Golden.assertMatches(RESOURCES.resolve("shapes.formatted.wit"), Files.readString(file));
    assertThat(Files.readString(file)).contains("// A small package used by the CLI golden tests.");

    out.getBuffer().setLength(0);
    assertThat(run("wit", "--format", "--check", dir.toString())).isZero();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingPathIsAUserError() {
    assertThat(run("wit", "no/such/dir")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("plugboard: error: no/such/dir: no such file or directory"
        + System.lineSeparator());
  }

  @Test
  void theBundledSampleWorkspaceResolves() {
    Path sample = Path.of("src/main/resources/dev/plugboard/app/sample/wit");
    WitResolver.Result r = WitResolver.resolvePath(sample, WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.resolve().packages.get(r.mainPackage()).worlds).containsOnlyKeys("greeter", "inventory-service");
  }

  /** WIT in Markdown reads as the WIT of its `wit` blocks; --format leaves such a file alone. */
  @Test
  void witInMarkdownPrintsAndIsNotFormatted(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("api.wit.md");
    Files.writeString(md, "# API\n\n```wit\npackage a:b;\ninterface i { f: func(); }\n```\n");
    assertThat(run("wit", md.toString())).isZero();
    assertThat(out.toString()).contains("interface i {").contains("f: func();");
    assertThat(run("wit", "--format", md.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is WIT in Markdown");
    assertThat(Files.readString(md)).startsWith("# API");
  }
}
