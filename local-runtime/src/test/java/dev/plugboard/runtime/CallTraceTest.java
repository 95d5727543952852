package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.runtime.trace.TraceRecorder;
import dev.plugboard.types.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the trace reports for calls whose Canonical ABI costs are known from their signatures. */
class CallTraceTest {
  private static final String ECHO = "example:bench/echo@0.1.0#echo";
  private static final Path STRINGS = Path.of("../component-model/src/test/resources/spec-cases/wasm/run-strings/0.wasm");

  @AfterEach
  void fusedBackOn() {
    FusedCall.enabled = true;
  }

  private static Value bytes(int n) {
    List<Value> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      v.add(Value.u8(i & 0xff));
    }
    return Value.list(v);
  }

  /** {@code echo(list<u8>)} of 1 KiB from the host: 1,024 bytes in, 1,024 out, one realloc in the callee. */
  @Test
  void hostCallOfEcho() throws Exception {
    List<CallEvent> events = new ArrayList<>();
    ComponentInstance echo = FixtureRunTest.load("echo").instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withTracer(events::add));
    long before = System.nanoTime();
    echo.function("echo").call(bytes(1024));
    long after = System.nanoTime();

    assertThat(events).hasSize(1);
    CallEvent e = events.getFirst();
    assertThat(e.caller()).isEqualTo("host");
    // functions are named after the core function that implements them
    assertThat(e.function()).isEqualTo(ECHO);
    assertThat(e.parent()).isZero();
    assertThat(e.thread()).isEqualTo(Thread.currentThread().threadId());
    assertThat(e.bytesIn()).isEqualTo(1024);
    assertThat(e.bytesOut()).isEqualTo(1024);
    assertThat(e.reallocsIn()).isEqualTo(1);
    assertThat(e.reallocsOut()).isZero();
    assertThat(e.transcodes()).isZero();
    assertThat(e.trapped()).isFalse();
    assertThat(e.fused()).isFalse();
    // the phases lie inside the time the call took as seen from outside
    assertThat(e.startNanos()).isBetween(before, after);
    assertThat(e.startNanos() + e.totalNanos()).isBetween(before, after);
    assertThat(e.lowerNanos()).isPositive();
    assertThat(e.guestNanos()).isPositive();
    assertThat(e.liftNanos()).isPositive();
    assertThat(e.callerLiftNanos()).isZero();
    assertThat(e.callerLowerNanos()).isZero();
  }

  /**
   * {@code pump(3, 1024)} calls {@code echo} three times across a component boundary: each call
   * copies 1,024 bytes each way with one realloc on each side, nested inside the host's call,
   * and the fused and the generic adapters report the same.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void crossComponentEchoFusedAndGeneric(boolean fused) throws Exception {
    FusedCall.enabled = fused;
    List<CallEvent> events = new ArrayList<>();
    ComponentInstance bench = FixtureRunTest.load("composed-bench-echo").instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withTracer(events::add));
    bench.function("pump").call(Value.u32(3), Value.u32(1024));

    assertThat(events).hasSize(4);
    CallEvent pump = events.getLast();
    assertThat(pump.function()).isEqualTo("pump");
    assertThat(pump.caller()).isEqualTo("host");
    List<CallEvent> echoes = events.subList(0, 3);
    for (CallEvent e : echoes) {
      assertThat(e.function()).isEqualTo(ECHO);
      assertThat(e.caller()).isNotEqualTo("host").isEqualTo(pump.callee());
      assertThat(e.parent()).isEqualTo(pump.id());
      assertThat(e.fused()).isEqualTo(fused);
      assertThat(e.bytesIn()).isEqualTo(1024);
      assertThat(e.bytesOut()).isEqualTo(1024);
      assertThat(e.reallocsIn()).isEqualTo(1);
      assertThat(e.reallocsOut()).isEqualTo(1);
      assertThat(e.transcodes()).isZero();
      assertThat(e.callerEncoding()).isEqualTo("utf8");
      assertThat(e.calleeEncoding()).isEqualTo("utf8");
      // nested in time inside pump's guest phase
      assertThat(e.startNanos()).isGreaterThanOrEqualTo(pump.startNanos() + pump.lowerNanos());
      assertThat(e.startNanos() + e.totalNanos())
          .isLessThanOrEqualTo(pump.startNanos() + pump.lowerNanos() + pump.guestNanos());
    }
    assertThat(echoes).extracting(CallEvent::id).doesNotHaveDuplicates();
    assertThat(pump.bytesIn()).isZero();
  }

  /** A UTF-8 caller passing {@code "héllo"} to a UTF-16 callee: one string transcoded, 10 bytes written. */
  @Test
  void transcodingOnAUtf8ToUtf16Wire() throws Exception {
    List<CallEvent> events = new ArrayList<>();
    ComponentInstance c = LoadedComponent.load(Files.readAllBytes(STRINGS), "strings.wasm").instantiate(
        Imports.none(), RuntimeConfig.DEFAULT.withTracer(events::add));
    c.function("go").call();

    assertThat(events).hasSize(2);
    CallEvent len = events.getFirst();
    assertThat(len.function()).isEqualTo("len");
    assertThat(len.callerEncoding()).isEqualTo("utf8");
    assertThat(len.calleeEncoding()).isEqualTo("utf16");
    assertThat(len.transcodes()).isEqualTo(1);
    assertThat(len.bytesIn()).isEqualTo(10);
    // the reference allocates the worst case (2 × 6 bytes) and then shrinks to 10
    assertThat(len.reallocsIn()).isEqualTo(2);
    assertThat(len.fused()).isFalse();
    assertThat(events.getLast().transcodes()).isZero();
  }

  /** The recorder aggregates per function and per wire, and keeps events up to its bound. */
  @Test
  void recorderAggregatesAndBoundsEvents() throws Exception {
    TraceRecorder recorder = new TraceRecorder(TraceRecorder.Mode.EXACT, 5);
    ComponentInstance bench = FixtureRunTest.load("composed-bench-echo").instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withTracer(recorder));
    bench.function("pump").call(Value.u32(10), Value.u32(16));

    TraceRecorder.Snapshot s = recorder.snapshot();
    assertThat(s.calls()).isEqualTo(11);
    assertThat(s.events()).hasSize(5);
    assertThat(s.droppedEvents()).isEqualTo(6);
    CallStats echo = s.functions().stream().filter(f -> ECHO.equals(f.function())).findFirst().orElseThrow();
    assertThat(echo.calls()).isEqualTo(10);
    assertThat(echo.bytesIn()).isEqualTo(160);
    assertThat(echo.bytesOut()).isEqualTo(160);
    assertThat(echo.reallocs()).isEqualTo(20);
    assertThat(echo.fusedCalls()).isEqualTo(10);
    assertThat(echo.latency().getTotalCount()).isEqualTo(10);
    assertThat(s.wires()).hasSize(2);
    assertThat(s.wires()).extracting(CallStats::caller).contains("host");
  }

  /**
   * A sampling tracer sees each call site's first 1,024 calls, then one in 64 weighing 64; the
   * recorder's aggregate mode counts by weight.
   */
  @Test
  void samplingTracesTheFirstCallsThenOneInN() throws Exception {
    List<CallEvent> events = new ArrayList<>();
    TraceRecorder recorder = new TraceRecorder(TraceRecorder.Mode.AGGREGATE);
    dev.plugboard.runtime.trace.CallTracer sampling = new dev.plugboard.runtime.trace.CallTracer() {
      @Override
      public void onCall(CallEvent e) {
        events.add(e);
        recorder.onCall(e);
      }

      @Override
      public int sampleEvery() {
        return recorder.sampleEvery();
      }
    };
    ComponentInstance bench = FixtureRunTest.load("composed-bench-echo").instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withTracer(sampling));
    assertThat(bench.function("pump").call(Value.u32(3000), Value.u32(16))).isEqualTo(Value.u64(3000 * 16));

    // 1,976 calls after the first 1,024: sampled at 0, 64, ..., 1,920, i.e. 31 events of weight 64
    List<CallEvent> echoes = events.stream().filter(e -> ECHO.equals(e.function())).toList();
    assertThat(echoes).hasSize(1024 + 31);
    assertThat(echoes.subList(0, 1024)).allSatisfy(e -> assertThat(e.weight()).isEqualTo(1));
    assertThat(echoes.subList(1024, echoes.size())).allSatisfy(e -> assertThat(e.weight()).isEqualTo(64));
    CallEvent pump = events.getLast();
    assertThat(echoes).allSatisfy(e -> assertThat(e.parent()).isEqualTo(pump.id()));
    CallStats echo = recorder.snapshot().functions().stream().filter(f -> ECHO.equals(f.function()))
        .findFirst().orElseThrow();
    assertThat(echo.calls()).isEqualTo(1024 + 31 * 64);
    assertThat(echo.bytesIn()).isEqualTo(16L * (1024 + 31 * 64));
    assertThat(echo.latency().getTotalCount()).isEqualTo(1024 + 31 * 64);
  }

  /** A constructor called from the host moves its owned handle out of the callee's table: one handle dropped there. */
  @Test
  void handlesMovedOutOfATableAreCounted() throws Exception {
    List<CallEvent> events = new ArrayList<>();
    ComponentInstance kv = FixtureRunTest.load("kv").instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withTracer(events::add));
    Value store = kv.function("[constructor]store").call();
    assertThat(store).isInstanceOf(Value.Handle.class);
    CallEvent made = events.getLast();
    assertThat(made.handlesDropped()).isEqualTo(1);
    assertThat(made.handlesCreated()).isZero();
    kv.function("[method]store.len").call(store);
    assertThat(events.getLast().handlesDropped()).isZero();
  }
}
