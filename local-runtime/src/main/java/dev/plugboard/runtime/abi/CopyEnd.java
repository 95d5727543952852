package dev.plugboard.runtime.abi;

import dev.plugboard.types.ValueType;

/**
 * One end of a stream or future in a handle table (CanonicalABI.md {@code CopyEnd} and its
 * readable/writable, stream/future subclasses): its copy state and the shared state.
 */
public final class CopyEnd extends Waitable {
  public enum CopyState { IDLE, COPYING, CANCELLING_COPY, DONE }

  final boolean stream;
  final boolean readable;
  /** A {@link SharedStream} or {@link SharedFuture}. */
  final Object shared;
  CopyState state = CopyState.IDLE;

  CopyEnd(boolean stream, boolean readable, Object shared) {
    this.stream = stream;
    this.readable = readable;
    this.shared = shared;
  }

  static CopyEnd readableOf(Object shared) {
    return new CopyEnd(shared instanceof SharedStream, true, shared);
  }

  String describe() {
    return (readable ? "the readable end of a " : "the writable end of a ") + (stream ? "stream" : "future");
  }

  ValueType elementType() {
    return shared instanceof SharedStream s ? s.t : ((SharedFuture) shared).t;
  }

  boolean copying() {
    return state == CopyState.COPYING || state == CopyState.CANCELLING_COPY;
  }

  void cancelShared() {
    if (shared instanceof SharedStream s) {
      s.cancel();
    } else {
      ((SharedFuture) shared).cancel();
    }
  }

  @Override
  void drop() {
    if (!stream && !readable && state != CopyState.DONE) {
      throw new Trap("cannot drop the writable end of a future before a value was written (or the reader "
          + "dropped)");
    }
    if (copying()) {
      throw new Trap("cannot drop " + describe() + " while a copy is in progress");
    }
    if (shared instanceof SharedStream s) {
      s.drop();
    } else {
      ((SharedFuture) shared).drop();
    }
    super.drop();
  }

  /** Looks up an end of the given kind and element type ({@code trap_if}s of the built-ins). */
  static CopyEnd get(InstanceState inst, long i, boolean stream, boolean readable, ValueType t) {
    CopyEnd e = inst.handles.get(i, CopyEnd.class, "a stream or future end");
    if (e.stream != stream || e.readable != readable) {
      throw new Trap("handle " + i + " is " + e.describe() + ", not " + new CopyEnd(stream, readable, null).describe());
    }
    if (!java.util.Objects.equals(e.elementType(), t)) {
      throw new Trap("handle " + i + " has element type " + ValueType.describe(e.elementType()) + ", not "
          + ValueType.describe(t));
    }
    return e;
  }
}
