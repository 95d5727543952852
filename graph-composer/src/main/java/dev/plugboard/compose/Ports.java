package dev.plugboard.compose;

/** How import and export names read on a canvas: interface names by their interface, grouped by package. */
public final class Ports {
  private Ports() {}

  /** {@code text} for {@code plugboard:shout/text@0.1.0}; a plain name as it is. */
  public static String shortName(String name) {
    String s = name;
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int slash = s.lastIndexOf('/');
    return slash >= 0 ? s.substring(slash + 1) : s;
  }

  /** The package of an interface name ({@code plugboard:shout@0.1.0}); the empty string for a plain name. */
  public static String group(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return "";
    }
    int at = name.indexOf('@');
    return name.substring(0, slash) + (at > slash ? name.substring(at) : "");
  }

  /**
   * Whether a name can be written as a WAC identifier rather than a string: lower-case words that
   * each start with a letter ({@code hello-2} is a label, but written {@code "hello-2"}).
   */
  static boolean isPlain(String name) {
    return WacLexer.idProblem(name) == null && !name.startsWith("%");
  }
}
