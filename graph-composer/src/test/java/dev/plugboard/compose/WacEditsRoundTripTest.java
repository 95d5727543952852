package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.compose.CompositionGraph.Node;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Graph edits on every valid document of the WAC rules (32 documents written from the spec, with
 * comments, type statements, spreads, accesses and targets): an edit changes only the text it
 * must, and undoing it gives the document back byte for byte, in LF and in CRLF.
 */
class WacEditsRoundTripTest {
  @TestFactory
  Stream<DynamicTest> editsOnEveryValidRuleDocumentLeaveTheRestOfTheTextAlone() throws IOException {
    Wac.Packages packages = WacRulesTest.packages(WacRulesTest.CASES.resolve("packages"));
    List<WitResolver.Group> witDeps = WitResolver.readDeps(WacRulesTest.CASES.resolve("deps"));
    List<Path> cases;
    try (Stream<Path> s = Files.list(WacRulesTest.CASES)) {
      cases = s.filter(p -> p.getFileName().toString().endsWith(".wac") && !p.getFileName().toString()
          .startsWith("bad-")).sorted().toList();
    }
    assertThat(cases).hasSizeGreaterThan(20);
    return cases.stream().flatMap(c -> Stream.of("\n", "\r\n").map(nl -> DynamicTest.dynamicTest(
        c.getFileName() + (nl.equals("\n") ? " LF" : " CRLF"), () -> {
          String text = Files.readString(c).replace("\r\n", "\n").replace("\n", nl);
          CompositionDocument d = new CompositionDocument(c.getFileName().toString(), text, Sidecar.empty(),
              packages, witDeps);
          assertThat(d.whyNoGraph()).isEmpty();
          // add an instance: the old text is kept whole around one new line
          d.execute(new GraphEdit.AddInstance(NodeId.fresh("test:nothing", d.graph().nodes().keySet()),
              "test:nothing", 0, 0));
          String added = d.text();
          assertThat(added.length()).isGreaterThan(text.length());
          assertThat(commonPrefix(text, added) + commonSuffix(text, added)).isGreaterThanOrEqualTo(text.length());
          assertThat(added.replace("\r\n", "")).doesNotContain(nl.equals("\r\n") ? "\n" : "\r");
          // rename every instantiation there and back: the text comes back as it was
          for (Node n : List.copyOf(d.graph().nodes().values())) {
            if (n instanceof Node.Instantiation i && WacOutline.of(d.text()).letNew(i.name()).isPresent()) {
              d.execute(new GraphEdit.Rename(NodeId.of(i.name()), "renamed-node"));
              assertThat(d.graph().nodes()).containsKey("renamed-node").doesNotContainKey(i.name());
              d.execute(new GraphEdit.Rename(NodeId.of("renamed-node"), i.name()));
            }
          }
          assertThat(d.text()).isEqualTo(added);
          while (d.canUndo()) {
            d.undo();
          }
          assertThat(d.text()).isEqualTo(text);
        })));
  }

  private static int commonPrefix(String a, String b) {
    int k = 0;
    while (k < a.length() && k < b.length() && a.charAt(k) == b.charAt(k)) {
      k++;
    }
    return k;
  }

  private static int commonSuffix(String a, String b) {
    int k = 0;
    while (k < a.length() && k < b.length() && a.charAt(a.length() - 1 - k) == b.charAt(b.length() - 1 - k)) {
      k++;
    }
    return k;
  }
}
