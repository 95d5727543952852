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
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
