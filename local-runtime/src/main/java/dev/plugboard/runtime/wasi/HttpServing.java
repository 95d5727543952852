package dev.plugboard.runtime.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** What {@link WasiHost#serveHttp} hands a {@code wasi:http/incoming-handler} and takes back. */
public final class HttpServing {
  private HttpServing() {}

  /** A request from a client: the method, path with query, authority, headers in order and the body. */
  public record Request(String method, String pathWithQuery, String authority, List<Map.Entry<String, String>> headers,
      InputStream body) {}

  /** Where the response goes: {@link #start} sends the status and headers and returns the stream for the body. */
  @FunctionalInterface
  public interface Response {
    OutputStream start(int status, List<Map.Entry<String, String>> headers) throws IOException;
  }
}
