package dev.plugboard.wit.resolve;

import dev.plugboard.wit.source.Span;

/** What a world imports or exports. */
public sealed interface WorldItem {
  record OfInterface(int id, Stability stability, String externalId, String docs, Span span) implements WorldItem {}

  record OfFunction(Function function) implements WorldItem {}

  record OfType(int id) implements WorldItem {}
}
