package dev.plugboard.app.work;

import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.CompositionEncoder;
import dev.plugboard.compose.CompositionException;
import dev.plugboard.compose.DepsPackages;
import dev.plugboard.compose.NodeId;
import dev.plugboard.compose.Wac;
import dev.plugboard.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Composing a {@code .wac} document as {@code plugboard compose} does (packages from
 * {@code deps/} beside it), for the IDE: checking its text as the user types, and composing it
 * into {@code NAME.wasm} beside it. Headless; the IDE runs it on a background service.
 */
public final class WacComposition {
  private WacComposition() {}

  /** What composing wrote. */
  public record Composed(Path target, int bytes, int exports) {}

  /** The first problem of the document with this text, or none: what the WAC Text page shows as you type. */
  public static List<Problem> check(Path file, String text) {
    DepsPackages packages = packages(file);
    try {
      Wac.read(file.getFileName().toString(), text, packages, packages.witPackages());
      return List.of();
    } catch (Wac.WacException e) {
      return List.of(problem(file, text, e));
    } catch (RuntimeException e) {
      return List.of(new Problem(file, Location.NONE, String.valueOf(e.getMessage()), Problem.Source.WAC));
    }
  }

  /**
   * Composes {@code text} (the document at {@code file}) and writes the component beside it.
   *
   * @throws Failure with the problem (its place in the text) when the document does not compose
   */
  public static Composed compose(Path file, String text, Progress progress) throws IOException, Failure {
    progress.step("Reading " + file.getFileName(), 0.1);
    DepsPackages packages = packages(file);
    try {
      Wac.Document doc = Wac.read(file.getFileName().toString(), text, packages, packages.witPackages());
      progress.checkCancelled();
      progress.step("Encoding " + file.getFileName(), 0.6);
      byte[] out = CompositionEncoder.encode(doc.graph());
      progress.checkCancelled();
      Path target = file.resolveSibling(file.getFileName().toString().replaceAll("\\.wac$", "") + ".wasm");
      AtomicFiles.write(target, out);
      progress.step("Composed " + file.getFileName(), 1);
      return new Composed(target, out.length, doc.graph().exports().size());
    } catch (Wac.WacException e) {
      throw new Failure(problem(file, text, e), e.rendered());
    } catch (CompositionException e) {
      throw new Failure(new Problem(file, Location.NONE, e.getMessage(), Problem.Source.WAC), e.getMessage());
    }
  }

  /** Opens {@code file} as an editable composition, its packages from {@code deps/} beside it. */
  public static CompositionDocument open(Path file) throws IOException {
    DepsPackages packages = packages(file);
    return CompositionDocument.open(file, packages, packages.witPackages());
  }

  /**
   * The component packages in {@code deps/} beside {@code file} that a {@code new} can name, sorted:
   * {@code ns:name} for each {@code deps/ns/name.wasm} and {@code deps/ns:name.wasm}.
   */
  public static List<String> packagesBeside(Path file) {
    Path deps = packages(file).depsDir();
    if (!Files.isDirectory(deps)) {
      return List.of();
    }
    try (Stream<Path> found = Files.walk(deps, 2)) {
      return found.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".wasm"))
          .map(p -> deps.relativize(p).toString().replace(java.io.File.separatorChar, '/').replaceAll("\\.wasm$", "")
              .replace('/', ':'))
          .filter(n -> n.matches("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*")).sorted().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  /**
   * Where a component dropped on the canvas of {@code file} goes so that {@code compose} finds it:
   * a file already in {@code deps/} stays; another is copied to {@code deps/local/STEM.wasm} (the
   * package {@code local:STEM}). A different file already there is an error, never overwritten.
   */
  public static Path intoDeps(Path file, Path component) throws IOException {
    Path deps = packages(file).depsDir();
    Path abs = component.toAbsolutePath().normalize();
    if (abs.startsWith(deps) && deps.relativize(abs).toString().replace(java.io.File.separatorChar, '/')
        .matches("[a-z][a-z0-9-]*[/:][a-z][a-z0-9-]*\\.wasm")) {
      return abs;
    }
    String stem = abs.getFileName().toString().replaceAll("\\.wasm$", "");
    Path target = deps.resolve("local").resolve(NodeId.fresh(stem, java.util.Set.of()).name() + ".wasm");
    byte[] bytes = Files.readAllBytes(abs);
    if (Files.exists(target)) {
      if (!java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
        throw new IOException(deps.getParent().relativize(target) + " already exists and differs from " + abs
            + "; rename one of them");
      }
      return target;
    }
    Files.createDirectories(target.getParent());
    AtomicFiles.write(target, bytes);
    return target;
  }

  /** A document that does not compose: the problem, and the message rendered with its excerpt. */
  public static final class Failure extends Exception {
    private final transient Problem problem;
    private final String rendered;

    Failure(Problem problem, String rendered) {
      super(problem.message());
      this.problem = problem;
      this.rendered = rendered;
    }

    public Problem problem() {
      return problem;
    }

    public String rendered() {
      return rendered;
    }
  }

  private static DepsPackages packages(Path file) {
    return new DepsPackages(Map.of(), file.toAbsolutePath().getParent().resolve("deps"));
  }

  private static Problem problem(Path file, String text, Wac.WacException e) {
    return new Problem(file, Location.text(text, e.span().start(), Math.max(e.span().end(), e.span().start() + 1)),
        e.getMessage(), Problem.Source.WAC);
  }
}
