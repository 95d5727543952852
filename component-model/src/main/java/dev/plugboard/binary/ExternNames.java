package dev.plugboard.binary;

import java.util.Locale;

/**
 * The grammar of import and export names (Explainer.md, "Import and export names"): plain
 * kebab-case labels, annotated names ({@code [constructor]r}, {@code [method]r.m},
 * {@code [static]r.m}), and interface names
 * {@code ns:pkg/iface@semver}. Also decides when two names collide ("strongly unique").
 */
public final class ExternNames {
  private ExternNames() {}

  /** What a valid name is. */
  public enum Kind { LABEL, CONSTRUCTOR, METHOD, STATIC, INTERFACE }

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
      throw new Invalid("`` is not in kebab case (a name cannot be empty)");
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
        default -> throw new Invalid("`" + name + "` is not a valid name: unknown annotation `[" + annotation + "]`");
      }
    }
    if (name.indexOf(':') >= 0) {
      return interfaceName(name);
    }
    label(name);
    return new Parsed(Kind.LABEL, null, name);
  }

  /**
   * {@code ns:pkg/iface@version}: the namespace and package are lowercase {@code words}, the
   * interface a {@code label}; the version is a valid semver or a canonical version
   * ({@code 1}, {@code 0.2}, {@code 0.0.1}).
   */
  public static Parsed interfaceName(String name) throws Invalid {
    int colon = name.indexOf(':');
    if (colon < 0) {
      throw new Invalid("`" + name + "` is not a valid interface name: expected `:`");
    }
    words(name.substring(0, colon), name);
    String rest = name.substring(colon + 1);
    int slash = rest.indexOf('/');
    int nextColon = rest.indexOf(':');
    if (slash < 0 || (nextColon >= 0 && nextColon < slash)) {
      throw new Invalid("`" + name + "` is not a valid interface name: expected `/` after package name");
    }
    words(rest.substring(0, slash), name);
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
      String v = rest.substring(at + 1);
      if (!isCanonVersion(v)) {
        version(v);
      }
    }
    return new Parsed(Kind.INTERFACE, null, iface);
  }

  /** {@code words ::= first-word ('-' word)*}: lowercase letters and digits, starting with a letter. */
  private static void words(String s, String name) throws Invalid {
    boolean ok = !s.isEmpty();
    for (String w : s.split("-", -1)) {
      ok &= !w.isEmpty() && w.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9');
    }
    if (!ok || !(s.charAt(0) >= 'a' && s.charAt(0) <= 'z')) {
      throw new Invalid("`" + s + "` is not a valid namespace or package name in `" + name + "`");
    }
  }

  /** {@code canonversion}: {@code [1-9][0-9]*}, {@code 0.[1-9][0-9]*}, {@code 0.0.[1-9][0-9]*} or {@code 0.0.0}. */
  public static boolean isCanonVersion(String v) {
    return v.matches("[1-9][0-9]*|0\\.[1-9][0-9]*|0\\.0\\.[1-9][0-9]*|0\\.0\\.0");
  }

  /** The version of an interface name, or null. */
  public static String versionOf(String interfaceName) {
    int at = interfaceName.lastIndexOf('@');
    return at < 0 ? null : interfaceName.substring(at + 1);
  }

  /**
   * A kebab-case label: {@code first-fragment ('-' fragment)*}. The first fragment starts with
   * a letter; every fragment is all lowercase letters and digits or all uppercase letters and
   * digits, so a fragment after the first may be all digits ({@code a1-2-3}, {@code run-1}).
   */
  public static void label(String s) throws Invalid {
    if (s.isEmpty()) {
      throw new Invalid("`` is not in kebab case");
    }
    String[] fragments = s.split("-", -1);
    for (int f = 0; f < fragments.length; f++) {
      String fragment = fragments[f];
      if (fragment.isEmpty() || (f == 0 && !isAsciiLetter(fragment.charAt(0)))) {
        throw new Invalid("`" + s + "` is not in kebab case");
      }
      boolean lower = false;
      boolean upper = false;
      for (int i = 0; i < fragment.length(); i++) {
        char c = fragment.charAt(i);
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

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
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
      String id = v.substring(start, i);
      if (what.equals("pre-release") && id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(Character::isDigit)) {
        throw new Invalid("invalid leading zero in pre-release identifier");
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
    int at = name.indexOf('@');
    if (at >= 0) { // a version is compared as written: 1.0.0-rc and 1.0.0-RC, -x-y and -xy differ
      return withoutHyphens(name.substring(0, at).toLowerCase(Locale.ROOT)) + name.substring(at);
    }
    return withoutHyphens(annotationKey(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * wasm-tools (1.240) also ignores hyphens when it compares names, labels of types included
   * ({@code ab} conflicts with {@code a-b}, {@code a:b/cd} with {@code a:b/c-d}); the spec text
   * does not say so, the reference does, and Plugboard follows the reference.
   */
  public static String withoutHyphens(String key) {
    return key.replace("-", "");
  }

  private static String annotationKey(String n) {
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
