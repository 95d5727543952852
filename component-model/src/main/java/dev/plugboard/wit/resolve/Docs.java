package dev.plugboard.wit.resolve;

import dev.plugboard.wit.ast.Ast;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the comments before an item into its docs text, as wasm-tools does: every comment
 * counts, {@code /**}/{@code *}{@code /} and leading slashes are stripped, the common
 * indentation is removed, trailing newlines dropped.
 */
final class Docs {
  private Docs() {}

  static String of(Ast.Docs docs) {
    if (docs == null || docs.isEmpty()) {
      return null;
    }
    List<String> entries = new ArrayList<>();
    for (String c : docs.comments()) {
      String s;
      if (c.startsWith("/**")) {
        s = c.substring(3);
        if (s.endsWith("*/")) {
          s = s.substring(0, s.length() - 2);
        }
      } else {
        int i = 0;
        while (i < c.length() && c.charAt(i) == '/') {
          i++;
        }
        s = c.substring(i);
      }
      entries.add(s.stripTrailing());
    }
    int min = Integer.MAX_VALUE;
    for (String e : entries) {
      if (e.isEmpty()) {
        continue;
      }
      int n = 0;
      while (n < e.length() && isAsciiWhitespace(e.charAt(n))) {
        n++;
      }
      min = Math.min(min, n);
    }
    StringBuilder out = new StringBuilder();
    for (String e : entries) {
      if (min != Integer.MAX_VALUE && min > 0 && e.startsWith(" ".repeat(min))) {
        e = e.substring(min);
      }
      if (e.isEmpty()) {
        out.append('\n');
      } else {
        e.lines().forEach(l -> out.append(l).append('\n'));
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '\n') {
      end--;
    }
    return out.substring(0, end);
  }

  private static boolean isAsciiWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
