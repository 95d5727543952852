package dev.plugboard.wit.source;

/**
 * A problem found in source text: where, what, and optionally a second place that
 * explains it ("previously defined here"). Errors are data; {@link SourceMap#render}
 * turns them into text.
 */
public record Diagnostic(Severity severity, Span span, String message, Related related) {

  public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A second span with its own note. */
  public record Related(Span span, String message) {}

  public static Diagnostic error(Span span, String message) {
    return new Diagnostic(Severity.ERROR, span, message, null);
  }

  public static Diagnostic error(Span span, String message, Span previous, String note) {
    return new Diagnostic(Severity.ERROR, span, message, new Related(previous, note));
  }

  public static Diagnostic warning(Span span, String message) {
    return new Diagnostic(Severity.WARNING, span, message, null);
  }
}
