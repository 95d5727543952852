package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.WasiValues.OK;
import static dev.plugboard.runtime.wasi.WasiValues.err;
import static dev.plugboard.runtime.wasi.WasiValues.ok;

import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.HostFunction;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * ({@code --allow-http}); anything else is {@code HTTP-request-denied}. And for guests serving
 * requests ({@code incoming-handler}): incoming requests with streaming bodies, outgoing responses
 * whose bodies go to the client as the guest writes them ({@link #serve}).
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
  private final ResourceTable<OutgoingBody> bodies = new ResourceTable<>("outgoing-body", b -> b.sink().abandon());
  private final ResourceTable<Pending> futures = new ResourceTable<>("future-incoming-response");
  private final ResourceTable<Response> responses = new ResourceTable<>("incoming-response");
  private final ResourceTable<IncomingBody> incomingBodies = new ResourceTable<>("incoming-body");
  private final ResourceTable<HttpServing.Request> incomingRequests = new ResourceTable<>("incoming-request");
  private final ResourceTable<Outparam> outparams = new ResourceTable<>("response-outparam");
  private final ResourceTable<OutgoingResponse> outgoingResponses = new ResourceTable<>("outgoing-response");
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

  private record OutgoingBody(BodySink sink, boolean[] streamTaken) {}

  /** A body to read: a response's from a server, or a served request's from a client. */
  private static final class IncomingBody {
    final InputStream in;
    boolean streamed;

    IncomingBody(InputStream in) {
      this.in = in;
    }
  }

  private static final class OutgoingResponse {
    int status = 200;
    Fields headers;
    ResponseBody body;
  }

  /** Where a served request's response goes, and what the guest set. */
  private static final class Outparam {
    final HttpServing.Response sink;
    boolean set;
    int status;
    ResponseBody body;
    IOException failure;

    Outparam(HttpServing.Response sink) {
      this.sink = sink;
    }
  }

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
    HostFunction unknown = a -> {
      throw new Trap("wasi:http/types: this function is not implemented by the host");
    };
    WasiInterface types = new WasiInterface().otherwise(unknown)
        .resource("fields", fields).resource("outgoing-request", requests).resource("request-options", options)
        .resource("outgoing-body", bodies).resource("future-incoming-response", futures)
        .resource("incoming-response", responses).resource("incoming-body", incomingBodies)
        .resource("future-trailers", trailers).resource("incoming-request", incomingRequests)
        .resource("response-outparam", outparams).resource("outgoing-response", outgoingResponses);
    registerFields(types);
    registerRequests(types);
    registerResponses(types);
    registerServing(types);
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
          b.sink().write(bytes);
        }

        @Override
        void flush() {}
      }));
    });
    types.function("[static]outgoing-body.finish", a -> {
      try {
        bodies.get(a[0]).sink().finish();
        return OK;
      } catch (IOException e) {
        return err(new Value.VariantValue("connection-terminated", null));
      }
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
      return ok(incomingBodies.own(new IncomingBody(r.response.body())));
    });
    types.function("[method]incoming-body.stream", a -> {
      IncomingBody b = incomingBodies.get(a[0]);
      if (b.streamed) {
        return err(null);
      }
      b.streamed = true;
      return ok(io.inputs.own(new WasiStreams.Pumped(b.in, signal)));
    });
    types.function("[static]incoming-body.finish", a -> trailers.own(new Object()));
    types.function("[method]future-trailers.subscribe", a -> io.pollables.own(IoHost.ALWAYS));
    types.function("[method]future-trailers.get", a -> Value.some(ok(ok(Value.none()))));
  }

  private void registerServing(WasiInterface types) {
    types.function("[method]incoming-request.method", a -> {
      String m = incomingRequests.get(a[0]).method();
      String lower = m.toLowerCase(Locale.ROOT);
      return Set.of("get", "head", "post", "put", "delete", "connect", "options", "trace", "patch").contains(lower)
          && m.equals(m.toUpperCase(Locale.ROOT)) ? new Value.VariantValue(lower, null)
          : new Value.VariantValue("other", Value.string(m));
    });
    types.function("[method]incoming-request.path-with-query",
        a -> optionalString(incomingRequests.get(a[0]).pathWithQuery()));
    types.function("[method]incoming-request.scheme", a -> Value.some(new Value.VariantValue("HTTP", null)));
    types.function("[method]incoming-request.authority", a -> optionalString(incomingRequests.get(a[0]).authority()));
    types.function("[method]incoming-request.headers", a -> {
      Fields f = new Fields(true);
      for (Map.Entry<String, String> h : incomingRequests.get(a[0]).headers()) {
        f.names.add(h.getKey());
        f.values.add(h.getValue().getBytes(StandardCharsets.ISO_8859_1));
      }
      return fields.own(f);
    });
    types.function("[method]incoming-request.consume", a -> {
      HttpServing.Request r = incomingRequests.get(a[0]);
      return ok(incomingBodies.own(new IncomingBody(r.body())));
    });
    types.function("[constructor]outgoing-response", a -> {
      OutgoingResponse r = new OutgoingResponse();
      r.headers = fields.get(a[0]).copy(true);
      return outgoingResponses.own(r);
    });
    types.function("[method]outgoing-response.status-code", a -> new Value.Int(ValueType.Prim.U16,
        outgoingResponses.get(a[0]).status));
    types.function("[method]outgoing-response.set-status-code", a -> {
      long code = ((Value.Int) a[1]).value();
      if (code < 100 || code > 999) {
        return err(null);
      }
      outgoingResponses.get(a[0]).status = (int) code;
      return OK;
    });
    types.function("[method]outgoing-response.headers", a -> fields.own(outgoingResponses.get(a[0]).headers));
    types.function("[method]outgoing-response.body", a -> {
      OutgoingResponse r = outgoingResponses.get(a[0]);
      if (r.body != null) {
        return err(null);
      }
      r.body = new ResponseBody();
      return ok(bodies.own(new OutgoingBody(r.body, new boolean[1])));
    });
    types.function("[method]response-outparam.send-informational", a -> err(new Value.VariantValue(
        "HTTP-protocol-error", null)));
    types.function("[static]response-outparam.set", a -> {
      Outparam out = outparams.get(a[0]);
      Value.ResultValue response = (Value.ResultValue) a[1];
      out.set = true;
      if (!response.isOk()) {
        out.status = 500;
        try {
          out.sink.start(500, List.of()).close();
        } catch (IOException e) {
          out.failure = e;
        }
        return null;
      }
      OutgoingResponse r = outgoingResponses.get(response.payload());
      out.status = r.status;
      out.body = r.body;
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      for (int i = 0; i < r.headers.names.size(); i++) {
        headers.add(Map.entry(r.headers.names.get(i), new String(r.headers.values.get(i),
            StandardCharsets.ISO_8859_1)));
      }
      try {
        OutputStream target = out.sink.start(r.status, headers);
        if (r.body == null) {
          target.close();
        } else {
          r.body.attach(target);
        }
      } catch (IOException e) {
        out.failure = e;
      }
      return null;
    });
  }

  /**
   * Hands {@code request} to the instance's {@code wasi:http/incoming-handler} and the response
   * it sets to {@code response}; returns the status sent (500 when the guest set an error or
   * nothing).
   */
  int serve(ComponentInstance instance, String handler, HttpServing.Request request,
      HttpServing.Response response) throws IOException {
    Outparam out = new Outparam(response);
    instance.function(handler).call(incomingRequests.own(request), outparams.own(out));
    if (!out.set) {
      response.start(500, List.of()).close();
      return 500;
    }
    if (out.failure != null) {
      throw out.failure;
    }
    if (out.body != null && !out.body.finished()) {
      out.body.abandon();
    }
    return out.status;
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
        : HttpRequest.BodyPublishers.ofInputStream(((BodyPipe) r.body.sink())::reader);
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
