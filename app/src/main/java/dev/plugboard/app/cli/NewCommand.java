package dev.plugboard.app.cli;

import dev.plugboard.io.AtomicFiles;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentNew;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import dev.plugboard.wit.resolve.Package;
import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.source.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard new core.wasm --wit DIR [--world NAME] -o out.wasm}: wraps a core
 * module that follows the Canonical ABI naming conventions into a component.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = "Wrap a core module that follows the Canonical ABI naming conventions into a component of a WIT "
        + "world.")
public final class NewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CORE", description = "The core module: a .wasm binary, or WebAssembly text (.wat).")
  Path module;

  @Option(names = "--wit", required = true, paramLabel = "PATH", description = "The WIT package (file or folder).")
  Path wit;

  @Option(names = "--world", paramLabel = "NAME", description = "The world, when the package has several.")
  String worldName;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the component.")
  Path output;

  @Option(names = "--parents", description = "Create the output's missing folders (without it, a missing folder is an error).")
  boolean parents;

  @Override
  public Integer call() throws IOException {
    byte[] core = Inputs.bytes(module);
    if (isText(core)) {
      core = assemble(module);
    }
    if (!Files.exists(wit)) {
      throw new UserError(wit + ": no such file or directory");
    }
    WitResolver.Result r = WitResolver.resolvePath(wit, new WitResolver.Options(Set.of(), false));
    if (!r.ok()) {
      PrintWriter err = spec.commandLine().getErr();
      for (Diagnostic d : r.diagnostics()) {
        err.println(r.sources().render(d));
      }
      throw new UserError(wit + ": the WIT package has errors");
    }
    Package pkg = r.resolve().packages.get(r.mainPackage());
    Integer world;
    if (worldName != null) {
      world = pkg.worlds.get(worldName);
      if (world == null) {
        throw new UserError("no world `" + worldName + "` in " + pkg.name + " (worlds: "
            + String.join(", ", pkg.worlds.keySet()) + ")");
      }
    } else if (pkg.worlds.size() == 1) {
      world = pkg.worlds.values().iterator().next();
    } else {
      throw new UserError(pkg.name + " has " + (pkg.worlds.isEmpty() ? "no worlds" : "several worlds ("
          + String.join(", ", pkg.worlds.keySet()) + "); choose one with --world"));
    }
    byte[] component;
    try {
      component = ComponentNew.wrap(core, r.resolve(), world);
    } catch (ComponentNew.Failure e) {
      throw new UserError(module + ": " + e.getMessage());
    }
    try {
      ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(component);
      ComponentValidator.validate(d.component(), d.offsets());
    } catch (MalformedBinaryException | InvalidComponentException e) {
      throw new IllegalStateException("the wrapped component does not validate: " + e.getMessage(), e);
    }
    AtomicFiles.write(output, component, parents);
    spec.commandLine().getOut().println(output + ": component of " + pkg.name.qualify(r.resolve().worlds.get(world).name)
        + ", " + component.length + " bytes");
    return 0;
  }

  /** WebAssembly text rather than a binary: anything not starting with the {@code \0asm} magic. */
  private static boolean isText(byte[] bytes) {
    return !(bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm');
  }

  /** Assembles a {@code .wat} file (see {@link WatAssembler}). */
  static byte[] assemble(Path wat) {
    return WatAssembler.assemble(Inputs.text(wat), wat.toString());
  }
}
