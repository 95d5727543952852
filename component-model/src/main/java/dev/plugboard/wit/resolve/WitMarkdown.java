package dev.plugboard.wit.resolve;

/**
 * The WIT of a {@code .wit.md} file, as wit-parser reads one: the contents of its fenced code
 * blocks marked {@code wit} (``` or ~~~ fences), every other line left empty, so that lines and
 * columns of errors are those of the Markdown file.
 */
final class WitMarkdown {
  private WitMarkdown() {}

  static boolean isMarkdown(String fileName) {
    return fileName.endsWith(".wit.md");
  }

  static String witOf(String markdown) {
    StringBuilder out = new StringBuilder(markdown.length());
    String fence = null; // the fence of the open block, null outside one
    boolean wit = false;
    int i = 0;
    while (i < markdown.length()) {
      int nl = markdown.indexOf('\n', i);
      int end = nl < 0 ? markdown.length() : nl;
      String line = markdown.substring(i, end);
      String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      String trimmed = content.stripLeading();
      boolean indentedLittle = content.length() - trimmed.length() <= 3;
      if (fence == null) {
        if (indentedLittle && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
          char c = trimmed.charAt(0);
          int n = 0;
          while (n < trimmed.length() && trimmed.charAt(n) == c) {
            n++;
          }
          fence = trimmed.substring(0, n);
          wit = trimmed.substring(n).strip().equals("wit");
        }
      } else if (indentedLittle && closes(trimmed, fence)) {
        fence = null;
        wit = false;
      } else if (wit) {
        out.append(content);
      }
      if (nl >= 0) {
        out.append('\n');
      }
      i = end + 1;
    }
    return out.toString();
  }

  /** A closing fence: at least as many of the same fence character, then only blanks. */
  private static boolean closes(String trimmed, String fence) {
    if (!trimmed.startsWith(fence)) {
      return false;
    }
    char c = fence.charAt(0);
    return trimmed.substring(fence.length()).chars().allMatch(ch -> ch == c || ch == ' ' || ch == '\t');
  }
}
