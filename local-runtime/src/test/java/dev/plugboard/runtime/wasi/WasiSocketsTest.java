package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.GuestCalls.borrow;
import static dev.plugboard.runtime.wasi.GuestCalls.call;
import static dev.plugboard.runtime.wasi.GuestCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code wasi:sockets} TCP as a guest drives it (create, connect or bind + listen + accept,
 * poll, streams), against Java sockets on loopback, and the grants that decide what is reachable.
 */
class WasiSocketsTest {
  private final Value ipv4 = new Value.EnumValue("ipv4");

  static Value denied(String code) {
    return WasiValues.err(new Value.EnumValue(code));
  }

  static Value loopback(int port) {
    List<Value> bytes = List.of(Value.u8(127), Value.u8(0), Value.u8(0), Value.u8(1));
    return new Value.VariantValue("ipv4", new Value.RecordValue(List.of(
        new Value.Field("port", new Value.Int(ValueType.Prim.U16, port)),
        new Value.Field("address", new Value.TupleValue(bytes)))));
  }

  static WasiHost granting(String... grants) {
    return new WasiHost(WasiConfig.sandbox().withNetwork(List.of(), List.of(grants)));
  }

  /** Waits on the socket's pollable, then calls {@code finish} until it stops answering would-block. */
  private static Value finish(WasiHost host, Value socket, String function) {
    Value ready = borrow(call(host, "wasi:sockets/tcp", "[method]tcp-socket.subscribe", socket));
    Value r;
    while ((r = call(host, "wasi:sockets/tcp", function, socket)).equals(denied("would-block"))) {
      call(host, "wasi:io/poll", "[method]pollable.block", ready);
    }
    return ok(r);
  }

  private static byte[] readAll(WasiHost host, Value in, int n) {
    byte[] out = new byte[0];
    while (out.length < n) {
      byte[] got = WasiValues.bytes(ok(call(host, "wasi:io/streams", "[method]input-stream.blocking-read", in,
          Value.u64(n - out.length))));
      byte[] more = java.util.Arrays.copyOf(out, out.length + got.length);
      System.arraycopy(got, 0, more, out.length, got.length);
      out = more;
    }
    return out;
  }

  @Test
  void withoutAGrantThereIsNoSocket() {
    WasiHost host = new WasiHost(WasiConfig.sandbox());
    assertThat(call(host, "wasi:sockets/tcp-create-socket", "create-tcp-socket", ipv4)).isEqualTo(
        denied("access-denied"));
    assertThat(call(host, "wasi:sockets/udp-create-socket", "create-udp-socket", ipv4)).isEqualTo(
        denied("access-denied"));
    Value net = borrow(call(host, "wasi:sockets/instance-network", "instance-network"));
    assertThat(call(host, "wasi:sockets/ip-name-lookup", "resolve-addresses", net, Value.string("localhost")))
        .isEqualTo(denied("access-denied"));
  }

  @Test
  void connectsToAGrantedAddressOnly() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      WasiHost host = granting("127.0.0.1:" + port);
      Value net = borrow(call(host, "wasi:sockets/instance-network", "instance-network"));
      Value other = borrow(ok(call(host, "wasi:sockets/tcp-create-socket", "create-tcp-socket", ipv4)));
      assertThat(call(host, "wasi:sockets/tcp", "[method]tcp-socket.start-connect", other, net,
          loopback(port + 1 == 65536 ? 1 : port + 1))).isEqualTo(denied("access-denied"));

      Value socket = borrow(ok(call(host, "wasi:sockets/tcp-create-socket", "create-tcp-socket", ipv4)));
      ok(call(host, "wasi:sockets/tcp", "[method]tcp-socket.start-connect", socket, net, loopback(port)));
      List<Value> streams = ((Value.TupleValue) finish(host, socket, "[method]tcp-socket.finish-connect"))
          .elements();
      Value in = borrow(streams.get(0));
      Value out = borrow(streams.get(1));
      try (Socket peer = server.accept()) {
        ok(call(host, "wasi:io/streams", "[method]output-stream.blocking-write-and-flush", out,
            WasiValues.list("ping".getBytes())));
        InputStream pin = peer.getInputStream();
        assertThat(pin.readNBytes(4)).isEqualTo("ping".getBytes());
        peer.getOutputStream().write("pong".getBytes());
        peer.getOutputStream().flush();
        assertThat(new String(readAll(host, in, 4), StandardCharsets.US_ASCII)).isEqualTo("pong");
      }
      assertThat(ok(call(host, "wasi:sockets/tcp", "[method]tcp-socket.remote-address", socket)))
          .isEqualTo(loopback(port));
    }
  }

  @Test
  void listensAndAcceptsOnAGrantedAddress() throws Exception {
    WasiHost host = granting("127.0.0.1");
    Value net = borrow(call(host, "wasi:sockets/instance-network", "instance-network"));
    Value listener = borrow(ok(call(host, "wasi:sockets/tcp-create-socket", "create-tcp-socket", ipv4)));
    assertThat(call(host, "wasi:sockets/tcp", "[method]tcp-socket.start-listen", listener))
        .isEqualTo(denied("invalid-state"));
    ok(call(host, "wasi:sockets/tcp", "[method]tcp-socket.start-bind", listener, net, loopback(0)));
    finish(host, listener, "[method]tcp-socket.finish-bind");
    ok(call(host, "wasi:sockets/tcp", "[method]tcp-socket.start-listen", listener));
    finish(host, listener, "[method]tcp-socket.finish-listen");
    Value.RecordValue local = (Value.RecordValue) ((Value.VariantValue) ok(call(host, "wasi:sockets/tcp",
        "[method]tcp-socket.local-address", listener))).payload();
    int port = (int) ((Value.Int) local.get("port")).value();
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      client.getOutputStream().write("hi".getBytes());
      client.getOutputStream().flush();
      List<Value> accepted = ((Value.TupleValue) finish(host, listener, "[method]tcp-socket.accept")).elements();
      assertThat(new String(readAll(host, borrow(accepted.get(1)), 2), StandardCharsets.US_ASCII)).isEqualTo("hi");
    }
  }

  @Test
  void grantsAreCheckedWhenMade() {
    assertThatThrownBy(() -> granting("127.0.0.1:http")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the port must be a number");
    assertThatThrownBy(() -> granting("[::1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected ADDR[:PORT]");
    WasiHost host = granting("localhost:80");
    Value net = borrow(call(host, "wasi:sockets/instance-network", "instance-network"));
    Value found = ok(call(host, "wasi:sockets/ip-name-lookup", "resolve-addresses", net, Value.string("localhost")));
    assertThat(ok(call(host, "wasi:sockets/ip-name-lookup", "[method]resolve-address-stream.resolve-next-address",
        borrow(found)))).isInstanceOf(Value.OptionValue.class).matches(v -> ((Value.OptionValue) v).isSome());
    assertThat(call(host, "wasi:sockets/ip-name-lookup", "resolve-addresses", net, Value.string("example.org")))
        .isEqualTo(denied("name-unresolvable"));
  }
}
