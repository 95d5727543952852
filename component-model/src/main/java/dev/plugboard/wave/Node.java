package dev.plugboard.wave;

import java.util.List;

/** The untyped syntax of a WAVE value, with character spans; {@link WaveParser} types it. */
sealed interface Node {
  int start();

  int end();

  /** A number, or {@code -inf}; the text as written. */
  record Number(String text, int start, int end) implements Node {}

  record CharLit(int codePoint, int start, int end) implements Node {}

  record StringLit(String value, int start, int end) implements Node {}

  /**
   * A label with an optional payload. {@code escaped} is true for {@code %label}, which is never
   * a keyword.
   */
  record Label(String name, boolean escaped, Node payload, int start, int end) implements Node {
    boolean is(String keyword) {
      return !escaped && name.equals(keyword);
    }
  }

  record Tuple(List<Node> elements, int start, int end) implements Node {}

  record ListNode(List<Node> elements, int start, int end) implements Node {}

  /** {@code {a, b}} or {@code {}}. */
  record Flags(List<Label> labels, int start, int end) implements Node {}

  record FieldNode(Label label, Node value) {}

  /** {@code {a: 1}} or {@code {:}}. */
  record RecordNode(List<FieldNode> fields, int start, int end) implements Node {}
}
