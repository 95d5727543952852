package dev.plugboard.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.wit.print.WitFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormattingTest {
  private static String apply(String text, List<Formatting.Replacement> edits) {
    StringBuilder sb = new StringBuilder(text);
    for (Formatting.Replacement r : edits) {
      sb.replace(r.start(), r.end(), r.text());
    }
    return sb.toString();
  }

  @Test
  void editsProduceTheFormattedTextAndTouchOnlyChangedLines() {
    String text = "package a:b;\n\ninterface i {\n  type t = u32;\n  f :  func( a : u32 ) ;\n  g: func();\n}\n";
    List<Formatting.Replacement> edits = Formatting.edits(text).orElseThrow();
    assertThat(apply(text, edits)).isEqualTo(WitFormatter.format(text));
    assertThat(edits).singleElement().satisfies(r -> {
      assertThat(text.substring(r.start(), r.end())).isEqualTo("  f :  func( a : u32 ) ;\n");
      assertThat(r.text()).isEqualTo("  f: func(a: u32);\n");
    });
  }

  @Test
  void formattedTextNeedsNoEditsAndBrokenTextIsLeftAlone() {
    String formatted = "package a:b;\n\ninterface i {\n  type t = u32;\n}\n";
    assertThat(Formatting.edits(formatted).orElseThrow()).isEmpty();
    assertThat(Formatting.edits("package a:b; interface {")).isEmpty();
  }

  @Test
  void diffHandlesInsertionsDeletionsAndReplacements() {
    String before = "a\nb\nc\nd\n";
    String after = "a\nx\nc\nd\ne\n";
    assertThat(apply(before, Formatting.diff(before, after))).isEqualTo(after);
    assertThat(apply("one\ntwo\n", Formatting.diff("one\ntwo\n", "two\n"))).isEqualTo("two\n");
    assertThat(apply("", Formatting.diff("", "x\n"))).isEqualTo("x\n");
  }
}
