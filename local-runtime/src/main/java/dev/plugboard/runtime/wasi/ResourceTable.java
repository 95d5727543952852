package dev.plugboard.runtime.wasi;

import dev.plugboard.runtime.abi.RuntimeResource;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The host side of one WASI resource type: the Java objects behind the representations the host
 * hands out. The guest holds them in its own handle table; when it drops its owning handle, the
 * type's destructor removes the object here and releases it ({@code onDrop}, e.g. closing a file).
 */
final class ResourceTable<T> {
  private final String name;
  private final Map<Integer, T> live = new HashMap<>();
  private final RuntimeResource type;
  private int next = 1;

  ResourceTable(String name, Consumer<? super T> onDrop) {
    this.name = name;
    this.type = new RuntimeResource(name, null, rep -> {
      T t = live.remove(rep);
      if (t != null && onDrop != null) {
        onDrop.accept(t);
      }
    });
  }

  ResourceTable(String name) {
    this(name, null);
  }

  RuntimeResource type() {
    return type;
  }

  /** A new owning handle to {@code object}, for a host function to return. */
  Value.Handle own(T object) {
    int rep = next++;
    live.put(rep, object);
    return new Value.Handle(type, rep, true);
  }

  /** The object behind a handle the guest passed (own or borrow). */
  T get(Value handle) {
    if (!(handle instanceof Value.Handle h) || h.type() != type) {
      throw new Trap("expected a " + name + " handle, got " + handle);
    }
    T t = live.get(h.rep());
    if (t == null) {
      throw new Trap("the " + name + " " + h.rep() + " was already dropped");
    }
    return t;
  }

  /** Releases every object still held (the instance is done). */
  void clear(Consumer<? super T> release) {
    live.values().forEach(release);
    live.clear();
  }
}
