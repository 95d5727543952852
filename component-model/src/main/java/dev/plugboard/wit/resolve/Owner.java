package dev.plugboard.wit.resolve;

/** Where a named type is defined: an interface, a world, or nowhere (anonymous types). */
public sealed interface Owner {
  None NONE = new None();

  record OfInterface(int id) implements Owner {}

  record OfWorld(int id) implements Owner {}

  record None() implements Owner {}
}
