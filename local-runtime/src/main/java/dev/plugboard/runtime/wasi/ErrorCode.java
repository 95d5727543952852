package dev.plugboard.runtime.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code wasi:filesystem/types.error-code} cases the host returns, and how a Java I/O
 * failure maps onto them: host errors reach the guest as these codes, never as exceptions.
 */
enum ErrorCode {
  ACCESS, WOULD_BLOCK, ALREADY, BAD_DESCRIPTOR, BUSY, EXIST, FILE_TOO_LARGE, ILLEGAL_BYTE_SEQUENCE, INVALID, IO,
  IS_DIRECTORY, LOOP, NAME_TOO_LONG, NO_ENTRY, INSUFFICIENT_SPACE, NOT_DIRECTORY, NOT_EMPTY, UNSUPPORTED,
  NOT_PERMITTED, READ_ONLY, INVALID_SEEK, CROSS_DEVICE, OVERFLOW;

  String witName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static ErrorCode of(IOException e) {
    return switch (e) {
      case NoSuchFileException x -> NO_ENTRY;
      case FileAlreadyExistsException x -> EXIST;
      case DirectoryNotEmptyException x -> NOT_EMPTY;
      case NotDirectoryException x -> NOT_DIRECTORY;
      case AccessDeniedException x -> ACCESS;
      case FileSystemLoopException x -> LOOP;
      case NotLinkException x -> INVALID;
      case AtomicMoveNotSupportedException x -> CROSS_DEVICE;
      case FileSystemException x -> fromReason(x.getReason());
      default -> fromReason(e.getMessage());
    };
  }

  /** Reasons the JDK gives in a {@link FileSystemException} (the C library's strerror texts) and their codes. */
  private static final Map<String, ErrorCode> REASONS = orderedReasons();

  private static Map<String, ErrorCode> orderedReasons() {
    Map<String, ErrorCode> m = new LinkedHashMap<>();
    m.put("is a directory", IS_DIRECTORY);
    m.put("not a directory", NOT_DIRECTORY);
    m.put("read-only", READ_ONLY);
    m.put("cross-device", CROSS_DEVICE);
    m.put("too many levels of symbolic links", LOOP);
    m.put("file name too long", NAME_TOO_LONG);
    m.put("no space", INSUFFICIENT_SPACE);
    m.put("directory not empty", NOT_EMPTY);
    m.put("invalid argument", INVALID);
    return m;
  }

  private static ErrorCode fromReason(String reason) {
    String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    return REASONS.entrySet().stream().filter(e -> r.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
        .orElse(IO);
  }

  /** A refusal carrying its code, thrown inside the host and turned into {@code err(code)} at its edge. */
  static final class Failure extends Exception {
    final ErrorCode code;

    Failure(ErrorCode code) {
      super(code.witName(), null, false, false);
      this.code = code;
    }
  }
}
