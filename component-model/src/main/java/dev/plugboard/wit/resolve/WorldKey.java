package dev.plugboard.wit.resolve;

/** The key of a world import or export: a plain name, or an interface id. */
public sealed interface WorldKey {
  record Name(String name) implements WorldKey {}

  record OfInterface(int id) implements WorldKey {}
}
