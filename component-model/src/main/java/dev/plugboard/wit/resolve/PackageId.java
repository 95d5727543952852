package dev.plugboard.wit.resolve;

import dev.plugboard.wit.lex.Semver;
import java.util.Comparator;

/** A package name {@code ns:name@version}, ordered as a resolve orders packages. */
public record PackageId(String namespace, String name, Semver version) implements Comparable<PackageId> {
  private static final Comparator<PackageId> ORDER = Comparator.comparing(PackageId::namespace)
      .thenComparing(PackageId::name)
      .thenComparing(PackageId::version, Comparator.nullsFirst(Comparator.naturalOrder()));

  @Override
  public int compareTo(PackageId o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return namespace + ":" + name + (version == null ? "" : "@" + version);
  }

  /** {@code ns:name/item@version}, the full name of an interface or world. */
  public String qualify(String item) {
    return namespace + ":" + name + "/" + item + (version == null ? "" : "@" + version);
  }
}
