package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.compose.CompositionGraph.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document model under the canvas: every graph edit as a change of just the text it
 * touches, one undo history over text and graph edits, and bad input that still opens.
 */
class CompositionDocumentTest {
  static final Path PACKAGES = Path.of("src/test/resources/canvas/packages");

  static Wac.Packages packages() {
    return WacRulesTest.packages(PACKAGES);
  }

  static final String SAMPLE = """
      // The loud greeting: shout's text interface into the greeter.
      package canvas:loud-greeting;

      /* the provider */
      let shout = new canvas:shout {};
      let greeter = new canvas:loud-greeter { ...shout };
      export greeter.greet;
      """;

  static CompositionDocument doc(String text) {
    return new CompositionDocument("c.wac", text, Sidecar.empty(), packages(), List.of());
  }

  @Test
  void addingAnInstanceInsertsOneLetAfterTheLastAndUndoRestoresTheText() throws Exception {
    CompositionDocument d = doc(SAMPLE);
    d.execute(new GraphEdit.AddInstance(NodeId.of("echo"), "canvas:echo", 40, 60));
    assertThat(d.text()).isEqualTo(SAMPLE.replace("{ ...shout };\n", "{ ...shout };\nlet echo = new canvas:echo "
        + "{ ... };\n"));
    assertThat(d.graph().nodes()).containsKeys("shout", "greeter", "echo", "log");
    assertThat(d.layout().nodes().get("echo")).isEqualTo(new Sidecar.NodeLayout(40, 60, null, null));
    assertThat(d.undoDescription()).contains("Add echo (canvas:echo)");
    assertThat(d.problems(NodeId.of("echo"))).singleElement().satisfies(p -> {
      assertThat(p.port()).isEqualTo("log");
      assertThat(p.message()).contains("not wired");
      assertThat(d.text().substring(p.span().start(), p.span().end())).isEqualTo("...");
    });
    assertThat(d.render(d.problems(NodeId.of("echo")).getFirst()))
        .isEqualTo("c.wac:7:30: warning: import `log` of `echo` is not wired: the composition imports it");
    d.undo();
    assertThat(d.text()).isEqualTo(SAMPLE);
    assertThat(d.layout().nodes()).isEmpty();
    d.redo();
    assertThat(d.graph().nodes()).containsKey("echo");
  }

  @Test
  void wiringAnImportRewritesOnlyThatInstantiationsArguments() throws Exception {
    String text = SAMPLE.replace("{ ...shout }", "{ ... }");
    CompositionDocument d = doc(text);
    assertThat(d.graph().instantiation("greeter").args().get("text")).isInstanceOf(Source.Whole.class);
    d.execute(new GraphEdit.Wire(NodeId.of("shout"), "text", NodeId.of("greeter"), "text"));
    assertThat(d.undoDescription()).contains("Wire shout.text → greeter");
    assertThat(d.text()).isEqualTo(text.replace("{ ... }", "{ text: shout.text, ... }"));
    assertThat(d.graph().instantiation("greeter").args()).containsEntry("text", new Source.Export("shout", "text"));
    assertThat(d.problems()).isEmpty();
  }

  @Test
  void anIncompatibleWireIsRefusedWithTheSubtypingReasonAndChangesNothing() throws Exception {
    CompositionDocument d = doc(SAMPLE.replace("{ ...shout }", "{ ... }").replace("let greeter",
        "let counter = new canvas:counter {};\nlet greeter"));
    String before = d.text();
    Wiring.Fit fit = Wiring.fit(d.graph(), NodeId.of("counter"), "text", NodeId.of("greeter"), "text");
    assertThat(fit.ok()).isFalse();
    assertThat(fit.explain()).contains("shout").contains("expected string, found u32");
    assertThatThrownBy(() -> d.execute(new GraphEdit.Wire(NodeId.of("counter"), "text", NodeId.of("greeter"),
        "text")))
        .isInstanceOf(CompositionException.class)
        .hasMessageContaining("expected string, found u32")
        .satisfies(e -> assertThat(((CompositionException) e).kind()).isEqualTo(CompositionException.Kind.TYPE_MISMATCH));
    assertThat(d.text()).isEqualTo(before);
    assertThat(d.canUndo()).isFalse();
  }

  @Test
  void unwiringASpreadArgumentWritesOutTheRestAndImportsTheUnwiredOne() throws Exception {
    CompositionDocument d = doc(SAMPLE);
    d.execute(new GraphEdit.Unwire(NodeId.of("greeter"), "text"));
    assertThat(d.undoDescription()).contains("Unwire greeter.text");
    assertThat(d.text()).isEqualTo(SAMPLE.replace("{ ...shout }", "{ ... }"));
    assertThat(d.problems(NodeId.of("greeter"))).extracting(CompositionProblem::port).containsExactly("text");
    assertThatThrownBy(() -> d.execute(new GraphEdit.Unwire(NodeId.of("greeter"), "text")))
        .hasMessageContaining("is not wired");
    d.undo();
    assertThat(d.text()).isEqualTo(SAMPLE);
  }

  @Test
  void aWireFromANodeDefinedLaterMovesTheStatementsIntoOrder() throws Exception {
    String text = """
        package canvas:c;

        let greeter = new canvas:loud-greeter { ... };
        // keep me
        let shout = new canvas:shout {};
        export greeter.greet;
        """;
    CompositionDocument d = doc(text);
    d.execute(new GraphEdit.Wire(NodeId.of("shout"), "text", NodeId.of("greeter"), "text"));
    assertThat(d.text()).isEqualTo("""
        package canvas:c;

        let shout = new canvas:shout {};
        // keep me
        let greeter = new canvas:loud-greeter { text: shout.text, ... };
        export greeter.greet;
        """);
  }

  @Test
  void aWireThatWouldMakeACycleIsRefused() throws Exception {
    CompositionDocument d = doc("""
        package canvas:c;
        let a = new canvas:relay { ... };
        let b = new canvas:relay { text: a.text };
        """);
    assertThat(Wiring.fit(d.graph(), NodeId.of("b"), "text", NodeId.of("a"), "text").explain()).contains("cycle");
    assertThatThrownBy(() -> d.execute(new GraphEdit.Wire(NodeId.of("b"), "text", NodeId.of("a"), "text")))
        .satisfies(e -> assertThat(((CompositionException) e).kind()).isEqualTo(CompositionException.Kind.CYCLE));
  }

  @Test
  void renameChangesTheNameWhereverItIsUsedButNotPackagePathsOrExportNames() throws Exception {
    CompositionDocument d = doc(SAMPLE);
    d.execute(new GraphEdit.Move(Map.of(NodeId.of("shout"), new GraphEdit.Point(5, 6))));
    d.execute(new GraphEdit.Rename(NodeId.of("shout"), "loud"));
    assertThat(d.text()).isEqualTo(SAMPLE.replace("let shout", "let loud").replace("...shout", "...loud"));
    assertThat(d.layout().nodes()).containsOnlyKeys("loud");
    assertThatThrownBy(() -> d.execute(new GraphEdit.Rename(NodeId.of("loud"), "greeter")))
        .hasMessageContaining("already defined");
    assertThatThrownBy(() -> d.execute(new GraphEdit.Rename(NodeId.of("loud"), "Not A Name")))
        .hasMessageContaining("not a name");
    assertThat(d.history()).containsExactly("Rename shout → loud", "Move shout");
  }

  @Test
  void exportAndUnexportAddAndRemoveOneStatement() throws Exception {
    CompositionDocument d = doc(SAMPLE);
    d.execute(new GraphEdit.ExportPort(NodeId.of("shout"), "text"));
    assertThat(d.text()).isEqualTo(SAMPLE + "export shout.text;\n");
    assertThat(d.graph().exports()).containsKeys("greet", "text");
    assertThatThrownBy(() -> d.execute(new GraphEdit.ExportPort(NodeId.of("shout"), "text")))
        .hasMessageContaining("already exports");
    d.execute(new GraphEdit.Unexport("greet"));
    assertThat(d.text()).isEqualTo(SAMPLE.replace("export greeter.greet;\n", "") + "export shout.text;\n");
    assertThat(d.history()).containsExactly("Unexport greet", "Export shout.text");
  }

  @Test
  void deletingANodeRemovesItsStatementItsWiresAndItsExports() throws Exception {
    CompositionDocument d = doc(SAMPLE);
    d.execute(new GraphEdit.Remove(NodeId.of("shout")));
    assertThat(d.text()).isEqualTo("""
        // The loud greeting: shout's text interface into the greeter.
        package canvas:loud-greeting;

        /* the provider */
        let greeter = new canvas:loud-greeter { ... };
        export greeter.greet;
        """);
    d.execute(new GraphEdit.Remove(NodeId.of("greeter")));
    assertThat(d.graph().nodes()).isEmpty();
    assertThat(d.graph().exports()).isEmpty();
    d.undo();
    d.undo();
    assertThat(d.text()).isEqualTo(SAMPLE);
    d.execute(new GraphEdit.Remove(List.of(NodeId.of("greeter"), NodeId.of("shout"))));
    assertThat(d.undoDescription()).contains("Delete 2 nodes");
    assertThat(d.text()).isEqualTo("""
        // The loud greeting: shout's text interface into the greeter.
        package canvas:loud-greeting;

        /* the provider */
        """);
  }

  @Test
  void autoPlugWiresUnwiredImportsFromInstancesThatExportThem() throws Exception {
    CompositionDocument d = doc("""
        package canvas:c;
        let greeter = new canvas:loud-greeter { ... };
        let shout = new canvas:shout {};
        """);
    d.execute(new GraphEdit.AutoPlug(NodeId.of("greeter")));
    assertThat(d.graph().instantiation("greeter").args()).containsEntry("text", new Source.Export("shout", "text"));
    assertThat(d.undoDescription()).contains("Auto-plug greeter");
    assertThatThrownBy(() -> d.execute(new GraphEdit.AutoPlug(NodeId.of("shout"))))
        .hasMessageContaining("no instance exports");
  }

  @Test
  void textEditsAndGraphEditsShareOneHistory() throws Exception {
    CompositionDocument d = doc(SAMPLE);
    long[] heard = {0};
    d.onChange(r -> heard[0] = r);
    int at = d.text().indexOf("export greeter.greet;");
    d.replaceText(at, at, "export shout.text;\n");
    assertThat(d.graph().exports()).containsKeys("greet", "text");
    d.execute(new GraphEdit.Move(Map.of(NodeId.of("shout"), new GraphEdit.Point(1, 2),
        NodeId.of("greeter"), new GraphEdit.Point(3, 4), NodeId.EXPORTS, new GraphEdit.Point(5, 6))));
    assertThat(d.history()).containsExactly("Move 3 nodes", "Edit text");
    d.undo();
    assertThat(d.layout().nodes()).isEmpty();
    d.undo();
    assertThat(d.text()).isEqualTo(SAMPLE);
    assertThat(d.graph().exports()).containsOnlyKeys("greet");
    assertThat(heard[0]).isEqualTo(d.revision()).isPositive();
  }

  @Test
  void aTextThatDoesNotReadStillOpensAndSaysWhy() throws Exception {
    String bad = SAMPLE.replace("new canvas:loud-greeter { ...shout }", "new canvas:loud-greeter { text: nope }");
    CompositionDocument d = doc(bad);
    assertThat(d.text()).isEqualTo(bad);
    assertThat(d.graph().nodes()).isEmpty();
    assertThat(d.whyNoGraph()).hasValueSatisfying(w -> assertThat(w).contains("c.wac:6:").contains("nope"));
    assertThat(d.problems()).singleElement().satisfies(p -> {
      assertThat(p.severity()).isEqualTo(CompositionProblem.Severity.ERROR);
      assertThat(p.node()).isEqualTo(NodeId.of("greeter"));
      assertThat(p.port()).isEqualTo("text");
      assertThat(bad.substring(p.span().start(), p.span().end())).isEqualTo("nope");
    });
    assertThatThrownBy(() -> d.execute(new GraphEdit.Remove(NodeId.of("shout"))))
        .hasMessageContaining("fix them");
    d.setText(SAMPLE);
    assertThat(d.graph().nodes()).containsKeys("shout", "greeter");
    assertThat(d.problems()).isEmpty();
  }

  @Test
  void aSidecarThatDoesNotMatchIsIgnoredWithAWarning(@TempDir Path dir) throws Exception {
    Path wac = dir.resolve("c.wac");
    Files.writeString(wac, SAMPLE);
    Files.writeString(Sidecar.pathFor(wac), "{ \"schema\": 1, \"nodes\": { \"gone\": {\"x\": 1, \"y\": 2} } }");
    CompositionDocument d = CompositionDocument.open(wac, packages(), List.of());
    assertThat(d.layout().nodes()).isEmpty();
    assertThat(d.problems()).singleElement().satisfies(p -> assertThat(p.message())
        .contains("c.wac.json").contains("gone").contains("ignored"));
    Files.writeString(Sidecar.pathFor(wac), "{ \"schema\": 1, \"nodes\": [");
    CompositionDocument broken = CompositionDocument.open(wac, packages(), List.of());
    assertThat(broken.text()).isEqualTo(SAMPLE);
    assertThat(broken.graph().nodes()).containsKeys("shout", "greeter");
    assertThat(broken.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("c.wac.json:1:")
        .contains("ignored"));
    assertThat(broken.render(broken.problems().getFirst())).startsWith("warning: " + Sidecar.pathFor(wac) + ":1:");
  }

  @Test
  void savingWritesTheTextAndTheLayoutThatOpenAgain(@TempDir Path dir) throws Exception {
    Path wac = dir.resolve("c.wac");
    CompositionDocument d = doc(SAMPLE);
    d.execute(new GraphEdit.Move(Map.of(NodeId.of("shout"), new GraphEdit.Point(10, 20))));
    d.save(wac);
    CompositionDocument again = CompositionDocument.open(wac, packages(), List.of());
    assertThat(again.text()).isEqualTo(SAMPLE);
    assertThat(again.layout().nodes().get("shout").x()).isEqualTo(10);
    assertThat(again.problems()).isEmpty();
  }

  @Test
  void aComponentThatChangesOnDiskRefreshesItsPortsAndRechecksItsWires(@TempDir Path dir) throws Exception {
    Path pkgs = dir.resolve("packages/canvas");
    Files.createDirectories(pkgs);
    for (String n : List.of("shout", "loud-greeter")) {
      Files.copy(PACKAGES.resolve("canvas/" + n + ".wit"), pkgs.resolve(n + ".wit"));
    }
    CompositionDocument d = new CompositionDocument("c.wac", SAMPLE, Sidecar.empty(),
        WacRulesTest.packages(dir.resolve("packages")), List.of());
    assertThat(d.problems()).isEmpty();
    Files.writeString(pkgs.resolve("shout.wit"), Files.readString(pkgs.resolve("shout.wit"))
        .replace("shout: func(s: string) -> string;", "shout: func(s: string) -> string;\n    whisper: func();")
        .replace("-> string", "-> u8"));
    d.packagesChanged(WacRulesTest.packages(dir.resolve("packages")));
    assertThat(d.whyNoGraph()).hasValueSatisfying(w -> assertThat(w).contains("u8"));
    assertThat(d.problems()).singleElement().satisfies(p -> assertThat(p.node()).isEqualTo(NodeId.of("greeter")));
  }

  @Test
  void anExportNamedLikeAReservedWordIsWrittenEscapedAndReadsBack(@TempDir Path tmp) throws Exception {
    Path pkgs = Files.createDirectories(tmp.resolve("canvas"));
    Files.writeString(pkgs.resolve("lists.wit"), "package canvas:lists;\nworld w { export %list: func(); }\n");
    CompositionDocument d = new CompositionDocument("c.wac", "package canvas:c;\nlet lists = new canvas:lists {};\n",
        Sidecar.empty(), WacRulesTest.packages(tmp), List.of());
    d.execute(new GraphEdit.ExportPort(NodeId.of("lists"), "list"));
    assertThat(d.text()).contains("export lists.%list;");
    assertThat(d.problems()).isEmpty();
    assertThat(d.graph().exports()).containsOnlyKeys("list");
  }

  @Test
  void crlfTextsKeepTheirLineEndings() throws Exception {
    String crlf = SAMPLE.replace("\n", "\r\n");
    CompositionDocument d = doc(crlf);
    d.execute(new GraphEdit.AddInstance(NodeId.of("echo"), "canvas:echo", 0, 0));
    d.execute(new GraphEdit.ExportPort(NodeId.of("shout"), "text"));
    assertThat(d.text().replace("\r\n", "")).doesNotContain("\n");
    d.execute(new GraphEdit.Remove(NodeId.of("echo")));
    d.execute(new GraphEdit.Unexport("text"));
    assertThat(d.text()).isEqualTo(crlf);
  }

  /**
   * Built from nothing with graph edits only (the canvas's), the composition writes WAC that
   * composes into the same bytes as the hand-written document, and runs.
   */
  @Test
  void aCompositionBuiltWithGraphEditsOnlyComposesAndRuns() throws Exception {
    Wac.Packages fixtures = WacTest.fixtures();
    CompositionDocument d = new CompositionDocument("c.wac", "package example:composition;\n", Sidecar.empty(),
        fixtures, List.of());
    d.execute(new GraphEdit.AddInstance(NodeId.of("upper"), "example:upper", 0, 0));
    d.execute(new GraphEdit.AddInstance(NodeId.of("app"), "example:app", 300, 0));
    d.execute(new GraphEdit.Wire(NodeId.of("upper"), "example:text/transform@0.1.0", NodeId.of("app"),
        "example:text/transform@0.1.0"));
    d.execute(new GraphEdit.ExportPort(NodeId.of("app"), "run"));
    assertThat(d.problems()).isEmpty();
    assertThat(d.text()).isEqualTo("""
        package example:composition;

        let upper = new example:upper {};
        let app = new example:app { "example:text/transform@0.1.0": upper["example:text/transform@0.1.0"], ... };
        export app.run;
        """);
    byte[] fromCanvas = CompositionEncoder.encode(Wac.read("c.wac", d.text(), fixtures).graph());
    byte[] fromText = CompositionEncoder.encode(Wac.read("c.wac", WacTest.APP_UPPER, fixtures).graph());
    assertThat(fromCanvas).isEqualTo(fromText);
    assertThat(dev.plugboard.runtime.LoadedComponent.load(fromCanvas, "c.wasm").instantiate()
        .call("run", dev.plugboard.types.Value.string("wac"))).isEqualTo(dev.plugboard.types.Value.string("WAC!"));
  }
}
