package dev.plugboard.app.cli;

import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import dev.plugboard.runtime.LoadedComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the files a command is given, with one-line errors. */
final class Inputs {
  private Inputs() {}

  /** A component binary, decoded and validated, named after its file. */
  static LoadedComponent component(Path file) {
    byte[] bytes = bytes(file);
    try {
      return LoadedComponent.load(bytes, file.getFileName().toString());
    } catch (MalformedBinaryException e) {
      throw new UserError(file + ": error: " + e.describe());
    } catch (InvalidComponentException e) {
      throw new UserError(file + ": error: " + e.describe());
    }
  }

  static byte[] bytes(Path file) {
    String problem = problem(file);
    if (problem != null) {
      throw new UserError(file + ": " + problem);
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + describe(e));
    }
  }

  /** Whether the file starts with WebAssembly's magic {@code \0asm} (a module or a component). */
  static boolean isWasm(Path file) {
    try (var in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 0 && head[1] == 'a' && head[2] == 's' && head[3] == 'm';
    } catch (IOException e) {
      return false;
    }
  }

  /** The file as UTF-8 text; a file that is not UTF-8 is a one-line error naming the byte offset. */
  static String text(Path file) {
    byte[] bytes = bytes(file);
    try {
      return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new UserError(file + ": not UTF-8 text (invalid byte at offset " + firstInvalid(bytes) + ")");
    }
  }

  /** Why a path cannot be read as a file, or null when it can be tried. */
  static String problem(Path file) {
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (Files.isDirectory(file)) {
      return "is a directory, expected a file";
    }
    return null;
  }

  /** An I/O failure in words (the exception's own text without its Java class). */
  static String describe(IOException e) {
    String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
        : e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof java.nio.file.NoSuchFileException && reason == null) {
      reason = "no such file or folder";
    }
    return reason == null ? e.getClass().getSimpleName() : reason;
  }

  private static int firstInvalid(byte[] bytes) {
    var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : bytes.length;
  }
}
