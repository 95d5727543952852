package dev.plugboard.compose.scene;

import dev.plugboard.compose.ComposedPackage;
import dev.plugboard.compose.Wac;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The canvas test packages ({@code src/test/resources/canvas/packages}), each known by its WIT world. */
public final class ScenePackages {
  private ScenePackages() {}

  public static final Path DIR = Path.of("src/test/resources/canvas/packages");

  public static Wac.Packages packages() {
    Map<String, ComposedPackage> loaded = new HashMap<>();
    return name -> {
      String bare = name.replaceAll("@.*", "");
      if (loaded.containsKey(bare)) {
        return loaded.get(bare);
      }
      Path file = DIR.resolve(bare.replace(':', '/') + ".wit");
      if (!Files.isRegularFile(file)) {
        return null;
      }
      WitResolver.Result r = WitResolver.resolvePath(file, WitResolver.Options.DEFAULT);
      var main = r.resolve().packages.get(r.mainPackage());
      ComposedPackage pkg = ComposedPackage.ofWorld(bare, r.resolve(), main.worlds.values().iterator().next());
      loaded.put(bare, pkg);
      return pkg;
    };
  }
}
