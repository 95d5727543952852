import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop HTTP load generator for comparing {@code plugboard serve} with {@code jco serve}:
 * CONNECTIONS virtual threads each send GET requests one after another for SECONDS (after a
 * warm-up of the same length), then requests per second and latency percentiles are printed.
 *
 * <pre>java benchmarks/scripts/HttpLoad.java http://127.0.0.1:8080/ 10 16</pre>
 */
public final class HttpLoad {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int connections = Integer.parseInt(args[2]);
    run(uri, seconds, connections); // warm-up
    long[][] latencies = run(uri, seconds, connections);
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf("%d requests in %d s: %.0f req/s, p50 %.2f ms, p99 %.2f ms (%d connections)%n", all.length,
        seconds, all.length / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
        connections);
  }

  private static long[][] run(URI uri, int seconds, int connections) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    long[][] out = new long[connections][];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int index = c;
      threads.add(Thread.ofVirtual().start(() -> {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
        long[] mine = new long[1 << 16];
        int n = 0;
        while (!stop.get()) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
              throw new IllegalStateException("status " + r.statusCode());
            }
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
          if (n == mine.length) {
            mine = Arrays.copyOf(mine, n * 2);
          }
          mine[n++] = System.nanoTime() - t0;
        }
        out[index] = Arrays.copyOf(mine, n);
      }));
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    return out;
  }
}
