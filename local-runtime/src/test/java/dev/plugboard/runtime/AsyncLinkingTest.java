package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Components linked by the host share one async store: a consumer instantiated with a running
 * producer's export instance calls its async function through a sync lower that blocks (the
 * spec case {@code run-async-linking.wast} has the two definitions).
 */
class AsyncLinkingTest {
  private static final Path WASM = Path.of("../component-model/src/test/resources/spec-cases/wasm/run-async-linking");

  private static LoadedComponent load(String file) throws Exception {
    return LoadedComponent.load(Files.readAllBytes(WASM.resolve(file)), file);
  }

  @Test
  void asyncCallAcrossHandLinkedComponents() throws Exception {
    ComponentInstance producer = load("0.wasm").instantiate(Imports.none(), RuntimeConfig.DEFAULT);
    ComponentInstance consumer = load("1.wasm").instantiate(
        Imports.none().instance("test:async/p", producer.exportedInstance("test:async/p").orElseThrow()),
        RuntimeConfig.DEFAULT);
    assertThat(consumer.call("call", Value.u32(40))).isEqualTo(new Value.Int(ValueType.Prim.U32, 42));
    assertThat(producer.call("test:async/p#f", Value.u32(1))).isEqualTo(new Value.Int(ValueType.Prim.U32, 2));
    assertThat(consumer.function("call").type().async()).isTrue();
  }

  /** A task left blocked (a stream nobody reads) ends once its component instance is unreachable. */
  @Test
  void blockedGuestThreadsEndWithTheirInstance() throws Exception {
    long before = guestThreads();
    ComponentInstance pipe = load("4.wasm").instantiate(Imports.none(), RuntimeConfig.DEFAULT);
    pipe.call("numbers", Value.u32(5));
    assertThat(guestThreads()).isGreaterThan(before);
    pipe = null;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (guestThreads() > before && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(50);
    }
    assertThat(guestThreads()).isLessThanOrEqualTo(before);
  }

  private static long guestThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("plugboard-guest-thread")).count();
  }

  /** A traced async call is one event, when it resolves. */
  @Test
  void tracedAsyncCalls() throws Exception {
    java.util.List<dev.plugboard.runtime.trace.CallEvent> events = new java.util.ArrayList<>();
    ComponentInstance producer = load("0.wasm").instantiate(Imports.none(), RuntimeConfig.DEFAULT.withTracer(events::add));
    producer.call("test:async/p#f", Value.u32(1));
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().caller()).isEqualTo("host");
    assertThat(events.getFirst().function()).isEqualTo("f");
  }

  /** The host holds the readable end of a stream between two calls and passes it back in. */
  @Test
  void hostPassesAStreamBackIn() throws Exception {
    ComponentInstance pipe = load("4.wasm").instantiate(Imports.none(), RuntimeConfig.DEFAULT);
    Value stream = pipe.call("numbers", Value.u32(5));
    assertThat(stream).isInstanceOf(Value.Async.class);
    assertThat(((Value.Async) stream).kind()).isEqualTo("stream");
    assertThat(dev.plugboard.wave.Wave.print(stream)).isEqualTo("<stream>");
    assertThat(pipe.call("sum", stream)).isEqualTo(new Value.Int(ValueType.Prim.U32, 15));
    assertThat(pipe.call("sum", pipe.call("numbers", Value.u32(3)))).isEqualTo(new Value.Int(ValueType.Prim.U32, 6));
  }
}
