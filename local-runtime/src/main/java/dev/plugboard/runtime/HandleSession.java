package dev.plugboard.runtime;

import dev.plugboard.types.ResourceType;
import dev.plugboard.types.Value;
import dev.plugboard.wave.Handles;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource handles the host received during a series of calls, numbered from 1 in the
 * order they arrived, so that WAVE text can name them ({@code store(1)}). Passing a handle as
 * an {@code own} argument moves it to the callee: its number is then used up.
 */
public final class HandleSession implements Handles {
  private final List<Value.Handle> handles = new ArrayList<>();

  @Override
  public int number(Value.Handle handle) {
    for (int i = 0; i < handles.size(); i++) {
      Value.Handle h = handles.get(i);
      if (h != null && h.type() == handle.type() && h.rep() == handle.rep()) {
        return i + 1;
      }
    }
    handles.add(handle);
    return handles.size();
  }

  @Override
  public Value.Handle resolve(ResourceType type, int number, boolean own) {
    if (number < 1 || number > handles.size()) {
      return null;
    }
    Value.Handle h = handles.get(number - 1);
    if (h == null || h.type() != type) {
      return null;
    }
    if (own) {
      if (!h.own()) {
        return null;
      }
      handles.set(number - 1, null);
      return h;
    }
    return new Value.Handle(type, h.rep(), false);
  }
}
