package dev.plugboard.wit.resolve;

import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** One entry of the world arena. */
public final class World {
  public String name;
  public LinkedHashMap<WorldKey, WorldItem> imports = new LinkedHashMap<>();
  public LinkedHashMap<WorldKey, WorldItem> exports = new LinkedHashMap<>();
  public Integer pkg;
  public String docs;
  public Stability stability = Stability.UNKNOWN;
  public Span span = Span.NONE;
  /** {@code include}s before they are expanded (resolver state; empty in a finished resolve). */
  final List<IncludeDecl> includes = new ArrayList<>();

  /** One {@code include path with { a as b }} statement. */
  record IncludeDecl(int world, Stability stability, List<String[]> renames, Span span) {}

  public World(String name) {
    this.name = name;
  }
}
