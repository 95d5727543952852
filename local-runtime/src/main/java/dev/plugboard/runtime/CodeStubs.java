package dev.plugboard.runtime;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;

/**
 * A core module whose compiled code is in the disk cache does not need the bodies of the
 * functions that code compiled: only those the compiled code hands to the interpreter (too big
 * for one JVM method). Parsing a 12 MB componentize-js module's instructions into Chicory's
 * objects was most of a start once its code was cached; this rewrites the module's code section
 * before parsing so that every other body is {@code unreachable}.
 *
 * <p>What the runtime reads from bodies before it has the compiled code ({@link Facts}, for
 * {@link TypeRenumbering}) is kept in the cache beside the code, so a stubbed module leads to
 * the same decisions as the whole one.
 */
final class CodeStubs {
  private static final int CODE_SECTION = 10;
  /** A body with no locals whose code is {@code unreachable end}, with its size in front. */
  private static final byte[] STUB = {0x03, 0x00, 0x00, 0x0b};

  private CodeStubs() {}

  /**
   * What {@link TypeRenumbering} needs to know of a module's function bodies: whether they use
   * only plain value types and no typed function references, and which type indices they use
   * as block types.
   */
  record Facts(boolean plainBodies, BitSet blockTypeIndices) {
    static Facts of(WasmModule m) {
      boolean plain = true;
      BitSet blockTypes = new BitSet();
      for (FunctionBody body : m.codeSection().functionBodies()) {
        plain &= TypeRenumbering.plain(body.localTypes());
        for (AnnotatedInstruction in : body.instructions()) {
          OpCode op = in.opcode();
          if (op == OpCode.CALL_REF || op == OpCode.RETURN_CALL_REF) {
            plain = false;
          } else if (TypeRenumbering.isBlock(op) && TypeRenumbering.isBlockTypeIndex(in.operand(0))) {
            long index = in.operand(0);
            if (index >= 0 && index < Integer.MAX_VALUE) {
              blockTypes.set((int) index);
            } else {
              plain = false; // no module has that many types: leave the module as it is
            }
          }
        }
      }
      return new Facts(plain, blockTypes);
    }
  }

  /** The bodies a module's compiled code interprets, and the facts of the bodies left out. */
  record Plan(BitSet keptBodies, Facts facts) {
    /** The kept bodies as function indices, for a module importing {@code importedFunctions}. */
    java.util.Set<Integer> interpretedFunctions(int importedFunctions) {
      return keptBodies.stream().map(b -> b + importedFunctions).boxed().collect(java.util.stream.Collectors.toSet());
    }

    byte[] encode() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeBoolean(facts.plainBodies());
        writeBits(out, facts.blockTypeIndices());
        writeBits(out, keptBodies);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return bytes.toByteArray();
    }

    /** The plan, or null when the bytes are not one (a plan of another version). */
    static Plan decode(byte[] data) {
      try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
        boolean plain = in.readBoolean();
        BitSet blockTypes = readBits(in);
        BitSet kept = readBits(in);
        return in.available() == 0 ? new Plan(kept, new Facts(plain, blockTypes)) : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    private static void writeBits(DataOutputStream out, BitSet bits) throws IOException {
      byte[] b = bits.toByteArray();
      out.writeInt(b.length);
      out.write(b);
    }

    private static BitSet readBits(DataInputStream in) throws IOException {
      int n = in.readInt();
      if (n < 0 || n > in.available()) {
        throw new IOException("bad length");
      }
      return BitSet.valueOf(in.readNBytes(n));
    }
  }

  /**
   * The module with every function body not in {@code keep} (indices into the code section)
   * replaced by {@code unreachable}; null when the bytes are not laid out as a module (the caller
   * then parses them whole, and Chicory reports what is wrong).
   */
  static byte[] keepOnly(byte[] module, BitSet keep) {
    try {
      Reader r = new Reader(module, 8);
      ByteArrayOutputStream out = new ByteArrayOutputStream(module.length / 2);
      out.write(module, 0, 8);
      while (r.pos < module.length) {
        int start = r.pos;
        int id = r.u8();
        int size = r.u32();
        int contentStart = r.pos;
        int end = Math.addExact(contentStart, size);
        if (end > module.length) {
          return null;
        }
        if (id != CODE_SECTION) {
          out.write(module, start, end - start);
        } else {
          ByteArrayOutputStream code = new ByteArrayOutputStream();
          int count = r.u32();
          writeU32(code, count);
          for (int i = 0; i < count; i++) {
            int bodyStart = r.pos;
            int bodySize = r.u32();
            int bodyEnd = Math.addExact(r.pos, bodySize);
            if (bodyEnd > end) {
              return null;
            }
            if (keep.get(i)) {
              code.write(module, bodyStart, bodyEnd - bodyStart);
            } else {
              code.write(STUB, 0, STUB.length);
            }
            r.pos = bodyEnd;
          }
          out.write(id);
          writeU32(out, code.size());
          code.writeTo(out);
        }
        r.pos = end;
      }
      return out.toByteArray();
    } catch (IOException | ArithmeticException | ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Writes an unsigned LEB128 number. */
  static void writeU32(ByteArrayOutputStream out, int value) {
    int v = value;
    do {
      int b = v & 0x7f;
      v >>>= 7;
      out.write(v == 0 ? b : b | 0x80);
    } while (v != 0);
  }

  /** Reads LEB128 numbers from a module's bytes. */
  private static final class Reader {
    final byte[] bytes;
    int pos;

    Reader(byte[] bytes, int pos) {
      this.bytes = bytes;
      this.pos = pos;
    }

    int u8() {
      return bytes[pos++] & 0xff;
    }

    int u32() throws IOException {
      long result = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = u8();
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          if (result > Integer.MAX_VALUE) {
            throw new IOException("length too large");
          }
          return (int) result;
        }
      }
      throw new IOException("LEB128 too long");
    }
  }
}
