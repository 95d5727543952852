package dev.plugboard.app.cli;

import dev.plugboard.io.AtomicFiles;
import dev.plugboard.binary.Adapter;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  @Option(names = "--wit", paramLabel = "PATH", description = "The WIT package (file or folder); may be left out "
      + "with --adapt, for a module whose world is only what the adapter brings.")
  Path wit;

  @Option(names = "--adapt", paramLabel = "NAME=ADAPTER", description = "A preview1 adapter: the core module's "
      + "imports from module NAME are the adapter's exports (e.g. wasi_snapshot_preview1=wasi_snapshot_preview1"
      + ".command.wasm). Repeatable.")
  List<String> adapt = new ArrayList<>();

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
    if (wit == null && adapt.isEmpty()) {
      throw new UserError("--wit is required (it may be left out only with --adapt)");
    }
    if (wit != null && !Files.exists(wit)) {
      throw new UserError(wit + ": no such file or directory");
    }
    List<Adapter> adapters = readAdapters();
    Set<String> known = new HashSet<>();
    if (wit != null && !adapters.isEmpty()) {
      WitResolver.Result alone = resolved(WitResolver.resolvePath(wit, WitResolver.Options.DEFAULT));
      alone.resolve().packages.forEach(p -> known.add(p.name.toString()));
    }
    List<WitResolver.Group> adapterWit = new ArrayList<>();
    for (int k = 0; k < adapters.size(); k++) {
      try {
        adapterWit.add(adapters.get(k).wit(k, known));
      } catch (ComponentNew.Failure e) {
        throw new UserError(adapterFile(k) + ": " + e.getMessage());
      }
    }
    WitResolver.Result r = resolved(wit != null
        ? WitResolver.resolvePath(wit, WitResolver.Options.DEFAULT, Map.of(), adapterWit)
        : WitResolver.resolve(new WitResolver.Group(List.of(new WitResolver.SourceFile("(no --wit)",
            "package root:component;\n\nworld root {}\n"))), adapterWit, WitResolver.Options.DEFAULT));
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
    int mainWorld = world;
    if (!adapters.isEmpty()) {
      List<Integer> adapterWorlds = new ArrayList<>();
      for (int k = 0; k < adapters.size(); k++) {
        adapterWorlds.add(adapters.get(k).worldIn(r.resolve(), k));
      }
      List<Set<String>> used = new ArrayList<>();
      for (Adapter a : adapters) {
        try {
          used.add(a.usedImportModules(core));
        } catch (ComponentNew.Failure e) {
          throw new UserError(module + ": " + e.getMessage());
        }
      }
      world = Adapter.mergeWorlds(r.resolve(), world, adapterWorlds, used);
    }
    byte[] component;
    try {
      component = ComponentNew.wrap(core, r.resolve(), world, adapters);
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
    spec.commandLine().getOut().println(output + ": component of " + (wit == null ? "the adapter's world"
        : pkg.name.qualify(r.resolve().worlds.get(mainWorld).name)) + ", " + component.length + " bytes");
    return 0;
  }

  /** A resolve without errors, or its diagnostics printed and a user error. */
  private WitResolver.Result resolved(WitResolver.Result r) {
    if (!r.ok()) {
      PrintWriter err = spec.commandLine().getErr();
      for (Diagnostic d : r.diagnostics()) {
        err.println(r.sources().render(d));
      }
      throw new UserError((wit == null ? "the adapter's WIT" : wit.toString()) + ": the WIT package has errors");
    }
    return r;
  }

  private List<Adapter> readAdapters() {
    List<Adapter> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String a : adapt) {
      int eq = a.indexOf('=');
      if (eq <= 0 || eq == a.length() - 1) {
        throw new UserError("--adapt expects NAME=ADAPTER.wasm (e.g. wasi_snapshot_preview1=wasi_snapshot_preview1"
            + ".command.wasm), got `" + a + "`");
      }
      String name = a.substring(0, eq);
      if (!names.add(name)) {
        throw new UserError("--adapt: two adapters for `" + name + "`");
      }
      Path file = Path.of(a.substring(eq + 1));
      try {
        out.add(Adapter.read(name, Inputs.bytes(file)));
      } catch (ComponentNew.Failure e) {
        throw new UserError(file + ": " + e.getMessage());
      }
    }
    return out;
  }

  private String adapterFile(int k) {
    String a = adapt.get(k);
    return a.substring(a.indexOf('=') + 1);
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
