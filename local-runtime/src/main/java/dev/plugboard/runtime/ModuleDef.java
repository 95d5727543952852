package dev.plugboard.runtime;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayInputStream;
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
        CompiledCodeCache cache = bytes.length >= CompiledCodeCache.MIN_MODULE_BYTES ? CompiledCodeCache.shared() : null;
        if (cache != null && cache.validatedBefore(bytes)) {
          // These exact bytes passed Chicory's validation in an earlier run: for a 12 MB module
          // that is most of a start (5 of 6.5 s of CPU for js-shout-nowasi with its code cached).
          parsed = Parser.builder().withValidation(false).build().parse(() -> new ByteArrayInputStream(bytes));
        } else {
          parsed = Parser.parse(bytes);
          if (cache != null) {
            cache.markValidated(bytes);
          }
        }
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
          ? CompletableFuture.supplyAsync(() -> compileModule(m), Background.EXECUTOR)
          : CompletableFuture.completedFuture(compileModule(m));
      if (background && bytes.length >= CompiledCodeCache.MIN_MODULE_BYTES && CompiledCodeCache.shared() != null) {
        CompiledCodeCache.track(compiled);
      }
    }
    return compiled;
  }

  /** The compiled machine factory if a compilation has already finished, else null (never waits). */
  synchronized Function<Instance, Machine> compiledIfDone() {
    return compiled != null && compiled.isDone() && !compiled.isCompletedExceptionally() ? compiled.join() : null;
  }

  /** Whether an earlier run left this module's compiled code in the disk cache. */
  boolean hasCachedCode() {
    CompiledCodeCache cache = bytes.length >= CompiledCodeCache.MIN_MODULE_BYTES ? CompiledCodeCache.shared() : null;
    String digest = cache == null ? null : parsed().digest();
    return digest != null && java.nio.file.Files.isRegularFile(cache.file(digest));
  }

  /** Compiles, or loads what an earlier run compiled from the disk cache (big modules only). */
  private Function<Instance, Machine> compileModule(WasmModule m) {
    CompiledCodeCache cache = bytes.length >= CompiledCodeCache.MIN_MODULE_BYTES ? CompiledCodeCache.shared() : null;
    if (cache == null || m.digest() == null) {
      return MachineFactoryCompiler.compile(m);
    }
    try {
      return MachineFactoryCompiler.builder(m).withCache(cache).compile();
    } catch (RuntimeException | LinkageError unloadable) {
      // An entry that passed its checksum but does not load (say, made by another JVM): drop it.
      cache.remove(m.digest());
      return MachineFactoryCompiler.compile(m);
    }
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
