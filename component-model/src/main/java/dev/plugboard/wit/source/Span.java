package dev.plugboard.wit.source;

/**
 * A range of source text as global byte offsets into a {@link SourceMap}: {@code start}
 * inclusive, {@code end} exclusive. Offsets count UTF-16 chars of the file texts, each file
 * placed after the previous one, so a span finds its file by binary search. Items that do
 * not come from text (decoded from a binary) carry {@link #NONE}.
 */
public record Span(int start, int end) {
  public static final Span NONE = new Span(-1, -1);

  public boolean isNone() {
    return start < 0;
  }

  public int length() {
    return end - start;
  }

  public boolean contains(int offset) {
    return offset >= start && offset < end;
  }

  /** The smallest span that covers both. */
  public Span to(Span other) {
    if (isNone()) {
      return other;
    }
    if (other.isNone()) {
      return this;
    }
    return new Span(Math.min(start, other.start), Math.max(end, other.end));
  }
}
