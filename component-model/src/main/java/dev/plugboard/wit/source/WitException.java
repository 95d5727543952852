package dev.plugboard.wit.source;

import java.util.List;

/**
 * Thrown when WIT cannot be resolved: carries every diagnostic found and the source map
 * that renders them.
 */
public final class WitException extends Exception {
  private final List<Diagnostic> diagnostics;
  private final transient SourceMap sources;

  public WitException(SourceMap sources, List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "invalid WIT" : diagnostics.getFirst().message());
    this.sources = sources;
    this.diagnostics = List.copyOf(diagnostics);
  }

  public WitException(SourceMap sources, Diagnostic diagnostic) {
    this(sources, List.of(diagnostic));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public SourceMap sources() {
    return sources;
  }

  /** Every diagnostic rendered with its excerpt, separated by blank lines. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      if (!out.isEmpty()) {
        out.append("\n\n");
      }
      out.append(sources == null ? d.message() : sources.render(d));
    }
    return out.toString();
  }
}
