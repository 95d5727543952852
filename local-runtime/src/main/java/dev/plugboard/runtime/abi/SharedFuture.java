package dev.plugboard.runtime.abi;

import dev.plugboard.types.ValueType;
import java.util.function.IntConsumer;

/** The state both ends of one future share (CanonicalABI.md {@code SharedFutureImpl}). */
public final class SharedFuture {
  final ValueType t;
  private boolean dropped;
  private InstanceState pendingInst;
  private GuestBuffer pendingBuffer;
  private IntConsumer pendingOnCopyDone;

  SharedFuture(ValueType t) {
    this.t = t;
  }

  private void setPending(InstanceState inst, GuestBuffer buffer, IntConsumer onCopyDone) {
    pendingInst = inst;
    pendingBuffer = buffer;
    pendingOnCopyDone = onCopyDone;
  }

  private void resetAndNotifyPending(int result) {
    IntConsumer done = pendingOnCopyDone;
    setPending(null, null, null);
    done.accept(result);
  }

  void cancel() {
    resetAndNotifyPending(SharedStream.CANCELLED);
  }

  void drop() {
    if (!dropped) {
      dropped = true;
      if (pendingBuffer != null) {
        resetAndNotifyPending(SharedStream.DROPPED);
      }
    }
  }

  /** A read into {@code buffer}, or a write from it ({@code write}): one value. */
  void copy(boolean write, InstanceState inst, GuestBuffer buffer, IntConsumer onCopyDone) {
    if (write && dropped) {
      onCopyDone.accept(SharedStream.DROPPED);
    } else if (pendingBuffer == null) {
      setPending(inst, buffer, onCopyDone);
    } else {
      SharedStream.checkSameInstance(t, inst, pendingInst);
      if (write) {
        pendingBuffer.write(buffer.read(1));
      } else {
        buffer.write(pendingBuffer.read(1));
      }
      resetAndNotifyPending(SharedStream.COMPLETED);
      onCopyDone.accept(SharedStream.COMPLETED);
    }
  }
}
