package dev.plugboard.runtime.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/** The byte streams behind {@code wasi:io/streams}: standard streams and files. */
final class WasiStreams {
  private WasiStreams() {}

  /** The stream has ended (input) or cannot take more (output): {@code stream-error.closed}. */
  static final class Closed extends IOException {
    Closed() {
      super("the stream is closed", null);
    }
  }

  /** An input stream: reads never wait; {@link #readiness} says when a read would return data. */
  abstract static class In {
    /** Up to {@code len} bytes: none when nothing is available yet. @throws Closed at the end */
    abstract byte[] read(int len) throws IOException;

    abstract IoHost.Pollable readiness();

    void close() {}
  }

  /** An output stream that writes straight through. */
  abstract static class Out {
    long checkWrite() throws IOException {
      return IoHost.WRITE_BUDGET;
    }

    abstract void write(byte[] bytes) throws IOException;

    abstract void flush() throws IOException;

    void close() {}
  }

  /**
   * A host {@link InputStream} (stdin, a socket) read by a background thread into a buffer, so the
   * guest can poll it and read without blocking. The thread starts at the first read or subscribe,
   * and pauses while {@link #LIMIT} bytes wait for the guest.
   */
  static final class Pumped extends In {
    private static final int LIMIT = 1 << 20;
    private final InputStream source;
    private final Object signal;
    private final java.util.ArrayDeque<byte[]> chunks = new java.util.ArrayDeque<>();
    private int buffered;
    private boolean ended;
    private IOException failure;
    private Thread pump;

    Pumped(InputStream source, Object signal) {
      this.source = source;
      this.signal = signal;
    }

    private synchronized void start() {
      if (pump == null) {
        pump = Thread.ofPlatform().daemon().name("plugboard-wasi-input").start(this::pumpLoop);
      }
    }

    private void pumpLoop() {
      byte[] chunk = new byte[8192];
      try {
        int n;
        while ((n = source.read(chunk)) >= 0) {
          synchronized (this) {
            if (n > 0) {
              chunks.addLast(Arrays.copyOf(chunk, n));
              buffered += n;
            }
            wake();
            while (buffered >= LIMIT) {
              wait();
            }
          }
        }
      } catch (IOException e) {
        synchronized (this) {
          failure = e;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        ended = true;
      }
      wake();
    }

    private void wake() {
      synchronized (signal) {
        signal.notifyAll();
      }
    }

    @Override
    synchronized byte[] read(int len) throws IOException {
      start();
      if (!chunks.isEmpty()) {
        byte[] first = chunks.pollFirst();
        if (first.length > len) {
          chunks.addFirst(Arrays.copyOfRange(first, len, first.length));
          first = Arrays.copyOf(first, len);
        }
        buffered -= first.length;
        notifyAll();
        return first;
      }
      if (failure != null) {
        throw failure;
      }
      if (ended) {
        throw new Closed();
      }
      return new byte[0];
    }

    @Override
    IoHost.Pollable readiness() {
      start();
      return () -> {
        synchronized (this) {
          return !chunks.isEmpty() || ended;
        }
      };
    }
  }

  /** A host {@link OutputStream} (stdout, stderr). */
  static final class Passthrough extends Out {
    private final OutputStream sink;

    Passthrough(OutputStream sink) {
      this.sink = sink;
    }

    @Override
    void write(byte[] bytes) throws IOException {
      sink.write(bytes);
    }

    @Override
    void flush() throws IOException {
      sink.flush();
    }
  }

  /** Reads a file from an offset; a file is always ready. */
  static final class FileIn extends In {
    private final FileChannel channel;
    private long position;

    FileIn(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    @Override
    byte[] read(int len) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(len);
      int n = channel.read(b, position);
      if (n < 0) {
        throw new Closed();
      }
      position += n;
      return Arrays.copyOf(b.array(), n);
    }

    @Override
    IoHost.Pollable readiness() {
      return IoHost.ALWAYS;
    }
  }

  /** Writes a file from an offset, or at its end when appending. */
  static final class FileOut extends Out {
    private final FileChannel channel;
    private final boolean append;
    private long position;

    FileOut(FileChannel channel, long position, boolean append) {
      this.channel = channel;
      this.position = position;
      this.append = append;
    }

    @Override
    void write(byte[] bytes) throws IOException {
      long at = append ? channel.size() : position;
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        at += channel.write(b, at);
      }
      position = at;
    }

    @Override
    void flush() {}
  }
}
