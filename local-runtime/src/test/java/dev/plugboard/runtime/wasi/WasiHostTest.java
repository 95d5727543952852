package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.GuestCalls.borrow;
import static dev.plugboard.runtime.wasi.GuestCalls.call;
import static dev.plugboard.runtime.wasi.GuestCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.Deadline;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.testing.SharedData;
import dev.plugboard.types.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The WASI host's interfaces called as a guest would call them (io, cli, clocks, random), the
 * import matching by version, and a real component ({@code c-hello}, C through wasi-libc and
 * the preview1 adapter) run from the Java API.
 */
class WasiHostTest {
  private static WasiHost withStdio(InputStream in, OutputStream out) {
    return new WasiHost(WasiConfig.sandbox().withStdio(in, out, OutputStream.nullOutputStream()));
  }

  @Test
  void theSandboxGrantsNoEnvironmentAndNoArguments() {
    WasiHost host = new WasiHost(WasiConfig.sandbox());
    assertThat(call(host, "wasi:cli/environment", "get-environment")).isEqualTo(Value.list(List.of()));
    assertThat(call(host, "wasi:cli/environment", "get-arguments")).isEqualTo(Value.list(List.of()));
    assertThat(call(host, "wasi:cli/environment", "initial-cwd")).isEqualTo(Value.none());
    assertThat(call(host, "wasi:cli/terminal-stdout", "get-terminal-stdout")).isEqualTo(Value.none());
    assertThat(call(host, "wasi:sockets/tcp-create-socket", "create-tcp-socket", new Value.EnumValue("ipv4")))
        .isEqualTo(WasiValues.err(new Value.EnumValue("access-denied")));
  }

  @Test
  void grantedEnvironmentAndArgumentsAreAllTheGuestSees() {
    WasiHost host = new WasiHost(WasiConfig.sandbox().withArguments(List.of("prog", "a b"))
        .withEnvironment(Map.of("NAME", "value")));
    assertThat(call(host, "wasi:cli/environment", "get-environment")).isEqualTo(Value.list(List.of(
        new Value.TupleValue(List.of(Value.string("NAME"), Value.string("value"))))));
    assertThat(call(host, "wasi:cli/environment", "get-arguments"))
        .isEqualTo(Value.list(List.of(Value.string("prog"), Value.string("a b"))));
  }

  @Test
  void exitEndsTheCallWithItsStatusAndNotTheJvm() {
    WasiHost host = new WasiHost(WasiConfig.sandbox());
    assertThat(host.exitStatus()).isEmpty();
    assertThatThrownBy(() -> call(host, "wasi:cli/exit", "exit", new Value.ResultValue(false, null)))
        .isInstanceOf(Trap.class).hasMessageContaining("exited with status 1");
    assertThat(host.exitStatus()).hasValue(1);
    WasiHost other = new WasiHost(WasiConfig.sandbox());
    assertThatThrownBy(() -> call(other, "wasi:cli/exit", "exit-with-code", Value.u8(42))).isInstanceOf(Trap.class);
    assertThat(other.exitStatus()).hasValue(42);
  }

  @Test
  void stdoutWritesFlushAndSpliceFromStdin() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WasiHost host = withStdio(new ByteArrayInputStream("piped".getBytes()), out);
    Value stdout = borrow(call(host, "wasi:cli/stdout", "get-stdout"));
    assertThat(ok(call(host, "wasi:io/streams", "[method]output-stream.check-write", stdout)))
        .isEqualTo(Value.u64(IoHost.WRITE_BUDGET));
    ok(call(host, "wasi:io/streams", "[method]output-stream.write", stdout, WasiValues.list("hi ".getBytes())));
    ok(call(host, "wasi:io/streams", "[method]output-stream.flush", stdout));
    Value stdin = borrow(call(host, "wasi:cli/stdin", "get-stdin"));
    long spliced = 0;
    Value r;
    while ((r = call(host, "wasi:io/streams", "[method]output-stream.blocking-splice", stdout, stdin, Value.u64(100)))
        instanceof Value.ResultValue res && res.isOk()) {
      spliced += WasiValues.u64(res.payload());
    }
    assertThat(r).isEqualTo(WasiValues.err(new Value.VariantValue("closed", null)));
    assertThat(spliced).isEqualTo(5);
    ok(call(host, "wasi:io/streams", "[method]output-stream.blocking-write-zeroes-and-flush", stdout,
        Value.u64(2)));
    assertThat(out.toByteArray()).isEqualTo("hi piped\0\0".getBytes());
  }

  @Test
  void aLargeStdinArrivesWholeInBoundedReads() {
    byte[] big = new byte[3 << 20];
    new java.util.Random(7).nextBytes(big);
    WasiHost host = withStdio(new ByteArrayInputStream(big), OutputStream.nullOutputStream());
    Value stdin = borrow(call(host, "wasi:cli/stdin", "get-stdin"));
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    Value r;
    while ((r = call(host, "wasi:io/streams", "[method]input-stream.blocking-read", stdin, Value.u64(100_000)))
        instanceof Value.ResultValue res && res.isOk()) {
      byte[] chunk = WasiValues.bytes(res.payload());
      assertThat(chunk.length).isBetween(1, 100_000);
      got.writeBytes(chunk);
    }
    assertThat(got.toByteArray()).isEqualTo(big);
  }

  @Test
  void nonBlockingReadsReturnNothingUntilDataArrives() throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    WasiHost host = withStdio(new PipedInputStream(feed), OutputStream.nullOutputStream());
    Value stdin = borrow(call(host, "wasi:cli/stdin", "get-stdin"));
    assertThat(ok(call(host, "wasi:io/streams", "[method]input-stream.read", stdin, Value.u64(10))))
        .isEqualTo(Value.list(List.of()));
    Value ready = borrow(call(host, "wasi:io/streams", "[method]input-stream.subscribe", stdin));
    assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", ready)).isEqualTo(Value.bool(false));
    feed.write("x".getBytes());
    feed.flush();
    call(host, "wasi:io/poll", "[method]pollable.block", ready);
    assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", ready)).isEqualTo(Value.bool(true));
    assertThat(WasiValues.bytes(ok(call(host, "wasi:io/streams", "[method]input-stream.read", stdin,
        Value.u64(10))))).isEqualTo("x".getBytes());
    feed.close();
  }

  @Test
  void pollReturnsTheReadyPollables() {
    WasiHost host = new WasiHost(WasiConfig.sandbox());
    Value later = borrow(call(host, "wasi:clocks/monotonic-clock", "subscribe-duration", Value.u64(3_600_000_000_000L)));
    Value soon = borrow(call(host, "wasi:clocks/monotonic-clock", "subscribe-duration", Value.u64(1_000_000)));
    Value stdout = borrow(call(host, "wasi:cli/stdout", "get-stdout"));
    Value writable = borrow(call(host, "wasi:io/streams", "[method]output-stream.subscribe", stdout));
    assertThat(call(host, "wasi:io/poll", "poll", Value.list(List.of(later, soon))))
        .isEqualTo(Value.list(List.of(Value.u32(1))));
    assertThat(call(host, "wasi:io/poll", "poll", Value.list(List.of(later, writable))))
        .isEqualTo(Value.list(List.of(Value.u32(1))));
  }

  @Test
  void aDeadlineStopsAGuestBlockedInPoll() {
    WasiHost host = new WasiHost(WasiConfig.sandbox());
    Value never = borrow(call(host, "wasi:clocks/monotonic-clock", "subscribe-duration", Value.u64(-1)));
    assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", never)).isEqualTo(Value.bool(false));
    try (Deadline d = new Deadline()) {
      assertThatThrownBy(() -> d.run(() -> call(host, "wasi:io/poll", "[method]pollable.block", never),
          Duration.ofMillis(200))).isInstanceOf(Trap.class).hasMessageContaining("timed out");
    }
  }

  @Test
  void clocksAndRandomness() {
    WasiHost host = new WasiHost(WasiConfig.sandbox());
    long a = WasiValues.u64(call(host, "wasi:clocks/monotonic-clock", "now"));
    long b = WasiValues.u64(call(host, "wasi:clocks/monotonic-clock", "now"));
    assertThat(b).isGreaterThanOrEqualTo(a);
    Value.RecordValue wall = (Value.RecordValue) call(host, "wasi:clocks/wall-clock", "now");
    assertThat(WasiValues.u64(wall.get("seconds"))).isGreaterThan(1_700_000_000L);
    assertThat(WasiValues.bytes(call(host, "wasi:random/random", "get-random-bytes", Value.u64(16)))).hasSize(16);
    assertThat(WasiValues.bytes(call(host, "wasi:random/insecure", "get-insecure-random-bytes", Value.u64(3))))
        .hasSize(3);
    assertThat(call(host, "wasi:random/insecure-seed", "insecure-seed"))
        .isEqualTo(call(host, "wasi:random/insecure-seed", "insecure-seed"));
    assertThatThrownBy(() -> call(host, "wasi:random/random", "get-random-bytes", Value.u64(-1)))
        .isInstanceOf(Trap.class).hasMessageContaining("more than a guest memory can hold");
  }

  @Test
  void everyMinorVersionOfWasi02IsServedAndNothingElse() {
    WasiHost host = new WasiHost(WasiConfig.sandbox());
    assertThat(host.provides("wasi:io/streams@0.2.0")).isTrue();
    assertThat(host.provides("wasi:cli/stdout@0.2.12")).isTrue();
    assertThat(host.provides("wasi:io/streams@0.3.0")).isFalse();
    assertThat(host.provides("wasi:io/streams@0.2.0-rc-2023-11-10")).isFalse();
    assertThat(host.provides("wasi:io/streams")).isFalse();
    assertThat(host.provides("wasi:http/types@0.2.3")).isTrue();
    assertThat(host.provides("wasi:keyvalue/store@0.2.0")).isFalse();
  }

  @Test
  void missingImportsAreListedBeforeInstantiation() throws Exception {
    LoadedComponent app = LoadedComponent.load(Files.readAllBytes(SharedData.require("fixtures/components/app.wasm")),
        "app.wasm");
    assertThatThrownBy(() -> new WasiHost(WasiConfig.sandbox()).imports(app))
        .isInstanceOf(LoadedComponent.LinkError.class)
        .hasMessageContaining("app.wasm: import \"example:text/transform@0.1.0\" (instance) was not given");
  }

  @Test
  void cHelloRunsFromTheJavaApi() throws Exception {
    LoadedComponent hello = LoadedComponent.load(
        Files.readAllBytes(SharedData.require("fixtures/components/c-hello.wasm")), "c-hello.wasm");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (WasiHost wasi = new WasiHost(WasiConfig.sandbox().withArguments(List.of("c-hello.wasm", "jvm"))
        .withStdio(InputStream.nullInputStream(), out, err))) {
      ComponentInstance c = hello.instantiate(wasi.imports(hello), RuntimeConfig.DEFAULT.withEngine(
          RuntimeConfig.Engine.INTERP));
      assertThat(wasi.run(c)).isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello from C, jvm!\nsum(1..100) = 5050\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("this line goes to stderr\n");
  }
}
