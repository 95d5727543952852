package dev.plugboard.runtime.wasi;

import java.io.IOException;

/** Where an {@code outgoing-body} goes: a request on its way to a server, or a response to a client. */
interface BodySink {
  void write(byte[] bytes) throws IOException;

  /** {@code outgoing-body.finish}: the body is complete. */
  void finish() throws IOException;

  /** The guest dropped the body without finishing it. */
  void abandon();
}
