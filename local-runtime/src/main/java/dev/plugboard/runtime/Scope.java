package dev.plugboard.runtime;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import dev.plugboard.binary.ComponentTypes;
import dev.plugboard.runtime.abi.InstanceState;
import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The index spaces of one component instance while it is built (Explainer.md "index spaces"). */
final class Scope {
  final Scope outer;
  final InstanceState state;

  final List<ModuleDef> modules = new ArrayList<>();
  final List<Map<String, Extern.Core>> coreInstances = new ArrayList<>();
  final List<CoreFunc> coreFuncs = new ArrayList<>();
  final List<Memory> memories = new ArrayList<>();
  final List<TableInstance> tables = new ArrayList<>();
  final List<GlobalInstance> globals = new ArrayList<>();
  final List<Object> coreTypes = new ArrayList<>();
  final List<Object> coreTags = new ArrayList<>();

  final List<Extern.RtType> types = new ArrayList<>();
  final List<Extern.ComponentDef> components = new ArrayList<>();
  final List<Map<String, Extern>> instances = new ArrayList<>();
  final List<ComponentFunction> funcs = new ArrayList<>();
  final List<Value> values = new ArrayList<>();
  /** The validated types of the component or type declaration this scope instantiates. */
  ComponentTypes.Space typeSpace;

  Scope(Scope outer, InstanceState state) {
    this.outer = outer;
    this.state = state;
  }

  Scope outer(int count) {
    Scope s = this;
    for (int i = 0; i < count; i++) {
      if (s.outer == null) {
        throw new IllegalStateException("outer alias beyond the outermost component");
      }
      s = s.outer;
    }
    return s;
  }

  static <T> T at(List<T> space, int index, String what) {
    if (index < 0 || index >= space.size()) {
      throw new IllegalStateException(what + " index " + index + " out of bounds (" + space.size() + " defined)");
    }
    return space.get(index);
  }
}
