package dev.plugboard.app.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.wasi.HttpServing;
import dev.plugboard.runtime.wasi.WasiConfig;
import dev.plugboard.runtime.wasi.WasiHost;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard serve X.wasm [--addr 127.0.0.1:8080]}: serves a {@code wasi:http/incoming-handler}
 * component over HTTP/1.1, a fresh instance (with its own sandboxed WASI host) per request, taken
 * from a pool that background threads (one per two request threads) keep filled. One line per request on stderr; Ctrl+C stops.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve a wasi:http/incoming-handler component over HTTP, a fresh instance per request.")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
  private static final long STACK_BYTES = 16L << 20;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component binary.")
  Path file;

  @Option(names = "--addr", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
      description = "Where to listen: ${DEFAULT-VALUE}; port 0 picks a free one.")
  String addr;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "compiled",
      description = "interp, compiled or auto: ${DEFAULT-VALUE}.")
  String engine;

  @Option(names = "--pool", paramLabel = "N", defaultValue = "16",
      description = "Instances kept ready for the next requests: ${DEFAULT-VALUE}.")
  int pool;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "4",
      description = "Requests handled at once: ${DEFAULT-VALUE}.")
  int threads;

  @Mixin GrantOptions grantOptions = new GrantOptions();

  /** An instance ready for one request, with the host whose imports it was given. */
  private record Ready(WasiHost host, ComponentInstance instance) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    InetSocketAddress address = address(addr);
    if (pool < 1 || threads < 1) {
      throw new UsageError("--pool and --threads must be at least 1");
    }
    LoadedComponent component = Inputs.component(file);
    RuntimeConfig config = RuntimeConfig.DEFAULT.withEngine(RunCommand.engine(engine));
    WasiConfig grants = grantOptions.config(List.of(file.toString()))
        .withStdio(java.io.InputStream.nullInputStream(), System.err, System.err);
    Ready first = prepare(component, config, grants);
    String handler = WasiHost.httpHandler(first.instance()).map(ComponentInstance.Export::qualifiedName)
        .orElseThrow(() -> new UserError(file.getFileName() + " does not export wasi:http/incoming-handler, so "
            + "there is nothing to serve (plugboard run runs commands)"));
    BlockingQueue<Ready> ready = new ArrayBlockingQueue<>(pool);
    ready.add(first);
    List<Thread> fillers = new ArrayList<>();
    for (int i = 0; i < Math.max(1, threads / 2); i++) {
      fillers.add(Thread.ofPlatform().daemon().name("plugboard-serve-pool").start(() -> {
        try {
          while (true) {
            ready.put(prepare(component, config, grants));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    HttpServer server;
    try {
      server = HttpServer.create(address, 1024);
    } catch (IOException e) {
      throw new UserError("--addr " + addr + ": cannot listen: " + e.getMessage());
    }
    ExecutorService workers = Executors.newFixedThreadPool(threads,
        r -> new Thread(null, r, "plugboard-serve", STACK_BYTES));
    server.setExecutor(workers);
    RequestLog log = new RequestLog(err);
    server.createContext("/", exchange -> handle(exchange, ready, component, config, grants, handler, log));
    server.start();
    err.println("plugboard: serving " + file.getFileName() + " on http://" + address.getHostString() + ":"
        + server.getAddress().getPort() + " (Ctrl+C stops)");
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      workers.shutdownNow();
      fillers.forEach(Thread::interrupt);
      log.close();
      err.println("plugboard: stopped");
      err.flush();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  private static Ready prepare(LoadedComponent component, RuntimeConfig config, WasiConfig grants) {
    WasiHost host;
    try {
      host = new WasiHost(grants);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--allow-net: " + e.getMessage());
    }
    try {
      return new Ready(host, component.instantiate(host.imports(component), config));
    } catch (LoadedComponent.LinkError e) {
      throw new UserError(e.getMessage() + "; serve grants WASI 0.2 in a sandbox, nothing else");
    } catch (Trap t) {
      throw new UserError(component.name() + ": instantiation trapped: " + t.getMessage());
    }
  }

  private static void handle(HttpExchange exchange, BlockingQueue<Ready> ready, LoadedComponent component,
      RuntimeConfig config, WasiConfig grants, String handler, RequestLog log) {
    long t0 = System.nanoTime();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
    boolean[] started = new boolean[1];
    HttpServing.Response response = (status, headers) -> {
      for (Map.Entry<String, String> h : headers) {
        exchange.getResponseHeaders().add(h.getKey(), h.getValue());
      }
      started[0] = true;
      boolean empty = status == 204 || status == 304 || method.equals("HEAD");
      exchange.sendResponseHeaders(status, empty ? -1 : 0);
      return empty ? OutputStream.nullOutputStream() : exchange.getResponseBody();
    };
    String outcome;
    Ready r = ready.poll();
    try {
      if (r == null) {
        r = prepare(component, config, grants);
      }
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
      String authority = exchange.getRequestHeaders().getFirst("Host");
      outcome = String.valueOf(r.host().serveHttp(r.instance(), handler,
          new HttpServing.Request(method, path, authority, headers, exchange.getRequestBody()), response));
    } catch (Trap t) {
      outcome = (started[0] ? "trap after the response started: " : "500 trap: ") + t.getMessage();
      failed(exchange, started[0]);
    } catch (IOException | RuntimeException e) {
      outcome = "failed: " + e.getMessage();
      failed(exchange, started[0]);
    } finally {
      if (r != null) {
        r.host().close();
      }
      exchange.close();
    }
    log.log(String.format(Locale.ROOT, "%s %s %s %.2f ms", method, path, outcome, (System.nanoTime() - t0) / 1e6));
  }

  private static void failed(HttpExchange exchange, boolean started) {
    if (!started) {
      try {
        exchange.sendResponseHeaders(500, -1);
      } catch (IOException ignored) {
        // the client went away
      }
    }
  }

  private static InetSocketAddress address(String spec) {
    int colon = spec.lastIndexOf(':');
    try {
      int port = Integer.parseInt(spec.substring(colon + 1));
      String host = spec.substring(0, colon).replace("[", "").replace("]", "");
      if (colon <= 0 || port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host, port);
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new UsageError("--addr: expected HOST:PORT such as 127.0.0.1:8080, got \"" + spec + "\"");
    }
  }
}
