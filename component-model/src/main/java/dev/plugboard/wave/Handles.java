package dev.plugboard.wave;

import dev.plugboard.types.ResourceType;
import dev.plugboard.types.Value;

/**
 * How resource handles are written in WAVE, which leaves them open ({@code <named-type>(<idx>)}):
 * a handle is its resource's name and a number this table gives it, {@code store(1)}. A
 * session (such as the calls of one {@code plugboard run}) numbers the handles it receives and
 * reads them back when they are passed again.
 */
public interface Handles {
  /** The number to print for {@code handle}, giving it one if it is new. */
  int number(Value.Handle handle);

  /**
   * The handle numbered {@code number} as an argument of type {@code own<type>} ({@code own}
   * true: ownership moves to the callee and the number is used up) or {@code borrow<type>}.
   *
   * @return null when there is no such live handle of that type
   */
  Value.Handle resolve(ResourceType type, int number, boolean own);
}
