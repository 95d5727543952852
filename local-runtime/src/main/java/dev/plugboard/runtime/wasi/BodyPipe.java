package dev.plugboard.runtime.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An outgoing HTTP body on its way from the guest (an output stream) to {@code java.net.http}
 * (an input stream it reads on its own threads). Writes queue until the client reads them; once
 * the client is reading and more than {@link #LIMIT} bytes wait, a write blocks until it catches
 * up (before the request is sent, a body written first is kept whole). A body
 * dropped without {@code finish} ends with an error, so the request fails rather than send a
 * truncated body.
 */
final class BodyPipe implements BodySink {
  private static final int LIMIT = 1 << 20;
  private final Deque<byte[]> chunks = new ArrayDeque<>();
  private long queued;
  private boolean finished;
  private boolean abandoned;
  private boolean reading;

  @Override
  public synchronized void write(byte[] bytes) throws IOException {
    if (finished || abandoned) {
      throw new WasiStreams.Closed();
    }
    if (bytes.length == 0) {
      return;
    }
    chunks.addLast(bytes.clone());
    queued += bytes.length;
    notifyAll();
    while (reading && queued > LIMIT && !abandoned) {
      try {
        wait(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
  }

  @Override
  public synchronized void finish() {
    finished = true;
    notifyAll();
  }

  @Override
  public synchronized void abandon() {
    abandoned = !finished;
    notifyAll();
  }

  /** What the HTTP client reads. */
  synchronized InputStream reader() {
    reading = true;
    return new InputStream() {
      private byte[] current = new byte[0];
      private int at;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (at == current.length && !next()) {
          return -1;
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
      }

      private boolean next() throws IOException {
        synchronized (BodyPipe.this) {
          while (chunks.isEmpty() && !finished && !abandoned) {
            try {
              BodyPipe.this.wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IOException("interrupted");
            }
          }
          if (chunks.isEmpty()) {
            if (abandoned) {
              throw new IOException("the guest dropped the request body without finishing it");
            }
            return false;
          }
          current = chunks.pollFirst();
          queued -= current.length;
          at = 0;
          BodyPipe.this.notifyAll();
          return true;
        }
      }
    };
  }
}
