package dev.plugboard.binary;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the two small core modules a wrapped component needs: the "shim", whose functions
 * call through a table that is filled later, and the "fixup", which fills that table with
 * the real functions once they exist. This breaks the cycle of a main module that imports
 * functions which themselves need the main module's memory.
 */
final class CoreModuleWriter {
  private CoreModuleWriter() {}

  /** A core function signature as value type bytes (0x7f i32, 0x7e i64, 0x7d f32, 0x7c f64). */
  record Sig(List<Integer> params, List<Integer> results) {}

  static int valueTypeCode(String name) {
    return switch (name) {
      case "i64" -> 0x7e;
      case "f32" -> 0x7d;
      case "f64" -> 0x7c;
      default -> 0x7f;
    };
  }

  /** Exports {@code "0".."n-1"}, each calling table slot i with its signature, and the table {@code "$imports"}. */
  static byte[] shim(List<Sig> sigs) {
    List<Sig> types = distinct(sigs);
    BinaryWriter m = header();
    section(m, 1, typeSection(types));
    BinaryWriter funcs = new BinaryWriter();
    funcs.u32(sigs.size());
    sigs.forEach(s -> funcs.u32(types.indexOf(s)));
    section(m, 3, funcs);
    BinaryWriter table = new BinaryWriter();
    table.u32(1);
    table.u8(0x70);
    table.u8(0x01);
    table.u32(sigs.size());
    table.u32(sigs.size());
    section(m, 4, table);
    BinaryWriter exports = new BinaryWriter();
    exports.u32(sigs.size() + 1);
    for (int i = 0; i < sigs.size(); i++) {
      exports.name(Integer.toString(i));
      exports.u8(0x00);
      exports.u32(i);
    }
    exports.name("$imports");
    exports.u8(0x01);
    exports.u32(0);
    section(m, 7, exports);
    BinaryWriter code = new BinaryWriter();
    code.u32(sigs.size());
    for (int i = 0; i < sigs.size(); i++) {
      BinaryWriter body = new BinaryWriter();
      body.u32(0); // no locals
      for (int p = 0; p < sigs.get(i).params().size(); p++) {
        body.u8(0x20);
        body.u32(p);
      }
      body.u8(0x41);
      body.s33(i);
      body.u8(0x11);
      body.u32(types.indexOf(sigs.get(i)));
      body.u32(0);
      body.u8(0x0b);
      code.sized(body);
    }
    section(m, 10, code);
    return m.toBytes();
  }

  /** Imports the table {@code "$imports"} and functions {@code "0".."n-1"} from {@code ""}, and stores them in the table. */
  static byte[] fixup(List<Sig> sigs) {
    return fixup(sigs, false);
  }

  /**
   * Like {@link #fixup(List)}; with {@code initialize}, it also imports {@code ""}
   * {@code "_initialize"} and makes it its start function, so that a preview1 reactor is
   * initialised once its imports work (as wasm-tools does).
   */
  static byte[] fixup(List<Sig> sigs, boolean initialize) {
    Sig none = new Sig(List.of(), List.of());
    List<Sig> types = new ArrayList<>(distinct(sigs));
    if (initialize && !types.contains(none)) {
      types.add(none);
    }
    BinaryWriter m = header();
    section(m, 1, typeSection(types));
    BinaryWriter imports = new BinaryWriter();
    imports.u32(sigs.size() + 1 + (initialize ? 1 : 0));
    imports.name("");
    imports.name("$imports");
    imports.u8(0x01);
    imports.u8(0x70);
    imports.u8(0x01);
    imports.u32(sigs.size());
    imports.u32(sigs.size());
    for (int i = 0; i < sigs.size(); i++) {
      imports.name("");
      imports.name(Integer.toString(i));
      imports.u8(0x00);
      imports.u32(types.indexOf(sigs.get(i)));
    }
    if (initialize) {
      imports.name("");
      imports.name("_initialize");
      imports.u8(0x00);
      imports.u32(types.indexOf(none));
    }
    section(m, 2, imports);
    if (initialize) {
      BinaryWriter start = new BinaryWriter();
      start.u32(sigs.size());
      section(m, 8, start);
    }
    BinaryWriter elem = new BinaryWriter();
    elem.u32(1);
    elem.u8(0x00);
    elem.u8(0x41);
    elem.s33(0);
    elem.u8(0x0b);
    elem.u32(sigs.size());
    for (int i = 0; i < sigs.size(); i++) {
      elem.u32(i);
    }
    section(m, 9, elem);
    return m.toBytes();
  }

  private static List<Sig> distinct(List<Sig> sigs) {
    List<Sig> out = new ArrayList<>();
    for (Sig s : sigs) {
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  static BinaryWriter header() {
    BinaryWriter m = new BinaryWriter();
    m.bytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    return m;
  }

  static BinaryWriter typeSection(List<Sig> types) {
    BinaryWriter t = new BinaryWriter();
    t.u32(types.size());
    for (Sig s : types) {
      t.u8(0x60);
      t.u32(s.params().size());
      s.params().forEach(t::u8);
      t.u32(s.results().size());
      s.results().forEach(t::u8);
    }
    return t;
  }

  static void section(BinaryWriter m, int id, BinaryWriter body) {
    m.u8(id);
    m.sized(body);
  }
}
