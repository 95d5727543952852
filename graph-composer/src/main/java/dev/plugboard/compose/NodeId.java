package dev.plugboard.compose;

/**
 * A node of a composition as the fronts name it: its WAC name (the {@code let} name of an
 * instantiation, the local name of an import). The name is the identity that survives a re-read
 * of the text, which an index into the graph would not; {@link #EXPORTS} names the boundary node
 * that stands for the composition's own exports.
 */
public record NodeId(String name) {
  /** The composition's exports, drawn as one boundary node. */
  public static final NodeId EXPORTS = new NodeId("<exports>");

  public NodeId {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a node id needs a name");
    }
  }

  public static NodeId of(String name) {
    return new NodeId(name);
  }

  /**
   * A name for a new instance of package {@code pkg} that is not in {@code taken}: the package's
   * name without its namespace and version ({@code loud-greeter}), then {@code loud-greeter2}, ...
   */
  public static NodeId fresh(String pkg, java.util.Collection<String> taken) {
    String base = pkg.replaceAll("@.*", "");
    return new NodeId(unique(identifier(base.substring(base.lastIndexOf(':') + 1)), taken::contains));
  }

  /**
   * {@code raw} as a WAC identifier: lower-case words of letters and digits joined by {@code -},
   * each starting with a letter (a word that starts with a digit joins the one before it:
   * {@code go-1} → {@code go1}; a name that would start with a digit gets a {@code c} in front).
   */
  static String identifier(String raw) {
    StringBuilder sb = new StringBuilder();
    for (String w : raw.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
      if (w.isEmpty()) {
        continue;
      }
      if (!sb.isEmpty() && Character.isLetter(w.charAt(0))) {
        sb.append('-');
      }
      sb.append(w);
    }
    if (sb.isEmpty() || !Character.isLetter(sb.charAt(0))) {
      sb.insert(0, 'c');
    }
    return sb.toString();
  }

  /** {@code base}, else {@code base2}, {@code base3}, …: the first that is not {@code taken}. */
  static String unique(String base, java.util.function.Predicate<String> taken) {
    String name = base;
    for (int i = 2; taken.test(name); i++) {
      name = base + i;
    }
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
