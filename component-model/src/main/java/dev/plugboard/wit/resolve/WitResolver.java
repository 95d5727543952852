package dev.plugboard.wit.resolve;

import dev.plugboard.wit.ast.Ast;
import dev.plugboard.wit.ast.Parser;
import dev.plugboard.wit.source.Diagnostic;
import dev.plugboard.wit.source.SourceMap;
import dev.plugboard.wit.source.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Resolves WIT: reads a package (a file, or a folder of {@code .wit} files with its
 * {@code deps/}), parses every file (recovering, so each file reports all its syntax
 * errors), resolves names in each package, orders the packages by name and dependency,
 * and merges them into one {@link Resolve}. Never throws on bad input: problems come back
 * as diagnostics with spans in the returned {@link SourceMap}.
 */
public final class WitResolver {
  /** Which {@code @unstable} features are on. */
  public record Options(Set<String> features, boolean allFeatures) {
    public static final Options DEFAULT = new Options(Set.of(), false);

    public Options {
      features = Set.copyOf(features);
    }
  }

  /** One source text, named by the path shown in messages. */
  public record SourceFile(String path, String text) {}

  /** The files of one package folder (or one file), in reading order. */
  public record Group(List<SourceFile> files) {
    public Group {
      files = List.copyOf(files);
    }
  }

  /**
   * The outcome: the resolve (complete only when there are no errors), the ids of the
   * packages of the main group (its nested packages, then its own package), the sources,
   * and every diagnostic.
   */
  public record Result(Resolve resolve, List<Integer> mainPackages, SourceMap sources, List<Diagnostic> diagnostics) {
    public boolean ok() {
      return diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** The main group's own package (the last of {@link #mainPackages()}). */
    public int mainPackage() {
      return mainPackages.getLast();
    }
  }

  private final Options options;
  private Map<Path, String> overrides = Map.of();
  private final SourceMap sources = new SourceMap();
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private WitResolver(Options options) {
    this.options = options;
  }

  /**
   * Resolves a {@code .wit} file (or {@code .wit.md}, or a binary package {@code .wasm}/{@code .wat}),
   * or a folder of {@code .wit}/{@code .wit.md} files with its {@code deps/}.
   */
  public static Result resolvePath(Path path, Options options) {
    return resolvePath(path, options, Map.of());
  }

  /**
   * Like {@link #resolvePath(Path, Options)}, with the texts of some files taken from
   * {@code overrides} instead of the disk: an editor's unsaved buffers.
   */
  public static Result resolvePath(Path path, Options options, Map<Path, String> overrides) {
    return resolvePath(path, options, overrides, List.of());
  }

  /**
   * Like {@link #resolvePath(Path, Options, Map)}, with {@code extraDeps} resolved as if they
   * were in the package's {@code deps/} (packages that come from elsewhere, such as the WIT a
   * preview1 adapter carries).
   */
  public static Result resolvePath(Path path, Options options, Map<Path, String> overrides, List<Group> extraDeps) {
    WitResolver r = new WitResolver(options);
    r.overrides = new HashMap<>();
    overrides.forEach((p, text) -> r.overrides.put(p.toAbsolutePath().normalize(), text));
    List<Group> deps = new ArrayList<>();
    Group main;
    if (Files.isDirectory(path)) {
      main = r.readFolder(path);
      Path depsDir = path.resolve("deps");
      if (Files.isDirectory(depsDir)) {
        for (Path entry : r.list(depsDir)) {
          if (Files.isDirectory(entry)) {
            deps.add(r.readFolder(entry));
          } else if (entry.getFileName().toString().endsWith(".wit")) {
            deps.add(new Group(r.readFile(entry).stream().toList()));
          } else if (BinaryPackageReader.isBinaryForm(entry.getFileName().toString())) {
            deps.add(new Group(r.readBinary(entry).stream().toList()));
          }
        }
      }
    } else if (Files.isRegularFile(path) && BinaryPackageReader.isBinaryForm(path.getFileName().toString())) {
      main = new Group(r.readBinary(path).stream().toList());
    } else if (Files.isRegularFile(path)) {
      main = new Group(r.readFile(path).stream().toList());
    } else {
      r.diagnostics.add(Diagnostic.error(Span.NONE, path + ": no such file or directory"));
      return new Result(new Resolve(), List.of(), r.sources, r.diagnostics);
    }
    if (!r.diagnostics.isEmpty()) {
      return new Result(new Resolve(), List.of(), r.sources, r.diagnostics);
    }
    deps.addAll(extraDeps);
    return r.run(main, deps);
  }

  /** Resolves in-memory sources (the editor's unsaved buffers, tests). */
  public static Result resolve(Group main, List<Group> deps, Options options) {
    return new WitResolver(options).run(main, deps);
  }

  // ---- reading ------------------------------------------------------------------------

  private List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(Span.NONE, dir + ": cannot list folder: " + e.getMessage()));
      return List.of();
    }
  }

  /**
   * The WIT packages of a {@code deps/} folder, as {@link #resolve} takes them: each sub-folder
   * one package, each {@code .wit}, {@code .wasm} or {@code .wat} file directly inside one package.
   * Unreadable files are left out.
   */
  public static List<Group> readDeps(Path depsDir) {
    WitResolver r = new WitResolver(Options.DEFAULT);
    List<Group> out = new ArrayList<>();
    if (!Files.isDirectory(depsDir)) {
      return out;
    }
    for (Path entry : r.list(depsDir)) {
      if (Files.isDirectory(entry)) {
        Group g = r.readFolder(entry);
        if (!g.files().isEmpty()) {
          out.add(g);
        }
      } else if (entry.getFileName().toString().endsWith(".wit")) {
        r.readFile(entry).ifPresent(f -> out.add(new Group(List.of(f))));
      } else if (BinaryPackageReader.isBinaryForm(entry.getFileName().toString())) {
        r.readBinary(entry).ifPresent(f -> out.add(new Group(List.of(f))));
      }
    }
    return out;
  }

  /** A {@code .wit} file, or WIT in Markdown ({@code .wit.md}), as wit-parser reads folders. */
  private static boolean isWitText(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".wit") || WitMarkdown.isMarkdown(name);
  }

  private Group readFolder(Path dir) {
    List<SourceFile> files = new ArrayList<>();
    List<Path> wit = new ArrayList<>();
    for (Path p : list(dir)) {
      if (Files.isRegularFile(p) && isWitText(p)) {
        wit.add(p);
      }
    }
    wit.sort(Comparator.comparing(Path::toString));
    for (Path p : wit) {
      readFile(p).ifPresent(files::add);
    }
    if (files.isEmpty() && diagnostics.isEmpty()) {
      diagnostics.add(Diagnostic.error(Span.NONE, dir + ": no .wit files in this folder"));
    }
    return new Group(files);
  }

  /**
   * A binary WIT package ({@code .wasm}, or its {@code .wat} text) as the WIT text it encodes,
   * named {@code FILE#wit} in messages; what cannot be read is an error naming the byte offset
   * (or line and column of the text).
   */
  private java.util.Optional<SourceFile> readBinary(Path p) {
    var reader = BinaryPackageReader.find();
    if (reader.isEmpty()) {
      diagnostics.add(Diagnostic.error(Span.NONE, p + ": binary WIT packages cannot be read here"));
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new SourceFile(p + "#wit", reader.get().witText(p.toString(),
          Files.readAllBytes(p))));
    } catch (BinaryPackageReader.Unreadable e) {
      diagnostics.add(Diagnostic.error(Span.NONE, e.getMessage()));
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(Span.NONE, p + ": cannot read: " + e.getMessage()));
    }
    return java.util.Optional.empty();
  }

  private java.util.Optional<SourceFile> readFile(Path p) {
    String unsaved = overrides.get(p.toAbsolutePath().normalize());
    if (unsaved != null) {
      return java.util.Optional.of(new SourceFile(p.toString(), unsaved));
    }
    try {
      byte[] bytes = Files.readAllBytes(p);
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      if (WitMarkdown.isMarkdown(p.getFileName().toString())) {
        text = WitMarkdown.witOf(text);
      }
      return java.util.Optional.of(new SourceFile(p.toString(), text));
    } catch (CharacterCodingException e) {
      diagnostics.add(Diagnostic.error(Span.NONE, p + ": not valid UTF-8"));
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(Span.NONE, p + ": cannot read: " + e.getMessage()));
    }
    return java.util.Optional.empty();
  }

  // ---- resolving ----------------------------------------------------------------------

  /** A package after phase 1, with where it came from. */
  private record Pending(UnresolvedPackage pkg, AstResolver resolver, boolean main) {}

  private Result run(Group main, List<Group> deps) {
    List<List<Parsed>> parsedGroups = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    groups.add(main);
    groups.addAll(deps);
    boolean parseErrors = false;
    for (Group g : groups) {
      List<Parsed> parsed = new ArrayList<>();
      for (SourceFile f : g.files()) {
        int base = sources.add(f.path(), f.text());
        Parser.Result r = Parser.parse(f.text(), base);
        diagnostics.addAll(r.diagnostics());
        parseErrors |= !r.ok();
        parsed.add(new Parsed(f, base, r.file()));
      }
      parsedGroups.add(parsed);
    }
    if (parseErrors) {
      return failed();
    }

    List<Pending> pending = new ArrayList<>();
    for (int g = 0; g < parsedGroups.size(); g++) {
      pending.addAll(packagesOf(parsedGroups.get(g), g == 0));
      if (!ok()) {
        return failed();
      }
    }

    Map<PackageId, Pending> byName = new TreeMap<>();
    for (Pending p : pending) {
      if (byName.putIfAbsent(p.pkg().name, p) != null) {
        diagnostics.add(Diagnostic.error(p.pkg().span, "package `" + p.pkg().name + "` is defined more than once"));
        return failed();
      }
    }
    List<Pending> order = new ArrayList<>();
    Set<PackageId> done = new HashSet<>();
    try {
      for (Pending p : byName.values()) {
        visit(p, byName, done, new HashSet<>(), order);
      }
    } catch (Remap.Failure f) {
      diagnostics.add(f.diagnostic);
      return failed();
    }

    Resolve resolve = new Resolve();
    Map<PackageId, Integer> ids = new HashMap<>();
    Map<Integer, Set<String>> droppedInterfaces = new HashMap<>();
    Map<Integer, Set<String>> droppedWorlds = new HashMap<>();
    Map<UnresolvedPackage, Integer> assigned = new HashMap<>();
    for (Pending p : order) {
      try {
        int id = new Remap(resolve, options, ids, droppedInterfaces, droppedWorlds)
            .append(p.pkg(), p.resolver().deferredHandleChecks);
        assigned.put(p.pkg(), id);
      } catch (Remap.Failure f) {
        diagnostics.add(f.diagnostic);
        return failed();
      }
    }
    List<Integer> mainIds = new ArrayList<>();
    for (Pending p : pending) {
      if (p.main()) {
        mainIds.add(assigned.get(p.pkg()));
      }
    }
    return new Result(resolve, mainIds, sources, diagnostics);
  }

  private boolean ok() {
    return diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  private Result failed() {
    return new Result(new Resolve(), List.of(), sources, diagnostics);
  }

  private record Parsed(SourceFile source, int base, Ast.File ast) {}

  /** A group's packages: each file's nested packages in order, then the group's own package. */
  private List<Pending> packagesOf(List<Parsed> files, boolean main) {
    List<Pending> out = new ArrayList<>();
    Ast.PackageName name = null;
    String docs = null;
    List<List<Ast.TopItem>> items = new ArrayList<>();
    boolean anyItems = false;
    for (Parsed f : files) {
      Ast.File ast = f.ast();
      for (Ast.NestedPackage n : ast.nested()) {
        AstResolver r = AstResolver.run(AstResolver.packageId(n.name()), Docs.of(n.docs()), n.name().span(),
            List.of(n.items()));
        diagnostics.addAll(r.errors());
        out.add(new Pending(r.result(), r, main));
      }
      if (ast.packageName() != null) {
        if (name != null && !name.toString().equals(ast.packageName().toString())) {
          diagnostics.add(Diagnostic.error(ast.packageName().span(), "package identifier `" + ast.packageName()
              + "` does not match previous package name of `" + name + "`", name.span(), "previous name here"));
          return out;
        }
        if (name == null) {
          name = ast.packageName();
        }
        String these = Docs.of(ast.packageDocs());
        if (docs != null && these != null) {
          diagnostics.add(Diagnostic.error(ast.packageName().span(), "found doc comments on multiple 'package' items"));
          return out;
        }
        if (docs == null) {
          docs = these;
        }
      }
      items.add(ast.items());
      anyItems |= !ast.items().isEmpty();
    }
    if (name == null) {
      if (anyItems || out.isEmpty()) {
        Span at = files.isEmpty() ? Span.NONE : new Span(files.getFirst().base(), files.getFirst().base());
        diagnostics.add(Diagnostic.error(at, "no `package` header was found in any WIT file for this package"));
      }
      return out;
    }
    AstResolver r = AstResolver.run(AstResolver.packageId(name), docs, name.span(), items);
    diagnostics.addAll(r.errors());
    out.add(new Pending(r.result(), r, main));
    return out;
  }

  /** Dependencies first (wasm-tools' visit): a dependency met again on the path is a cycle. */
  private static void visit(Pending p, Map<PackageId, Pending> byName, Set<PackageId> done, Set<PackageId> visiting,
      List<Pending> order) throws Remap.Failure {
    if (done.contains(p.pkg().name)) {
      return;
    }
    for (var e : p.pkg().foreignDepSpans.entrySet()) {
      PackageId dep = e.getKey();
      if (!visiting.add(dep)) {
        throw new Remap.Failure(e.getValue(), "package `" + dep + "` creates a dependency cycle");
      }
      Pending d = byName.get(dep);
      if (d != null) {
        visit(d, byName, done, visiting, order);
      }
      visiting.remove(dep);
    }
    if (done.add(p.pkg().name)) {
      order.add(p);
    }
  }
}
