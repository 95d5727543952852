package dev.plugboard.editor;

import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.SourceMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The diagnostics an editor shows for one open WIT file: its package (the file's folder
 * with {@code deps/}, or the file alone) is resolved with the editor's unsaved text, and
 * the diagnostics that fall in this file come back with file-local offsets, line and column.
 */
public final class FileDiagnostics {
  private FileDiagnostics() {}

  /** One problem in the file: local offsets, 1-based line and column, the message. */
  public record Problem(int start, int end, int line, int column, String message) {}

  /** Problems in {@code file} (whose current text is {@code text}); others in the package are ignored. */
  public static List<Problem> of(Path file, String text) {
    Path abs = file.toAbsolutePath().normalize();
    Path folder = abs.getParent();
    boolean packageFolder = folder != null && folderIsPackage(folder);
    WitResolver.Result r = WitResolver.resolvePath(packageFolder ? folder : abs, WitResolver.Options.DEFAULT,
        Map.of(abs, text));
    List<Problem> out = new ArrayList<>();
    for (Diagnostic d : r.diagnostics()) {
      if (d.span().isNone() || r.sources().files().isEmpty()) {
        continue;
      }
      SourceMap.SourceFile f = r.sources().file(d.span().start());
      if (!Path.of(f.path()).toAbsolutePath().normalize().equals(abs)) {
        continue;
      }
      SourceMap.Location at = r.sources().locate(d.span().start());
      int start = d.span().start() - f.base();
      int end = Math.max(start + 1, d.span().end() - f.base());
      out.add(new Problem(start, Math.min(end, Math.max(start + 1, text.length())), at.line(), at.column(),
          d.message()));
    }
    return out;
  }

  /** A folder is a package when its .wit files share one package (it has other .wit files or a deps/ folder). */
  static boolean folderIsPackage(Path folder) {
    if (Files.isDirectory(folder.resolve("deps"))) {
      return true;
    }
    try (var s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(".wit")).count() > 1;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
