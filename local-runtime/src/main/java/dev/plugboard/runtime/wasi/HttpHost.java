package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.WasiValues.OK;
import static dev.plugboard.runtime.wasi.WasiValues.err;
import static dev.plugboard.runtime.wasi.WasiValues.ok;

import dev.plugboard.runtime.HostFunction;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code wasi:http} for guests making requests: {@code types} (fields, outgoing requests with
 * streaming bodies, incoming responses with streaming bodies, futures that poll) and
 * {@code outgoing-handler}, over {@code java.net.http}, to the authorities the run grants
 * ({@code --allow-http}); anything else is {@code HTTP-request-denied}. Serving
 * ({@code incoming-handler}) is not implemented: those resources' methods trap.
 */
final class HttpHost {
  /** Header names a guest may not set (the connection is the host's business). */
  private static final Set<String> FORBIDDEN = Set.of("connection", "keep-alive", "proxy-connection",
      "transfer-encoding", "upgrade", "host", "http2-settings", "te");
  /** Headers {@code java.net.http} sets itself and refuses from callers. */
  private static final Set<String> CLIENT_SET = Set.of("content-length", "expect", "date", "via", "warning");

  private final IoHost io;
  private final List<String> grants;
  private final Object signal;
  private HttpClient client;

  private final ResourceTable<Fields> fields = new ResourceTable<>("fields");
  private final ResourceTable<Request> requests = new ResourceTable<>("outgoing-request");
  private final ResourceTable<long[]> options = new ResourceTable<>("request-options");
  private final ResourceTable<OutgoingBody> bodies = new ResourceTable<>("outgoing-body", b -> b.pipe.abandon());
  private final ResourceTable<Pending> futures = new ResourceTable<>("future-incoming-response");
  private final ResourceTable<Response> responses = new ResourceTable<>("incoming-response");
  private final ResourceTable<Response> incomingBodies = new ResourceTable<>("incoming-body");
  private final ResourceTable<Object> trailers = new ResourceTable<>("future-trailers");

  /** Header fields in order; names compared without case. */
  private static final class Fields {
    final List<String> names = new ArrayList<>();
    final List<byte[]> values = new ArrayList<>();
    final boolean immutable;

    Fields(boolean immutable) {
      this.immutable = immutable;
    }

    Fields copy(boolean frozen) {
      Fields f = new Fields(frozen);
      f.names.addAll(names);
      f.values.addAll(values);
      return f;
    }

    void delete(String name) {
      for (int i = names.size() - 1; i >= 0; i--) {
        if (names.get(i).equalsIgnoreCase(name)) {
          names.remove(i);
          values.remove(i);
        }
      }
    }
  }

  private static final class Request {
    Fields headers;
    Value method = new Value.VariantValue("get", null);
    String path;
    Value scheme;
    String authority;
    OutgoingBody body;
  }

  private record OutgoingBody(BodyPipe pipe, boolean[] streamTaken) {}

  private static final class Pending {
    final CompletableFuture<HttpResponse<InputStream>> future;
    boolean taken;

    Pending(CompletableFuture<HttpResponse<InputStream>> future) {
      this.future = future;
    }
  }

  private static final class Response {
    final HttpResponse<InputStream> response;
    boolean consumed;
    boolean streamed;

    Response(HttpResponse<InputStream> response) {
      this.response = response;
    }
  }

  HttpHost(IoHost io, List<String> grants, Object signal) {
    this.io = io;
    this.grants = grants.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList();
    this.signal = signal;
  }

  void register(Map<String, WasiInterface> into) {
    HostFunction notServed = a -> {
      throw new Trap("wasi:http: serving requests (incoming-handler) is not implemented by this host");
    };
    WasiInterface types = new WasiInterface().otherwise(notServed)
        .resource("fields", fields).resource("outgoing-request", requests).resource("request-options", options)
        .resource("outgoing-body", bodies).resource("future-incoming-response", futures)
        .resource("incoming-response", responses).resource("incoming-body", incomingBodies)
        .resource("future-trailers", trailers);
    registerFields(types);
    registerRequests(types);
    registerResponses(types);
    types.function("http-error-code", a -> Value.none());
    into.put("wasi:http/types", types);
    into.put("wasi:http/outgoing-handler", new WasiInterface().function("handle", this::handle));
  }

  private void registerFields(WasiInterface types) {
    types.function("[constructor]fields", a -> fields.own(new Fields(false)));
    types.function("[static]fields.from-list", a -> {
      Fields f = new Fields(false);
      for (Value entry : ((Value.ListValue) a[0]).elements()) {
        List<Value> pair = ((Value.TupleValue) entry).elements();
        Value refused = refusal(f, WasiValues.string(pair.get(0)));
        if (refused != null) {
          return refused;
        }
        f.names.add(WasiValues.string(pair.get(0)));
        f.values.add(WasiValues.bytes(pair.get(1)).clone());
      }
      return ok(fields.own(f));
    });
    types.function("[method]fields.get", a -> {
      Fields f = fields.get(a[0]);
      String name = WasiValues.string(a[1]);
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < f.names.size(); i++) {
        if (f.names.get(i).equalsIgnoreCase(name)) {
          out.add(WasiValues.list(f.values.get(i)));
        }
      }
      return Value.list(out);
    });
    types.function("[method]fields.has", a -> Value.bool(fields.get(a[0]).names.stream()
        .anyMatch(n -> n.equalsIgnoreCase(WasiValues.string(a[1])))));
    types.function("[method]fields.set", a -> {
      Fields f = fields.get(a[0]);
      String name = WasiValues.string(a[1]);
      Value refused = refusal(f, name);
      if (refused != null) {
        return refused;
      }
      f.delete(name);
      for (Value v : ((Value.ListValue) a[2]).elements()) {
        f.names.add(name);
        f.values.add(WasiValues.bytes(v).clone());
      }
      return OK;
    });
    types.function("[method]fields.delete", a -> {
      Fields f = fields.get(a[0]);
      Value refused = refusal(f, WasiValues.string(a[1]));
      if (refused == null) {
        f.delete(WasiValues.string(a[1]));
      }
      return refused == null ? OK : refused;
    });
    types.function("[method]fields.append", a -> {
      Fields f = fields.get(a[0]);
      Value refused = refusal(f, WasiValues.string(a[1]));
      if (refused == null) {
        f.names.add(WasiValues.string(a[1]));
        f.values.add(WasiValues.bytes(a[2]).clone());
      }
      return refused == null ? OK : refused;
    });
    types.function("[method]fields.entries", a -> {
      Fields f = fields.get(a[0]);
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < f.names.size(); i++) {
        out.add(new Value.TupleValue(List.of(Value.string(f.names.get(i)), WasiValues.list(f.values.get(i)))));
      }
      return Value.list(out);
    });
    types.function("[method]fields.clone", a -> fields.own(fields.get(a[0]).copy(false)));
  }

  /** {@code header-error} for a change to {@code f} under {@code name}, or null when it is allowed. */
  private static Value refusal(Fields f, String name) {
    if (f.immutable) {
      return err(new Value.VariantValue("immutable", null));
    }
    if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      return err(new Value.VariantValue("invalid-syntax", null));
    }
    if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
      return err(new Value.VariantValue("forbidden", null));
    }
    return null;
  }

  private void registerRequests(WasiInterface types) {
    types.function("[constructor]outgoing-request", a -> {
      Request r = new Request();
      r.headers = fields.get(a[0]).copy(true);
      return requests.own(r);
    });
    types.function("[method]outgoing-request.body", a -> {
      Request r = requests.get(a[0]);
      if (r.body != null) {
        return err(null);
      }
      r.body = new OutgoingBody(new BodyPipe(), new boolean[1]);
      return ok(bodies.own(r.body));
    });
    types.function("[method]outgoing-request.method", a -> requests.get(a[0]).method);
    types.function("[method]outgoing-request.set-method", a -> {
      requests.get(a[0]).method = a[1];
      return OK;
    });
    types.function("[method]outgoing-request.path-with-query", a -> optionalString(requests.get(a[0]).path));
    types.function("[method]outgoing-request.set-path-with-query", a -> {
      requests.get(a[0]).path = stringOrNull(a[1]);
      return OK;
    });
    types.function("[method]outgoing-request.scheme", a -> {
      Value s = requests.get(a[0]).scheme;
      return s == null ? Value.none() : Value.some(s);
    });
    types.function("[method]outgoing-request.set-scheme", a -> {
      Value.OptionValue o = (Value.OptionValue) a[1];
      requests.get(a[0]).scheme = o.value();
      return OK;
    });
    types.function("[method]outgoing-request.authority", a -> optionalString(requests.get(a[0]).authority));
    types.function("[method]outgoing-request.set-authority", a -> {
      requests.get(a[0]).authority = stringOrNull(a[1]);
      return OK;
    });
    types.function("[method]outgoing-request.headers", a -> fields.own(requests.get(a[0]).headers));
    types.function("[constructor]request-options", a -> options.own(new long[] {-1, -1, -1}));
    String[] timeouts = {"connect-timeout", "first-byte-timeout", "between-bytes-timeout"};
    for (int i = 0; i < timeouts.length; i++) {
      int slot = i;
      types.function("[method]request-options." + timeouts[i], a -> {
        long t = options.get(a[0])[slot];
        return t < 0 ? Value.none() : Value.some(Value.u64(t));
      });
      types.function("[method]request-options.set-" + timeouts[i], a -> {
        Value.OptionValue o = (Value.OptionValue) a[1];
        options.get(a[0])[slot] = o.isSome() ? WasiValues.u64(o.value()) : -1;
        return OK;
      });
    }
    types.function("[method]outgoing-body.write", a -> {
      OutgoingBody b = bodies.get(a[0]);
      if (b.streamTaken()[0]) {
        return err(null);
      }
      b.streamTaken()[0] = true;
      return ok(io.outputs.own(new WasiStreams.Out() {
        @Override
        void write(byte[] bytes) throws IOException {
          b.pipe().write(bytes);
        }

        @Override
        void flush() {}
      }));
    });
    types.function("[static]outgoing-body.finish", a -> {
      bodies.get(a[0]).pipe().finish();
      return OK;
    });
  }

  private void registerResponses(WasiInterface types) {
    types.function("[method]future-incoming-response.subscribe", a -> {
      Pending p = futures.get(a[0]);
      return io.pollables.own(p.future::isDone);
    });
    types.function("[method]future-incoming-response.get", a -> {
      Pending p = futures.get(a[0]);
      if (!p.future.isDone()) {
        return Value.none();
      }
      if (p.taken) {
        return Value.some(err(null));
      }
      p.taken = true;
      try {
        return Value.some(ok(ok(responses.own(new Response(p.future.join())))));
      } catch (CompletionException e) {
        return Value.some(ok(err(errorCode(e.getCause()))));
      }
    });
    types.function("[method]incoming-response.status", a -> new Value.Int(ValueType.Prim.U16,
        responses.get(a[0]).response.statusCode()));
    types.function("[method]incoming-response.headers", a -> {
      Fields f = new Fields(true);
      responses.get(a[0]).response.headers().map().forEach((name, values) -> {
        for (String v : values) {
          f.names.add(name);
          f.values.add(v.getBytes(StandardCharsets.ISO_8859_1));
        }
      });
      return fields.own(f);
    });
    types.function("[method]incoming-response.consume", a -> {
      Response r = responses.get(a[0]);
      if (r.consumed) {
        return err(null);
      }
      r.consumed = true;
      return ok(incomingBodies.own(r));
    });
    types.function("[method]incoming-body.stream", a -> {
      Response r = incomingBodies.get(a[0]);
      if (r.streamed) {
        return err(null);
      }
      r.streamed = true;
      return ok(io.inputs.own(new WasiStreams.Pumped(r.response.body(), signal)));
    });
    types.function("[static]incoming-body.finish", a -> trailers.own(new Object()));
    types.function("[method]future-trailers.subscribe", a -> io.pollables.own(IoHost.ALWAYS));
    types.function("[method]future-trailers.get", a -> Value.some(ok(ok(Value.none()))));
  }

  /** {@code outgoing-handler.handle}: sends the request if its authority is granted. */
  private Value handle(Value[] a) {
    Request r = requests.get(a[0]);
    long[] timeouts = a[1] instanceof Value.OptionValue o && o.isSome() ? options.get(o.value()) : new long[] {-1, -1, -1};
    if (r.authority == null || r.authority.isEmpty()) {
      return err(new Value.VariantValue("HTTP-request-URI-invalid", null));
    }
    String scheme = r.scheme == null ? "http" : switch (((Value.VariantValue) r.scheme).caseName()) {
      case "HTTPS" -> "https";
      case "HTTP" -> "http";
      default -> WasiValues.string(((Value.VariantValue) r.scheme).payload());
    };
    if (!granted(scheme, r.authority)) {
      return err(new Value.VariantValue("HTTP-request-denied", null));
    }
    URI uri;
    try {
      uri = new URI(scheme + "://" + r.authority + (r.path == null ? "/" : r.path));
    } catch (URISyntaxException e) {
      return err(new Value.VariantValue("HTTP-request-URI-invalid", null));
    }
    Value.VariantValue m = (Value.VariantValue) r.method;
    String method = m.caseName().equals("other") ? WasiValues.string(m.payload()) : m.caseName().toUpperCase(Locale.ROOT);
    HttpRequest.BodyPublisher publisher = r.body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofInputStream(r.body.pipe()::reader);
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(uri).method(method, publisher);
      for (int i = 0; i < r.headers.names.size(); i++) {
        if (!CLIENT_SET.contains(r.headers.names.get(i).toLowerCase(Locale.ROOT))) {
          b.header(r.headers.names.get(i), new String(r.headers.values.get(i), StandardCharsets.ISO_8859_1));
        }
      }
      if (timeouts[1] > 0) {
        b.timeout(Duration.ofNanos(timeouts[1]));
      }
    } catch (IllegalArgumentException e) {
      return err(new Value.VariantValue("internal-error", Value.some(Value.string(String.valueOf(e.getMessage())))));
    }
    HttpClient c = client(timeouts[0]);
    CompletableFuture<HttpResponse<InputStream>> f = c.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    f.whenComplete((x, e) -> {
      synchronized (signal) {
        signal.notifyAll();
      }
    });
    return ok(futures.own(new Pending(f)));
  }

  private HttpClient client(long connectTimeoutNanos) {
    if (connectTimeoutNanos > 0) {
      return HttpClient.newBuilder().connectTimeout(Duration.ofNanos(connectTimeoutNanos))
          .followRedirects(HttpClient.Redirect.NEVER).build();
    }
    if (client == null) {
      client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }
    return client;
  }

  /** Whether {@code --allow-http} grants the authority: its host, and its port when the grant names one. */
  private boolean granted(String scheme, String authority) {
    URI u;
    try {
      u = new URI(scheme + "://" + authority);
    } catch (URISyntaxException e) {
      return false;
    }
    if (u.getHost() == null) {
      return false;
    }
    String host = u.getHost().toLowerCase(Locale.ROOT);
    int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
    for (String g : grants) {
      int colon = g.lastIndexOf(':');
      boolean hasPort = colon > g.lastIndexOf(']');
      String gHost = hasPort ? g.substring(0, colon) : g;
      if (gHost.equals(host) || gHost.equals("[" + host + "]") || ("[" + gHost + "]").equals(host)) {
        if (!hasPort || g.substring(colon + 1).equals(String.valueOf(port))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Value errorCode(Throwable e) {
    return switch (e) {
      case HttpConnectTimeoutException x -> new Value.VariantValue("connection-timeout", null);
      case HttpTimeoutException x -> new Value.VariantValue("HTTP-response-timeout", null);
      case ConnectException x -> new Value.VariantValue("connection-refused", null);
      case UnresolvedAddressException x -> new Value.VariantValue("DNS-error", new Value.RecordValue(List.of(
          new Value.Field("rcode", Value.none()), new Value.Field("info-code", Value.none()))));
      default -> new Value.VariantValue("internal-error", Value.some(Value.string(String.valueOf(e))));
    };
  }

  private static Value optionalString(String s) {
    return s == null ? Value.none() : Value.some(Value.string(s));
  }

  private static String stringOrNull(Value option) {
    Value.OptionValue o = (Value.OptionValue) option;
    return o.isSome() ? WasiValues.string(o.value()) : null;
  }
}
