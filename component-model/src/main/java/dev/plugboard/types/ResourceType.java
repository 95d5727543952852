package dev.plugboard.types;

/**
 * A resource type. Two resource types are the same only if they are the same object: every
 * component instance that defines a resource makes a fresh one (the ABI compares them with
 * {@code ==}).
 */
public interface ResourceType {
  /** The name used in messages ({@code counter}, {@code wasi:io/streams#input-stream}). */
  String name();

  /** A resource type with only a name, for types that come from WIT rather than from a running instance. */
  static ResourceType named(String name) {
    return new Named(name);
  }

  /** Identity-compared: deliberately not a record. */
  final class Named implements ResourceType {
    private final String name;

    private Named(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
