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
   * name without its namespace and version ({@code loud-greeter}), then {@code loud-greeter-2}, ...
   */
  public static NodeId fresh(String pkg, java.util.Collection<String> taken) {
    String base = pkg.replaceAll("@.*", "");
    base = base.substring(base.lastIndexOf(':') + 1).toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "c-" + base;
    }
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + "-" + i;
    }
    return new NodeId(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
