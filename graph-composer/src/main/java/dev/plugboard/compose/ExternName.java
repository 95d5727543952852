package dev.plugboard.compose;

import dev.plugboard.wit.lex.Lexer;
import dev.plugboard.wit.lex.Semver;
import java.util.regex.Pattern;

/**
 * The names a composition may import and export under (Explainer.md, "Import and Export
 * Definitions"): a kebab-case {@code label} ({@code run}, {@code go-1}, {@code a1-2-3}) or an
 * interface name ({@code ns:pkg/iface}, nested namespaces and a semver allowed).
 */
final class ExternName {
  private ExternName() {}

  /** {@code words ::= first-word ('-' word)*}: lower case, each fragment after the first may start with a digit. */
  private static final Pattern WORDS = Pattern.compile("[a-z][0-9a-z]*(-[0-9a-z]+)*");

  /** {@code [constructor]R}, {@code [method]R.name}, {@code [static]R.name}: annotation, resource, name. */
  private static final Pattern ANNOTATED = Pattern.compile("\\[(constructor|method|static)\\]([^.]*)(?:\\.(.*))?");

  /**
   * The resource an annotated plain name ({@code [constructor]R}, {@code [method]R.name},
   * {@code [static]R.name}) belongs to, or null when {@code name} is not annotated.
   */
  static String annotatedResource(String name) {
    var m = ANNOTATED.matcher(name);
    return m.matches() ? m.group(2) : null;
  }

  /** Why {@code name} is neither a label, an annotated plain name nor an interface name, or null when it is one. */
  static String problem(String name) {
    if (name.isEmpty()) {
      return "an import or export name cannot be empty";
    }
    if (name.startsWith("[")) {
      var m = ANNOTATED.matcher(name);
      boolean constructor = m.matches() && m.group(1).equals("constructor");
      if (!m.matches() || constructor != (m.group(3) == null) || Lexer.kebabProblem(m.group(2)) != null
          || (!constructor && Lexer.kebabProblem(m.group(3)) != null)) {
        return "`" + name + "` is not a valid annotated name (`[constructor]r`, `[method]r.name` or "
            + "`[static]r.name`, each part a kebab-case label)";
      }
      return null;
    }
    if (!name.contains(":") && !name.contains("/") && !name.contains("@")) {
      String kebab = Lexer.kebabProblem(name);
      return kebab == null ? null : "`" + name + "` is not a valid import or export name: " + kebab.replaceFirst(
          "^`[^`]*` is ", "it is ");
    }
    String bad = "`" + name + "` is not a valid interface name (expected `namespace:package/interface`, perhaps with "
        + "`@version`)";
    String body = name;
    int at = name.indexOf('@');
    if (at >= 0) {
      body = name.substring(0, at);
      if (Semver.parse(name.substring(at + 1)) == null) {
        return "`" + name + "`: `" + name.substring(at + 1) + "` is not a valid semantic version";
      }
    }
    int slash = body.indexOf('/');
    if (slash < 0) {
      return bad;
    }
    String[] namespaces = body.substring(0, slash).split(":", -1);
    if (namespaces.length < 2) {
      return bad;
    }
    for (String w : namespaces) {
      if (!WORDS.matcher(w).matches()) {
        return bad;
      }
    }
    for (String label : body.substring(slash + 1).split("/", -1)) {
      if (Lexer.kebabProblem(label) != null) {
        return bad;
      }
    }
    return null;
  }
}
