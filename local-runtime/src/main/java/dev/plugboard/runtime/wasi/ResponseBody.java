package dev.plugboard.runtime.wasi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of a response a guest serves: kept while the response is not sent yet, then written
 * straight to the client's connection as the guest writes it.
 */
final class ResponseBody implements BodySink {
  private final ByteArrayOutputStream early = new ByteArrayOutputStream();
  private OutputStream target;
  private boolean finished;

  @Override
  public void write(byte[] bytes) throws IOException {
    if (finished) {
      throw new WasiStreams.Closed();
    }
    if (target == null) {
      early.writeBytes(bytes);
    } else {
      target.write(bytes);
    }
  }

  /** The response went out: what was written so far follows it, and the rest goes straight through. */
  void attach(OutputStream out) throws IOException {
    target = out;
    early.writeTo(out);
    early.reset();
    if (finished) {
      out.close();
    }
  }

  @Override
  public void finish() throws IOException {
    finished = true;
    if (target != null) {
      target.close();
    }
  }

  @Override
  public void abandon() {
    if (!finished) {
      finished = true;
      try {
        if (target != null) {
          target.close();
        }
      } catch (IOException ignored) {
        // the client went away; nothing to tell it
      }
    }
  }

  boolean finished() {
    return finished;
  }
}
