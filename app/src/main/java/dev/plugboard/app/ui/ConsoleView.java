package dev.plugboard.app.ui;

import java.util.Collection;
import java.util.List;
import javafx.scene.Node;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * The Console tool window: the IDE's log lines, and what guests write as they write it, stderr in
 * the theme's danger colour ({@code .console-stderr}) and stdout in the default one. It keeps the
 * last {@value #MAX_CHARS} characters (and {@value #MAX_LINES} lines), so an endless writer cannot
 * fill memory or slow the window, and follows the end while the caret is there.
 */
final class ConsoleView {
  /** What the Console keeps at most. */
  static final int MAX_CHARS = 200_000;

  static final int MAX_LINES = 5_000;

  static final String STDOUT = "console-stdout";
  static final String STDERR = "console-stderr";
  static final String LOG = "console-log";

  private final StyleClassedTextArea area = new StyleClassedTextArea();
  private final VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(area);
  private long trimmed;

  ConsoleView() {
    area.setId("console");
    area.setEditable(false);
    area.setUndoManager(UndoUtils.noOpUndoManager()); // appends are not edits: no history to grow without end
    area.setWrapText(false);
    area.getStyleClass().addAll("source-text", "console");
    scroll.getStyleClass().add("console-scroll");
  }

  Node node() {
    return scroll;
  }

  StyleClassedTextArea area() {
    return area;
  }

  String text() {
    return area.getText();
  }

  /** How many characters were dropped from the start to keep the Console bounded. */
  long trimmed() {
    return trimmed;
  }

  /** A log line of the IDE, started on a line of its own. */
  void line(String text) {
    append((endsLine() ? "" : "\n") + text + "\n", LOG);
  }

  /** Text as a guest wrote it (not necessarily whole lines), in {@code styleClass}. */
  void append(String text, String styleClass) {
    if (text.isEmpty()) {
      return;
    }
    boolean following = area.getCaretPosition() == area.getLength();
    String kept = lastLines(text.length() > MAX_CHARS ? text.substring(text.length() - MAX_CHARS) : text);
    trimmed += text.length() - kept.length();
    area.append(kept, (Collection<String>) List.of(styleClass));
    trim();
    if (following) {
      area.moveTo(area.getLength());
      area.requestFollowCaret();
    }
  }

  /** The end of {@code text} the Console would keep anyway: at most {@value #MAX_LINES} lines. */
  private static String lastLines(String text) {
    int at = text.length();
    for (int n = 0; n <= MAX_LINES; n++) {
      at = text.lastIndexOf('\n', at - 1);
      if (at < 0) {
        return text;
      }
    }
    return text.substring(at + 1);
  }

  private boolean endsLine() {
    int n = area.getLength();
    return n == 0 || area.getText(n - 1, n).equals("\n");
  }

  /** Past a bound, cuts back to four fifths of it (so that a flood is not trimmed on every batch). */
  private void trim() {
    int excess = area.getLength() > MAX_CHARS ? area.getLength() - MAX_CHARS * 4 / 5 : 0;
    int paragraphs = area.getParagraphs().size();
    if (paragraphs > MAX_LINES) {
      excess = Math.max(excess, area.getAbsolutePosition(paragraphs - MAX_LINES * 4 / 5, 0));
    }
    if (excess > 0) {
      // cut whole lines where there is a line end near the cut
      int cut = excess;
      String head = area.getText(excess, Math.min(area.getLength(), excess + 200));
      int nl = head.indexOf('\n');
      if (nl >= 0) {
        cut = excess + nl + 1;
      }
      area.deleteText(0, cut);
      trimmed += cut;
    }
  }
}
