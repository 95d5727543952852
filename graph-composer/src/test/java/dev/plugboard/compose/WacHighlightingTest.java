package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WacHighlightingTest {
  private static String styleAt(List<WacHighlighting.Run> runs, int offset) {
    return runs.stream().filter(r -> r.start() <= offset && offset < r.end()).findFirst().orElseThrow().style();
  }

  @Test
  void runsCoverTheTextAndNameEachToken() {
    String text = "// made by hand\npackage a:b;\n/* outer /* inner */ still */\nlet x = new a:c { ...y };\n"
        + "export x.run;\nlet s = \"str\";\n";
    List<WacHighlighting.Run> runs = WacHighlighting.of(text);
    int at = 0;
    for (WacHighlighting.Run r : runs) {
      assertThat(r.start()).isEqualTo(at);
      assertThat(r.end()).isGreaterThan(r.start());
      at = r.end();
    }
    assertThat(at).isEqualTo(text.length());
    assertThat(styleAt(runs, text.indexOf("made"))).isEqualTo("comment");
    assertThat(styleAt(runs, text.indexOf("package"))).isEqualTo("keyword");
    assertThat(styleAt(runs, text.indexOf("still"))).isEqualTo("comment");
    assertThat(styleAt(runs, text.indexOf("new"))).isEqualTo("keyword");
    assertThat(styleAt(runs, text.indexOf("x ="))).isEqualTo("identifier");
    assertThat(styleAt(runs, text.indexOf("..."))).isEqualTo("operator");
    assertThat(styleAt(runs, text.indexOf("\"str\"") + 1)).isEqualTo("string");
  }

  /** Half-typed text is highlighted to the end: bad characters and open strings or comments are errors, not a stop. */
  @Test
  void errorsDoNotStopHighlighting() {
    String text = "let a = new x:y {} # oops\nlet s = \"open\nexport a.f; /* never closed";
    List<WacHighlighting.Run> runs = WacHighlighting.of(text);
    assertThat(styleAt(runs, text.indexOf('#'))).isEqualTo("error");
    assertThat(styleAt(runs, text.indexOf("\"open"))).isEqualTo("error");
    assertThat(styleAt(runs, text.indexOf("export"))).isEqualTo("keyword");
    assertThat(styleAt(runs, text.indexOf("never"))).isEqualTo("error");
    assertThat(runs.getLast().end()).isEqualTo(text.length());
  }

  /** Tokens of the whole grammar: `with` names, `result<_, E>`, identifiers WAC does not allow. */
  @Test
  void withUnderscoreAndBadIdentifiers() {
    String text = "import f with \"g\": func() -> result<_, string>;\nlet Bad-name = x;\n";
    List<WacHighlighting.Run> runs = WacHighlighting.of(text);
    assertThat(styleAt(runs, text.indexOf("with"))).isEqualTo("keyword");
    assertThat(styleAt(runs, text.indexOf('_'))).isEqualTo("type");
    assertThat(styleAt(runs, text.indexOf("Bad-name"))).isEqualTo("error");
    assertThat(styleAt(runs, text.indexOf("x;"))).isEqualTo("identifier");
  }
}
