package dev.plugboard.app.workspace;

/**
 * Where in a file a {@link Problem} is: nowhere in particular, a span of text (file-local
 * offsets with the 1-based line and column of its start), or a byte offset in a binary.
 * Producers fill it in; a front opens the page that can show it and moves there.
 */
public sealed interface Location {
  /** The whole file. */
  record None() implements Location {
    @Override
    public String toString() {
      return "";
    }
  }

  /** A span of a text file: {@code [start, end)} in characters, {@code line:column} of its start. */
  record Text(int start, int end, int line, int column) implements Location {
    public Text {
      if (start < 0 || end < start || line < 1 || column < 1) {
        throw new IllegalArgumentException("bad text location " + start + ".." + end + " at " + line + ":" + column);
      }
    }

    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  /** A byte offset in a binary (a component or core module). */
  record Bytes(long offset) implements Location {
    public Bytes {
      if (offset < 0) {
        throw new IllegalArgumentException("negative byte offset " + offset);
      }
    }

    @Override
    public String toString() {
      return "byte " + offset;
    }
  }

  Location NONE = new None();

  /** A byte offset, or {@link #NONE} when the producer did not know one (a negative offset). */
  static Location bytes(long offset) {
    return offset < 0 ? NONE : new Bytes(offset);
  }

  /** The location of {@code [start, end)} in {@code text}, its line and column counted from the text. */
  static Text text(String text, int start, int end) {
    int at = Math.max(0, Math.min(start, text.length()));
    int line = 1;
    int column = 1;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Text(at, Math.max(at, Math.min(end, text.length())), line, column);
  }
}
