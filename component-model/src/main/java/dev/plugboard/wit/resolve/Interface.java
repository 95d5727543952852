package dev.plugboard.wit.resolve;

import dev.plugboard.wit.source.Span;
import java.util.LinkedHashMap;

/** One entry of the interface arena; {@code name} is null for an inline world interface. */
public final class Interface {
  public String name;
  public final LinkedHashMap<String, Integer> types = new LinkedHashMap<>();
  public final LinkedHashMap<String, Function> functions = new LinkedHashMap<>();
  public String docs;
  public Stability stability = Stability.UNKNOWN;
  public Integer pkg;
  public Integer cloneOf;
  public Span span = Span.NONE;

  public Interface(String name) {
    this.name = name;
  }
}
