package dev.plugboard.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends Wasm binary primitives: bytes, LEB128 numbers (minimal), names. */
final class BinaryWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  void u8(int b) {
    out.write(b);
  }

  void bytes(byte[] b) {
    out.writeBytes(b);
  }

  void u32(long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  void s33(long v) {
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return;
      }
    }
  }

  void name(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u32(b.length);
    out.writeBytes(b);
  }

  /** A length-prefixed block written by {@code body}. */
  void sized(BinaryWriter body) {
    byte[] b = body.toBytes();
    u32(b.length);
    out.writeBytes(b);
  }

  byte[] toBytes() {
    return out.toByteArray();
  }
}
