package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.WasiValues.OK;
import static dev.plugboard.runtime.wasi.WasiValues.checkInterrupted;
import static dev.plugboard.runtime.wasi.WasiValues.err;
import static dev.plugboard.runtime.wasi.WasiValues.length;
import static dev.plugboard.runtime.wasi.WasiValues.ok;

import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi:io}: {@code error} (a failure's message), {@code poll} (pollables that become ready
 * on their own: data on a stream, a clock deadline) and {@code streams} (blocking and
 * non-blocking reads and writes, flush, splice, subscribe) over {@link WasiStreams}.
 */
final class IoHost {
  /** How much a write may carry after {@code check-write} says yes. */
  static final int WRITE_BUDGET = 1 << 20;
  /** The most one read returns. */
  static final int READ_CHUNK = 1 << 16;

  final ResourceTable<IOException> errors = new ResourceTable<>("error");
  final ResourceTable<Pollable> pollables = new ResourceTable<>("pollable");
  final ResourceTable<WasiStreams.In> inputs = new ResourceTable<>("input-stream", WasiStreams.In::close);
  final ResourceTable<WasiStreams.Out> outputs = new ResourceTable<>("output-stream", WasiStreams.Out::close);
  private final Object signal;

  /** Something a guest can wait for. */
  interface Pollable {
    boolean ready();

    /** When (on {@link System#nanoTime}) it becomes ready by itself; {@code Long.MAX_VALUE} if it does not. */
    default long readyAt() {
      return Long.MAX_VALUE;
    }
  }

  static final Pollable ALWAYS = () -> true;

  /** @param signal notified whenever data arrives on a stream a guest may be waiting for */
  IoHost(Object signal) {
    this.signal = signal;
  }

  void register(Map<String, WasiInterface> into) {
    into.put("wasi:io/error", new WasiInterface().resource("error", errors)
        .function("[method]error.to-debug-string", a -> Value.string(String.valueOf(errors.get(a[0]).getMessage()))));
    into.put("wasi:io/poll", new WasiInterface().resource("pollable", pollables)
        .function("[method]pollable.ready", a -> Value.bool(pollables.get(a[0]).ready()))
        .function("[method]pollable.block", a -> {
          block(List.of(pollables.get(a[0])));
          return null;
        })
        .function("poll", a -> poll(((Value.ListValue) a[0]).elements())));
    WasiInterface streams = new WasiInterface().resource("input-stream", inputs).resource("output-stream", outputs)
        .resource("error", errors).resource("pollable", pollables);
    streams.function("[method]input-stream.read", a -> read(a, false))
        .function("[method]input-stream.blocking-read", a -> read(a, true))
        .function("[method]input-stream.skip", a -> skip(a, false))
        .function("[method]input-stream.blocking-skip", a -> skip(a, true))
        .function("[method]input-stream.subscribe", a -> pollables.own(inputs.get(a[0]).readiness()))
        .function("[method]output-stream.check-write", a -> outputCall(a, o -> Value.u64(o.checkWrite())))
        .function("[method]output-stream.write", a -> outputCall(a, o -> {
          o.write(WasiValues.bytes(a[1]));
          return null;
        }))
        .function("[method]output-stream.blocking-write-and-flush", a -> outputCall(a, o -> {
          o.write(WasiValues.bytes(a[1]));
          o.flush();
          return null;
        }))
        .function("[method]output-stream.flush", a -> outputCall(a, o -> {
          o.flush();
          return null;
        }))
        .function("[method]output-stream.blocking-flush", a -> outputCall(a, o -> {
          o.flush();
          return null;
        }))
        .function("[method]output-stream.subscribe", a -> pollables.own(ALWAYS))
        .function("[method]output-stream.write-zeroes", a -> outputCall(a, o -> {
          o.write(new byte[length(a[1], "write-zeroes", Integer.MAX_VALUE - 8)]);
          return null;
        }))
        .function("[method]output-stream.blocking-write-zeroes-and-flush", a -> outputCall(a, o -> {
          o.write(new byte[length(a[1], "write-zeroes", Integer.MAX_VALUE - 8)]);
          o.flush();
          return null;
        }))
        .function("[method]output-stream.splice", a -> splice(a, false))
        .function("[method]output-stream.blocking-splice", a -> splice(a, true));
    into.put("wasi:io/streams", streams);
  }

  /** {@code stream-error}: {@code closed}, or {@code last-operation-failed} with an {@code error}. */
  private Value streamError(IOException e) {
    return e instanceof WasiStreams.Closed ? err(new Value.VariantValue("closed", null))
        : err(new Value.VariantValue("last-operation-failed", errors.own(e)));
  }

  @FunctionalInterface
  private interface OutputOp {
    Value apply(WasiStreams.Out out) throws IOException;
  }

  private Value outputCall(Value[] a, OutputOp op) {
    checkInterrupted();
    WasiStreams.Out out = outputs.get(a[0]);
    try {
      Value v = op.apply(out);
      return v == null ? OK : ok(v);
    } catch (IOException e) {
      return streamError(e);
    }
  }

  private Value read(Value[] a, boolean blocking) {
    WasiStreams.In in = inputs.get(a[0]);
    int len = length(a[1], "read", READ_CHUNK);
    try {
      byte[] got = in.read(len);
      while (blocking && got.length == 0 && len > 0) {
        block(List.of(in.readiness()));
        got = in.read(len);
      }
      return ok(WasiValues.list(got));
    } catch (IOException e) {
      return streamError(e);
    }
  }

  private Value skip(Value[] a, boolean blocking) {
    Value r = read(new Value[] {a[0], a[1]}, blocking);
    if (r instanceof Value.ResultValue(boolean isOk, Value payload) && isOk) {
      return ok(Value.u64(((Value.ListValue) payload).elements().size()));
    }
    return r;
  }

  private Value splice(Value[] a, boolean blocking) {
    WasiStreams.Out out = outputs.get(a[0]);
    Value r = read(new Value[] {a[1], a[2]}, blocking);
    if (!(r instanceof Value.ResultValue(boolean isOk, Value payload)) || !isOk) {
      return r;
    }
    byte[] bytes = WasiValues.bytes(payload);
    return outputCall(new Value[] {a[0]}, o -> {
      o.write(bytes);
      return Value.u64(bytes.length);
    });
  }

  private Value poll(List<Value> in) {
    if (in.isEmpty()) {
      throw new Trap("poll: the list of pollables is empty");
    }
    List<Pollable> ps = new ArrayList<>();
    for (Value v : in) {
      ps.add(pollables.get(v));
    }
    block(ps);
    List<Value> ready = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      if (ps.get(i).ready()) {
        ready.add(Value.u32(i));
      }
    }
    return Value.list(ready);
  }

  /** Waits until one of {@code ps} is ready; a deadline on the calling thread stops the wait with a trap. */
  void block(List<Pollable> ps) {
    while (true) {
      long wake = Long.MAX_VALUE;
      for (Pollable p : ps) {
        if (p.ready()) {
          return;
        }
        wake = Math.min(wake, p.readyAt());
      }
      long nanos = wake == Long.MAX_VALUE ? 50_000_000L : Math.min(50_000_000L, wake - System.nanoTime());
      if (nanos > 0) {
        try {
          synchronized (signal) {
            signal.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      checkInterrupted();
    }
  }

  void close() {
    inputs.clear(WasiStreams.In::close);
    outputs.clear(WasiStreams.Out::close);
  }
}
