package dev.plugboard.app.workspace;

import dev.plugboard.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The starting points of File › New and the welcome page: a WIT package, a WAC composition,
 * and a component written in WebAssembly text with its WIT world. Each is a small file set
 * that checks (and, for the component, builds with {@code plugboard new}) as it is.
 */
public final class NewFiles {
  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*");

  private NewFiles() {}

  /** Checks a name the user typed: kebab-case, as WIT and WAC names are. */
  public static String checkName(String name) {
    String n = name == null ? "" : name.strip();
    if (!KEBAB.matcher(n).matches()) {
      throw new IllegalArgumentException("\"" + n + "\" is not a kebab-case name (like my-package: lower-case "
          + "words of letters and digits joined by '-')");
    }
    return n;
  }

  /** {@code folder/NAME/NAME.wit}: a package {@code local:NAME} with an interface and a world. Returns the file. */
  public static Path witPackage(Path folder, String name) throws IOException {
    String n = checkName(name);
    return create(folder.resolve(n).resolve(n + ".wit"), """
        package local:%1$s@0.1.0;

        /// What %1$s offers.
        interface api {
          /// Says hello.
          greet: func(name: string) -> string;
        }

        world %1$s {
          export api;
        }
        """.formatted(n));
  }

  /** {@code folder/NAME.wac}: a composition with a {@code deps/} folder beside it for its components. */
  public static Path composition(Path folder, String name) throws IOException {
    String n = checkName(name);
    Files.createDirectories(folder.resolve("deps"));
    return create(folder.resolve(n + ".wac"), """
        // A composition: put components in deps/ (deps/NS/NAME.wasm), then instantiate and wire them:
        //   let a = new ns:a {};
        //   let b = new ns:b { ...a };
        //   export b.run;
        // Run › Compose WAC File writes %1$s.wasm beside this file.
        package local:%1$s;
        """.formatted(n));
  }

  /**
   * {@code folder/NAME/NAME.wat} and {@code NAME.wit}: a core module that follows the Canonical
   * ABI's names for its world's exports, ready for {@code plugboard new}. Returns the WAT file.
   */
  public static Path componentFromWat(Path folder, String name) throws IOException {
    String n = checkName(name);
    Path dir = folder.resolve(n);
    create(dir.resolve(n + ".wit"), """
        package local:%1$s@0.1.0;

        world %1$s {
          /// The sum of a and b (wrapping).
          export add: func(a: u32, b: u32) -> u32;
        }
        """.formatted(n));
    return create(dir.resolve(n + ".wat"), """
        ;; The core module of %1$s: its export `add` is the world's `add` (plugboard new wraps it).
        (module
          (func (export "add") (param $a i32) (param $b i32) (result i32)
            (i32.add (local.get $a) (local.get $b))))
        """.formatted(n));
  }

  /** Where {@code plugboard new} writes the component of a WAT file made by {@link #componentFromWat}. */
  public static Path componentOf(Path wat) {
    return wat.resolveSibling(wat.getFileName().toString().replaceAll("\\.wat$", "") + ".wasm");
  }

  private static Path create(Path file, String text) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "already exists");
    }
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    return file;
  }
}
