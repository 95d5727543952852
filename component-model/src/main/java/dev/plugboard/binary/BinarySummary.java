package dev.plugboard.binary;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Wasm binary is at a glance: core module or component, its version, and its
 * top-level sections with their offsets and sizes. Reads only the section framing, so it
 * works on any well-framed file; full decoding and validation are the decoder's job.
 */
public record BinarySummary(Kind kind, int version, long size, List<Section> sections) {

  public enum Kind {
    CORE_MODULE("core module"),
    COMPONENT("component");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One top-level section: id, what it is called, where its contents start, how long they are. */
  public record Section(int id, String name, int offset, int size, String customName) {}

  private static final String[] COMPONENT_SECTIONS = {
    "custom", "core module", "core instance", "core type", "component", "instance",
    "alias", "type", "canon", "start", "import", "export", "value"
  };
  private static final String[] CORE_SECTIONS = {
    "custom", "type", "import", "function", "table", "memory", "global", "export",
    "start", "element", "code", "data", "data count", "tag"
  };

  public BinarySummary {
    sections = List.copyOf(sections);
  }

  public static BinarySummary read(byte[] bytes) throws MalformedBinaryException {
    BinaryReader in = new BinaryReader(bytes);
    if (bytes.length < 8) {
      throw new MalformedBinaryException(0, "not a WebAssembly binary: shorter than the 8-byte preamble");
    }
    if (in.u8() != 0x00 || in.u8() != 0x61 || in.u8() != 0x73 || in.u8() != 0x6d) {
      throw new MalformedBinaryException(0, "not a WebAssembly binary: magic header \\0asm missing");
    }
    int version = in.u8() | in.u8() << 8;
    int layer = in.u8() | in.u8() << 8;
    Kind kind;
    if (layer == 0 && version == 1) {
      kind = Kind.CORE_MODULE;
    } else if (layer == 1) {
      kind = Kind.COMPONENT;
      if (version != 0x0d) {
        throw new MalformedBinaryException(4, "unsupported component version 0x" + Integer.toHexString(version));
      }
    } else {
      throw new MalformedBinaryException(4, "unknown binary version " + version + " layer " + layer);
    }
    String[] names = kind == Kind.COMPONENT ? COMPONENT_SECTIONS : CORE_SECTIONS;
    List<Section> sections = new ArrayList<>();
    while (!in.atEnd()) {
      int at = in.position();
      int id = in.u8();
      if (id >= names.length) {
        throw new MalformedBinaryException(at, "unknown section id " + id);
      }
      int size = in.length("section");
      int start = in.position();
      String customName = null;
      if (id == 0) {
        BinaryReader custom = new BinaryReader(bytes, start, start + size);
        customName = custom.name();
      }
      in.skip(size);
      sections.add(new Section(id, names[id], start, size, customName));
    }
    return new BinarySummary(kind, version, bytes.length, sections);
  }

  /** How many sections carry the given id. */
  public long count(int sectionId) {
    return sections.stream().filter(s -> s.id() == sectionId).count();
  }
}
