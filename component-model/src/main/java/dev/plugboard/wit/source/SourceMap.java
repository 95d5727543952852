package dev.plugboard.wit.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The source files of one parse, laid end to end in one global offset space, so that a
 * {@link Span} is two ints and still says which file it is in. Resolves offsets to
 * file, line and column for messages.
 */
public final class SourceMap {
  /** One file: its display path, its text, its first global offset, its line starts. */
  public record SourceFile(String path, String text, int base, int[] lineStarts) {
    public int end() {
      return base + text.length();
    }
  }

  /** A position for humans: 1-based line and column (column counts chars). */
  public record Location(SourceFile file, int line, int column) {
    @Override
    public String toString() {
      return file.path() + ":" + line + ":" + column;
    }
  }

  private final List<SourceFile> files = new ArrayList<>();
  private int next;

  /** Adds a file and returns its base offset; its spans are {@code base + local offset}. */
  public int add(String path, String text) {
    int base = next;
    files.add(new SourceFile(path, text, base, lineStarts(text)));
    next = base + text.length() + 1; // one past the end, so an end-of-file span stays in its file
    return base;
  }

  public int add(Path path, String text) {
    return add(path.toString(), text);
  }

  public List<SourceFile> files() {
    return List.copyOf(files);
  }

  private static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, n);
  }

  /** The file holding a global offset. */
  public SourceFile file(int offset) {
    int lo = 0;
    int hi = files.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (files.get(mid).base() <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("empty source map");
    }
    return files.get(lo);
  }

  public Location locate(int offset) {
    SourceFile f = file(offset);
    int local = Math.max(0, Math.min(offset - f.base(), f.text().length()));
    int[] starts = f.lineStarts();
    int line = Arrays.binarySearch(starts, local);
    if (line < 0) {
      line = -line - 2;
    }
    return new Location(f, line + 1, local - starts[line] + 1);
  }

  /** The text of one line (1-based), without its line terminator. */
  public static String lineText(SourceFile f, int line) {
    int[] starts = f.lineStarts();
    int start = starts[line - 1];
    int end = line < starts.length ? starts[line] - 1 : f.text().length();
    String s = f.text().substring(start, Math.max(start, end));
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Renders a diagnostic as {@code path:line:col: error: message}, then the source line
   * and a caret under the span.
   */
  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    if (d.span().isNone() || files.isEmpty()) {
      return out.append(d.severity().label()).append(": ").append(d.message()).toString();
    }
    Location at = locate(d.span().start());
    out.append(at).append(": ").append(d.severity().label()).append(": ").append(d.message());
    appendExcerpt(out, at, d.span());
    if (d.related() != null && !d.related().span().isNone()) {
      Location rel = locate(d.related().span().start());
      out.append('\n').append(rel).append(": note: ").append(d.related().message());
      appendExcerpt(out, rel, d.related().span());
    }
    return out.toString();
  }

  /** The most of one source line an excerpt shows. */
  private static final int MAX_EXCERPT = 120;

  private static void appendExcerpt(StringBuilder out, Location at, Span span) {
    String line = lineText(at.file(), at.line());
    String gutter = Integer.toString(at.line());
    String pad = " ".repeat(gutter.length());
    int col = Math.min(at.column() - 1, line.length());
    if (line.length() > MAX_EXCERPT) {
      // a very long line: show a window around the column, marked as cut
      int from = Math.max(0, col - MAX_EXCERPT / 2);
      int to = Math.min(line.length(), from + MAX_EXCERPT);
      line = (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
      col = col - from + (from > 0 ? 1 : 0);
    }
    out.append('\n').append(pad).append(" |\n");
    out.append(gutter).append(" | ").append(line).append('\n');
    out.append(pad).append(" | ");
    for (int i = 0; i < col; i++) {
      out.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    int width = Math.max(1, Math.min(span.length(), line.length() - col));
    out.append('^').append("~".repeat(width - 1));
  }
}
