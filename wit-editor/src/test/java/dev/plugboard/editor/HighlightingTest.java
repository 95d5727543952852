package dev.plugboard.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightingTest {
  private static String styleAt(List<Highlighting.Run> runs, String text, String word) {
    int at = text.indexOf(word);
    return runs.stream().filter(r -> r.start() <= at && at < r.end()).findFirst().orElseThrow().style();
  }

  @Test
  void classesComeFromTheLexer() {
    String text = "/// docs\n@since(version = 1.0.0)\ninterface api {\n  // note\n  f: func(s: string) -> list<u8>;\n}\n";
    List<Highlighting.Run> runs = Highlighting.of(text);
    assertThat(styleAt(runs, text, "/// docs")).isEqualTo("doc-comment");
    assertThat(styleAt(runs, text, "since")).isEqualTo("gate");
    assertThat(styleAt(runs, text, "interface")).isEqualTo("keyword");
    assertThat(styleAt(runs, text, "api")).isEqualTo("identifier");
    assertThat(styleAt(runs, text, "// note")).isEqualTo("comment");
    assertThat(styleAt(runs, text, "string")).isEqualTo("type");
    assertThat(styleAt(runs, text, "list")).isEqualTo("type");
    assertThat(styleAt(runs, text, "->")).isEqualTo("operator");
  }

  @Test
  void runsCoverTheWholeTextWithoutGaps() {
    String text = "package a:b;\ninterface i { type t = u32; } $ trailing";
    List<Highlighting.Run> runs = Highlighting.of(text);
    assertThat(runs.getFirst().start()).isZero();
    assertThat(runs.getLast().end()).isEqualTo(text.length());
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).start()).isEqualTo(runs.get(i - 1).end());
    }
    assertThat(styleAt(runs, text, "$")).isEqualTo("error");
  }

  @Test
  void anEditChangesOnlyTheRunsAroundIt() {
    String before = "interface a {\n  f: func(x: u32) -> string;\n}\n";
    String after = before.replace("x: u32", "xy: u32");
    int[] changed = Highlighting.changed(Highlighting.of(before), Highlighting.of(after), 1);
    assertThat(changed).containsExactly(after.indexOf("xy"), after.indexOf("xy") + 2);
    assertThat(Highlighting.changed(Highlighting.of(before), Highlighting.of(before), 0)).isNull();
    // opening a block comment restyles everything after it
    String comment = before.replace("f: func", "/* f: func");
    int[] wide = Highlighting.changed(Highlighting.of(before), Highlighting.of(comment), 3);
    assertThat(wide[1]).isEqualTo(comment.length());
  }
}
