package dev.plugboard.runtime.abi;

/** The {@code realloc} canonical option: {@code (old_ptr, old_size, align, new_size) -> ptr}. */
@FunctionalInterface
public interface Realloc {
  int realloc(int oldPtr, int oldSize, int align, int newSize);
}
