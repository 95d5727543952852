package dev.plugboard.app.workspace;

import java.nio.file.Path;
import java.util.Locale;

/** How the IDE opens a file of the workspace, decided by its extension. */
public enum FileKind {
  WIT("WIT"),
  WASM("WebAssembly binary"),
  WAC("WAC composition"),
  /** A saved profile, {@code NAME.profile.json} (what {@code plugboard profile --format json} writes). */
  PROFILE("saved profile"),
  TEXT("text"),
  OTHER("file");

  private final String label;

  FileKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The ending of saved profiles' file names. */
  public static final String PROFILE_SUFFIX = ".profile.json";

  public static FileKind of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(PROFILE_SUFFIX)) {
      return PROFILE;
    }
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "wit" -> WIT;
      case "wasm" -> WASM;
      case "wac" -> WAC;
      case "md", "txt", "json", "toml", "wat", "wast", "yaml", "yml" -> TEXT;
      default -> OTHER;
    };
  }

  /** Whether the IDE opens this kind as editable text. */
  public boolean isText() {
    return this == WIT || this == WAC || this == TEXT;
  }
}
