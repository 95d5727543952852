package dev.plugboard.app.shell;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The command palette's search: the query's characters must appear in the text in order (case
 * ignored); matches that start words, run consecutively or start the text score higher, and
 * shorter texts win ties. {@code "fmt doc"} finds "Format Document", {@code "gtd"} "Go to Definition".
 */
public final class FuzzyMatch {
  private FuzzyMatch() {}

  /** The score of {@code text} for {@code query}: -1 when it does not match, higher is better. */
  public static int score(String query, String text) {
    String q = query.strip().toLowerCase(Locale.ROOT);
    String t = text.toLowerCase(Locale.ROOT);
    if (q.isEmpty()) {
      return 0;
    }
    int score = 0;
    int ti = 0;
    int previous = -2;
    for (int qi = 0; qi < q.length(); qi++) {
      char c = q.charAt(qi);
      if (c == ' ') {
        continue;
      }
      int found = -1;
      // prefer the start of a word at or after ti, else the first occurrence
      for (int i = ti; i < t.length(); i++) {
        if (t.charAt(i) == c && (i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1)))) {
          found = i;
          break;
        }
      }
      int plain = t.indexOf(c, ti);
      if (plain < 0) {
        return -1;
      }
      if (found < 0 || (plain == previous + 1)) {
        found = plain;
      }
      score += 1;
      if (found == previous + 1) {
        score += 5;
      }
      if (found == 0 || !Character.isLetterOrDigit(t.charAt(found - 1))) {
        score += 8;
      }
      if (found == 0) {
        score += 4;
      }
      previous = found;
      ti = found + 1;
    }
    return score * 100 - Math.min(99, t.length());
  }

  /** The items whose text matches, best first (all of them, in order, for an empty query). */
  public static <T> List<T> filter(String query, List<T> items, Function<T, String> text) {
    if (query.isBlank()) {
      return List.copyOf(items);
    }
    record Scored<T>(T item, int score, int index) {}
    java.util.ArrayList<Scored<T>> out = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      int s = score(query, text.apply(items.get(i)));
      if (s >= 0) {
        out.add(new Scored<>(items.get(i), s, i));
      }
    }
    out.sort(Comparator.comparingInt((Scored<T> s) -> -s.score()).thenComparingInt(Scored::index));
    return out.stream().map(Scored::item).toList();
  }
}
