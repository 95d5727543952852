package dev.plugboard.runtime.abi;

import dev.plugboard.types.ValueType;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The state both ends of one stream share (CanonicalABI.md {@code SharedStreamImpl}): whether
 * an end was dropped, and the one read or write waiting for the other side (its buffer and
 * callbacks). A copy happens when the second side arrives, directly between the two buffers.
 */
public final class SharedStream {
  public static final int COMPLETED = 0;
  public static final int DROPPED = 1;
  public static final int CANCELLED = 2;

  /** The element type (null for {@code stream}). */
  final ValueType t;
  private boolean dropped;
  private InstanceState pendingInst;
  private GuestBuffer pendingBuffer;
  private Consumer<Runnable> pendingOnCopy;
  private IntConsumer pendingOnCopyDone;

  SharedStream(ValueType t) {
    this.t = t;
  }

  private void setPending(InstanceState inst, GuestBuffer buffer, Consumer<Runnable> onCopy, IntConsumer onCopyDone) {
    pendingInst = inst;
    pendingBuffer = buffer;
    pendingOnCopy = onCopy;
    pendingOnCopyDone = onCopyDone;
  }

  private void resetPending() {
    setPending(null, null, null, null);
  }

  private void resetAndNotifyPending(int result) {
    IntConsumer done = pendingOnCopyDone;
    resetPending();
    done.accept(result);
  }

  void cancel() {
    resetAndNotifyPending(CANCELLED);
  }

  void drop() {
    if (!dropped) {
      dropped = true;
      if (pendingBuffer != null) {
        resetAndNotifyPending(DROPPED);
      }
    }
  }

  /** A read into {@code dst}, or a write from it ({@code write}). */
  void copy(boolean write, InstanceState inst, GuestBuffer buffer, Consumer<Runnable> onCopy, IntConsumer onCopyDone) {
    if (dropped) {
      onCopyDone.accept(DROPPED);
    } else if (pendingBuffer == null) {
      setPending(inst, buffer, onCopy, onCopyDone);
    } else {
      checkSameInstance(t, inst, pendingInst);
      if (pendingBuffer.remain() > 0) {
        if (buffer.remain() > 0) {
          int n = Math.min(buffer.remain(), pendingBuffer.remain());
          if (write) {
            pendingBuffer.write(buffer.read(n));
          } else {
            buffer.write(pendingBuffer.read(n));
          }
          pendingOnCopy.accept(this::resetPending);
        }
        onCopyDone.accept(COMPLETED);
      } else if (write && buffer.isZeroLength() && pendingBuffer.isZeroLength()) {
        onCopyDone.accept(COMPLETED);
      } else {
        resetAndNotifyPending(COMPLETED);
        setPending(inst, buffer, onCopy, onCopyDone);
      }
    }
  }

  /** For now, both ends of a stream or future of non-number values may not be in one instance. */
  static void checkSameInstance(ValueType t, InstanceState inst, InstanceState pendingInst) {
    if (inst == pendingInst && !(t == null || t instanceof ValueType.Prim p && p != ValueType.Prim.BOOL
        && p != ValueType.Prim.CHAR && p != ValueType.Prim.STRING)) {
      throw new Trap("cannot copy " + ValueType.describe(t) + " values between two ends in the same component "
          + "instance (only numbers, for now)");
    }
  }
}
