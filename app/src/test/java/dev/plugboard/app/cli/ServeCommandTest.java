package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plugboard serve}: a {@code wasi:http/incoming-handler} written in WebAssembly text
 * ({@code hello-http.wat}) served by the real entry point in a child JVM, requests made with
 * {@code java.net.http}, the server stopped as Ctrl+C would (SIGTERM runs the same shutdown).
 */
class ServeCommandTest {
  private final CliRunner cli = new CliRunner();
  @RegisterExtension final WasiGuests guests = new WasiGuests();

  /** A running {@code plugboard serve}: its base URL, and its stderr lines after the first. */
  private record Server(Process process, String url, StringBuilder log, Thread drain) {
    /** Stops it as Ctrl+C would (SIGTERM, leaving the pipes open: Process.destroy closes them); its log. */
    String stop() throws Exception {
      process.toHandle().destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      drain.join();
      synchronized (log) {
        return log.toString();
      }
    }
  }

  private static Server serve(String component) throws Exception {
    Process p = new ProcessBuilder(WasiGuests.plugboardCommand("serve", component, "--addr", "127.0.0.1:0",
        "--engine", "interp", "--pool", "2")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    String first = err.readLine();
    Matcher m = Pattern.compile("plugboard: serving \\S+ on (http://127.0.0.1:\\d+) \\(Ctrl\\+C stops\\)")
        .matcher(String.valueOf(first));
    if (!m.matches()) {
      p.destroyForcibly();
      throw new AssertionError("not serving: " + first);
    }
    StringBuilder log = new StringBuilder();
    Thread drain = Thread.ofVirtual().start(() -> err.lines().forEach(l -> {
      synchronized (log) {
        log.append(l).append('\n');
      }
    }));
    return new Server(p, m.group(1), log, drain);
  }

  @Test
  void servesEachRequestWithAFreshInstanceAndLogsIt() throws Exception {
    Server server = serve(guests.build("hello-http", "handler"));
    String log;
    try {
      HttpClient client = HttpClient.newHttpClient();
      for (String path : new String[] {"/hello?x=1", "/again"}) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(r.body()).isEqualTo("hello from wasm, path " + path);
      }
      HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/form"))
          .POST(HttpRequest.BodyPublishers.ofString("a=1")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.body()).isEqualTo("hello from wasm, path /form");
    } finally {
      log = server.stop();
    }
    assertThat(log).containsPattern("GET /hello\\?x=1 200 [0-9.]+ ms\n")
        .containsPattern("GET /again 200 [0-9.]+ ms\n").containsPattern("POST /form 200 [0-9.]+ ms\n")
        .endsWith("plugboard: stopped\n");
  }

  @Test
  void aHandlerThatSetsNoResponseAnswers500() throws Exception {
    Server server = serve(guests.build("silent-http", "handler"));
    String log;
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
          + "/x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(500);
    } finally {
      log = server.stop();
    }
    assertThat(log).containsPattern("GET /x 500 [0-9.]+ ms\n");
  }

  @Test
  void refusesAComponentWithoutTheHandler() {
    assertThat(cli.run("serve", SharedData.require("fixtures/components/c-hello.wasm").toString(), "--addr",
        "127.0.0.1:0")).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("plugboard: error: c-hello.wasm does not export wasi:http/incoming-handler, "
        + "so there is nothing to serve (plugboard run runs commands)\n");
  }

  @Test
  void aBadAddressIsAUsageError() {
    assertThat(cli.run("serve", SharedData.require("fixtures/components/c-hello.wasm").toString(), "--addr",
        "nowhere")).isEqualTo(2);
    assertThat(cli.err()).contains("--addr: expected HOST:PORT").contains("--help").hasLineCount(2);
  }
}
