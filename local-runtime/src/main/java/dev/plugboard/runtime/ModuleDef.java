package dev.plugboard.runtime;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A core module of a component: its bytes, parsed by Chicory once, and compiled to JVM
 * bytecode once when an engine asks for it (in the background for {@code auto}).
 */
final class ModuleDef {
  final byte[] bytes;
  final String name;
  private WasmModule parsed;
  private CompletableFuture<Function<Instance, Machine>> compiled;

  ModuleDef(byte[] bytes, String name) {
    this.bytes = bytes;
    this.name = name;
  }

  synchronized WasmModule parsed() {
    if (parsed == null) {
      try {
        parsed = Parser.parse(bytes);
      } catch (RuntimeException | AssertionError e) {
        // Loading checks a component's structure only; a core module whose code is invalid is
        // found here, and is the component's fault, not the host's (plugboard validate says so too).
        throw new Instantiator.LinkException(name + ": invalid core module: "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    return parsed;
  }

  /** Replaces the parsed module (before any instance or compilation exists): see {@link TypeRenumbering}. */
  synchronized void replaceParsed(WasmModule module) {
    if (compiled != null) {
      throw new IllegalStateException("already compiled");
    }
    parsed = module;
  }

  /** The compiled machine factory, compiling now on this thread if it is not there yet. */
  Function<Instance, Machine> compiledNow() {
    return compile(false).join();
  }

  /** Starts compiling in the background (once); the future completes with the machine factory. */
  synchronized CompletableFuture<Function<Instance, Machine>> compile(boolean background) {
    if (compiled == null) {
      WasmModule m = parsed();
      compiled = background
          ? CompletableFuture.supplyAsync(() -> MachineFactoryCompiler.compile(m), Background.EXECUTOR)
          : CompletableFuture.completedFuture(MachineFactoryCompiler.compile(m));
    }
    return compiled;
  }

  /** Daemon threads for background compilation. */
  static final class Background {
    static final java.util.concurrent.Executor EXECUTOR = java.util.concurrent.Executors.newFixedThreadPool(1, r -> {
      Thread t = new Thread(r, "plugboard-compiler");
      t.setDaemon(true);
      return t;
    });

    private Background() {}
  }
}
