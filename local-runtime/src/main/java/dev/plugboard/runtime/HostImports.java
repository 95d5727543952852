package dev.plugboard.runtime;

import dev.plugboard.binary.Component;
import dev.plugboard.binary.TypeDef;
import dev.plugboard.runtime.Extern.RtType;
import dev.plugboard.runtime.abi.RuntimeResource;
import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Types what the host gave for a root import by the import's declared type. */
final class HostImports {
  private HostImports() {}

  static Extern bind(Instantiator in, Scope s, Component.Import imp, Object given, String name) {
    String importName = imp.name().name();
    return switch (imp.type()) {
      case Component.ExternType.Func f -> {
        if (!(given instanceof HostFunction hf)) {
          throw new Instantiator.LinkException(name + ": import \"" + importName + "\" is a function; the host gave "
              + "an instance");
        }
        yield new Extern.Func(new HostAdapter(importName, Instantiator.funcType(s, f.type()), hf));
      }
      case Component.ExternType.InstanceType it -> {
        if (given instanceof ComponentInstance.ExportedInstance ei) {
          yield new Extern.Inst(ei.exports());
        }
        HostInterface host;
        if (given instanceof HostInterface h) {
          host = h;
        } else if (given instanceof Map<?, ?> functions) {
          host = fn -> functions.get(fn) instanceof HostFunction hf ? hf : null;
        } else {
          throw new Instantiator.LinkException(name + ": import \"" + importName + "\" is an instance; the host gave "
              + "a function");
        }
        RtType t = Scope.at(s.types, it.type(), "type");
        if (!(t instanceof RtType.Decl(Object d, Scope declScope)) || !(d instanceof TypeDef.InstanceType type)) {
          throw new IllegalStateException("import \"" + importName + "\" does not have an instance type");
        }
        yield new Extern.Inst(instance(in, declScope, type, host, importName, name));
      }
      case Component.ExternType.ComponentType ct -> {
        if (!(given instanceof LoadedComponent lc)) {
          throw new Instantiator.LinkException(name + ": import \"" + importName + "\" is a component; the host "
              + "gave something else");
        }
        in.addTypes(lc.types());
        yield new Extern.Comp(new Extern.ComponentDef(lc.component(), null));
      }
      default -> throw new Instantiator.LinkException(name + ": imports of kind "
          + Component.sortOf(imp.type()).label() + " cannot be given by the host");
    };
  }

  private static Map<String, Extern> instance(Instantiator in, Scope s, TypeDef.InstanceType type,
      HostInterface host, String importName, String name) {
    Scope local = new Scope(s, s.state);
    local.typeSpace = in.typeSpace(type);
    Map<String, Extern> out = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (TypeDef.Decl decl : type.decls()) {
      switch (decl) {
        case TypeDef.Decl.CoreTypeDecl c -> local.coreTypes.add(c.type());
        case TypeDef.Decl.TypeDecl t -> local.types.add(in.defineType(local, t.type(), null));
        case TypeDef.Decl.AliasDecl a -> {
          if (a.alias().target() instanceof Component.AliasTarget.Outer o) {
            Scope from = local.outer(o.count());
            local.types.add(Scope.at(from.types, o.index(), "type"));
          } else {
            throw new UnsupportedOperationException("export aliases inside an imported instance type");
          }
        }
        case TypeDef.Decl.ImportDecl i -> throw new IllegalStateException("instance types have no imports");
        case TypeDef.Decl.ExportDecl e -> {
          String export = e.name().name();
          switch (e.type()) {
            case Component.ExternType.Type t -> {
              RtType rt = t.eq() ? Scope.at(local.types, t.type(), "type")
                  : new RtType.Res(host.resource(export) instanceof RuntimeResource r ? r
                      : new RuntimeResource(export, null, null));
              local.types.add(rt);
              out.put(export, new Extern.Type(rt));
            }
            case Component.ExternType.Func f -> {
              HostFunction hf = host.function(export);
              if (hf == null) {
                missing.add(export);
              } else {
                out.put(export, new Extern.Func(new HostAdapter(importName + "#" + export,
                    Instantiator.funcType(local, f.type()), hf)));
              }
            }
            default -> throw new UnsupportedOperationException("instance exports of kind "
                + Component.sortOf(e.type()).label() + " from the host");
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new Instantiator.LinkException(name + ": the host's \"" + importName + "\" has no function"
          + (missing.size() == 1 ? " \"" + missing.getFirst() + "\"" : "s " + String.join(", ", missing)));
    }
    return out;
  }

  /** A host function seen as a component function of the import's type. */
  record HostAdapter(String name, FuncType type, HostFunction function) implements ComponentFunction {
    @Override
    public Value call(Value... args) {
      Value result = function.call(args);
      if ((type.result() == null) != (result == null)) {
        throw new dev.plugboard.runtime.abi.Trap("host function " + name + " returned "
            + (result == null ? "nothing" : "a value") + " but its type is " + type.describe());
      }
      return result;
    }
  }
}
