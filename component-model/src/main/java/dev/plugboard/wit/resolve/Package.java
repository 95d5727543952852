package dev.plugboard.wit.resolve;

import dev.plugboard.wit.source.Span;
import java.util.LinkedHashMap;

/** One entry of the package arena. */
public final class Package {
  public final PackageId name;
  public String docs;
  public final LinkedHashMap<String, Integer> interfaces = new LinkedHashMap<>();
  public final LinkedHashMap<String, Integer> worlds = new LinkedHashMap<>();
  public Span span = Span.NONE;

  public Package(PackageId name) {
    this.name = name;
  }
}
