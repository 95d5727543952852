package dev.plugboard.app.run;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a guest writes to stdout and stderr, as it writes it: two {@link OutputStream}s for the
 * WASI host whose bytes are decoded as UTF-8 (a character split across writes is kept until its
 * last byte comes) and queued as {@link Chunk}s for a reader that {@link #drain() drains} them,
 * for the IDE once per frame on the FX thread. The queue is bounded: an endless writer makes
 * the oldest pending text be dropped (and said so) rather than memory grow, and never blocks
 * the guest. A bounded tail of everything written since {@link #takeTail()} is kept too.
 */
public final class GuestOutput {
  /** Text written to one stream; {@code stderr} tells which. */
  public record Chunk(boolean stderr, String text) {}

  /** Pending text kept at most before the oldest is dropped. */
  public static final int MAX_PENDING_CHARS = 256 * 1024;

  /** The tail kept for a call's outcome. */
  public static final int MAX_TAIL_CHARS = 16 * 1024;

  /** Pending text per run of one stream; builders, so that many small writes cost linear time. */
  private final List<Pending> pending = new ArrayList<>();
  private int pendingChars;
  private long dropped;
  private final StringBuilder tail = new StringBuilder();
  private long tailDropped;
  private volatile Runnable wake = () -> {};
  private final Sink out = new Sink(false);
  private final Sink err = new Sink(true);

  /**
   * {@code wake} runs (on the writing thread) when text becomes pending after the queue was
   * drained; the reader then drains everything written until it does.
   */
  public void onPending(Runnable wake) {
    this.wake = wake;
  }

  public OutputStream stdout() {
    return out;
  }

  public OutputStream stderr() {
    return err;
  }

  /** Everything pending, oldest first, in the order written across both streams. */
  public List<Chunk> drain() {
    synchronized (pending) {
      List<Chunk> all = new ArrayList<>(pending.size() + 1);
      if (dropped > 0) {
        all.add(new Chunk(true, "[… " + dropped + " characters of output dropped: the guest wrote faster than "
            + "they could be shown …]\n"));
        dropped = 0;
      }
      pending.forEach(p -> all.add(new Chunk(p.stderr, p.text.toString())));
      pending.clear();
      pendingChars = 0;
      return all;
    }
  }

  /** What was written since the last call (the last {@value #MAX_TAIL_CHARS} characters), and forgets it. */
  public String takeTail() {
    synchronized (pending) {
      int cut = Math.max(0, tail.length() - MAX_TAIL_CHARS);
      tail.delete(0, cut);
      tailDropped += cut;
      String s = (tailDropped > 0 ? "[… " + tailDropped + " characters before …]\n" : "") + tail;
      tail.setLength(0);
      tailDropped = 0;
      return s;
    }
  }

  private void add(boolean stderr, String text) {
    if (text.isEmpty()) {
      return;
    }
    boolean wasEmpty;
    synchronized (pending) {
      wasEmpty = pending.isEmpty() && dropped == 0;
      Pending last = pending.isEmpty() ? null : pending.getLast();
      if (last == null || last.stderr != stderr) {
        last = new Pending(stderr, new StringBuilder());
        pending.add(last);
      }
      last.text.append(text);
      pendingChars += text.length();
      while (pendingChars > MAX_PENDING_CHARS) {
        StringBuilder first = pending.getFirst().text;
        int cut = Math.min(first.length(), pendingChars - MAX_PENDING_CHARS);
        if (cut == first.length()) {
          pending.removeFirst();
        } else {
          // dropping from the front of a long run: cut generously, so that a flood does not move the rest each write
          cut = Math.min(first.length(), Math.max(cut, MAX_PENDING_CHARS / 4));
          first.delete(0, cut);
          if (first.isEmpty()) {
            pending.removeFirst();
          }
        }
        dropped += cut;
        pendingChars -= cut;
      }
      tail.append(text);
      if (tail.length() > 2 * MAX_TAIL_CHARS) {
        int cut = tail.length() - MAX_TAIL_CHARS;
        tail.delete(0, cut);
        tailDropped += cut;
      }
    }
    if (wasEmpty) {
      wake.run();
    }
  }

  private record Pending(boolean stderr, StringBuilder text) {}

  /** One stream: bytes to characters, then to the queue. */
  private final class Sink extends OutputStream {
    private final boolean stderr;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** Bytes of a character not yet complete. */
    private ByteBuffer partial = ByteBuffer.allocate(0);

    Sink(boolean stderr) {
      this.stderr = stderr;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      ByteBuffer in = ByteBuffer.allocate(partial.remaining() + len);
      in.put(partial).put(b, off, len).flip();
      CharBuffer chars = CharBuffer.allocate(in.remaining());
      decoder.decode(in, chars, false);
      partial = in.slice();
      add(stderr, chars.flip().toString());
    }
  }
}
