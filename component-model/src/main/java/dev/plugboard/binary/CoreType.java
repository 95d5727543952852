package dev.plugboard.binary;

import java.util.Arrays;
import java.util.List;

/**
 * A core type in a component's core type section: a core function type, a module type,
 * or any other core (GC) type kept as its bytes.
 */
public sealed interface CoreType {

  /** {@code (func (param ...) (result ...))}; value types as their core bytes. */
  record Func(List<byte[]> params, List<byte[]> results) implements CoreType {
    public Func {
      params = List.copyOf(params);
      results = List.copyOf(results);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Func f && same(f.params, params) && same(f.results, results);
    }

    @Override
    public int hashCode() {
      return params.size() * 31 + results.size();
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!Arrays.equals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  record Module(List<ModuleDecl> decls) implements CoreType {
    public Module {
      decls = List.copyOf(decls);
    }
  }

  /** A rec group, sub type or other GC form, as its bytes. */
  record Raw(byte[] bytes) implements CoreType {
    @Override
    public boolean equals(Object o) {
      return o instanceof Raw r && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  /** A declaration in a module type. */
  sealed interface ModuleDecl {
    /** {@code (import "module" "name" externtype)}; the extern type as its core bytes. */
    record ImportDecl(String module, String name, CoreExtern type) implements ModuleDecl {}

    record TypeDecl(CoreType type) implements ModuleDecl {}

    record OuterAlias(int count, int index) implements ModuleDecl {}

    record ExportDecl(String name, CoreExtern type) implements ModuleDecl {}
  }

  /** A core extern type: its kind byte and the rest as bytes. */
  record CoreExtern(int kind, byte[] rest) {
    @Override
    public boolean equals(Object o) {
      return o instanceof CoreExtern c && c.kind == kind && Arrays.equals(c.rest, rest);
    }

    @Override
    public int hashCode() {
      return kind * 31 + Arrays.hashCode(rest);
    }
  }
}
