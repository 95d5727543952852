package dev.plugboard.runtime.abi;

/**
 * The canonical options of one lift or lower: the memory and {@code realloc} (null where the
 * definition has none) and the string encoding.
 */
public record CanonOptions(AbiMemory memory, Realloc realloc, StringEncoding encoding) {
  public static final CanonOptions NONE = new CanonOptions(null, null, StringEncoding.UTF8);

  public AbiMemory requireMemory() {
    if (memory == null) {
      throw new Trap("the canonical definition has no memory option but the value needs one");
    }
    return memory;
  }
}
