package dev.plugboard.app.cli;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2WasmModule;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * WebAssembly text to binary with wabt's {@code wat2wasm}, which Chicory ships compiled to Java.
 * It runs in memory (an in-memory file system, WASI with nothing else granted) and its
 * diagnostics are kept for the error message.
 */
final class WatAssembler {
  private WatAssembler() {}

  /**
   * @throws UserError with wat2wasm's messages ({@code file:line:col: error: ...}) when the text
   *     is not valid
   */
  static byte[] assemble(String text, String fileName) {
    checkNesting(text, fileName);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String name = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("unix").build())) {
      Path dir = fs.getPath("/wat");
      Files.createDirectory(dir);
      Path input = dir.resolve(name);
      Files.writeString(input, text);
      WasiOptions options = WasiOptions.builder().withStdout(out).withStderr(err).withDirectory(dir.toString(), dir)
          .withArguments(List.of("wat2wasm", input.toString(), "--output=-")).build();
      try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
        Instance.builder(Wat2WasmModule.load()).withMachineFactory(Wat2WasmModule::create)
            .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build()).build();
      } catch (WasiExitException e) {
        if (e.exitCode() != 0) {
          String messages = err.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "").strip()
              .replace(input.toString(), fileName);
          throw new UserError(messages.isEmpty() ? fileName + ": wat2wasm failed (exit " + e.exitCode() + ")"
              : messages);
        }
      } catch (com.dylibso.chicory.wasm.ChicoryException e) {
        throw new UserError(fileName + ": wat2wasm could not assemble this text (" + e.getMessage() + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** How deep parentheses may nest: wabt recurses per level, on a stack of its own. */
  static final int MAX_NESTING = 1000;

  /** Refuses text nested deeper than {@link #MAX_NESTING}, naming where (strings and comments skipped). */
  private static void checkNesting(String text, String fileName) {
    int depth = 0;
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = i + 1;
      } else if (c == '"') {
        for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == ';' && i + 1 < text.length() && text.charAt(i + 1) == ';') {
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == '(' && i + 1 < text.length() && text.charAt(i + 1) == ';') {
        int end = text.indexOf(";)", i + 2);
        int stop = end < 0 ? text.length() : end + 1;
        for (int k = i; k < stop; k++) {
          if (text.charAt(k) == '\n') {
            line++;
            lineStart = k + 1;
          }
        }
        i = stop;
      } else if (c == '(' && ++depth > MAX_NESTING) {
        throw new UserError(fileName + ":" + line + ":" + (i - lineStart + 1) + ": error: parentheses nest deeper than "
            + MAX_NESTING + " levels");
      } else if (c == ')') {
        depth--;
      }
    }
  }
}
