package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.WasiValues.OK;
import static dev.plugboard.runtime.wasi.WasiValues.err;
import static dev.plugboard.runtime.wasi.WasiValues.ok;

import dev.plugboard.runtime.HostFunction;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code wasi:sockets}: TCP to and from the addresses the run grants ({@link NetGrants}); without
 * a grant, creating a socket answers {@code access-denied}, and so does binding or connecting to
 * an address outside the grants. Connects and accepts run on background threads and reads are
 * pumped like stdin, so a guest polls sockets like any other stream. Name lookups answer only
 * for granted names. UDP is served by {@link UdpHost} under the same grants.
 */
final class SocketsHost {
  private static final int CONNECT_TIMEOUT_MS = 30_000;
  private final IoHost io;
  private final NetGrants grants;
  private final Object signal;
  private final ResourceTable<Object> networks = new ResourceTable<>("network");
  private final ResourceTable<Tcp> sockets = new ResourceTable<>("tcp-socket", Tcp::close);
  private final ResourceTable<Iterator<InetAddress>> lookups = new ResourceTable<>("resolve-address-stream");
  private final UdpHost udp;

  SocketsHost(IoHost io, NetGrants grants, Object signal) {
    this.io = io;
    this.grants = grants;
    this.signal = signal;
    this.udp = new UdpHost(io, grants, signal);
  }

  /** A socket error-code, answered as {@code err(code)}. */
  static final class Refusal extends Exception {
    final String code;

    Refusal(String code) {
      super(code, null, false, false);
      this.code = code;
    }
  }

  /**
   * Socket options the guest may read and set (kept, and reported back; the JDK applies its own
   * defaults to the connection). Setting one to 0 is {@code invalid-argument}.
   */
  private enum NumericOption {
    KEEP_ALIVE_IDLE_TIME("keep-alive-idle-time", 7_200_000_000_000L, ValueType.Prim.U64),
    KEEP_ALIVE_INTERVAL("keep-alive-interval", 75_000_000_000L, ValueType.Prim.U64),
    KEEP_ALIVE_COUNT("keep-alive-count", 9, ValueType.Prim.U32),
    HOP_LIMIT("hop-limit", 64, ValueType.Prim.U8),
    RECEIVE_BUFFER_SIZE("receive-buffer-size", 65536, ValueType.Prim.U64),
    SEND_BUFFER_SIZE("send-buffer-size", 65536, ValueType.Prim.U64);

    final String wit;
    final long initial;
    final ValueType.Prim type;

    NumericOption(String wit, long initial, ValueType.Prim type) {
      this.wit = wit;
      this.initial = initial;
      this.type = type;
    }

    Value value(long v) {
      return new Value.Int(type, v);
    }
  }

  private enum State { UNBOUND, BIND_STARTED, BOUND, CONNECTING, CONNECTED, LISTEN_STARTED, LISTENING, CLOSED }

  /** One TCP socket through its WASI states. */
  private final class Tcp {
    final boolean ipv6;
    State state = State.UNBOUND;
    InetSocketAddress bindTo;
    CompletableFuture<Socket> connecting;
    Socket socket;
    ServerSocket server;
    final Deque<Socket> accepted = new ArrayDeque<>();
    int backlog = 128;
    boolean keepAlive;
    final Map<NumericOption, Long> options = new EnumMap<>(NumericOption.class);

    Tcp(boolean ipv6) {
      this.ipv6 = ipv6;
    }

    synchronized boolean hasPending() {
      return !accepted.isEmpty();
    }

    void close() {
      state = State.CLOSED;
      try {
        if (socket != null) {
          socket.close();
        }
        if (server != null) {
          server.close();
        }
        synchronized (this) {
          for (Socket s : accepted) {
            s.close();
          }
          accepted.clear();
        }
        if (connecting != null) {
          connecting.thenAccept(s -> {
            try {
              s.close();
            } catch (IOException ignored) {
              // closing a socket nobody holds
            }
          });
        }
      } catch (IOException ignored) {
        // closing is all that was asked
      }
    }
  }

  @FunctionalInterface
  private interface TcpOp {
    Value apply(Tcp t, Value[] a) throws Refusal, IOException;
  }

  /** A {@code tcp-socket} method: its value as {@code ok}, a refusal as {@code err(code)}. */
  private HostFunction method(TcpOp op) {
    return a -> {
      Tcp t = sockets.get(a[0]);
      try {
        Value v = op.apply(t, a);
        return v == null ? OK : ok(v);
      } catch (Refusal r) {
        return errCode(r.code);
      } catch (IOException e) {
        return errCode(code(e));
      }
    };
  }

  static Value errCode(String code) {
    return err(new Value.EnumValue(code));
  }

  static String code(Throwable e) {
    return switch (e) {
      case ConnectException x -> "connection-refused";
      case NoRouteToHostException x -> "remote-unreachable";
      case BindException x -> "address-in-use";
      case SocketTimeoutException x -> "timeout";
      case UnknownHostException x -> "name-unresolvable";
      default -> "unknown";
    };
  }

  void register(Map<String, WasiInterface> into) {
    into.put("wasi:sockets/network", new WasiInterface().resource("network", networks)
        .function("network-error-code", a -> Value.none()));
    into.put("wasi:sockets/instance-network", new WasiInterface()
        .function("instance-network", a -> networks.own(new Object())));
    into.put("wasi:sockets/tcp-create-socket", new WasiInterface().function("create-tcp-socket", a -> grants.isEmpty()
        ? errCode("access-denied") : ok(sockets.own(new Tcp(((Value.EnumValue) a[0]).caseName().equals("ipv6"))))));
    into.put("wasi:sockets/ip-name-lookup", new WasiInterface().resource("resolve-address-stream", lookups)
        .function("resolve-addresses", a -> {
          List<InetAddress> found = grants.lookup(WasiValues.string(a[1]));
          return found.isEmpty() ? errCode(grants.isEmpty() ? "access-denied" : "name-unresolvable")
              : ok(lookups.own(found.iterator()));
        })
        .function("[method]resolve-address-stream.resolve-next-address", a -> {
          Iterator<InetAddress> it = lookups.get(a[0]);
          return ok(it.hasNext() ? Value.some(ipAddress(it.next())) : Value.none());
        })
        .function("[method]resolve-address-stream.subscribe", a -> io.pollables.own(IoHost.ALWAYS)));
    WasiInterface tcp = new WasiInterface().resource("tcp-socket", sockets)
        .otherwise(a -> {
          throw new Trap("wasi:sockets/tcp: this function is not implemented by the host");
        });
    tcp.function("[method]tcp-socket.start-bind", method((t, a) -> {
      if (t.state != State.UNBOUND) {
        throw new Refusal("invalid-state");
      }
      t.bindTo = granted(t, a[2]);
      t.state = State.BIND_STARTED;
      return null;
    }));
    tcp.function("[method]tcp-socket.finish-bind", method((t, a) -> finish(t, State.BIND_STARTED, State.BOUND)));
    tcp.function("[method]tcp-socket.start-connect", method((t, a) -> {
      if (t.state != State.UNBOUND && t.state != State.BOUND) {
        throw new Refusal("invalid-state");
      }
      InetSocketAddress remote = granted(t, a[2]);
      if (remote.getPort() == 0) {
        throw new Refusal("invalid-argument");
      }
      InetSocketAddress local = t.bindTo;
      t.connecting = CompletableFuture.supplyAsync(() -> {
        try {
          Socket s = new Socket();
          if (local != null) {
            s.bind(local);
          }
          s.connect(remote, CONNECT_TIMEOUT_MS);
          return s;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, r -> Thread.ofVirtual().start(r));
      t.connecting.whenComplete((s, e) -> wake());
      t.state = State.CONNECTING;
      return null;
    }));
    tcp.function("[method]tcp-socket.finish-connect", method((t, a) -> {
      if (t.state != State.CONNECTING) {
        throw new Refusal("not-in-progress");
      }
      if (!t.connecting.isDone()) {
        throw new Refusal("would-block");
      }
      try {
        t.socket = t.connecting.get();
      } catch (ExecutionException | InterruptedException e) {
        t.state = State.CLOSED;
        throw new Refusal(code(e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e));
      }
      t.state = State.CONNECTED;
      return streams(t.socket, null);
    }));
    tcp.function("[method]tcp-socket.start-listen", method((t, a) -> {
      if (t.state != State.BOUND) {
        throw new Refusal("invalid-state");
      }
      t.server = new ServerSocket();
      t.server.bind(t.bindTo, t.backlog);
      Thread.ofVirtual().start(() -> acceptLoop(t));
      t.state = State.LISTEN_STARTED;
      return null;
    }));
    tcp.function("[method]tcp-socket.finish-listen", method((t, a) -> finish(t, State.LISTEN_STARTED,
        State.LISTENING)));
    tcp.function("[method]tcp-socket.accept", method((t, a) -> {
      if (t.state != State.LISTENING) {
        throw new Refusal("invalid-state");
      }
      Socket s;
      synchronized (t) {
        s = t.accepted.pollFirst();
      }
      if (s == null) {
        throw new Refusal("would-block");
      }
      Tcp child = new Tcp(t.ipv6);
      child.socket = s;
      child.state = State.CONNECTED;
      return streams(s, sockets.own(child));
    }));
    tcp.function("[method]tcp-socket.local-address", method((t, a) -> {
      if (t.socket != null) {
        return socketAddress((InetSocketAddress) t.socket.getLocalSocketAddress());
      }
      if (t.server != null) {
        return socketAddress((InetSocketAddress) t.server.getLocalSocketAddress());
      }
      if (t.state == State.BOUND) {
        return socketAddress(t.bindTo);
      }
      throw new Refusal("invalid-state");
    }));
    tcp.function("[method]tcp-socket.remote-address", method((t, a) -> {
      if (t.state != State.CONNECTED) {
        throw new Refusal("invalid-state");
      }
      return socketAddress((InetSocketAddress) t.socket.getRemoteSocketAddress());
    }));
    tcp.function("[method]tcp-socket.is-listening", a -> Value.bool(sockets.get(a[0]).state == State.LISTENING));
    tcp.function("[method]tcp-socket.address-family", a -> new Value.EnumValue(sockets.get(a[0]).ipv6 ? "ipv6"
        : "ipv4"));
    tcp.function("[method]tcp-socket.set-listen-backlog-size", method((t, a) -> {
      if (t.state == State.CONNECTING || t.state == State.CONNECTED) {
        throw new Refusal("invalid-state");
      }
      t.backlog = (int) Math.min(positive(a[1]), Integer.MAX_VALUE);
      return null;
    }));
    tcp.function("[method]tcp-socket.keep-alive-enabled", method((t, a) -> Value.bool(t.keepAlive)));
    tcp.function("[method]tcp-socket.set-keep-alive-enabled", method((t, a) -> {
      t.keepAlive = ((Value.Bool) a[1]).value();
      if (t.socket != null) {
        t.socket.setKeepAlive(t.keepAlive);
      }
      return null;
    }));
    for (NumericOption o : NumericOption.values()) {
      tcp.function("[method]tcp-socket." + o.wit, method((t, a) -> o.value(t.options.getOrDefault(o, o.initial))));
      tcp.function("[method]tcp-socket.set-" + o.wit, method((t, a) -> {
        t.options.put(o, positive(a[1]));
        return null;
      }));
    }
    tcp.function("[method]tcp-socket.subscribe", a -> {
      Tcp t = sockets.get(a[0]);
      return io.pollables.own(() -> switch (t.state) {
        case CONNECTING -> t.connecting.isDone();
        case LISTEN_STARTED, LISTENING -> t.hasPending();
        default -> true;
      });
    });
    tcp.function("[method]tcp-socket.shutdown", method((t, a) -> {
      if (t.state != State.CONNECTED) {
        throw new Refusal("invalid-state");
      }
      String how = ((Value.EnumValue) a[1]).caseName();
      if (!how.equals("send")) {
        t.socket.shutdownInput();
      }
      if (!how.equals("receive")) {
        t.socket.shutdownOutput();
      }
      return null;
    }));
    into.put("wasi:sockets/tcp", tcp);
    udp.register(into);
  }

  private static Value finish(Tcp t, State started, State done) throws Refusal {
    if (t.state != started) {
      throw new Refusal("not-in-progress");
    }
    t.state = done;
    return null;
  }

  static long positive(Value v) throws Refusal {
    long n = ((Value.Int) v).value();
    if (n == 0) {
      throw new Refusal("invalid-argument");
    }
    return n;
  }

  /** The guest's address, if its family fits the socket and the run grants it. */
  private InetSocketAddress granted(Tcp t, Value address) throws Refusal {
    InetSocketAddress a = socketAddress(address);
    if ((a.getAddress() instanceof Inet6Address) != t.ipv6) {
      throw new Refusal("invalid-argument");
    }
    if (!grants.allows(a)) {
      throw new Refusal("access-denied");
    }
    return a;
  }

  /** {@code tuple<input-stream, output-stream>}, after {@code first} when there is one (accept). */
  private Value streams(Socket s, Value first) throws IOException {
    List<Value> out = new ArrayList<>();
    if (first != null) {
      out.add(first);
    }
    out.add(io.inputs.own(new WasiStreams.Pumped(s.getInputStream(), signal)));
    out.add(io.outputs.own(new WasiStreams.Passthrough(s.getOutputStream())));
    return new Value.TupleValue(out);
  }

  private void acceptLoop(Tcp t) {
    try {
      while (true) {
        Socket s = t.server.accept();
        synchronized (t) {
          t.accepted.addLast(s);
        }
        wake();
      }
    } catch (IOException e) {
      // the listener was closed
    }
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  // ---- wasi:sockets/network addresses ---------------------------------------------------

  static InetSocketAddress socketAddress(Value v) throws Refusal {
    Value.VariantValue var = (Value.VariantValue) v;
    Value.RecordValue r = (Value.RecordValue) var.payload();
    int port = (int) ((Value.Int) r.get("port")).value();
    List<Value> parts = ((Value.TupleValue) r.get("address")).elements();
    byte[] bytes = new byte[var.caseName().equals("ipv4") ? 4 : 16];
    for (int i = 0; i < parts.size(); i++) {
      long p = ((Value.Int) parts.get(i)).value();
      if (bytes.length == 4) {
        bytes[i] = (byte) p;
      } else {
        bytes[2 * i] = (byte) (p >> 8);
        bytes[2 * i + 1] = (byte) p;
      }
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
    } catch (UnknownHostException e) {
      throw new Refusal("invalid-argument");
    }
  }

  static Value socketAddress(InetSocketAddress a) {
    Value port = new Value.Int(ValueType.Prim.U16, a.getPort());
    Value.VariantValue ip = (Value.VariantValue) ipAddress(a.getAddress());
    if (ip.caseName().equals("ipv4")) {
      return new Value.VariantValue("ipv4", new Value.RecordValue(List.of(new Value.Field("port", port),
          new Value.Field("address", ip.payload()))));
    }
    int scope = a.getAddress() instanceof Inet6Address six ? six.getScopeId() : 0;
    return new Value.VariantValue("ipv6", new Value.RecordValue(List.of(new Value.Field("port", port),
        new Value.Field("flow-info", Value.u32(0)), new Value.Field("address", ip.payload()),
        new Value.Field("scope-id", Value.u32(scope)))));
  }

  private static Value ipAddress(InetAddress a) {
    byte[] b = a.getAddress();
    List<Value> parts = new ArrayList<>();
    if (a instanceof Inet4Address) {
      for (byte x : b) {
        parts.add(Value.u8(x));
      }
      return new Value.VariantValue("ipv4", new Value.TupleValue(parts));
    }
    for (int i = 0; i < 16; i += 2) {
      parts.add(new Value.Int(ValueType.Prim.U16, ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
    }
    return new Value.VariantValue("ipv6", new Value.TupleValue(parts));
  }

  void close() {
    sockets.clear(Tcp::close);
    udp.close();
  }
}
