package dev.plugboard.compose;

import dev.plugboard.wit.resolve.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a composition finds its packages: those given by name ({@code --dep example:upper=upper.wasm}),
 * else in {@code deps/} beside the document, laid out as wac lays out packages: {@code ns/name.wasm}
 * (or {@code ns:name.wasm}) is a component; {@code ns/name.wit} or a folder {@code ns/name/} is a WIT
 * package, whose interfaces and worlds the document may name ({@link #witPackages}) but which cannot
 * be instantiated. Each component is read once.
 */
public final class DepsPackages implements Wac.Packages {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([^;{\\s]+)\\s*;");
  private final Map<String, Path> given;
  private final Path depsDir;
  private final Map<String, ComposedPackage> loaded = new HashMap<>();
  private final Map<Path, ComposedPackage> byFile = new java.util.HashMap<>();

  /** @param given package name (without version) → component file */
  public DepsPackages(Map<String, Path> given, Path depsDir) {
    this.given = Map.copyOf(given);
    this.depsDir = depsDir;
  }

  public Path depsDir() {
    return depsDir;
  }

  @Override
  public ComposedPackage find(String name) throws CompositionException {
    String bare = name.replaceAll("@.*", "");
    ComposedPackage done = loaded.get(name);
    if (done != null) {
      return done;
    }
    Path p = given.get(bare);
    if (p == null && depsDir != null) {
      Path nested = depsDir.resolve(bare.replace(':', '/'));
      String version = name.contains("@") ? name.substring(name.indexOf('@') + 1) : null;
      p = versioned(nested, version);
      List<String> versions = versions(nested);
      if (p == null && !versions.isEmpty()) {
        throw new CompositionException(CompositionException.Kind.UNKNOWN_PACKAGE, "no version " + version + " of `"
            + bare + "` in " + depsDir.relativize(nested) + "/ (there: " + String.join(", ", versions) + ")");
      }
      for (Path candidate : p != null ? List.<Path>of() : List.of(sibling(nested, ".wasm"),
          depsDir.resolve(bare + ".wasm"))) {
        if (Files.isRegularFile(candidate)) {
          p = candidate;
          break;
        }
      }
      if (p == null && (Files.isDirectory(nested) || Files.isRegularFile(sibling(nested, ".wit")))) {
        throw new CompositionException(CompositionException.Kind.NOT_A_COMPONENT, "`" + bare + "` is a WIT package "
            + "(" + depsDir.relativize(Files.isDirectory(nested) ? nested : sibling(nested, ".wit")) + "), not a "
            + "component: its interfaces and worlds can be named, but it cannot be instantiated");
      }
      if (p == null && Files.isRegularFile(sibling(nested, ".wat"))) {
        throw new CompositionException(CompositionException.Kind.NOT_A_COMPONENT, "`" + bare + "` is WebAssembly "
            + "text (" + depsDir.relativize(sibling(nested, ".wat")) + "); give the binary component: "
            + "`wasm-tools parse` assembles it");
      }
    }
    if (p == null) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (IOException e) {
      throw new CompositionException(CompositionException.Kind.UNKNOWN_PACKAGE, p + ": cannot read: " + e.getMessage());
    }
    if (isWitPackage(bytes)) {
      throw new CompositionException(CompositionException.Kind.NOT_A_COMPONENT, "`" + bare + "` is a binary WIT "
          + "package (" + p.getFileName() + "), not a component: its interfaces and worlds can be named, but it "
          + "cannot be instantiated");
    }
    // a file kept by version is that version of the package: two versions may be composed together
    boolean byVersion = depsDir != null && p.getParent() != null
        && p.getParent().equals(depsDir.resolve(bare.replace(':', '/')));
    // names that reach the same file (ns:x and ns:x@1.0.0, say) are one package, registered once
    ComposedPackage pkg = byFile.get(p.toAbsolutePath().normalize());
    if (pkg == null) {
      pkg = ComposedPackage.of(byVersion ? bare + "@" + semver(p) : bare, bytes);
      byFile.put(p.toAbsolutePath().normalize(), pkg);
    }
    loaded.put(name, pkg);
    return pkg;
  }

  /**
   * A package kept by version, {@code deps/ns/name/VERSION.wasm}: the version asked for, or with
   * none asked the highest there is; null when the folder holds no such file.
   */
  private static Path versioned(Path folder, String version) {
    if (version != null) {
      Path exact = folder.resolve(version + ".wasm");
      return Files.isRegularFile(exact) ? exact : null;
    }
    List<String> versions = versions(folder);
    return versions.isEmpty() ? null : folder.resolve(versions.getLast() + ".wasm");
  }

  /** The versions of {@code deps/ns/name/VERSION.wasm}, lowest first. */
  private static List<String> versions(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (var files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".wasm") && semver(f) != null)
          .map(DepsPackages::semver).sorted().map(Object::toString).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static dev.plugboard.wit.lex.Semver semver(Path wasm) {
    return dev.plugboard.wit.lex.Semver.parse(wasm.getFileName().toString().replaceAll("\\.wasm$", ""));
  }

  private static boolean isWitPackage(byte[] bytes) {
    try {
      return dev.plugboard.binary.WitPackages.isPackage(dev.plugboard.binary.ComponentDecoder.decode(bytes));
    } catch (dev.plugboard.binary.MalformedBinaryException e) {
      return false;
    }
  }

  private static Path sibling(Path p, String extension) {
    return p.resolveSibling(p.getFileName() + extension);
  }

  /**
   * The WIT packages of {@code deps/}, for the document's type statements, imports by path and
   * {@code targets}: each {@code ns/name.wit} file and {@code ns/name/} folder one package, and a
   * folder of {@code .wit} files that all declare the same package (the WIT {@code deps/} layout)
   * one package; binary WIT packages ({@code .wasm} files that are packages rather than components,
   * and {@code .wat} text) as the WIT they encode. Unreadable files are left out; their problems show
   * where they are used.
   */
  public List<WitResolver.Group> witPackages() {
    List<WitResolver.Group> out = new ArrayList<>();
    if (depsDir == null || !Files.isDirectory(depsDir)) {
      return out;
    }
    for (Path entry : list(depsDir)) {
      if (Files.isRegularFile(entry) && entry.toString().endsWith(".wit")) {
        group(List.of(entry), out);
      } else if (Files.isRegularFile(entry)) {
        binaryGroup(entry, out);
      } else if (Files.isDirectory(entry)) {
        List<Path> files = list(entry).stream().filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".wit"))
            .toList();
        if (files.stream().map(DepsPackages::declaredPackage).distinct().count() <= 1) {
          group(files, out);
        } else {
          files.forEach(f -> group(List.of(f), out));
        }
        for (Path sub : list(entry)) {
          if (Files.isRegularFile(sub)) {
            binaryGroup(sub, out);
          }
          if (Files.isDirectory(sub)) {
            group(list(sub).stream().filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".wit")).toList(),
                out);
          }
        }
      }
    }
    return out;
  }

  private static void binaryGroup(Path file, List<WitResolver.Group> out) {
    String name = file.getFileName().toString();
    var reader = dev.plugboard.wit.resolve.BinaryPackageReader.find();
    if (!dev.plugboard.wit.resolve.BinaryPackageReader.isBinaryForm(name) || reader.isEmpty()) {
      return;
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (name.endsWith(".wat") || isWitPackage(bytes)) {
        out.add(new WitResolver.Group(List.of(new WitResolver.SourceFile(file + "#wit",
            reader.get().witText(file.toString(), bytes)))));
      }
    } catch (IOException | dev.plugboard.wit.resolve.BinaryPackageReader.Unreadable e) {
      // left out, like an unreadable .wit
    }
  }

  private static void group(List<Path> files, List<WitResolver.Group> out) {
    List<WitResolver.SourceFile> sources = new ArrayList<>();
    for (Path f : files) {
      try {
        sources.add(new WitResolver.SourceFile(f.toString(), Files.readString(f)));
      } catch (IOException | java.io.UncheckedIOException e) {
        // left out: a package that cannot be read is reported as unknown where it is named
      }
    }
    if (!sources.isEmpty()) {
      out.add(new WitResolver.Group(sources));
    }
  }

  private static String declaredPackage(Path witFile) {
    try {
      Matcher m = PACKAGE.matcher(Files.readString(witFile));
      return m.find() ? m.group(1) : "";
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
