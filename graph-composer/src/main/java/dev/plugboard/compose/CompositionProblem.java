package dev.plugboard.compose;

import dev.plugboard.wit.source.Span;

/**
 * A problem of a composition as data: how bad, which node and port it is on (null when it is
 * about the whole document), what is wrong, and where in the WAC text ({@link Span#NONE} when it
 * has no place there, as for a layout sidecar). The canvas shows it as a badge on the node; the
 * IDE lists it in Problems and maps the span to a line and column.
 */
public record CompositionProblem(Severity severity, NodeId node, String port, String message, Span span) {
  /** How bad. */
  public enum Severity { ERROR, WARNING, INFO }
}
