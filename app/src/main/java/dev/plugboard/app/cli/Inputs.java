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
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage());
    }
  }
}
