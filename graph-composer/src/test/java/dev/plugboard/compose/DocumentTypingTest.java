package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typing in the text of a composition: a run of keystrokes is one step of the document's history. */
class DocumentTypingTest {
  private static final String TEXT = "package example:composition;\n";

  private static CompositionDocument doc() {
    return new CompositionDocument("c.wac", TEXT, Sidecar.empty(), name -> null, List.of());
  }

  /** Types {@code s} one character at a time at {@code at}, as an editor reports keystrokes. */
  private static void type(CompositionDocument d, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      d.typeText(at + i, at + i, s.substring(i, i + 1));
    }
  }

  @Test
  void aRunOfTypingIsOneStepAndALineBreakStartsAnother() {
    CompositionDocument d = doc();
    int end = TEXT.length();
    type(d, end, "// onx");
    d.typeText(end + 5, end + 6, "");           // backspace at the end of the run joins it
    type(d, end + 5, "e\n// two");
    assertThat(d.text()).isEqualTo(TEXT + "// one\n// two");
    assertThat(d.history()).containsExactly("Edit text", "Edit text");
    d.undo();
    assertThat(d.text()).isEqualTo(TEXT + "// one");
    d.undo();
    assertThat(d.text()).isEqualTo(TEXT);
    assertThat(d.canUndo()).isFalse();
  }

  @Test
  void typingElsewhereOrAfterAnotherStepIsANewStep() {
    CompositionDocument d = doc();
    type(d, TEXT.length(), "//a");
    type(d, 0, "//b\n".substring(0, 3));         // somewhere else: a new step
    assertThat(d.history()).hasSize(2);
    d.replaceText(0, 0, " ");                     // a replacement that is not typing closes the run
    d.typeText(1 + 3, 1 + 3, "c");
    assertThat(d.history()).hasSize(4);
    d.undo();
    d.redo();
    d.typeText(5, 5, "d");                        // after undo/redo a keystroke starts anew
    assertThat(d.history()).hasSize(5);
    assertThat(d.text()).isEqualTo(" //bcd" + TEXT + "//a");
  }
}
