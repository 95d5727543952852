package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.GuestCalls.borrow;
import static dev.plugboard.runtime.wasi.GuestCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.plugboard.types.Value;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outgoing {@code wasi:http} as a guest drives it (fields, a request with a streamed body,
 * {@code outgoing-handler.handle}, polling the future, the response's headers and streamed body)
 * against a local Java HTTP server, and the grant that decides which authorities are reachable.
 */
class WasiHttpTest {
  private HttpServer server;
  private String authority;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/shout", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String text = new String(body, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
      exchange.getResponseHeaders().add("x-method", exchange.getRequestMethod());
      exchange.getResponseHeaders().add("x-echo", String.valueOf(exchange.getRequestHeaders().getFirst("x-greeting")));
      byte[] out = (text + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(201, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
    authority = "127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static Value http(WasiHost host, String function, Value... args) {
    return GuestCalls.call(host, "wasi:http/types", function, args);
  }

  private static Value some(String s) {
    return Value.some(Value.string(s));
  }

  /** A POST of {@code body} to {@code /shout?q=1} on {@code authority}; the result of {@code handle}. */
  private static Value post(WasiHost host, String authority, String body) {
    Value headers = ok(http(host, "[static]fields.from-list", Value.list(List.of(new Value.TupleValue(List.of(
        Value.string("x-greeting"), WasiValues.list("hi".getBytes())))))));
    Value request = http(host, "[constructor]outgoing-request", headers);
    Value req = borrow(request);
    ok(http(host, "[method]outgoing-request.set-method", req, new Value.VariantValue("post", null)));
    ok(http(host, "[method]outgoing-request.set-authority", req, some(authority)));
    ok(http(host, "[method]outgoing-request.set-path-with-query", req, some("/shout?q=1")));
    Value outgoingBody = ok(http(host, "[method]outgoing-request.body", req));
    Value future = GuestCalls.call(host, "wasi:http/outgoing-handler", "handle", request, Value.none());
    if (!((Value.ResultValue) future).isOk()) {
      return future;
    }
    Value stream = borrow(ok(http(host, "[method]outgoing-body.write", borrow(outgoingBody))));
    for (String part : List.of(body.substring(0, 3), body.substring(3))) {
      ok(GuestCalls.call(host, "wasi:io/streams", "[method]output-stream.blocking-write-and-flush", stream,
          WasiValues.list(part.getBytes())));
    }
    ok(http(host, "[static]outgoing-body.finish", outgoingBody, Value.none()));
    return future;
  }

  @Test
  void aGrantedRequestStreamsItsBodyAndItsResponse() {
    WasiHost host = new WasiHost(WasiConfig.sandbox().withNetwork(List.of(authority), List.of()));
    Value future = borrow(ok(post(host, authority, "hello world")));
    Value ready = borrow(http(host, "[method]future-incoming-response.subscribe", future));
    GuestCalls.call(host, "wasi:io/poll", "[method]pollable.block", ready);
    Value response = borrow(ok(ok(((Value.OptionValue) http(host, "[method]future-incoming-response.get", future))
        .value())));
    assertThat(http(host, "[method]incoming-response.status", response)).isEqualTo(
        new Value.Int(dev.plugboard.types.ValueType.Prim.U16, 201));
    Value headers = borrow(http(host, "[method]incoming-response.headers", response));
    assertThat(http(host, "[method]fields.get", headers, Value.string("X-Method")))
        .isEqualTo(Value.list(List.of(WasiValues.list("POST".getBytes()))));
    assertThat(http(host, "[method]fields.get", headers, Value.string("x-echo")))
        .isEqualTo(Value.list(List.of(WasiValues.list("hi".getBytes()))));
    assertThat(http(host, "[method]fields.append", headers, Value.string("x"), WasiValues.list(new byte[0])))
        .isEqualTo(WasiValues.err(new Value.VariantValue("immutable", null)));

    Value body = borrow(ok(http(host, "[method]incoming-response.consume", response)));
    Value in = borrow(ok(http(host, "[method]incoming-body.stream", body)));
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    Value r;
    while ((r = GuestCalls.call(host, "wasi:io/streams", "[method]input-stream.blocking-read", in, Value.u64(4)))
        instanceof Value.ResultValue res && res.isOk()) {
      got.writeBytes(WasiValues.bytes(res.payload()));
    }
    assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("HELLO WORLDq=1");
    assertThat(http(host, "[method]future-incoming-response.get", future)).isEqualTo(Value.some(WasiValues.err(null)));
  }

  @Test
  void anAuthorityNotGrantedIsDenied() {
    WasiHost none = new WasiHost(WasiConfig.sandbox());
    assertThat(post(none, authority, "hello")).isEqualTo(WasiValues.err(new Value.VariantValue("HTTP-request-denied",
        null)));
    WasiHost otherPort = new WasiHost(WasiConfig.sandbox().withNetwork(List.of("127.0.0.1:1"), List.of()));
    assertThat(post(otherPort, authority, "hello")).isEqualTo(WasiValues.err(new Value.VariantValue(
        "HTTP-request-denied", null)));
  }

  @Test
  void fieldsRefuseForbiddenAndInvalidNames() {
    WasiHost host = new WasiHost(WasiConfig.sandbox());
    Value f = borrow(http(host, "[constructor]fields"));
    assertThat(http(host, "[method]fields.set", f, Value.string("Host"), Value.list(List.of())))
        .isEqualTo(WasiValues.err(new Value.VariantValue("forbidden", null)));
    assertThat(http(host, "[method]fields.append", f, Value.string("bad name"), WasiValues.list(new byte[0])))
        .isEqualTo(WasiValues.err(new Value.VariantValue("invalid-syntax", null)));
    ok(http(host, "[method]fields.append", f, Value.string("a"), WasiValues.list("1".getBytes())));
    ok(http(host, "[method]fields.append", f, Value.string("A"), WasiValues.list("2".getBytes())));
    assertThat(http(host, "[method]fields.has", f, Value.string("a"))).isEqualTo(Value.bool(true));
    assertThat(((Value.ListValue) http(host, "[method]fields.get", f, Value.string("a"))).elements()).hasSize(2);
    ok(http(host, "[method]fields.delete", f, Value.string("a")));
    assertThat(http(host, "[method]fields.entries", f)).isEqualTo(Value.list(List.of()));
  }
}
