package dev.plugboard.wit.resolve;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Reads a WIT package kept in binary form in a {@code deps/} folder: a {@code .wasm} component
 * that encodes the package (WIT.md, "Package Format"), or its {@code .wat} text. The WIT stages
 * know no binary format, so the reader lives with the binary format and is found through
 * {@link ServiceLoader}; it answers with the package as WIT text, which the resolver then reads
 * like any other dependency, so {@code use} and {@code include} across it work the same.
 */
public interface BinaryPackageReader {
  /**
   * The WIT text of the package in {@code bytes}, read from {@code fileName} ({@code .wasm} or
   * {@code .wat}).
   *
   * @throws Unreadable with the byte offset (or the line and column of a {@code .wat}) of the problem
   */
  String witText(String fileName, byte[] bytes) throws Unreadable;

  /** A file that is not a binary WIT package; the message names where, as a byte offset or line:col. */
  final class Unreadable extends Exception {
    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** Whether a file name is one of the binary forms. */
  static boolean isBinaryForm(String fileName) {
    return fileName.endsWith(".wasm") || fileName.endsWith(".wat");
  }

  /** The reader on the class path, if any. */
  static Optional<BinaryPackageReader> find() {
    return ServiceLoader.load(BinaryPackageReader.class, BinaryPackageReader.class.getClassLoader()).findFirst();
  }
}
