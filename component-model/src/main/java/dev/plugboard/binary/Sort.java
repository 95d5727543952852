package dev.plugboard.binary;

/**
 * The kinds of things a component indexes (Binary.md, "sort"): the core sorts and the
 * component sorts. Each has its own index space.
 */
public enum Sort {
  CORE_FUNC(0x00, 0x00, "core func"),
  CORE_TABLE(0x00, 0x01, "core table"),
  CORE_MEMORY(0x00, 0x02, "core memory"),
  CORE_GLOBAL(0x00, 0x03, "core global"),
  CORE_TAG(0x00, 0x04, "core tag"),
  CORE_TYPE(0x00, 0x10, "core type"),
  CORE_MODULE(0x00, 0x11, "core module"),
  CORE_INSTANCE(0x00, 0x12, "core instance"),
  FUNC(0x01, -1, "func"),
  VALUE(0x02, -1, "value"),
  TYPE(0x03, -1, "type"),
  COMPONENT(0x04, -1, "component"),
  INSTANCE(0x05, -1, "instance");

  private final int code;
  private final int coreCode;
  private final String label;

  Sort(int code, int coreCode, String label) {
    this.code = code;
    this.coreCode = coreCode;
    this.label = label;
  }

  public int code() {
    return code;
  }

  /** The {@code core:sort} byte of a core sort, -1 for component sorts. */
  public int coreCode() {
    return coreCode;
  }

  public boolean isCore() {
    return coreCode >= 0;
  }

  public String label() {
    return label;
  }

  /** The word wasm-tools uses for this sort in its messages (core sorts without "core"). */
  public String referenceDesc() {
    return switch (this) {
      case CORE_FUNC -> "function";
      case CORE_MODULE -> "module";
      case CORE_INSTANCE -> "instance";
      default -> label.startsWith("core ") ? label.substring(5) : label;
    };
  }

  /** A {@code core:sort} byte, or null. */
  public static Sort core(int b) {
    for (Sort s : values()) {
      if (s.coreCode == b) {
        return s;
      }
    }
    return null;
  }

  /** A component {@code sort} byte (not 0x00), or null. */
  public static Sort component(int b) {
    for (Sort s : values()) {
      if (!s.isCore() && s.code == b) {
        return s;
      }
    }
    return null;
  }
}
