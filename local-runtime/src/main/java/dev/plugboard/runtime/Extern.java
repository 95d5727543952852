package dev.plugboard.runtime;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import dev.plugboard.binary.Component;
import dev.plugboard.runtime.abi.RuntimeResource;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.util.Map;

/** What a component-level index space holds while a component instance is being built. */
sealed interface Extern {
  record Func(ComponentFunction function) implements Extern {}

  /** A component instance: its exports by name. */
  record Inst(Map<String, Extern> exports) implements Extern {}

  record Type(RtType type) implements Extern {}

  record Comp(ComponentDef definition) implements Extern {}

  record Module(ModuleDef module) implements Extern {}

  record Val(Value value) implements Extern {}

  /** Something the host gave for a root import, typed once the import's declared type is known. */
  record Host(Object given) implements Extern {}

  /** A component definition closed over the scope it was defined in (for outer aliases). */
  record ComponentDef(Component component, Scope outer) {}

  /** A type in the type index space. */
  sealed interface RtType {
    record Val(ValueType type) implements RtType {}

    record Fn(FuncType type) implements RtType {}

    record Res(RuntimeResource resource) implements RtType {}

    /** Component and instance types (kept for imports' declared types). */
    record Decl(Object definition, Scope scope) implements RtType {}
  }

  /** Core-level externs. */
  sealed interface Core {
    record Fn(CoreFunc func) implements Core {}

    record Mem(Memory memory) implements Core {}

    record Table(TableInstance table) implements Core {}

    record Global(GlobalInstance global) implements Core {}

    /** A core exception tag (exception handling), shared by identity between modules. */
    record Tag(com.dylibso.chicory.runtime.TagInstance tag) implements Core {}
  }
}
