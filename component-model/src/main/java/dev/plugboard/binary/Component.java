package dev.plugboard.binary;

import java.util.Arrays;
import java.util.List;

/**
 * A decoded component: its sections in file order, each holding the definitions it
 * declares (Binary.md). Core modules stay as bytes. {@link ComponentEncoder} turns it back
 * into the same bytes; {@link ComponentDecoder} builds it; {@link ComponentValidator}
 * checks it.
 */
public record Component(List<Section> sections) {
  public Component {
    sections = List.copyOf(sections);
  }

  /** A section of a component. */
  public sealed interface Section {}

  public record CustomSection(String name, byte[] data) implements Section {
    @Override
    public boolean equals(Object o) {
      return o instanceof CustomSection c && c.name.equals(name) && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(data);
    }
  }

  /** A core module, kept as its bytes (preamble included). */
  public record CoreModuleSection(byte[] module) implements Section {
    @Override
    public boolean equals(Object o) {
      return o instanceof CoreModuleSection c && Arrays.equals(c.module, module);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(module);
    }
  }

  public record CoreInstanceSection(List<CoreInstance> instances) implements Section {
    public CoreInstanceSection {
      instances = List.copyOf(instances);
    }
  }

  public record CoreTypeSection(List<CoreType> types) implements Section {
    public CoreTypeSection {
      types = List.copyOf(types);
    }
  }

  public record NestedComponentSection(Component component) implements Section {}

  public record InstanceSection(List<Instance> instances) implements Section {
    public InstanceSection {
      instances = List.copyOf(instances);
    }
  }

  public record AliasSection(List<Alias> aliases) implements Section {
    public AliasSection {
      aliases = List.copyOf(aliases);
    }
  }

  public record TypeSection(List<TypeDef> types) implements Section {
    public TypeSection {
      types = List.copyOf(types);
    }
  }

  public record CanonSection(List<Canon> canons) implements Section {
    public CanonSection {
      canons = List.copyOf(canons);
    }
  }

  public record StartSection(int func, List<Integer> args, int results) implements Section {
    public StartSection {
      args = List.copyOf(args);
    }
  }

  public record ImportSection(List<Import> imports) implements Section {
    public ImportSection {
      imports = List.copyOf(imports);
    }
  }

  public record ExportSection(List<Export> exports) implements Section {
    public ExportSection {
      exports = List.copyOf(exports);
    }
  }

  /** The value section (🪙), kept as bytes: its encoding depends on types. */
  public record ValueSection(byte[] data) implements Section {
    @Override
    public boolean equals(Object o) {
      return o instanceof ValueSection v && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }
  }

  // ---- instances ----------------------------------------------------------------------

  public sealed interface CoreInstance {
    record Instantiate(int module, List<CoreArg> args) implements CoreInstance {
      public Instantiate {
        args = List.copyOf(args);
      }
    }

    record FromExports(List<CoreExport> exports) implements CoreInstance {
      public FromExports {
        exports = List.copyOf(exports);
      }
    }
  }

  /** {@code (with "name" (instance i))}. */
  public record CoreArg(String name, int instance) {}

  public record CoreExport(String name, Sort sort, int index) {}

  public sealed interface Instance {
    record Instantiate(int component, List<Arg> args) implements Instance {
      public Instantiate {
        args = List.copyOf(args);
      }
    }

    record FromExports(List<InlineExport> exports) implements Instance {
      public FromExports {
        exports = List.copyOf(exports);
      }
    }
  }

  public record Arg(String name, Sort sort, int index) {}

  public record InlineExport(ExternName name, Sort sort, int index) {}

  // ---- aliases ------------------------------------------------------------------------

  public record Alias(Sort sort, AliasTarget target) {}

  public sealed interface AliasTarget {
    record InstanceExport(int instance, String name) implements AliasTarget {}

    record CoreInstanceExport(int instance, String name) implements AliasTarget {}

    record Outer(int count, int index) implements AliasTarget {}
  }

  // ---- imports and exports ------------------------------------------------------------

  /**
   * An import or export name with its encoding form (0x00, 0x01, or 0x02 with attributes)
   * so that encoding reproduces the original bytes.
   */
  public record ExternName(int form, String name, List<NameAttribute> attributes) {
    public ExternName {
      attributes = List.copyOf(attributes);
    }

    public static ExternName of(String name) {
      return new ExternName(0, name, List.of());
    }
  }

  /** {@code implements}, {@code versionsuffix} or {@code external-id}. */
  public record NameAttribute(int kind, String value) {}

  public record Import(ExternName name, ExternType type) {}

  public record Export(ExternName name, Sort sort, int index, ExternType type) {}

  /** What an import or export is (Binary.md, "externtype"). */
  public sealed interface ExternType {
    record Module(int coreType) implements ExternType {}

    record Func(int type) implements ExternType {}

    /** 🪙 value: {@code eq} a value index, or a value type. */
    record Value(boolean eq, int valueIndex, ValType type) implements ExternType {}

    /** {@code (type (eq i))} or {@code (type (sub resource))} when {@code eq} is false. */
    record Type(boolean eq, int type) implements ExternType {}

    record ComponentType(int type) implements ExternType {}

    record InstanceType(int type) implements ExternType {}
  }

  /** The sort of the index an extern type introduces. */
  public static Sort sortOf(ExternType t) {
    return switch (t) {
      case ExternType.Module m -> Sort.CORE_MODULE;
      case ExternType.Func f -> Sort.FUNC;
      case ExternType.Value v -> Sort.VALUE;
      case ExternType.Type ty -> Sort.TYPE;
      case ExternType.ComponentType c -> Sort.COMPONENT;
      case ExternType.InstanceType i -> Sort.INSTANCE;
    };
  }
}
