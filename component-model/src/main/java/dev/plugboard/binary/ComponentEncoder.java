package dev.plugboard.binary;

import dev.plugboard.binary.Component.*;
import java.util.List;

/**
 * Encodes a {@link Component} as the component binary format (Binary.md): the inverse of
 * {@link ComponentDecoder}. Numbers are written as minimal LEB128, as wasm-tools writes
 * them, so a decoded toolchain-made component encodes back to the same bytes.
 */
public final class ComponentEncoder {
  private ComponentEncoder() {}

  public static byte[] encode(Component c) {
    BinaryWriter w = new BinaryWriter();
    component(w, c);
    return w.toBytes();
  }

  private static void component(BinaryWriter w, Component c) {
    w.bytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00});
    for (Section s : c.sections()) {
      BinaryWriter body = new BinaryWriter();
      int id = section(body, s);
      w.u8(id);
      w.sized(body);
    }
  }

  private static int section(BinaryWriter w, Section s) {
    return switch (s) {
      case CustomSection c -> {
        w.name(c.name());
        w.bytes(c.data());
        yield 0;
      }
      case CoreModuleSection m -> {
        w.bytes(m.module());
        yield 1;
      }
      case CoreInstanceSection ci -> {
        w.u32(ci.instances().size());
        ci.instances().forEach(i -> coreInstance(w, i));
        yield 2;
      }
      case CoreTypeSection ct -> {
        w.u32(ct.types().size());
        ct.types().forEach(t -> coreType(w, t));
        yield 3;
      }
      case NestedComponentSection n -> {
        component(w, n.component());
        yield 4;
      }
      case InstanceSection is -> {
        w.u32(is.instances().size());
        is.instances().forEach(i -> instance(w, i));
        yield 5;
      }
      case AliasSection as -> {
        w.u32(as.aliases().size());
        as.aliases().forEach(a -> alias(w, a));
        yield 6;
      }
      case TypeSection ts -> {
        w.u32(ts.types().size());
        ts.types().forEach(t -> typeDef(w, t));
        yield 7;
      }
      case CanonSection cs -> {
        w.u32(cs.canons().size());
        cs.canons().forEach(c -> canon(w, c));
        yield 8;
      }
      case StartSection st -> {
        w.u32(st.func());
        w.u32(st.args().size());
        st.args().forEach(w::u32);
        w.u32(st.results());
        yield 9;
      }
      case ImportSection is -> {
        w.u32(is.imports().size());
        for (Import i : is.imports()) {
          externName(w, i.name());
          externType(w, i.type());
        }
        yield 10;
      }
      case ExportSection es -> {
        w.u32(es.exports().size());
        for (Export e : es.exports()) {
          externName(w, e.name());
          sort(w, e.sort());
          w.u32(e.index());
          if (e.type() == null) {
            w.u8(0x00);
          } else {
            w.u8(0x01);
            externType(w, e.type());
          }
        }
        yield 11;
      }
      case ValueSection v -> {
        w.bytes(v.data());
        yield 12;
      }
    };
  }

  private static void coreInstance(BinaryWriter w, CoreInstance i) {
    switch (i) {
      case CoreInstance.Instantiate in -> {
        w.u8(0x00);
        w.u32(in.module());
        w.u32(in.args().size());
        for (CoreArg a : in.args()) {
          w.name(a.name());
          w.u8(0x12);
          w.u32(a.instance());
        }
      }
      case CoreInstance.FromExports fe -> {
        w.u8(0x01);
        w.u32(fe.exports().size());
        for (CoreExport e : fe.exports()) {
          w.name(e.name());
          w.u8(e.sort().coreCode());
          w.u32(e.index());
        }
      }
    }
  }

  private static void sort(BinaryWriter w, Sort s) {
    if (s.isCore()) {
      w.u8(0x00);
      w.u8(s.coreCode());
    } else {
      w.u8(s.code());
    }
  }

  private static void instance(BinaryWriter w, Instance i) {
    switch (i) {
      case Instance.Instantiate in -> {
        w.u8(0x00);
        w.u32(in.component());
        w.u32(in.args().size());
        for (Arg a : in.args()) {
          w.name(a.name());
          sort(w, a.sort());
          w.u32(a.index());
        }
      }
      case Instance.FromExports fe -> {
        w.u8(0x01);
        w.u32(fe.exports().size());
        for (InlineExport e : fe.exports()) {
          externName(w, e.name());
          sort(w, e.sort());
          w.u32(e.index());
        }
      }
    }
  }

  static void alias(BinaryWriter w, Alias a) {
    sort(w, a.sort());
    switch (a.target()) {
      case AliasTarget.InstanceExport e -> {
        w.u8(0x00);
        w.u32(e.instance());
        w.name(e.name());
      }
      case AliasTarget.CoreInstanceExport e -> {
        w.u8(0x01);
        w.u32(e.instance());
        w.name(e.name());
      }
      case AliasTarget.Outer o -> {
        w.u8(0x02);
        w.u32(o.count());
        w.u32(o.index());
      }
    }
  }

  private static void externName(BinaryWriter w, ExternName n) {
    w.u8(n.form());
    w.name(n.name());
    if (n.form() == 0x02) {
      w.u32(n.attributes().size());
      for (NameAttribute a : n.attributes()) {
        w.u8(a.kind());
        w.name(a.value());
      }
    }
  }

  private static void externType(BinaryWriter w, ExternType t) {
    switch (t) {
      case ExternType.Module m -> {
        w.u8(0x00);
        w.u8(0x11);
        w.u32(m.coreType());
      }
      case ExternType.Func f -> {
        w.u8(0x01);
        w.u32(f.type());
      }
      case ExternType.Value v -> {
        w.u8(0x02);
        if (v.eq()) {
          w.u8(0x00);
          w.u32(v.valueIndex());
        } else {
          w.u8(0x01);
          valType(w, v.type());
        }
      }
      case ExternType.Type ty -> {
        w.u8(0x03);
        if (ty.eq()) {
          w.u8(0x00);
          w.u32(ty.type());
        } else {
          w.u8(0x01);
        }
      }
      case ExternType.ComponentType c -> {
        w.u8(0x04);
        w.u32(c.type());
      }
      case ExternType.InstanceType i -> {
        w.u8(0x05);
        w.u32(i.type());
      }
    }
  }

  private static void valType(BinaryWriter w, ValType t) {
    switch (t) {
      case ValType.Primitive p -> w.u8(p.code());
      case ValType.Index i -> w.s33(i.index());
    }
  }

  private static void optionalValType(BinaryWriter w, ValType t) {
    if (t == null) {
      w.u8(0x00);
    } else {
      w.u8(0x01);
      valType(w, t);
    }
  }

  private static void typeDef(BinaryWriter w, TypeDef t) {
    switch (t) {
      case TypeDef.Prim p -> w.u8(p.type().code());
      case TypeDef.Record r -> {
        w.u8(0x72);
        w.u32(r.fields().size());
        for (TypeDef.Field f : r.fields()) {
          w.name(f.name());
          valType(w, f.type());
        }
      }
      case TypeDef.Variant v -> {
        w.u8(0x71);
        w.u32(v.cases().size());
        for (TypeDef.Case c : v.cases()) {
          w.name(c.name());
          optionalValType(w, c.type());
          w.u8(0x00);
        }
      }
      case TypeDef.ListOf l -> {
        w.u8(0x70);
        valType(w, l.element());
      }
      case TypeDef.FixedList l -> {
        w.u8(0x67);
        valType(w, l.element());
        w.u32(l.length());
      }
      case TypeDef.Tuple tu -> {
        w.u8(0x6f);
        w.u32(tu.types().size());
        tu.types().forEach(x -> valType(w, x));
      }
      case TypeDef.Flags f -> labels(w, 0x6e, f.names());
      case TypeDef.Enum e -> labels(w, 0x6d, e.names());
      case TypeDef.Option o -> {
        w.u8(0x6b);
        valType(w, o.type());
      }
      case TypeDef.Result r -> {
        w.u8(0x6a);
        optionalValType(w, r.ok());
        optionalValType(w, r.err());
      }
      case TypeDef.Own o -> {
        w.u8(0x69);
        w.u32(o.resource());
      }
      case TypeDef.Borrow b -> {
        w.u8(0x68);
        w.u32(b.resource());
      }
      case TypeDef.Stream s -> {
        w.u8(0x66);
        optionalValType(w, s.element());
      }
      case TypeDef.Future f -> {
        w.u8(0x65);
        optionalValType(w, f.element());
      }
      case TypeDef.MapOf m -> {
        w.u8(0x63);
        valType(w, m.key());
        valType(w, m.value());
      }
      case TypeDef.Func f -> {
        w.u8(f.async() ? 0x43 : 0x40);
        w.u32(f.params().size());
        for (TypeDef.Param p : f.params()) {
          w.name(p.name());
          valType(w, p.type());
        }
        resultList(w, f.result());
      }
      case TypeDef.Resource r -> {
        w.u8(0x3f);
        w.u8(r.rep());
        if (r.dtor() < 0) {
          w.u8(0x00);
        } else {
          w.u8(0x01);
          w.u32(r.dtor());
        }
      }
      case TypeDef.ComponentType c -> {
        w.u8(0x41);
        w.u32(c.decls().size());
        c.decls().forEach(d -> decl(w, d));
      }
      case TypeDef.InstanceType i -> {
        w.u8(0x42);
        w.u32(i.decls().size());
        i.decls().forEach(d -> decl(w, d));
      }
    }
  }

  private static void labels(BinaryWriter w, int code, List<String> names) {
    w.u8(code);
    w.u32(names.size());
    names.forEach(w::name);
  }

  private static void resultList(BinaryWriter w, ValType result) {
    if (result == null) {
      w.u8(0x01);
      w.u8(0x00);
    } else {
      w.u8(0x00);
      valType(w, result);
    }
  }

  private static void decl(BinaryWriter w, TypeDef.Decl d) {
    switch (d) {
      case TypeDef.Decl.CoreTypeDecl c -> {
        w.u8(0x00);
        coreType(w, c.type());
      }
      case TypeDef.Decl.TypeDecl t -> {
        w.u8(0x01);
        typeDef(w, t.type());
      }
      case TypeDef.Decl.AliasDecl a -> {
        w.u8(0x02);
        alias(w, a.alias());
      }
      case TypeDef.Decl.ImportDecl i -> {
        w.u8(0x03);
        externName(w, i.name());
        externType(w, i.type());
      }
      case TypeDef.Decl.ExportDecl e -> {
        w.u8(0x04);
        externName(w, e.name());
        externType(w, e.type());
      }
    }
  }

  private static void coreType(BinaryWriter w, CoreType t) {
    switch (t) {
      case CoreType.Func f -> {
        w.u8(0x60);
        w.u32(f.params().size());
        f.params().forEach(w::bytes);
        w.u32(f.results().size());
        f.results().forEach(w::bytes);
      }
      case CoreType.Module m -> {
        w.u8(0x50);
        w.u32(m.decls().size());
        for (CoreType.ModuleDecl d : m.decls()) {
          switch (d) {
            case CoreType.ModuleDecl.ImportDecl i -> {
              w.u8(0x00);
              w.name(i.module());
              w.name(i.name());
              w.u8(i.type().kind());
              w.bytes(i.type().rest());
            }
            case CoreType.ModuleDecl.TypeDecl td -> {
              w.u8(0x01);
              coreType(w, td.type());
            }
            case CoreType.ModuleDecl.OuterAlias a -> {
              w.u8(0x02);
              w.u8(0x10);
              w.u8(0x01);
              w.u32(a.count());
              w.u32(a.index());
            }
            case CoreType.ModuleDecl.ExportDecl e -> {
              w.u8(0x03);
              w.name(e.name());
              w.u8(e.type().kind());
              w.bytes(e.type().rest());
            }
          }
        }
      }
      case CoreType.Raw r -> w.bytes(r.bytes());
    }
  }

  private static void canon(BinaryWriter w, Canon c) {
    switch (c) {
      case Canon.Lift l -> {
        w.u8(0x00);
        w.u8(0x00);
        w.u32(l.coreFunc());
        options(w, l.options());
        w.u32(l.type());
      }
      case Canon.Lower l -> {
        w.u8(0x01);
        w.u8(0x00);
        w.u32(l.func());
        options(w, l.options());
      }
      case Canon.ResourceNew r -> {
        w.u8(0x02);
        w.u32(r.type());
      }
      case Canon.ResourceDrop r -> {
        w.u8(r.async() ? 0x07 : 0x03);
        w.u32(r.type());
      }
      case Canon.ResourceRep r -> {
        w.u8(0x04);
        w.u32(r.type());
      }
      case Canon.Builtin b -> {
        w.u8(b.opcode());
        for (Canon.Operand o : b.operands()) {
          switch (o) {
            case Canon.Operand.U32 u -> w.u32(u.value());
            case Canon.Operand.Byte by -> w.u8(by.value());
            case Canon.Operand.Options opts -> options(w, opts.options());
            case Canon.Operand.Results r -> resultList(w, r.type());
          }
        }
      }
    }
  }

  private static void options(BinaryWriter w, List<Canon.Option> opts) {
    w.u32(opts.size());
    for (Canon.Option o : opts) {
      w.u8(o.code());
      if (o.hasIndex()) {
        w.u32(o.index());
      }
    }
  }
}
