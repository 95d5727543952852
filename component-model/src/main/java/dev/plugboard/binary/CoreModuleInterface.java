package dev.plugboard.binary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interface of a core module — its imports, exported items and function signatures —
 * read from the module's type, import, function, table, memory, global, tag and export
 * sections. Code and data are skipped by their lengths, so this costs almost nothing even
 * for a 12 MB module; the code itself is validated separately (by Chicory).
 */
public record CoreModuleInterface(List<Import> imports, Map<String, Export> exports) {
  /** Kinds as in the core binary format: 0 func, 1 table, 2 memory, 3 global, 4 tag. */
  public record Import(String module, String name, int kind, List<String> params, List<String> results,
      CoreExternType type) {}

  /** An export; {@code type} is the table, memory or global type, null for functions and tags or when unknown. */
  public record Export(int kind, List<String> params, List<String> results, CoreExternType type) {}

  public static CoreModuleInterface read(byte[] bytes) throws MalformedBinaryException {
    BinaryReader in = new BinaryReader(bytes);
    if (bytes.length < 8 || in.u8() != 0 || in.u8() != 'a' || in.u8() != 's' || in.u8() != 'm') {
      throw new MalformedBinaryException(0, "core module: magic header not detected");
    }
    in.skip(4);
    List<List<String>[]> types = new ArrayList<>();
    List<Import> imports = new ArrayList<>();
    List<List<String>[]> funcs = new ArrayList<>();
    Map<String, Export> exports = new LinkedHashMap<>();
    // tables, memories and globals (kinds 1, 2, 3) in index order: imports first; null when unknown
    List<List<CoreExternType>> spaces = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>());
    while (!in.atEnd()) {
      int id = in.u8();
      int size = in.length("section");
      int start = in.position();
      BinaryReader s = new BinaryReader(bytes, start, start + size);
      switch (id) {
        case 1 -> {
          int n = s.count("types", 1);
          for (int i = 0; i < n; i++) {
            if (s.peek() == 0x60) {
              s.u8();
              types.add(new List[] {valTypes(s), valTypes(s)});
            } else {
              int before = types.size();
              int recStart = s.position();
              if (s.peek() == 0x4e) {
                s.u8();
                int m = s.count("rec group", 1);
                for (int k = 0; k < m; k++) {
                  types.add(null);
                }
                s = new BinaryReader(bytes, recStart, start + size);
              }
              GcTypes.skipRecType(s, false);
              if (types.size() == before) {
                types.add(null);
              }
            }
          }
        }
        case 2 -> {
          int n = s.count("imports", 3);
          for (int i = 0; i < n; i++) {
            String module = s.name();
            String name = s.name();
            int kind = s.u8();
            List<String>[] sig = new List[] {null, null};
            CoreExternType type = null;
            switch (kind) {
              case 0x00 -> {
                long t = s.u32();
                sig = t < types.size() && types.get((int) t) != null ? types.get((int) t) : sig;
                funcs.add(sig);
              }
              case 0x01 -> type = CoreExternType.table(s);
              case 0x02 -> type = CoreExternType.memory(s);
              case 0x03 -> type = CoreExternType.global(s);
              case 0x04 -> {
                s.u8();
                s.u32();
              }
              default -> throw new MalformedBinaryException(s.position() - 1, "core module: malformed import kind");
            }
            if (kind >= 1 && kind <= 3) {
              spaces.get(kind).add(type);
            }
            imports.add(new Import(module, name, kind, sig[0], sig[1], type));
          }
        }
        case 3 -> {
          int n = s.count("functions", 1);
          for (int i = 0; i < n; i++) {
            long t = s.u32();
            funcs.add(t < types.size() && types.get((int) t) != null ? types.get((int) t) : new List[] {null, null});
          }
        }
        case 4 -> {
          int n = s.count("tables", 2);
          for (int i = 0; i < n; i++) {
            if (s.peek() == 0x40) { // a table with an initialiser expression: not read further
              break;
            }
            spaces.get(1).add(CoreExternType.table(s));
          }
        }
        case 5 -> {
          int n = s.count("memories", 2);
          for (int i = 0; i < n; i++) {
            spaces.get(2).add(CoreExternType.memory(s));
          }
        }
        case 6 -> {
          int n = s.count("globals", 2);
          for (int i = 0; i < n; i++) {
            spaces.get(3).add(CoreExternType.global(s));
            if (!skipConstExpr(s)) {
              break; // an expression this reader does not know: later globals stay unknown
            }
          }
        }
        case 7 -> {
          int n = s.count("exports", 3);
          for (int i = 0; i < n; i++) {
            String name = s.name();
            int kind = s.u8();
            if (kind > 4) {
              throw new MalformedBinaryException(s.position() - 1, "core module: malformed export kind");
            }
            long index = s.u32();
            List<String>[] sig = kind == 0 && index < funcs.size() ? funcs.get((int) index) : new List[] {null, null};
            CoreExternType type = kind >= 1 && kind <= 3 && index < spaces.get(kind).size()
                ? spaces.get(kind).get((int) index) : null;
            exports.put(name, new Export(kind, sig[0], sig[1], type));
          }
        }
        default -> { }
      }
      in.skip(size);
    }
    return new CoreModuleInterface(List.copyOf(imports), exports);
  }

  /** Skips a constant expression up to its {@code end}; false when it uses an instruction not known here. */
  private static boolean skipConstExpr(BinaryReader s) throws MalformedBinaryException {
    for (;;) {
      int op = s.u8();
      switch (op) {
        case 0x0b -> {
          return true;
        }
        case 0x41, 0x42 -> s.skipU64(); // i32.const, i64.const (signed LEB128 has the same shape)
        case 0x43 -> s.skip(4);
        case 0x44 -> s.skip(8);
        case 0x23, 0xd2 -> s.u32(); // global.get, ref.func
        case 0xd0 -> s.s33(); // ref.null
        case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e -> { } // extended constants
        default -> {
          return false;
        }
      }
    }
  }

  /** {@code i32}, {@code i64}, {@code f32}, {@code f64}, {@code v128}, or {@code ref} for reference types. */
  static String valueTypeName(int code) {
    return switch (code) {
      case 0x7f -> "i32";
      case 0x7e -> "i64";
      case 0x7d -> "f32";
      case 0x7c -> "f64";
      case 0x7b -> "v128";
      default -> "ref";
    };
  }

  private static List<String> valTypes(BinaryReader s) throws MalformedBinaryException {
    int n = s.count("value types", 1);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int b = s.peek();
      GcTypes.skipValType(s);
      out.add(valueTypeName(b));
    }
    return out;
  }
}
