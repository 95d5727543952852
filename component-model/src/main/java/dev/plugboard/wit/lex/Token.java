package dev.plugboard.wit.lex;

import dev.plugboard.wit.source.Span;

/** One token: its kind and its global span. The text is looked up in the source when needed. */
public record Token(TokenKind kind, int start, int end) {
  public Span span() {
    return new Span(start, end);
  }
}
