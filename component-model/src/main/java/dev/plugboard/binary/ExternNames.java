package dev.plugboard.binary;

import java.util.Locale;

/**
 * The grammar of import and export names (Explainer.md, "Import and export names"): plain
 * kebab-case labels, annotated names ({@code [constructor]r}, {@code [method]r.m},
 * {@code [static]r.m}, {@code [async]f}), and interface names
 * {@code ns:pkg/iface@semver}. Also decides when two names collide ("strongly unique").
 */
public final class ExternNames {
  private ExternNames() {}

  /** What a valid name is. */
  public enum Kind { LABEL, CONSTRUCTOR, METHOD, STATIC, ASYNC, INTERFACE }

  /** A parsed name: its kind, the resource (for annotated names) and the item label. */
  public record Parsed(Kind kind, String resource, String label) {}

  /** Thrown with a message when a name is not valid. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public static Parsed parse(String name) throws Invalid {
    if (name.isEmpty()) {
      throw new Invalid("name cannot be empty");
    }
    if (name.startsWith("[")) {
      int close = name.indexOf(']');
      if (close < 0) {
        throw new Invalid("`" + name + "` is not a valid name: missing `]`");
      }
      String annotation = name.substring(1, close);
      String rest = name.substring(close + 1);
      switch (annotation) {
        case "constructor" -> {
          label(rest);
          return new Parsed(Kind.CONSTRUCTOR, rest, rest);
        }
        case "method", "static" -> {
          int dot = rest.indexOf('.');
          if (dot < 0) {
            throw new Invalid("failed to find `.` character in `" + name + "`");
          }
          label(rest.substring(0, dot));
          label(rest.substring(dot + 1));
          return new Parsed(annotation.equals("method") ? Kind.METHOD : Kind.STATIC, rest.substring(0, dot),
              rest.substring(dot + 1));
        }
        case "async" -> {
          label(rest);
          return new Parsed(Kind.ASYNC, null, rest);
        }
        default -> throw new Invalid("`" + name + "` is not a valid name: unknown annotation `[" + annotation + "]`");
      }
    }
    if (name.indexOf(':') >= 0) {
      return interfaceName(name);
    }
    label(name);
    return new Parsed(Kind.LABEL, null, name);
  }

  /** {@code ns:pkg/iface@version}. */
  public static Parsed interfaceName(String name) throws Invalid {
    int colon = name.indexOf(':');
    if (colon < 0) {
      throw new Invalid("`" + name + "` is not a valid interface name: expected `:`");
    }
    label(name.substring(0, colon));
    String rest = name.substring(colon + 1);
    int slash = rest.indexOf('/');
    int nextColon = rest.indexOf(':');
    if (slash < 0 || (nextColon >= 0 && nextColon < slash)) {
      throw new Invalid("`" + name + "` is not a valid interface name: expected `/` after package name");
    }
    label(rest.substring(0, slash));
    rest = rest.substring(slash + 1);
    int at = rest.indexOf('@');
    String iface = at < 0 ? rest : rest.substring(0, at);
    int extra = iface.indexOf('/');
    if (extra >= 0) {
      throw new Invalid("`" + name + "` is not a valid interface name: trailing characters found: `"
          + iface.substring(extra) + "`");
    }
    label(iface);
    if (at >= 0) {
      version(rest.substring(at + 1));
    }
    return new Parsed(Kind.INTERFACE, null, iface);
  }

  /** A kebab-case label: words of lowercase letters and digits, or of uppercase letters and digits. */
  public static void label(String s) throws Invalid {
    if (s.isEmpty()) {
      throw new Invalid("`` is not in kebab case");
    }
    for (String word : s.split("-", -1)) {
      if (word.isEmpty() || !Character.isLetter(word.charAt(0)) || word.charAt(0) > 127) {
        throw new Invalid("`" + s + "` is not in kebab case");
      }
      boolean lower = false;
      boolean upper = false;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (c >= 'a' && c <= 'z') {
          lower = true;
        } else if (c >= 'A' && c <= 'Z') {
          upper = true;
        } else if (c < '0' || c > '9') {
          throw new Invalid("`" + s + "` is not in kebab case");
        }
      }
      if (lower && upper) {
        throw new Invalid("`" + s + "` is not in kebab case");
      }
    }
  }

  /** A semver version, with wasm-tools' messages for the ways it can be wrong. */
  static void version(String v) throws Invalid {
    if (v.isEmpty()) {
      throw new Invalid("empty string, expected a semver version");
    }
    int i = 0;
    for (int part = 0; part < 3; part++) {
      if (i >= v.length()) {
        throw new Invalid("unexpected end of input while parsing version");
      }
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new Invalid("unexpected character '" + c + "' while parsing " + (part == 0 ? "major" : part == 1
            ? "minor" : "patch") + " version number");
      }
      int start = i;
      while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        i++;
      }
      if (i - start > 1 && v.charAt(start) == '0') {
        throw new Invalid("invalid leading zero in version number");
      }
      if (part < 2) {
        if (i >= v.length()) {
          throw new Invalid("unexpected end of input while parsing version");
        }
        if (v.charAt(i) != '.') {
          throw new Invalid("unexpected character '" + v.charAt(i) + "' after version number");
        }
        i++;
      }
    }
    if (i < v.length() && v.charAt(i) == '-') {
      i = identifiers(v, i + 1, "pre-release");
    }
    if (i < v.length() && v.charAt(i) == '+') {
      i = identifiers(v, i + 1, "build metadata");
    }
    if (i < v.length()) {
      throw new Invalid("unexpected character '" + v.charAt(i) + "' after patch version number");
    }
  }

  private static int identifiers(String v, int i, String what) throws Invalid {
    while (true) {
      int start = i;
      while (i < v.length() && (Character.isLetterOrDigit(v.charAt(i)) && v.charAt(i) < 128 || v.charAt(i) == '-')) {
        i++;
      }
      if (i == start) {
        throw new Invalid("empty identifier segment in " + what);
      }
      if (i < v.length() && v.charAt(i) == '.') {
        i++;
        continue;
      }
      return i;
    }
  }

  /**
   * The canonical form under which names must be strongly unique (Explainer.md, "Name
   * Uniqueness"): lowercased; {@code [method]l.l}/{@code [static]l.l} become {@code l};
   * annotations other than {@code [constructor]} are stripped.
   */
  public static String uniquenessKey(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("[method]") || n.startsWith("[static]")) {
      String rest = n.substring(8);
      int dot = rest.indexOf('.');
      if (dot >= 0 && rest.substring(0, dot).equals(rest.substring(dot + 1))) {
        return rest.substring(0, dot);
      }
      return rest;
    }
    if (n.startsWith("[") && !n.startsWith("[constructor]") && n.indexOf(']') > 0) {
      return n.substring(n.indexOf(']') + 1);
    }
    return n;
  }
}
