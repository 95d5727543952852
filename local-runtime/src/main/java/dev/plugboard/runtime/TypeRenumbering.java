package dev.plugboard.runtime;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every core module of a component the same function-type numbering.
 *
 * <p>Chicory 1.7.5 checks a {@code call_indirect} through a table that another core instance
 * filled (the shim/fixup pattern of wit-component, and destructor trampolines) by looking the
 * caller's type index up in the callee module's type section. That is only right when both
 * modules number the type alike. Rewriting each module's type section to one shared list (the
 * union of all their function types) and remapping every use of a type index makes it so.
 * Modules with GC types, typed function references or exception tags are left alone, as is
 * everything when a new index would be read by Chicory as a block value type.
 */
final class TypeRenumbering {
  private TypeRenumbering() {}

  static void apply(Collection<ModuleDef> defs) {
    List<ModuleDef> modules = new ArrayList<>(defs);
    if (modules.size() < 2) {
      return;
    }
    List<WasmModule> parsed = new ArrayList<>();
    List<CodeStubs.Facts> facts = new ArrayList<>();
    for (ModuleDef d : modules) {
      WasmModule m = d.parsed();
      CodeStubs.Facts f = d.facts();
      if (!eligible(m, f)) {
        return;
      }
      parsed.add(m);
      facts.add(f);
    }
    Map<FunctionType, Integer> canonical = new LinkedHashMap<>();
    for (WasmModule m : parsed) {
      TypeSection ts = m.typeSection();
      for (int i = 0; i < ts.typeCount(); i++) {
        canonical.putIfAbsent(ts.getType(i), canonical.size());
      }
    }
    List<int[]> maps = new ArrayList<>();
    boolean identity = true;
    for (int k = 0; k < parsed.size(); k++) {
      TypeSection ts = parsed.get(k).typeSection();
      int[] map = new int[ts.typeCount()];
      for (int i = 0; i < map.length; i++) {
        map[i] = canonical.get(ts.getType(i));
        identity &= map[i] == i && ts.typeCount() == canonical.size();
      }
      if (!blockTypesSurvive(facts.get(k), map)) {
        return;
      }
      maps.add(map);
    }
    if (identity) {
      return;
    }
    TypeSection.Builder shared = TypeSection.builder();
    canonical.keySet().forEach(shared::addFunctionType);
    for (int k = 0; k < modules.size(); k++) {
      int[] map = maps.get(k);
      modules.get(k).replaceParsed(m -> rewrite(m, map, canonical.keySet()));
    }
  }

  private static boolean eligible(WasmModule m, CodeStubs.Facts bodies) {
    TypeSection ts = m.typeSection();
    for (int i = 0; i < ts.typeCount(); i++) {
      if (!ts.getRecType(i).isLegacy() || !plain(ts.getType(i).params()) || !plain(ts.getType(i).returns())) {
        return false;
      }
    }
    if (ts.subTypeCount() != ts.typeCount() || m.tagSection().isPresent()) {
      return false;
    }
    if (!bodies.plainBodies()) {
      return false;
    }
    for (var g : m.globalSection().globals()) {
      if (!plain(List.of(g.valueType()))) {
        return false;
      }
    }
    return true;
  }

  static boolean plain(List<ValType> types) {
    for (ValType t : types) {
      if (!(t.equals(ValType.I32) || t.equals(ValType.I64) || t.equals(ValType.F32) || t.equals(ValType.F64)
          || t.equals(ValType.V128) || t.equals(ValType.FuncRef) || t.equals(ValType.ExternRef))) {
        return false;
      }
    }
    return true;
  }

  static boolean isBlockTypeIndex(long operand) {
    return operand != 0x40 && !ValType.isValid(operand);
  }

  private static boolean blockTypesSurvive(CodeStubs.Facts bodies, int[] map) {
    BitSet used = bodies.blockTypeIndices();
    for (int now = used.nextSetBit(0); now >= 0; now = used.nextSetBit(now + 1)) {
      if (now >= map.length || !isBlockTypeIndex(map[now])) {
        return false;
      }
    }
    return true;
  }

  static boolean isBlock(OpCode op) {
    return op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF || op == OpCode.TRY_TABLE;
  }

  private static WasmModule rewrite(WasmModule m, int[] map, Collection<FunctionType> types) {
    TypeSection.Builder ts = TypeSection.builder();
    types.forEach(ts::addFunctionType);
    ImportSection.Builder imports = ImportSection.builder();
    for (int i = 0; i < m.importSection().importCount(); i++) {
      Import imp = m.importSection().getImport(i);
      imports.addImport(imp instanceof FunctionImport f
          ? new FunctionImport(f.module(), f.name(), map[f.typeIndex()]) : imp);
    }
    FunctionSection.Builder functions = FunctionSection.builder();
    for (int i = 0; i < m.functionSection().functionCount(); i++) {
      functions.addFunctionType(map[m.functionSection().getFunctionType(i)]);
    }
    CodeSection.Builder code = CodeSection.builder();
    for (FunctionBody body : m.codeSection().functionBodies()) {
      for (AnnotatedInstruction in : body.instructions()) {
        OpCode op = in.opcode();
        if (op == OpCode.CALL_INDIRECT || op == OpCode.RETURN_CALL_INDIRECT) {
          in.setOperand(0, map[(int) in.operand(0)]);
        } else if (isBlock(op) && isBlockTypeIndex(in.operand(0))) {
          in.setOperand(0, map[(int) in.operand(0)]);
        }
      }
      code.addFunctionBody(body);
    }
    // The rewritten module is another module: its digest (the compiled-code cache's key) says
    // which type list it was renumbered to.
    String digest = m.digest() == null ? null
        : m.digest() + "; types " + types + "; map " + Arrays.toString(map);
    WasmModule.Builder b = WasmModule.builder().withValidation(false).withDigest(digest)
        .setTypeSection(ts.build())
        .setImportSection(imports.build())
        .setFunctionSection(functions.build())
        .setTableSection(m.tableSection())
        .setGlobalSection(m.globalSection())
        .setExportSection(m.exportSection())
        .setElementSection(m.elementSection())
        .setCodeSection(code.build())
        .setDataSection(m.dataSection());
    m.memorySection().ifPresent(b::setMemorySection);
    m.startSection().ifPresent(b::setStartSection);
    m.dataCountSection().ifPresent(b::setDataCountSection);
    for (CustomSection c : m.customSections()) {
      b.addCustomSection(c.name(), c);
    }
    return b.build();
  }
}
