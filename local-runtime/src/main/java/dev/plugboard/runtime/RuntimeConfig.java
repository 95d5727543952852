package dev.plugboard.runtime;

import dev.plugboard.runtime.trace.CallTracer;

/**
 * How components run: the engine, the memory cap (pages of 64 KiB per memory; 0 for the
 * modules' own limits, up to 4 GiB) and, when tracing, where call events go.
 */
public record RuntimeConfig(Engine engine, int maxMemoryPages, CallTracer tracer) {
  public enum Engine {
    /** Chicory's interpreter: instant start. */
    INTERP,
    /** Chicory's compiler to JVM bytecode: slower start, fast calls. */
    COMPILED,
    /**
     * Small modules (up to 64 KiB) are compiled first, which takes tens of milliseconds; larger
     * ones start interpreted and switch to compiled code once it is ready, in the background.
     */
    AUTO
  }

  /**
   * Each linear memory may grow to 256 MiB unless the run configuration says otherwise (a
   * sandbox default; it also keeps an idle instance small, since Chicory sizes its page table by
   * the maximum).
   */
  public static final int DEFAULT_MAX_MEMORY_PAGES = 4096;

  public static final RuntimeConfig DEFAULT = new RuntimeConfig(Engine.AUTO, DEFAULT_MAX_MEMORY_PAGES, null);

  public RuntimeConfig withEngine(Engine e) {
    return new RuntimeConfig(e, maxMemoryPages, tracer);
  }

  public RuntimeConfig withMaxMemoryPages(int pages) {
    return new RuntimeConfig(engine, pages, tracer);
  }

  public RuntimeConfig withTracer(CallTracer t) {
    return new RuntimeConfig(engine, maxMemoryPages, t);
  }
}
