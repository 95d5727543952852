package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.SocketsHost.errCode;
import static dev.plugboard.runtime.wasi.SocketsHost.positive;
import static dev.plugboard.runtime.wasi.SocketsHost.socketAddress;
import static dev.plugboard.runtime.wasi.WasiValues.OK;
import static dev.plugboard.runtime.wasi.WasiValues.ok;

import dev.plugboard.runtime.HostFunction;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi:sockets/udp} and {@code udp-create-socket} on non-blocking {@link DatagramChannel}s.
 * As with TCP, nothing exists without a network grant ({@code access-denied}), and a socket binds
 * only to, and sends only to, granted addresses ({@link NetGrants}). Binding happens in
 * {@code start-bind}; {@code stream} connects the channel when it is given a peer (the kernel
 * then filters what arrives) and disconnects it otherwise. One selector thread per host watches
 * the channels a guest is waiting on and wakes the poll machinery, so an incoming stream's
 * pollable waits for a datagram instead of spinning.
 */
final class UdpHost {
  /** The largest UDP payload over IPv4 (65,535 less the IPv4 and UDP headers). */
  static final int MAX_IPV4_PAYLOAD = 65_507;
  /** The largest UDP payload over IPv6 without jumbograms (65,535 less the UDP header). */
  static final int MAX_IPV6_PAYLOAD = 65_527;
  /** How many datagrams one {@code check-send} permits. */
  static final int SEND_PERMIT = 64;
  /** The most datagrams one {@code receive} returns. */
  static final int RECEIVE_BATCH = 1024;

  private final IoHost io;
  private final NetGrants grants;
  private final Object signal;
  private final ResourceTable<Udp> sockets = new ResourceTable<>("udp-socket", Udp::close);
  private final ResourceTable<Incoming> incoming = new ResourceTable<>("incoming-datagram-stream");
  private final ResourceTable<Outgoing> outgoing = new ResourceTable<>("outgoing-datagram-stream");
  private Selector selector;
  private final Object selectsLock = new Object();
  /** How many selects the watching thread has finished (guarded by {@link #selectsLock}). */
  private long selects;

  UdpHost(IoHost io, NetGrants grants, Object signal) {
    this.io = io;
    this.grants = grants;
    this.signal = signal;
  }

  private enum State { UNBOUND, BIND_STARTED, BOUND, CLOSED }

  private record Datagram(byte[] data, InetSocketAddress from) {
    Value value() {
      return new Value.RecordValue(List.of(new Value.Field("data", WasiValues.list(data)),
          new Value.Field("remote-address", socketAddress(from))));
    }
  }

  /** One UDP socket: its channel, its WASI state and the association its latest streams have. */
  private final class Udp {
    final boolean ipv6;
    final DatagramChannel channel;
    final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    State state = State.UNBOUND;
    SelectionKey key;
    /** The peer given to the latest {@code stream}; null when it was given none. */
    InetSocketAddress remote;
    /** Counts {@code stream} calls: only the streams of the latest one are operational. */
    int generation;
    /** Datagrams a readiness check took from the channel, for the next receive. */
    final Deque<Datagram> pending = new ArrayDeque<>();
    /** A receive failure not yet reported to the guest. */
    IOException failure;
    long hopLimit = 64;

    Udp(boolean ipv6, DatagramChannel channel) {
      this.ipv6 = ipv6;
      this.channel = channel;
    }

    /** Moves one datagram from the channel to {@link #pending}; false when none is waiting. */
    boolean pull() {
      if (failure != null || state == State.CLOSED) {
        return false;
      }
      while (true) {
        buffer.clear();
        InetSocketAddress from;
        try {
          from = (InetSocketAddress) channel.receive(buffer);
        } catch (IOException e) {
          failure = e;
          return false;
        }
        if (from == null) {
          arm();
          return false;
        }
        // An IPv6 socket is IPv6-only (as the WIT says), and a streamed one hears only its peer.
        if (!(ipv6 && from.getAddress() instanceof Inet4Address) && (remote == null || remote.equals(from))) {
          pending.addLast(new Datagram(Arrays.copyOf(buffer.array(), buffer.position()), from));
          return true;
        }
      }
    }

    /** Asks the selector to wake the guest when the channel has a datagram (or an error) for it. */
    void arm() {
      try {
        if (key != null && key.interestOps() == 0) {
          key.interestOps(SelectionKey.OP_READ);
          key.selector().wakeup();
        }
      } catch (CancelledKeyException e) {
        // the socket was closed; a receive reports it
      }
    }

    /** The guest dropped the socket: close it, and free its port before answering. */
    void close() {
      shut();
      if (key != null) {
        released(key.selector());
      }
    }

    void shut() {
      state = State.CLOSED;
      pending.clear();
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing is all that was asked
      }
    }
  }

  /** The streams of one {@code stream} call: operational while they are the socket's latest and it is open. */
  private record Association(Udp socket, int generation) {
    boolean stale() {
      return socket.state != State.BOUND || socket.generation != generation;
    }
  }

  private record Incoming(Association of) {}

  private static final class Outgoing {
    final Association of;
    long permit;

    Outgoing(Association of) {
      this.of = of;
    }
  }

  @FunctionalInterface
  private interface Op<T> {
    Value apply(T target, Value[] a) throws SocketsHost.Refusal, IOException;
  }

  /** A method on {@code table}'s resource: its value as {@code ok}, a refusal as {@code err(code)}. */
  private static <T> HostFunction method(ResourceTable<T> table, Op<T> op) {
    return a -> {
      T t = table.get(a[0]);
      try {
        Value v = op.apply(t, a);
        return v == null ? OK : ok(v);
      } catch (SocketsHost.Refusal r) {
        return errCode(r.code);
      } catch (IOException e) {
        return errCode(code(e));
      }
    };
  }

  static String code(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return switch (e) {
      case PortUnreachableException x -> "connection-refused";
      case ClosedChannelException x -> "invalid-state";
      case BindException x when message.contains("assign") -> "address-not-bindable";
      case IOException x when message.contains("too long") -> "datagram-too-large";
      default -> SocketsHost.code(e);
    };
  }

  void register(Map<String, WasiInterface> into) {
    into.put("wasi:sockets/udp-create-socket", new WasiInterface().function("create-udp-socket", this::create));
    WasiInterface udp = new WasiInterface().resource("udp-socket", sockets)
        .resource("incoming-datagram-stream", incoming).resource("outgoing-datagram-stream", outgoing);
    udp.function("[method]udp-socket.start-bind", method(sockets, (u, a) -> {
      if (u.state != State.UNBOUND) {
        throw new SocketsHost.Refusal("invalid-state");
      }
      InetSocketAddress local = family(u, a[2]);
      if (!grants.allows(local)) {
        throw new SocketsHost.Refusal("access-denied");
      }
      u.channel.bind(local);
      u.key = u.channel.register(selector(), 0, u);
      u.state = State.BIND_STARTED;
      return null;
    }));
    udp.function("[method]udp-socket.finish-bind", method(sockets, (u, a) -> {
      if (u.state != State.BIND_STARTED) {
        throw new SocketsHost.Refusal("not-in-progress");
      }
      u.state = State.BOUND;
      return null;
    }));
    udp.function("[method]udp-socket.stream", method(sockets, this::stream));
    udp.function("[method]udp-socket.local-address", method(sockets, (u, a) -> {
      if (u.state != State.BOUND) {
        throw new SocketsHost.Refusal("invalid-state");
      }
      return socketAddress((InetSocketAddress) u.channel.getLocalAddress());
    }));
    udp.function("[method]udp-socket.remote-address", method(sockets, (u, a) -> {
      if (u.state != State.BOUND || u.remote == null) {
        throw new SocketsHost.Refusal("invalid-state");
      }
      return socketAddress(u.remote);
    }));
    udp.function("[method]udp-socket.address-family", a -> new Value.EnumValue(sockets.get(a[0]).ipv6 ? "ipv6"
        : "ipv4"));
    udp.function("[method]udp-socket.unicast-hop-limit", method(sockets, (u, a) -> Value.u8((int) u.hopLimit)));
    udp.function("[method]udp-socket.set-unicast-hop-limit", method(sockets, (u, a) -> {
      u.hopLimit = positive(a[1]);
      return null;
    }));
    bufferSize(udp, "receive-buffer-size", StandardSocketOptions.SO_RCVBUF);
    bufferSize(udp, "send-buffer-size", StandardSocketOptions.SO_SNDBUF);
    udp.function("[method]udp-socket.subscribe", a -> {
      sockets.get(a[0]);
      return io.pollables.own(IoHost.ALWAYS); // binding completes in start-bind
    });
    udp.function("[method]incoming-datagram-stream.receive", method(incoming, this::receive));
    udp.function("[method]incoming-datagram-stream.subscribe", a -> {
      Association of = incoming.get(a[0]).of();
      Udp u = of.socket();
      return io.pollables.own(() -> of.stale() || !u.pending.isEmpty() || u.failure != null || u.pull());
    });
    udp.function("[method]outgoing-datagram-stream.check-send", method(outgoing, (o, a) -> {
      if (o.of.stale()) {
        throw new SocketsHost.Refusal("invalid-state");
      }
      o.permit = SEND_PERMIT;
      return Value.u64(o.permit);
    }));
    udp.function("[method]outgoing-datagram-stream.send", method(outgoing, this::send));
    udp.function("[method]outgoing-datagram-stream.subscribe", a -> {
      outgoing.get(a[0]);
      return io.pollables.own(IoHost.ALWAYS); // check-send always permits
    });
    into.put("wasi:sockets/udp", udp);
  }

  private Value create(Value[] a) {
    if (grants.isEmpty()) {
      return errCode("access-denied");
    }
    boolean ipv6 = ((Value.EnumValue) a[0]).caseName().equals("ipv6");
    try {
      DatagramChannel channel = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
      channel.configureBlocking(false);
      return ok(sockets.own(new Udp(ipv6, channel)));
    } catch (UnsupportedOperationException e) {
      return errCode("not-supported");
    } catch (IOException e) {
      return errCode("new-socket-limit");
    }
  }

  /** {@code receive-buffer-size} or {@code send-buffer-size} and its setter, on the channel itself. */
  private void bufferSize(WasiInterface udp, String name, SocketOption<Integer> option) {
    udp.function("[method]udp-socket." + name, method(sockets, (u, a) -> Value.u64(u.channel.getOption(option))));
    udp.function("[method]udp-socket.set-" + name, method(sockets, (u, a) -> {
      long n = positive(a[1]);
      u.channel.setOption(option, n < 0 || n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n);
      return null;
    }));
  }

  private Value stream(Udp u, Value[] a) throws SocketsHost.Refusal, IOException {
    if (u.state != State.BOUND) {
      throw new SocketsHost.Refusal("invalid-state");
    }
    Value.OptionValue peer = (Value.OptionValue) a[1];
    InetSocketAddress to = peer.isSome() ? peer(u, peer.value()) : null;
    if (u.channel.isConnected()) {
      u.channel.disconnect();
    }
    if (to != null) {
      u.channel.connect(to);
      u.pending.removeIf(d -> !d.from().equals(to));
    }
    u.remote = to;
    u.failure = null;
    u.generation++;
    Association of = new Association(u, u.generation);
    return new Value.TupleValue(List.of(incoming.own(new Incoming(of)), outgoing.own(new Outgoing(of))));
  }

  private Value receive(Incoming in, Value[] a) throws SocketsHost.Refusal {
    if (in.of().stale()) {
      throw new SocketsHost.Refusal("invalid-state");
    }
    Udp u = in.of().socket();
    long max = WasiValues.u64(a[1]);
    int limit = max < 0 || max > RECEIVE_BATCH ? RECEIVE_BATCH : (int) max;
    List<Value> out = new ArrayList<>();
    while (out.size() < limit && (!u.pending.isEmpty() || u.pull())) {
      out.add(u.pending.pollFirst().value());
    }
    if (out.isEmpty() && u.failure != null) {
      IOException e = u.failure;
      u.failure = null;
      throw new SocketsHost.Refusal(code(e));
    }
    return Value.list(out);
  }

  private Value send(Outgoing o, Value[] a) throws SocketsHost.Refusal, IOException {
    List<Value> datagrams = ((Value.ListValue) a[1]).elements();
    if (datagrams.isEmpty()) {
      return Value.u64(0);
    }
    if (o.of.stale()) {
      throw new SocketsHost.Refusal("invalid-state");
    }
    if (o.permit == 0) {
      throw new Trap("wasi:sockets/udp send: check-send was not called before this send");
    }
    if (datagrams.size() > o.permit) {
      throw new Trap("wasi:sockets/udp send: " + datagrams.size() + " datagrams, but check-send permitted "
          + o.permit);
    }
    o.permit = 0;
    long sent = 0;
    for (Value d : datagrams) {
      try {
        if (!sendOne(o.of.socket(), (Value.RecordValue) d)) {
          break; // the send buffer is full: the rest is not sent
        }
      } catch (SocketsHost.Refusal | IOException e) {
        if (sent > 0) {
          break;
        }
        throw e;
      }
      sent++;
    }
    return Value.u64(sent);
  }

  /** Sends one datagram; false when the channel cannot take it now. */
  private boolean sendOne(Udp u, Value.RecordValue d) throws SocketsHost.Refusal, IOException {
    byte[] data = WasiValues.bytes(d.get("data"));
    Value.OptionValue to = (Value.OptionValue) d.get("remote-address");
    InetSocketAddress target = null;
    if (u.remote != null) {
      if (to.isSome() && !socketAddress(to.value()).equals(u.remote)) {
        throw new SocketsHost.Refusal("invalid-argument");
      }
    } else if (to.isSome()) {
      target = peer(u, to.value());
    } else {
      throw new SocketsHost.Refusal("invalid-argument");
    }
    if (data.length > (u.ipv6 ? MAX_IPV6_PAYLOAD : MAX_IPV4_PAYLOAD)) {
      throw new SocketsHost.Refusal("datagram-too-large");
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    int n = target == null ? u.channel.write(b) : u.channel.send(b, target);
    return n > 0 || data.length == 0;
  }

  /** The guest's address, if its family is the socket's. */
  private static InetSocketAddress family(Udp u, Value address) throws SocketsHost.Refusal {
    InetSocketAddress a = socketAddress(address);
    if ((a.getAddress() instanceof Inet6Address) != u.ipv6) {
      throw new SocketsHost.Refusal("invalid-argument");
    }
    return a;
  }

  /** A peer to send to: of the socket's family, a real address and port, and granted. */
  private InetSocketAddress peer(Udp u, Value address) throws SocketsHost.Refusal {
    InetSocketAddress a = family(u, address);
    if (a.getAddress().isAnyLocalAddress() || a.getPort() == 0) {
      throw new SocketsHost.Refusal("invalid-argument");
    }
    if (!grants.allows(a)) {
      throw new SocketsHost.Refusal("access-denied");
    }
    return a;
  }

  /** The selector that wakes guests waiting on a datagram, with its thread (started at the first bind). */
  private synchronized Selector selector() throws IOException {
    if (selector == null) {
      Selector s = Selector.open();
      Thread.ofPlatform().daemon().name("plugboard-wasi-udp").start(() -> watch(s));
      selector = s;
    }
    return selector;
  }

  /** Wakes the poll machinery whenever an armed channel becomes readable, then disarms it. */
  private void watch(Selector s) {
    try {
      while (s.isOpen()) {
        s.select(this::woke);
        synchronized (selectsLock) {
          selects++;
          selectsLock.notifyAll();
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // the host is closed
    } finally {
      try {
        s.close(); // nobody waits on a selector no thread watches
      } catch (IOException ignored) {
        // closing is all that was asked
      }
    }
  }

  /** A watched channel is readable: disarm it (a receive re-arms it) and wake whoever polls. */
  private void woke(SelectionKey key) {
    try {
      key.interestOps(0);
    } catch (CancelledKeyException e) {
      // closed meanwhile
    }
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /**
   * Waits until the channels closed so far are released: a registered channel keeps its port until
   * its selector next selects, and the select that starts after the second one to finish from now
   * began after they were closed.
   */
  private void released(Selector s) {
    synchronized (selectsLock) {
      long target = selects + 2;
      while (selects < target && s.isOpen()) {
        s.wakeup();
        try {
          selectsLock.wait(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  synchronized void close() {
    sockets.clear(Udp::shut);
    if (selector != null) {
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing is all that was asked
      }
    }
  }
}
