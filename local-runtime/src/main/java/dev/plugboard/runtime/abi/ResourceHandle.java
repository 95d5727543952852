package dev.plugboard.runtime.abi;

/** An element of a handle table (CanonicalABI.md {@code ResourceHandle}). */
public final class ResourceHandle {
  final RuntimeResource type;
  final int rep;
  final boolean own;
  final Task borrowScope;
  int numLends;

  ResourceHandle(RuntimeResource type, int rep, boolean own, Task borrowScope) {
    this.type = type;
    this.rep = rep;
    this.own = own;
    this.borrowScope = borrowScope;
  }

  public RuntimeResource type() {
    return type;
  }

  public int rep() {
    return rep;
  }

  public boolean own() {
    return own;
  }
}
