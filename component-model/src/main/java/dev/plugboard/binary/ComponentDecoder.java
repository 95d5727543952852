package dev.plugboard.binary;

import dev.plugboard.binary.Component.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the component binary format (Binary.md) into a {@link Component}, one method per
 * production. Every length and count is checked against what remains of the input before
 * anything is allocated, and every problem is a {@link MalformedBinaryException} with the
 * byte offset: hostile input can neither crash the decoder nor make it allocate.
 */
public final class ComponentDecoder {
  /** Deepest nesting of components and component/instance types accepted. */
  static final int MAX_NESTING = 100;

  private int depth;
  private final java.util.Map<Object, Integer> offsets = new java.util.IdentityHashMap<>();

  private ComponentDecoder() {}

  public static Component decode(byte[] bytes) throws MalformedBinaryException {
    return new ComponentDecoder().component(new BinaryReader(bytes));
  }

  /** A component with the byte offset of each of its sections (nested ones included). */
  public record Decoded(Component component, java.util.Map<Object, Integer> offsets) {}

  public static Decoded decodeWithOffsets(byte[] bytes) throws MalformedBinaryException {
    ComponentDecoder d = new ComponentDecoder();
    Component c = d.component(new BinaryReader(bytes));
    return new Decoded(c, java.util.Collections.unmodifiableMap(d.offsets));
  }

  private Component component(BinaryReader in) throws MalformedBinaryException {
    int start = in.position();
    if (in.remaining() < 8) {
      throw new MalformedBinaryException(start, "unexpected end of input: a component starts with an 8-byte preamble");
    }
    if (in.u8() != 0x00 || in.u8() != 0x61 || in.u8() != 0x73 || in.u8() != 0x6d) {
      throw new MalformedBinaryException(start, "magic header not detected: bad magic number");
    }
    int version = in.u8() | in.u8() << 8;
    int layer = in.u8() | in.u8() << 8;
    if (layer == 0) {
      throw new MalformedBinaryException(start + 4, "this is a core module, not a component (expected a version header for a component)");
    }
    if (layer != 1) {
      throw new MalformedBinaryException(start + 6, "unknown binary layer " + layer);
    }
    if (version != 0x0d) {
      throw new MalformedBinaryException(start + 4, "unknown binary version: 0x" + Integer.toHexString(layer << 16 | version));
    }
    if (++depth > MAX_NESTING) {
      throw new MalformedBinaryException(start, "components nested too deeply");
    }
    List<Section> sections = new ArrayList<>();
    while (!in.atEnd()) {
      int at = in.position();
      int id = in.u8();
      int size = in.length("section");
      int contentStart = in.position();
      BinaryReader body = new BinaryReader(in.source(), contentStart, contentStart + size);
      Section section = section(id, at, body);
      offsets.put(section, at);
      sections.add(section);
      if (!body.atEnd()) {
        throw new MalformedBinaryException(body.position(), "unexpected content in the "
            + sectionName(id) + " section");
      }
      in.skip(size);
    }
    depth--;
    return new Component(sections);
  }

  private static String sectionName(int id) {
    String[] names = {"custom", "core module", "core instance", "core type", "component", "instance", "alias",
        "type", "canonical function", "start", "import", "export", "value"};
    return id < names.length ? names[id] : "unknown";
  }

  private Section section(int id, int at, BinaryReader in) throws MalformedBinaryException {
    return switch (id) {
      case 0 -> {
        String name = in.name();
        yield new CustomSection(name, in.bytes(in.remaining()));
      }
      case 1 -> new CoreModuleSection(in.bytes(in.remaining()));
      case 2 -> new CoreInstanceSection(vec(in, "core instances", 2, this::coreInstance));
      case 3 -> new CoreTypeSection(vec(in, "core types", 1, r -> coreType(r, true)));
      case 4 -> new NestedComponentSection(component(in));
      case 5 -> new InstanceSection(vec(in, "instances", 2, this::instance));
      case 6 -> new AliasSection(vec(in, "aliases", 3, this::alias));
      case 7 -> new TypeSection(vec(in, "types", 1, this::typeDef));
      case 8 -> new CanonSection(vec(in, "canonical functions", 1, this::canon));
      case 9 -> {
        int func = u32(in);
        List<Integer> args = vec(in, "start arguments", 1, this::u32);
        yield new StartSection(func, args, u32(in));
      }
      case 10 -> new ImportSection(vec(in, "imports", 3, r -> new Import(externName(r), externType(r))));
      case 11 -> new ExportSection(vec(in, "exports", 4, this::export));
      case 12 -> new ValueSection(in.bytes(in.remaining()));
      default -> throw new MalformedBinaryException(at, "malformed section id: " + id + " (unknown section 0x"
          + Integer.toHexString(id) + ")");
    };
  }

  @FunctionalInterface
  private interface Item<T> {
    T read(BinaryReader in) throws MalformedBinaryException;
  }

  private static <T> List<T> vec(BinaryReader in, String what, int minSize, Item<T> item)
      throws MalformedBinaryException {
    int n = in.count(what, minSize);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(item.read(in));
    }
    return out;
  }

  private int u32(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    long v = in.u32();
    if (v > Integer.MAX_VALUE) {
      throw new MalformedBinaryException(at, "index " + v + " out of range");
    }
    return (int) v;
  }

  // ---- instances ----------------------------------------------------------------------

  private CoreInstance coreInstance(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    return switch (in.u8()) {
      case 0x00 -> {
        int module = u32(in);
        List<CoreArg> args = vec(in, "instantiation arguments", 3, r -> {
          String name = r.name();
          int sortAt = r.position();
          int sort = r.u8();
          if (sort != 0x12) {
            throw new MalformedBinaryException(sortAt, "invalid leading byte (0x" + Integer.toHexString(sort)
                + ") for core instantiation argument kind");
          }
          return new CoreArg(name, u32(r));
        });
        yield new CoreInstance.Instantiate(module, args);
      }
      case 0x01 -> new CoreInstance.FromExports(vec(in, "exports", 3, r -> {
        String name = r.name();
        Sort sort = coreSort(r);
        return new CoreExport(name, sort, u32(r));
      }));
      default -> throw badByte(in, at, "core instance");
    };
  }

  /** wasm-tools' message for an unknown leading byte; {@code what} in its words where they differ from ours. */
  private static MalformedBinaryException badByte(BinaryReader in, int at, String what) {
    String b = at < in.source().length ? " (0x" + Integer.toHexString(in.source()[at] & 0xff) + ")" : "";
    String words = switch (what) {
      case "sort", "extern type" -> "component external kind";
      case "core sort" -> "external kind";
      default -> what;
    };
    return new MalformedBinaryException(at, "invalid leading byte" + b + " for " + words);
  }

  private Sort coreSort(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    Sort s = Sort.core(in.u8());
    if (s == null) {
      throw badByte(in, at, "core sort");
    }
    return s;
  }

  private Sort sort(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int b = in.u8();
    if (b == 0x00) {
      return coreSort(in);
    }
    Sort s = Sort.component(b);
    if (s == null) {
      throw badByte(in, at, "sort");
    }
    return s;
  }

  private Instance instance(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    return switch (in.u8()) {
      case 0x00 -> {
        int component = u32(in);
        yield new Instance.Instantiate(component, vec(in, "instantiation arguments", 3, r -> {
          String name = r.name();
          Sort sort = sort(r);
          return new Arg(name, sort, u32(r));
        }));
      }
      case 0x01 -> new Instance.FromExports(vec(in, "exports", 3, r -> {
        ExternName name = externName(r);
        Sort sort = sort(r);
        return new InlineExport(name, sort, u32(r));
      }));
      default -> throw badByte(in, at, "instance");
    };
  }

  // ---- aliases ------------------------------------------------------------------------

  private Alias alias(BinaryReader in) throws MalformedBinaryException {
    Sort sort = sort(in);
    int at = in.position();
    return switch (in.u8()) {
      case 0x00 -> {
        int instance = u32(in);
        yield new Alias(sort, new AliasTarget.InstanceExport(instance, in.name()));
      }
      case 0x01 -> {
        int instance = u32(in);
        yield new Alias(sort, new AliasTarget.CoreInstanceExport(instance, in.name()));
      }
      case 0x02 -> {
        int count = u32(in);
        yield new Alias(sort, new AliasTarget.Outer(count, u32(in)));
      }
      default -> throw badByte(in, at, "alias");
    };
  }

  // ---- names, imports, exports --------------------------------------------------------

  private ExternName externName(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int form = in.u8();
    return switch (form) {
      case 0x00, 0x01 -> new ExternName(form, in.name(), List.of());
      case 0x02 -> {
        String name = in.name();
        yield new ExternName(form, name, vec(in, "name attributes", 2, r -> {
          int kindAt = r.position();
          int kind = r.u8();
          if (kind > 0x02) {
            throw badByte(in, kindAt, "name attribute");
          }
          return new NameAttribute(kind, r.name());
        }));
      }
      default -> throw badByte(in, at, "extern name");
    };
  }

  private ExternType externType(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    return switch (in.u8()) {
      case 0x00 -> {
        int b = in.u8();
        if (b != 0x11) {
          throw new MalformedBinaryException(at + 1, "invalid leading byte (0x" + Integer.toHexString(b)
              + ") for core module type");
        }
        yield new ExternType.Module(u32(in));
      }
      case 0x01 -> new ExternType.Func(u32(in));
      case 0x02 -> {
        int b = in.u8();
        if (b == 0x00) {
          yield new ExternType.Value(true, u32(in), null);
        } else if (b == 0x01) {
          yield new ExternType.Value(false, -1, valType(in));
        } else if (ValType.Primitive.of(b) != null) {
          // wasm-tools (1.240) writes and reads a value type here without the bound byte
          yield new ExternType.Value(false, -1, ValType.Primitive.of(b));
        }
        throw badByte(in, at + 1, "value bound");
      }
      case 0x03 -> {
        int b = in.u8();
        if (b == 0x00) {
          yield new ExternType.Type(true, u32(in));
        } else if (b == 0x01) {
          yield new ExternType.Type(false, -1);
        }
        throw badByte(in, at + 1, "type bound");
      }
      case 0x04 -> new ExternType.ComponentType(u32(in));
      case 0x05 -> new ExternType.InstanceType(u32(in));
      default -> throw badByte(in, at, "extern type");
    };
  }

  private Export export(BinaryReader in) throws MalformedBinaryException {
    ExternName name = externName(in);
    Sort sort = sort(in);
    int index = u32(in);
    int at = in.position();
    ExternType ascribed = switch (in.u8()) {
      case 0x00 -> null;
      case 0x01 -> externType(in);
      default -> throw badByte(in, at, "optional extern type");
    };
    return new Export(name, sort, index, ascribed);
  }

  // ---- types --------------------------------------------------------------------------

  static ValType valType(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    ValType.Primitive p = ValType.Primitive.of(in.peek());
    if (p != null) {
      in.u8();
      return p;
    }
    long v = in.s33();
    if (v < 0) {
      throw new MalformedBinaryException(at, "invalid leading byte (0x" + Integer.toHexString((int) (v & 0x7f))
          + ") for component value type");
    }
    if (v > Integer.MAX_VALUE) {
      throw new MalformedBinaryException(at, "type index out of range");
    }
    return new ValType.Index((int) v);
  }

  private ValType optionalValType(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    return switch (in.u8()) {
      case 0x00 -> null;
      case 0x01 -> valType(in);
      default -> throw badByte(in, at, "optional value type");
    };
  }

  private String label(BinaryReader in) throws MalformedBinaryException {
    return in.name();
  }

  TypeDef typeDef(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int b = in.u8();
    ValType.Primitive p = ValType.Primitive.of(b);
    if (p != null) {
      return new TypeDef.Prim(p);
    }
    return switch (b) {
      case 0x72 -> new TypeDef.Record(vec(in, "record fields", 2, r -> new TypeDef.Field(label(r), valType(r))));
      case 0x71 -> new TypeDef.Variant(vec(in, "variant cases", 3, r -> {
        String name = label(r);
        ValType t = optionalValType(r);
        int refAt = r.position();
        if (r.u8() != 0x00) {
          throw new MalformedBinaryException(refAt, "invalid leading byte (0x1) for zero byte required (variant case refines are not supported)");
        }
        return new TypeDef.Case(name, t);
      }));
      case 0x70 -> new TypeDef.ListOf(valType(in));
      case 0x67 -> {
        ValType t = valType(in);
        yield new TypeDef.FixedList(t, in.u32());
      }
      case 0x6f -> new TypeDef.Tuple(vec(in, "tuple types", 1, ComponentDecoder::valType));
      case 0x6e -> new TypeDef.Flags(vec(in, "flags", 1, this::label));
      case 0x6d -> new TypeDef.Enum(vec(in, "enum cases", 1, this::label));
      case 0x6b -> new TypeDef.Option(valType(in));
      case 0x6a -> {
        ValType ok = optionalValType(in);
        yield new TypeDef.Result(ok, optionalValType(in));
      }
      case 0x69 -> new TypeDef.Own(u32(in));
      case 0x68 -> new TypeDef.Borrow(u32(in));
      case 0x66 -> new TypeDef.Stream(optionalValType(in));
      case 0x65 -> new TypeDef.Future(optionalValType(in));
      case 0x63 -> {
        ValType k = valType(in);
        yield new TypeDef.MapOf(k, valType(in));
      }
      case 0x40, 0x43 -> {
        List<TypeDef.Param> params = vec(in, "parameters", 2, r -> new TypeDef.Param(label(r), valType(r)));
        yield new TypeDef.Func(b == 0x43, params, resultList(in));
      }
      case 0x41 -> {
        nest(at);
        TypeDef.ComponentType t = new TypeDef.ComponentType(vec(in, "component type declarations", 2,
            r -> decl(r, true)));
        depth--;
        yield t;
      }
      case 0x42 -> {
        nest(at);
        TypeDef.InstanceType t = new TypeDef.InstanceType(vec(in, "instance type declarations", 2,
            r -> decl(r, false)));
        depth--;
        yield t;
      }
      case 0x3f -> {
        int repAt = in.position();
        int rep = in.u8();
        if (rep != 0x7f) {
          throw new MalformedBinaryException(repAt, "resources can only be represented by `i32`");
        }
        int dtorAt = in.position();
        int dtor = switch (in.u8()) {
          case 0x00 -> -1;
          case 0x01 -> u32(in);
          default -> throw badByte(in, dtorAt, "optional destructor");
        };
        yield new TypeDef.Resource(rep, dtor);
      }
      default -> throw new MalformedBinaryException(at, "invalid leading byte (0x" + Integer.toHexString(b)
          + ") for component defined type");
    };
  }

  private void nest(int at) throws MalformedBinaryException {
    if (++depth > MAX_NESTING) {
      throw new MalformedBinaryException(at, "types nested too deeply");
    }
  }

  private ValType resultList(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    return switch (in.u8()) {
      case 0x00 -> valType(in);
      case 0x01 -> {
        int z = in.u8();
        if (z != 0x00) {
          throw new MalformedBinaryException(at, "named results are not supported: invalid result list");
        }
        yield null;
      }
      default -> throw badByte(in, at, "component function results");
    };
  }

  private TypeDef.Decl decl(BinaryReader in, boolean component) throws MalformedBinaryException {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> new TypeDef.Decl.CoreTypeDecl(coreType(in, true));
      case 0x01 -> new TypeDef.Decl.TypeDecl(typeDef(in));
      case 0x02 -> new TypeDef.Decl.AliasDecl(alias(in));
      case 0x03 -> {
        if (!component) {
          throw badByte(in, at, "instance type declaration");
        }
        yield new TypeDef.Decl.ImportDecl(externName(in), externType(in));
      }
      case 0x04 -> new TypeDef.Decl.ExportDecl(externName(in), externType(in));
      default -> throw badByte(in, at, component ? "component type declaration" : "instance type declaration");
    };
  }

  // ---- core types ---------------------------------------------------------------------

  private CoreType coreType(BinaryReader in, boolean componentContext) throws MalformedBinaryException {
    int at = in.position();
    int b = in.peek();
    if (b == 0x60) {
      in.u8();
      List<byte[]> params = vec(in, "parameters", 1, this::coreValType);
      List<byte[]> results = vec(in, "results", 1, this::coreValType);
      return new CoreType.Func(params, results);
    }
    if (b == 0x50 && componentContext) {
      in.u8();
      nest(at);
      CoreType.Module m = new CoreType.Module(vec(in, "module type declarations", 2, this::moduleDecl));
      depth--;
      return m;
    }
    GcTypes.skipRecType(in, componentContext);
    return new CoreType.Raw(in.slice(at));
  }

  private CoreType.ModuleDecl moduleDecl(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    return switch (in.u8()) {
      case 0x00 -> {
        String module = in.name();
        String name = in.name();
        yield new CoreType.ModuleDecl.ImportDecl(module, name, coreExtern(in));
      }
      case 0x01 -> {
        if (in.peek() == 0x50) {
          throw new MalformedBinaryException(in.position(), "module types cannot be nested in module types");
        }
        yield new CoreType.ModuleDecl.TypeDecl(coreType(in, true));
      }
      case 0x02 -> {
        int sortAt = in.position();
        if (in.u8() != 0x10 || in.u8() != 0x01) {
          throw new MalformedBinaryException(sortAt, "module type aliases must be outer aliases of types");
        }
        int count = u32(in);
        yield new CoreType.ModuleDecl.OuterAlias(count, u32(in));
      }
      case 0x03 -> {
        String name = in.name();
        yield new CoreType.ModuleDecl.ExportDecl(name, coreExtern(in));
      }
      default -> throw badByte(in, at, "module type declaration");
    };
  }

  private CoreType.CoreExtern coreExtern(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int kind = in.u8();
    int start = in.position();
    switch (kind) {
      case 0x00 -> in.u32();
      case 0x01 -> {
        GcTypes.skipRefType(in);
        GcTypes.skipLimits(in);
      }
      case 0x02 -> GcTypes.skipLimits(in);
      case 0x03 -> {
        GcTypes.skipValType(in);
        int mut = in.u8();
        if (mut > 1) {
          throw new MalformedBinaryException(in.position() - 1, "malformed mutability");
        }
      }
      case 0x04 -> {
        if (in.u8() != 0x00) {
          throw new MalformedBinaryException(in.position() - 1, "invalid tag attribute");
        }
        in.u32();
      }
      default -> throw badByte(in, at, "core extern type");
    }
    return new CoreType.CoreExtern(kind, in.slice(start));
  }

  private byte[] coreValType(BinaryReader in) throws MalformedBinaryException {
    int start = in.position();
    GcTypes.skipValType(in);
    return in.slice(start);
  }

  // ---- canonical definitions ----------------------------------------------------------

  /** The immediates of each built-in after its opcode: U u32, B byte, O options, R result list. */
  private static final java.util.Map<Integer, String> BUILTINS = java.util.Map.ofEntries(
      java.util.Map.entry(0x05, ""), java.util.Map.entry(0x06, "B"), java.util.Map.entry(0x08, ""),
      java.util.Map.entry(0x09, "RO"), java.util.Map.entry(0x0a, "BU"), java.util.Map.entry(0x0b, "BU"),
      java.util.Map.entry(0x0c, "B"), java.util.Map.entry(0x0d, ""), java.util.Map.entry(0x0e, "U"),
      java.util.Map.entry(0x0f, "UO"), java.util.Map.entry(0x10, "UO"), java.util.Map.entry(0x11, "UB"),
      java.util.Map.entry(0x12, "UB"), java.util.Map.entry(0x13, "U"), java.util.Map.entry(0x14, "U"),
      java.util.Map.entry(0x15, "U"), java.util.Map.entry(0x16, "UO"), java.util.Map.entry(0x17, "UO"),
      java.util.Map.entry(0x18, "UB"), java.util.Map.entry(0x19, "UB"), java.util.Map.entry(0x1a, "U"),
      java.util.Map.entry(0x1b, "U"), java.util.Map.entry(0x1c, "O"), java.util.Map.entry(0x1d, "O"),
      java.util.Map.entry(0x1e, ""), java.util.Map.entry(0x1f, ""), java.util.Map.entry(0x20, "BU"),
      java.util.Map.entry(0x21, "BU"), java.util.Map.entry(0x22, ""), java.util.Map.entry(0x23, ""),
      java.util.Map.entry(0x24, ""), java.util.Map.entry(0x25, ""), java.util.Map.entry(0x26, ""),
      java.util.Map.entry(0x27, "UU"), java.util.Map.entry(0x28, ""), java.util.Map.entry(0x29, "B"),
      java.util.Map.entry(0x2a, "B"), java.util.Map.entry(0x2b, "B"), java.util.Map.entry(0x2c, "B"),
      java.util.Map.entry(0x2d, "B"), java.util.Map.entry(0x40, "BU"), java.util.Map.entry(0x41, "BUU"),
      java.util.Map.entry(0x42, "B"));

  static String builtinOperands(int opcode) {
    return BUILTINS.get(opcode);
  }

  private Canon canon(BinaryReader in) throws MalformedBinaryException {
    int at = in.position();
    int op = in.u8();
    switch (op) {
      case 0x00 -> {
        expectFuncSort(in, "canon lift");
        int f = u32(in);
        List<Canon.Option> opts = options(in);
        return new Canon.Lift(f, opts, u32(in));
      }
      case 0x01 -> {
        expectFuncSort(in, "canon lower");
        int f = u32(in);
        return new Canon.Lower(f, options(in));
      }
      case 0x02 -> {
        return new Canon.ResourceNew(u32(in));
      }
      case 0x03 -> {
        return new Canon.ResourceDrop(u32(in), false);
      }
      case 0x07 -> {
        return new Canon.ResourceDrop(u32(in), true);
      }
      case 0x04 -> {
        return new Canon.ResourceRep(u32(in));
      }
      default -> { }
    }
    String shape = BUILTINS.get(op);
    if (shape == null) {
      throw new MalformedBinaryException(at, "invalid leading byte (0x" + Integer.toHexString(op)
          + ") for canonical function");
    }
    List<Canon.Operand> operands = new ArrayList<>();
    for (char c : shape.toCharArray()) {
      operands.add(switch (c) {
        case 'U' -> new Canon.Operand.U32(in.u32());
        case 'B' -> new Canon.Operand.Byte(in.u8());
        case 'O' -> new Canon.Operand.Options(options(in));
        default -> new Canon.Operand.Results(resultList(in));
      });
    }
    return new Canon.Builtin(op, operands);
  }

  private static void expectFuncSort(BinaryReader in, String what) throws MalformedBinaryException {
    int at = in.position();
    if (in.u8() != 0x00) {
      throw new MalformedBinaryException(at, "invalid leading byte in " + what);
    }
  }

  private List<Canon.Option> options(BinaryReader in) throws MalformedBinaryException {
    return vec(in, "canonical options", 1, r -> {
      int at = r.position();
      int code = r.u8();
      if (code > 0x07) {
        throw new MalformedBinaryException(at, "invalid leading byte (0x" + Integer.toHexString(code)
            + ") for canonical option");
      }
      Canon.Option probe = new Canon.Option(code, -1);
      return probe.hasIndex() ? new Canon.Option(code, u32(r)) : probe;
    });
  }
}
