package dev.plugboard.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a composition finds its packages: those given by name ({@code --dep example:upper=upper.wasm}),
 * else {@code deps/ns/name.wasm} or {@code deps/ns:name.wasm} beside the document. Each component
 * is read once.
 */
public final class DepsPackages implements Wac.Packages {
  private final Map<String, Path> given;
  private final Path depsDir;
  private final Map<String, ComposedPackage> loaded = new HashMap<>();

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
    ComposedPackage done = loaded.get(bare);
    if (done != null) {
      return done;
    }
    Path p = given.get(bare);
    if (p == null && depsDir != null) {
      for (Path candidate : List.of(depsDir.resolve(bare.replace(':', '/') + ".wasm"), depsDir.resolve(bare + ".wasm"))) {
        if (Files.isRegularFile(candidate)) {
          p = candidate;
          break;
        }
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
    ComposedPackage pkg = ComposedPackage.of(bare, bytes);
    loaded.put(bare, pkg);
    return pkg;
  }
}
