package dev.plugboard.wit.resolve;

/** Feature-gate status of an item: {@code @since}, {@code @unstable}, or neither. */
public sealed interface Stability {
  Unknown UNKNOWN = new Unknown();

  record Unknown() implements Stability {}

  /** {@code @since(version = since)}, maybe {@code @deprecated(version = deprecated)}. */
  record Stable(String since, String deprecated) implements Stability {}

  /** {@code @unstable(feature = feature)}, maybe {@code @deprecated(version = deprecated)}. */
  record Unstable(String feature, String deprecated) implements Stability {}

  default boolean isUnknown() {
    return this instanceof Unknown;
  }
}
