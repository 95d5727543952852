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
   * A host {@link InputStream} (stdin) read by a background thread into a buffer, so the guest
   * can poll it and read without blocking. The thread starts at the first read or subscribe.
   */
  static final class Pumped extends In {
    private final InputStream source;
    private final Object signal;
    private byte[] buffer = new byte[0];
    private boolean ended;
    private IOException failure;
    private Thread pump;

    Pumped(InputStream source, Object signal) {
      this.source = source;
      this.signal = signal;
    }

    private synchronized void start() {
      if (pump == null) {
        pump = Thread.ofPlatform().daemon().name("plugboard-wasi-stdin").start(this::pumpLoop);
      }
    }

    private void pumpLoop() {
      byte[] chunk = new byte[8192];
      try {
        int n;
        while ((n = source.read(chunk)) >= 0) {
          synchronized (this) {
            byte[] more = Arrays.copyOf(buffer, buffer.length + n);
            System.arraycopy(chunk, 0, more, buffer.length, n);
            buffer = more;
          }
          wake();
        }
      } catch (IOException e) {
        synchronized (this) {
          failure = e;
        }
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
      if (buffer.length > 0) {
        int n = Math.min(len, buffer.length);
        byte[] out = Arrays.copyOf(buffer, n);
        buffer = Arrays.copyOfRange(buffer, n, buffer.length);
        return out;
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
          return buffer.length > 0 || ended;
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
