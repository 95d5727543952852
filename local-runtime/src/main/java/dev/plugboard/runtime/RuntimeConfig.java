package dev.plugboard.runtime;

import dev.plugboard.runtime.trace.CallTracer;

/**
 * How components run: the engine, the memory cap (pages of 64 KiB per memory; 0 for the
 * modules' own limits, up to 4 GiB), when tracing, where call events go, and how much host
 * memory the values lifted for one call may take ({@code maxResultBytes}: a guest cannot make
 * the host build gigabytes of strings that all point at the same bytes).
 */
public record RuntimeConfig(Engine engine, int maxMemoryPages, CallTracer tracer, long maxResultBytes) {
  /** The default budget for the values lifted in one call: 64 MiB. */
  public static final long DEFAULT_MAX_RESULT_BYTES = 64L << 20;

  public RuntimeConfig(Engine engine, int maxMemoryPages, CallTracer tracer) {
    this(engine, maxMemoryPages, tracer, DEFAULT_MAX_RESULT_BYTES);
  }

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
   * sandbox default). The cap costs an instance nothing: memories allocate blocks as they are
   * written ({@link dev.plugboard.runtime.abi.SparseMemory}).
   */
  public static final int DEFAULT_MAX_MEMORY_PAGES = 4096;

  public static final RuntimeConfig DEFAULT = new RuntimeConfig(Engine.AUTO, DEFAULT_MAX_MEMORY_PAGES, null);

  public RuntimeConfig withEngine(Engine e) {
    return new RuntimeConfig(e, maxMemoryPages, tracer, maxResultBytes);
  }

  public RuntimeConfig withMaxMemoryPages(int pages) {
    return new RuntimeConfig(engine, pages, tracer, maxResultBytes);
  }

  public RuntimeConfig withTracer(CallTracer t) {
    return new RuntimeConfig(engine, maxMemoryPages, t, maxResultBytes);
  }

  public RuntimeConfig withMaxResultBytes(long bytes) {
    return new RuntimeConfig(engine, maxMemoryPages, tracer, bytes);
  }
}
