package dev.plugboard.binary;

import dev.plugboard.binary.Component.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts about a component a person asks first: its core modules and their sizes
 * (nested components' included), nested components (at any depth), top-level imports and
 * exports with their kinds, and the producers section (which toolchains made it).
 */
public record ComponentFacts(List<Integer> coreModuleSizes, int nestedComponents, List<Item> imports,
    List<Item> exports, Map<String, List<String>> producers) {

  /** An import or export: its name and what kind of thing it is. */
  public record Item(String name, String kind) {}

  public static ComponentFacts of(Component c) {
    List<Integer> modules = new ArrayList<>();
    int nested = 0;
    List<Item> imports = new ArrayList<>();
    List<Item> exports = new ArrayList<>();
    Map<String, List<String>> producers = new LinkedHashMap<>();
    for (Section s : c.sections()) {
      switch (s) {
        case CoreModuleSection m -> modules.add(m.module().length);
        case NestedComponentSection n -> {
          ComponentFacts inner = of(n.component());
          modules.addAll(inner.coreModuleSizes());
          nested += 1 + inner.nestedComponents();
        }
        case ImportSection is -> is.imports().forEach(i -> imports.add(
            new Item(i.name().name(), Component.sortOf(i.type()).label())));
        case ExportSection es -> es.exports().forEach(e -> exports.add(new Item(e.name().name(), e.sort().label())));
        case CustomSection cs when cs.name().equals("producers") -> producers.putAll(producers(cs.data()));
        default -> { }
      }
    }
    return new ComponentFacts(List.copyOf(modules), nested, List.copyOf(imports), List.copyOf(exports), producers);
  }

  /** The {@code producers} custom section: field → "name version" entries. Malformed data gives what was read. */
  static Map<String, List<String>> producers(byte[] data) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    BinaryReader in = new BinaryReader(data);
    try {
      int fields = in.count("producers fields", 2);
      for (int i = 0; i < fields; i++) {
        String field = in.name();
        int values = in.count("producers values", 2);
        List<String> entries = new ArrayList<>();
        for (int j = 0; j < values; j++) {
          String name = in.name();
          String version = in.name();
          entries.add(version.isEmpty() ? name : name + " " + version);
        }
        out.put(field, entries);
      }
    } catch (MalformedBinaryException e) {
      out.put("(malformed producers section)", List.of(e.describe()));
    }
    return out;
  }
}
