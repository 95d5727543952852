package dev.plugboard.binary;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code component-name} custom section (Binary.md, "Name Section"): the names a tool gave
 * a component's definitions ({@code $echo}, {@code $caller_i}), by sort and index. An invalid
 * section is ignored, as the spec asks: the names are only for people.
 */
public final class ComponentNames {
  private final String componentName;
  private final Map<Sort, Map<Integer, String>> names;

  private ComponentNames(String componentName, Map<Sort, Map<Integer, String>> names) {
    this.componentName = componentName;
    this.names = names;
  }

  public static final ComponentNames NONE = new ComponentNames(null, Map.of());

  /** The names in {@code c}'s own {@code component-name} section (not its nested components'). */
  public static ComponentNames of(Component c) {
    for (Component.Section s : c.sections()) {
      if (s instanceof Component.CustomSection cs && cs.name().equals("component-name")) {
        try {
          return parse(cs.data());
        } catch (MalformedBinaryException | RuntimeException e) {
          return NONE;
        }
      }
    }
    return NONE;
  }

  private static ComponentNames parse(byte[] data) throws MalformedBinaryException {
    BinaryReader in = new BinaryReader(data);
    String component = null;
    Map<Sort, Map<Integer, String>> out = new EnumMap<>(Sort.class);
    while (!in.atEnd()) {
      int id = in.u8();
      long size = in.u32();
      int end = Math.toIntExact(in.position() + size);
      if (end > data.length) {
        throw new MalformedBinaryException(in.position(), "name subsection runs past the section");
      }
      BinaryReader sub = new BinaryReader(data, in.position(), end);
      if (id == 0) {
        component = sub.name();
      } else if (id == 1) {
        int b = sub.u8();
        Sort sort = b == 0 ? Sort.core(sub.u8()) : Sort.component(b);
        Map<Integer, String> map = new HashMap<>();
        long count = sub.u32();
        for (long i = 0; i < count && !sub.atEnd(); i++) {
          int index = Math.toIntExact(sub.u32());
          map.put(index, sub.name());
        }
        if (sort != null) {
          out.put(sort, map);
        }
      }
      in = new BinaryReader(data, end, data.length);
    }
    return new ComponentNames(component, out);
  }

  /**
   * The bytes of a {@code component-name} section giving these names (component sorts only:
   * func, value, type, component, instance).
   */
  public static byte[] encode(Map<Sort, Map<Integer, String>> names) {
    BinaryWriter out = new BinaryWriter();
    for (var e : names.entrySet()) {
      if (e.getValue().isEmpty() || e.getKey().isCore()) {
        continue;
      }
      BinaryWriter sub = new BinaryWriter();
      sub.u8(e.getKey().code());
      sub.u32(e.getValue().size());
      for (var n : new java.util.TreeMap<>(e.getValue()).entrySet()) {
        sub.u32(n.getKey());
        sub.name(n.getValue());
      }
      out.u8(1);
      out.sized(sub);
    }
    return out.toBytes();
  }

  /** The component's own name, or null. */
  public String componentName() {
    return componentName;
  }

  /** The name of item {@code index} of {@code sort}, or null. */
  public String name(Sort sort, int index) {
    return names.getOrDefault(sort, Map.of()).get(index);
  }
}
