package dev.plugboard.editor;

import dev.plugboard.wit.print.WitFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Format Document as edits: the canonical formatter's output, expressed as replacements of
 * only the lines that change, so the rest of the text (and the caret in it) stays put.
 */
public final class Formatting {
  private Formatting() {}

  /** Replace {@code [start, end)} of the old text with {@code text}. */
  public record Replacement(int start, int end, String text) {}

  /** The edits that format {@code text}, last first (apply in order); empty when it does not parse. */
  public static Optional<List<Replacement>> edits(String text) {
    String formatted;
    try {
      formatted = WitFormatter.format(text);
    } catch (IllegalArgumentException notParsable) {
      return Optional.empty();
    }
    return Optional.of(diff(text, formatted));
  }

  /** Line-level edits from {@code before} to {@code after}, in descending offset order. */
  static List<Replacement> diff(String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Replacement> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    int offset = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        offset += a.get(i).length();
        i++;
        j++;
        continue;
      }
      int start = offset;
      StringBuilder inserted = new StringBuilder();
      while ((i < a.size() || j < b.size()) && !(i < a.size() && j < b.size() && a.get(i).equals(b.get(j)))) {
        if (j < b.size() && (i >= a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
          inserted.append(b.get(j++));
        } else {
          offset += a.get(i++).length();
        }
      }
      edits.add(new Replacement(start, offset, inserted.toString()));
    }
    return edits.reversed();
  }

  /** Lines with their terminators, so that joining them gives the text back. */
  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) == '\n') {
        out.add(s.substring(start, k + 1));
        start = k + 1;
      }
    }
    if (start < s.length()) {
      out.add(s.substring(start));
    }
    return out;
  }
}
