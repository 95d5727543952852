package dev.plugboard.runtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The background compilations of big core modules, for a user interface to show: compiling the
 * 12 MB componentize-js module takes a minute or more, during which its calls run interpreted.
 */
public final class Compilations {
  private static final List<Consumer<Compilation>> LISTENERS = new CopyOnWriteArrayList<>();

  private Compilations() {}

  /**
   * One background compilation: the core module's name (the component's name and the module's
   * place in it), its size, and a future that completes when its code is ready and kept.
   */
  public record Compilation(String module, long bytes, CompletableFuture<?> done) {}

  /** Calls {@code listener} (on the compiling thread's caller) for each compilation started from now on; the returned action stops that. */
  public static Runnable subscribe(Consumer<Compilation> listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  /** Tells the listeners of a compilation (the runtime does, for every big module it compiles in the background). */
  public static void started(Compilation c) {
    for (Consumer<Compilation> l : LISTENERS) {
      try {
        l.accept(c);
      } catch (RuntimeException listenerFailed) {
        // a listener's failure is its own; the compilation goes on
      }
    }
  }
}
