package dev.plugboard.binary;

import dev.plugboard.wit.print.WitPrinter;
import dev.plugboard.wit.resolve.BinaryPackageReader;
import dev.plugboard.wit.resolve.Resolve;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * WIT packages as component binaries (WIT.md, "Package Format"): writing one from a resolve
 * ({@link WitPackageEncoder}), reading one back into a resolve, and, as the
 * {@link BinaryPackageReader} the WIT resolver finds, turning a {@code .wasm} or {@code .wat}
 * found in {@code deps/} into the package's WIT text.
 */
public final class WitPackages implements BinaryPackageReader {
  /** The binary of package {@code pkg} of a complete resolve. */
  public static byte[] encode(Resolve resolve, int pkg) {
    return WitPackageEncoder.encode(resolve, pkg);
  }

  /**
   * The package a binary encodes, in a resolve of its own (with the parts of other packages it
   * imports, holding only what it uses of them).
   */
  public static ComponentWit.View decode(byte[] bytes) throws MalformedBinaryException, InvalidComponentException {
    ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(bytes);
    return ComponentWit.ofPackage(d.component(), d.offsets());
  }

  /** Whether a decoded component has the shape of a WIT package: only type exports of component types. */
  public static boolean isPackage(Component c) {
    boolean anyExport = false;
    for (Component.Section s : c.sections()) {
      switch (s) {
        case Component.TypeSection t -> { }
        case Component.CustomSection cs -> { }
        case Component.ExportSection es -> {
          anyExport |= !es.exports().isEmpty();
          if (es.exports().stream().anyMatch(e -> e.sort() != Sort.TYPE)) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    return anyExport;
  }

  /** The package of a decoded binary as canonical WIT, without the packages it uses. */
  public static String print(ComponentWit.View view) {
    return WitPrinter.print(view.resolve(), view.rootPackage(), List.of());
  }

  @Override
  public String witText(String fileName, byte[] bytes) throws Unreadable {
    byte[] binary = bytes;
    if (fileName.endsWith(".wat")) {
      try {
        binary = ComponentEncoder.encode(ComponentTypeText.parse(new String(bytes, StandardCharsets.UTF_8)));
      } catch (ComponentTypeText.SyntaxError e) {
        throw new Unreadable(fileName + ":" + e.line() + ":" + e.column() + ": " + e.getMessage());
      }
    }
    try {
      return print(decode(binary));
    } catch (MalformedBinaryException e) {
      throw new Unreadable(fileName + ": cannot be read as a WIT package: " + e.describe());
    } catch (InvalidComponentException e) {
      // offsets into a binary assembled here from text would point nowhere the user can look
      throw new Unreadable(fileName + ": " + (binary == bytes ? e.describe() : e.getMessage()));
    } catch (RuntimeException e) {
      // a damaged binary can hold types that refer to what they should not; say so in one line
      throw new Unreadable(fileName + ": cannot be read as a WIT package: its types do not fit together ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
