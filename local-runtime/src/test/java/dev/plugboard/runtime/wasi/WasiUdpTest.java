package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.GuestCalls.borrow;
import static dev.plugboard.runtime.wasi.GuestCalls.call;
import static dev.plugboard.runtime.wasi.GuestCalls.ok;
import static dev.plugboard.runtime.wasi.WasiSocketsTest.denied;
import static dev.plugboard.runtime.wasi.WasiSocketsTest.granting;
import static dev.plugboard.runtime.wasi.WasiSocketsTest.loopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.abi.RuntimeResource;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code wasi:sockets/udp} as a guest drives it (create, bind, stream, receive, check-send, send,
 * poll), against Java datagram sockets on loopback, and the grants that decide what is reachable.
 */
class WasiUdpTest {
  private static final String UDP = "wasi:sockets/udp";
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static Value udp(WasiHost host, String method, Value... args) {
    return call(host, UDP, method, args);
  }

  private static Value network(WasiHost host) {
    return borrow(call(host, "wasi:sockets/instance-network", "instance-network"));
  }

  private static Value socket(WasiHost host, String family) {
    return borrow(ok(call(host, "wasi:sockets/udp-create-socket", "create-udp-socket", new Value.EnumValue(family))));
  }

  /** A new IPv4 socket bound to 127.0.0.1 on {@code port} (0: any free one). */
  private static Value bound(WasiHost host, int port) {
    Value s = socket(host, "ipv4");
    ok(udp(host, "[method]udp-socket.start-bind", s, network(host), loopback(port)));
    ok(udp(host, "[method]udp-socket.finish-bind", s));
    return s;
  }

  private static int port(Value socketAddress) {
    Value.RecordValue r = (Value.RecordValue) ((Value.VariantValue) socketAddress).payload();
    return (int) ((Value.Int) r.get("port")).value();
  }

  private static int localPort(WasiHost host, Value socket) {
    return port(ok(udp(host, "[method]udp-socket.local-address", socket)));
  }

  /** {@code stream(remote)}: the borrowed incoming and outgoing streams. */
  private static List<Value> stream(WasiHost host, Value socket, Value remote) {
    Value arg = remote == null ? Value.none() : Value.some(remote);
    List<Value> pair = ((Value.TupleValue) ok(udp(host, "[method]udp-socket.stream", socket, arg))).elements();
    return List.of(borrow(pair.get(0)), borrow(pair.get(1)));
  }

  private static Value datagram(String text, Value to) {
    return datagram(text.getBytes(StandardCharsets.US_ASCII), to);
  }

  private static Value datagram(byte[] data, Value to) {
    return new Value.RecordValue(List.of(new Value.Field("data", WasiValues.list(data)),
        new Value.Field("remote-address", to == null ? Value.none() : Value.some(to))));
  }

  /** {@code check-send} then {@code send}: what {@code send} answered. */
  private static Value send(WasiHost host, Value out, Value... datagrams) {
    ok(udp(host, "[method]outgoing-datagram-stream.check-send", out));
    return udp(host, "[method]outgoing-datagram-stream.send", out, Value.list(List.of(datagrams)));
  }

  /** Waits on the incoming stream's pollable and receives until {@code n} datagrams came. */
  private static List<Value.RecordValue> receive(WasiHost host, Value in, int n) {
    Value ready = borrow(udp(host, "[method]incoming-datagram-stream.subscribe", in));
    List<Value.RecordValue> got = new ArrayList<>();
    while (got.size() < n) {
      call(host, "wasi:io/poll", "[method]pollable.block", ready);
      for (Value d : ((Value.ListValue) ok(udp(host, "[method]incoming-datagram-stream.receive", in,
          Value.u64(n - got.size())))).elements()) {
        got.add((Value.RecordValue) d);
      }
    }
    return got;
  }

  private static String text(Value.RecordValue datagram) {
    return new String(WasiValues.bytes(datagram.get("data")), StandardCharsets.US_ASCII);
  }

  private static String receiveText(DatagramSocket peer) throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[1 << 16], 1 << 16);
    peer.receive(p);
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
  }

  private static void sendText(DatagramSocket from, String text, int port) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    from.send(new DatagramPacket(b, b.length, LOOPBACK, port));
  }

  private static DatagramSocket peer() throws Exception {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    s.setSoTimeout(30_000); // a safety net for a broken host, not a measurement
    return s;
  }

  @Test
  void bindsAndReceivesFromAnyone() throws Exception {
    try (WasiHost host = granting("127.0.0.1"); DatagramSocket a = peer(); DatagramSocket b = peer()) {
      Value s = bound(host, 0);
      assertThat(udp(host, "[method]udp-socket.address-family", s)).isEqualTo(new Value.EnumValue("ipv4"));
      int port = localPort(host, s);
      assertThat(port).isPositive();
      Value in = stream(host, s, null).get(0);
      assertThat(ok(udp(host, "[method]incoming-datagram-stream.receive", in, Value.u64(10))))
          .isEqualTo(Value.list(List.of()));
      sendText(a, "from a", port);
      sendText(b, "from b", port);
      List<Value.RecordValue> got = receive(host, in, 2);
      assertThat(got).extracting(WasiUdpTest::text).containsExactly("from a", "from b");
      assertThat(got.get(0).get("remote-address")).isEqualTo(loopback(a.getLocalPort()));
      assertThat(got.get(1).get("remote-address")).isEqualTo(loopback(b.getLocalPort()));
      sendText(a, "again", port);
      call(host, "wasi:io/poll", "[method]pollable.block",
          borrow(udp(host, "[method]incoming-datagram-stream.subscribe", in)));
      assertThat(ok(udp(host, "[method]incoming-datagram-stream.receive", in, Value.u64(0))))
          .as("max-results 0 takes nothing").isEqualTo(Value.list(List.of()));
      assertThat(receive(host, in, 1)).extracting(WasiUdpTest::text).containsExactly("again");
    }
  }

  @Test
  void aConnectedStreamTalksToItsPeerOnly() throws Exception {
    try (WasiHost host = granting("127.0.0.1"); DatagramSocket a = peer(); DatagramSocket stranger = peer()) {
      Value s = bound(host, 0);
      int port = localPort(host, s);
      List<Value> streams = stream(host, s, loopback(a.getLocalPort()));
      assertThat(ok(udp(host, "[method]udp-socket.remote-address", s))).isEqualTo(loopback(a.getLocalPort()));

      assertThat(ok(send(host, streams.get(1), datagram("ping", null), datagram("ping2", loopback(a.getLocalPort())))))
          .isEqualTo(Value.u64(2));
      assertThat(receiveText(a)).isEqualTo("ping");
      assertThat(receiveText(a)).isEqualTo("ping2");
      assertThat(send(host, streams.get(1), datagram("elsewhere", loopback(stranger.getLocalPort()))))
          .isEqualTo(denied("invalid-argument"));

      sendText(stranger, "not for you", port);
      sendText(a, "pong", port);
      List<Value.RecordValue> got = receive(host, streams.get(0), 1);
      assertThat(got).extracting(WasiUdpTest::text).containsExactly("pong");
      assertThat(got.get(0).get("remote-address")).isEqualTo(loopback(a.getLocalPort()));
      assertThat(ok(udp(host, "[method]incoming-datagram-stream.receive", streams.get(0), Value.u64(5))))
          .isEqualTo(Value.list(List.of()));
    }
  }

  @Test
  void unconnectedSendsNameEachDatagramsPeer() throws Exception {
    try (WasiHost host = granting("127.0.0.1"); DatagramSocket a = peer(); DatagramSocket b = peer()) {
      Value s = bound(host, 0);
      int port = localPort(host, s);
      Value out = stream(host, s, null).get(1);
      assertThat(udp(host, "[method]udp-socket.remote-address", s)).isEqualTo(denied("invalid-state"));
      assertThat(ok(send(host, out, datagram("to a", loopback(a.getLocalPort())),
          datagram("to b", loopback(b.getLocalPort()))))).isEqualTo(Value.u64(2));
      DatagramPacket p = new DatagramPacket(new byte[100], 100);
      a.receive(p);
      assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII)).isEqualTo("to a");
      assertThat(p.getPort()).isEqualTo(port);
      assertThat(receiveText(b)).isEqualTo("to b");

      assertThat(send(host, out, datagram("nowhere", null))).isEqualTo(denied("invalid-argument"));
      assertThat(send(host, out, datagram("port 0", loopback(0)))).isEqualTo(denied("invalid-argument"));
      Value any = new Value.VariantValue("ipv4", new Value.RecordValue(List.of(
          new Value.Field("port", new Value.Int(ValueType.Prim.U16, a.getLocalPort())),
          new Value.Field("address", new Value.TupleValue(Collections.nCopies(4, Value.u8(0)))))));
      assertThat(send(host, out, datagram("any", any))).isEqualTo(denied("invalid-argument"));
      assertThat(send(host, out, datagram("v6", ipv6Loopback(a.getLocalPort())))).isEqualTo(
          denied("invalid-argument"));
      assertThat(ok(send(host, out, datagram("first", loopback(a.getLocalPort())), datagram("second", null))))
          .as("a send stops at its first failure and counts what went out").isEqualTo(Value.u64(1));
      assertThat(receiveText(a)).isEqualTo("first");
    }
  }

  @Test
  void sendsNeedACheckSendPermit() {
    try (WasiHost host = granting("127.0.0.1")) {
      Value out = stream(host, bound(host, 0), null).get(1);
      Value one = datagram("x", loopback(9));
      assertThat(ok(udp(host, "[method]outgoing-datagram-stream.send", out, Value.list(List.of()))))
          .as("an empty send needs no permit").isEqualTo(Value.u64(0));
      assertThatThrownBy(() -> udp(host, "[method]outgoing-datagram-stream.send", out, Value.list(List.of(one))))
          .isInstanceOf(Trap.class).hasMessageContaining("check-send was not called");
      long permit = WasiValues.u64(ok(udp(host, "[method]outgoing-datagram-stream.check-send", out)));
      assertThat(permit).isPositive();
      List<Value> tooMany = Collections.nCopies((int) permit + 1, one);
      assertThatThrownBy(() -> udp(host, "[method]outgoing-datagram-stream.send", out, Value.list(tooMany)))
          .isInstanceOf(Trap.class).hasMessageContaining(permit + 1 + " datagrams, but check-send permitted "
              + permit);
      assertThat(ok(udp(host, "[method]outgoing-datagram-stream.send", out, Value.list(List.of(one)))))
          .isEqualTo(Value.u64(1));
      assertThatThrownBy(() -> udp(host, "[method]outgoing-datagram-stream.send", out, Value.list(List.of(one))))
          .as("each send uses up its permit").isInstanceOf(Trap.class);
      Value ready = borrow(udp(host, "[method]outgoing-datagram-stream.subscribe", out));
      assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", ready)).isEqualTo(Value.bool(true));
    }
  }

  @Test
  void nothingWithoutAGrantAndOnlyGrantedPeers() throws Exception {
    try (WasiHost host = new WasiHost(WasiConfig.sandbox())) {
      assertThat(call(host, "wasi:sockets/udp-create-socket", "create-udp-socket", new Value.EnumValue("ipv4")))
          .isEqualTo(denied("access-denied"));
    }
    try (WasiHost host = granting("127.0.0.1:9")) {
      Value s = socket(host, "ipv4");
      assertThat(udp(host, "[method]udp-socket.start-bind", s, network(host), loopback(0)))
          .as("binding to a port not granted").isEqualTo(denied("access-denied"));
      assertThat(udp(host, "[method]udp-socket.stream", s, Value.none())).isEqualTo(denied("invalid-state"));
    }
    try (DatagramSocket granted = peer(); DatagramSocket other = peer();
        WasiHost host = granting("127.0.0.1:0", "127.0.0.1:" + granted.getLocalPort())) {
      Value s = bound(host, 0);
      assertThat(udp(host, "[method]udp-socket.stream", s, Value.some(loopback(other.getLocalPort()))))
          .isEqualTo(denied("access-denied"));
      Value out = stream(host, s, null).get(1);
      assertThat(send(host, out, datagram("no", loopback(other.getLocalPort())))).isEqualTo(
          denied("access-denied"));
      assertThat(ok(send(host, out, datagram("yes", loopback(granted.getLocalPort()))))).isEqualTo(Value.u64(1));
      assertThat(receiveText(granted)).isEqualTo("yes");
    }
  }

  @Test
  void operationsOutOfOrderAreInvalidState() throws Exception {
    try (WasiHost host = granting("127.0.0.1"); DatagramSocket a = peer()) {
      Value s = socket(host, "ipv4");
      assertThat(udp(host, "[method]udp-socket.finish-bind", s)).isEqualTo(denied("not-in-progress"));
      assertThat(udp(host, "[method]udp-socket.local-address", s)).isEqualTo(denied("invalid-state"));
      assertThat(udp(host, "[method]udp-socket.stream", s, Value.none())).isEqualTo(denied("invalid-state"));
      assertThat(udp(host, "[method]udp-socket.start-bind", s, network(host), ipv6Loopback(0)))
          .as("an IPv6 address on an IPv4 socket").isEqualTo(denied("invalid-argument"));
      ok(udp(host, "[method]udp-socket.start-bind", s, network(host), loopback(0)));
      assertThat(udp(host, "[method]udp-socket.local-address", s)).as("bind not finished").isEqualTo(
          denied("invalid-state"));
      assertThat(udp(host, "[method]udp-socket.stream", s, Value.none())).isEqualTo(denied("invalid-state"));
      assertThat(udp(host, "[method]udp-socket.start-bind", s, network(host), loopback(0))).isEqualTo(
          denied("invalid-state"));
      Value ready = borrow(udp(host, "[method]udp-socket.subscribe", s));
      assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", ready)).isEqualTo(Value.bool(true));
      ok(udp(host, "[method]udp-socket.finish-bind", s));
      assertThat(udp(host, "[method]udp-socket.finish-bind", s)).isEqualTo(denied("not-in-progress"));
      assertThat(udp(host, "[method]udp-socket.start-bind", s, network(host), loopback(0))).isEqualTo(
          denied("invalid-state"));

      List<Value> first = stream(host, s, loopback(a.getLocalPort()));
      List<Value> second = stream(host, s, null);
      assertThat(udp(host, "[method]udp-socket.remote-address", s)).as("the new stream has no peer")
          .isEqualTo(denied("invalid-state"));
      assertThat(udp(host, "[method]incoming-datagram-stream.receive", first.get(0), Value.u64(1)))
          .as("streams of an earlier stream call stop working").isEqualTo(denied("invalid-state"));
      assertThat(udp(host, "[method]outgoing-datagram-stream.check-send", first.get(1))).isEqualTo(
          denied("invalid-state"));
      assertThat(ok(send(host, second.get(1), datagram("new", loopback(a.getLocalPort()))))).isEqualTo(
          Value.u64(1));
      assertThat(receiveText(a)).isEqualTo("new");
    }
  }

  @Test
  void droppingASocketFreesItsPortAndStopsItsStreams() {
    try (WasiHost host = granting("127.0.0.1")) {
      Value s = bound(host, 0);
      int port = localPort(host, s);
      List<Value> streams = stream(host, s, null);
      Value ready = borrow(udp(host, "[method]incoming-datagram-stream.subscribe", streams.get(0)));
      assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", ready)).isEqualTo(Value.bool(false));
      assertThat(udp(host, "[method]udp-socket.start-bind", socket(host, "ipv4"), network(host), loopback(port)))
          .isEqualTo(denied("address-in-use"));
      drop(s);
      assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", ready)).isEqualTo(Value.bool(true));
      assertThat(udp(host, "[method]incoming-datagram-stream.receive", streams.get(0), Value.u64(1)))
          .isEqualTo(denied("invalid-state"));
      assertThat(udp(host, "[method]outgoing-datagram-stream.check-send", streams.get(1))).isEqualTo(
          denied("invalid-state"));
      assertThat(localPort(host, bound(host, port))).as("the port is free again").isEqualTo(port);
    }
  }

  /** What the guest's drop of its owning handle does. */
  private static void drop(Value handle) {
    Value.Handle h = (Value.Handle) handle;
    ((RuntimeResource) h.type()).dtor().destroy(h.rep());
  }

  @Test
  void bindingATakenPortIsAddressInUse() throws Exception {
    try (WasiHost host = granting("127.0.0.1"); DatagramSocket taken = peer()) {
      Value s = socket(host, "ipv4");
      assertThat(udp(host, "[method]udp-socket.start-bind", s, network(host), loopback(taken.getLocalPort())))
          .isEqualTo(denied("address-in-use"));
    }
  }

  @Test
  void aDatagramLargerThanUdpCarriesIsRefused() throws Exception {
    try (WasiHost host = granting("127.0.0.1"); DatagramSocket a = peer()) {
      a.setReceiveBufferSize(1 << 20);
      Value out = stream(host, bound(host, 0), loopback(a.getLocalPort())).get(1);
      assertThat(send(host, out, datagram(new byte[UdpHost.MAX_IPV4_PAYLOAD + 1], null))).isEqualTo(
          denied("datagram-too-large"));
      byte[] largest = new byte[UdpHost.MAX_IPV4_PAYLOAD];
      largest[largest.length - 1] = 42;
      assertThat(ok(send(host, out, datagram(largest, null)))).isEqualTo(Value.u64(1));
      DatagramPacket p = new DatagramPacket(new byte[1 << 16], 1 << 16);
      a.receive(p);
      assertThat(p.getLength()).isEqualTo(UdpHost.MAX_IPV4_PAYLOAD);
      assertThat(p.getData()[p.getLength() - 1]).isEqualTo((byte) 42);
    }
  }

  @Test
  void theIncomingPollableWaitsForADatagram() throws Exception {
    try (WasiHost host = granting("127.0.0.1"); DatagramSocket a = peer()) {
      Value s = bound(host, 0);
      int port = localPort(host, s);
      Value in = stream(host, s, null).get(0);
      Value ready = borrow(udp(host, "[method]incoming-datagram-stream.subscribe", in));
      assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", ready)).isEqualTo(Value.bool(false));
      Thread guest = Thread.currentThread();
      Thread sender = Thread.ofVirtual().start(() -> {
        try {
          // Send only once the guest is parked in poll, so the datagram must wake it.
          while (guest.getState() != Thread.State.TIMED_WAITING && guest.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
          }
          sendText(a, "wake up", port);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Value clock = call(host, "wasi:clocks/monotonic-clock", "subscribe-duration", Value.u64(60_000_000_000L));
      Value polled = call(host, "wasi:io/poll", "poll", Value.list(List.of(ready, borrow(clock))));
      sender.join();
      assertThat(polled).as("the datagram, not the minute-long clock, ended the poll").isEqualTo(
          Value.list(List.of(Value.u32(0))));
      assertThat(ok(udp(host, "[method]incoming-datagram-stream.receive", in, Value.u64(4))))
          .extracting(v -> text((Value.RecordValue) ((Value.ListValue) v).elements().get(0))).isEqualTo("wake up");
      assertThat(call(host, "wasi:io/poll", "[method]pollable.ready", ready)).isEqualTo(Value.bool(false));
    }
  }

  @Test
  void aClosedPeerIsConnectionRefused() throws Exception {
    int closedPort;
    try (DatagramSocket gone = peer()) {
      closedPort = gone.getLocalPort();
    }
    try (WasiHost host = granting("127.0.0.1")) {
      List<Value> streams = stream(host, bound(host, 0), loopback(closedPort));
      assertThat(ok(send(host, streams.get(1), datagram("anyone?", null)))).isEqualTo(Value.u64(1));
      Value ready = borrow(udp(host, "[method]incoming-datagram-stream.subscribe", streams.get(0)));
      call(host, "wasi:io/poll", "[method]pollable.block", ready);
      assertThat(udp(host, "[method]incoming-datagram-stream.receive", streams.get(0), Value.u64(1)))
          .isEqualTo(denied("connection-refused"));
    }
  }

  @Test
  void optionsAreKeptAndBufferSizesReachTheSocket() {
    try (WasiHost host = granting("127.0.0.1")) {
      Value s = socket(host, "ipv4");
      assertThat(ok(udp(host, "[method]udp-socket.unicast-hop-limit", s))).isEqualTo(Value.u8(64));
      assertThat(udp(host, "[method]udp-socket.set-unicast-hop-limit", s, Value.u8(0))).isEqualTo(
          denied("invalid-argument"));
      ok(udp(host, "[method]udp-socket.set-unicast-hop-limit", s, Value.u8(9)));
      assertThat(ok(udp(host, "[method]udp-socket.unicast-hop-limit", s))).isEqualTo(Value.u8(9));
      for (String option : List.of("receive-buffer-size", "send-buffer-size")) {
        assertThat(udp(host, "[method]udp-socket.set-" + option, s, Value.u64(0))).isEqualTo(
            denied("invalid-argument"));
        ok(udp(host, "[method]udp-socket.set-" + option, s, Value.u64(4096)));
        long small = WasiValues.u64(ok(udp(host, "[method]udp-socket." + option, s)));
        ok(udp(host, "[method]udp-socket.set-" + option, s, Value.u64(1 << 20)));
        long large = WasiValues.u64(ok(udp(host, "[method]udp-socket." + option, s)));
        assertThat(small).as(option).isPositive();
        assertThat(large).as(option).isGreaterThan(small);
      }
    }
  }

  @Test
  void ipv6SocketsSpeakIpv6Only() throws Exception {
    Assumptions.assumeTrue(NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
        .anyMatch(a -> a instanceof Inet6Address && a.isLoopbackAddress()), "no IPv6 loopback on this machine");
    try (WasiHost host = granting("[::1]"); DatagramSocket a = new DatagramSocket(new InetSocketAddress("::1", 0))) {
      Value s = socket(host, "ipv6");
      assertThat(udp(host, "[method]udp-socket.address-family", s)).isEqualTo(new Value.EnumValue("ipv6"));
      assertThat(udp(host, "[method]udp-socket.start-bind", s, network(host), loopback(0)))
          .isEqualTo(denied("invalid-argument"));
      ok(udp(host, "[method]udp-socket.start-bind", s, network(host), ipv6Loopback(0)));
      ok(udp(host, "[method]udp-socket.finish-bind", s));
      int port = localPort(host, s);
      List<Value> streams = stream(host, s, null);
      assertThat(ok(send(host, streams.get(1), datagram("six", ipv6Loopback(a.getLocalPort()))))).isEqualTo(
          Value.u64(1));
      assertThat(receiveText(a)).isEqualTo("six");
      byte[] back = "back".getBytes(StandardCharsets.US_ASCII);
      a.send(new DatagramPacket(back, back.length, InetAddress.getByName("::1"), port));
      List<Value.RecordValue> got = receive(host, streams.get(0), 1);
      assertThat(got).extracting(WasiUdpTest::text).containsExactly("back");
      assertThat(got.get(0).get("remote-address")).isEqualTo(ipv6Loopback(a.getLocalPort()));
    }
  }

  private static Value ipv6Loopback(int port) {
    List<Value> parts = new ArrayList<>(Collections.nCopies(7, new Value.Int(ValueType.Prim.U16, 0)));
    parts.add(new Value.Int(ValueType.Prim.U16, 1));
    return new Value.VariantValue("ipv6", new Value.RecordValue(List.of(
        new Value.Field("port", new Value.Int(ValueType.Prim.U16, port)),
        new Value.Field("flow-info", Value.u32(0)),
        new Value.Field("address", new Value.TupleValue(parts)),
        new Value.Field("scope-id", Value.u32(0)))));
  }
}
