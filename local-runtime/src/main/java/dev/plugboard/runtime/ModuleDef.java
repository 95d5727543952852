package dev.plugboard.runtime;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import java.io.ByteArrayInputStream;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A core module of a component: its bytes, parsed by Chicory once, and compiled to JVM
 * bytecode once when an engine asks for it (in the background for {@code auto}).
 */
final class ModuleDef {
  final byte[] bytes;
  final String name;
  /** The disk cache for this module's compiled code; null for small modules or when it is off. */
  private final CompiledCodeCache cache;
  /** The digest of {@link #bytes}, computed once (null without a cache). */
  private String digest;
  private WasmModule parsed;
  /** The rewrite {@link TypeRenumbering} applied, to apply again when the module is read again whole. */
  private UnaryOperator<WasmModule> rewrite = UnaryOperator.identity();
  /** What the bodies tell {@link TypeRenumbering}, of the module as read. */
  private CodeStubs.Facts facts;
  /** The plan the module was read by when only some bodies were read, else null. */
  private CodeStubs.Plan stubbed;
  /** The module with all its bodies, for the interpreter, when {@link #parsed} is read in part. */
  private WasmModule whole;
  private boolean settled;
  private CompletableFuture<Function<Instance, Machine>> compiled;

  ModuleDef(byte[] bytes, String name) {
    this(bytes, name, bytes.length >= CompiledCodeCache.MIN_MODULE_BYTES ? CompiledCodeCache.shared() : null);
  }

  ModuleDef(byte[] bytes, String name, CompiledCodeCache cache) {
    this.bytes = bytes;
    this.name = name;
    this.cache = cache;
  }

  /**
   * The module as Chicory parsed it. For a big module whose compiled code an earlier run kept,
   * only the bodies that code interprets are parsed (see {@link CodeStubs}); use {@link #ready}
   * for the module that instances are made of.
   */
  synchronized WasmModule parsed() {
    if (parsed == null) {
      parsed = cache == null ? parse(bytes, true, null) : parseCached();
    }
    return parsed;
  }

  private WasmModule parseCached() {
    digest = CompiledCodeCache.digest(bytes);
    CodeStubs.Plan plan = cache.plan(digest);
    byte[] stub = plan == null ? null : CodeStubs.keepOnly(bytes, plan.keptBodies());
    if (stub != null) {
      stubbed = plan;
      facts = plan.facts();
      return parse(stub, false, digest);
    }
    // Bytes that passed Chicory's validation in an earlier run are not validated again: for a
    // 12 MB module that was most of a start (5 of 6.5 s of CPU for js-shout-nowasi).
    boolean validate = !cache.validatedBefore(digest);
    WasmModule m = parse(bytes, validate, digest);
    if (validate) {
      cache.markValidated(digest);
    }
    return m;
  }

  /** Parses a module, with the digest given (Chicory's own would hash all the bytes again). */
  private WasmModule parse(byte[] module, boolean validate, String digest) {
    try {
      WasmModule.Builder b = WasmModule.builder().withValidation(validate).withDigest(digest);
      Parser.builder().withValidation(validate).build().parse(new ByteArrayInputStream(module), s -> add(b, s));
      return b.build();
    } catch (RuntimeException | AssertionError e) {
      // Loading checks a component's structure only; a core module whose code is invalid is
      // found here, and is the component's fault, not the host's (plugboard validate says so too).
      throw new Instantiator.LinkException(name + ": invalid core module: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  private static void add(WasmModule.Builder b, Section s) {
    switch (s) {
      case CustomSection c -> b.addCustomSection(c.name(), c);
      case TypeSection t -> b.setTypeSection(t);
      case ImportSection i -> b.setImportSection(i);
      case FunctionSection f -> b.setFunctionSection(f);
      case TableSection t -> b.setTableSection(t);
      case MemorySection m -> b.setMemorySection(m);
      case GlobalSection g -> b.setGlobalSection(g);
      case ExportSection e -> b.setExportSection(e);
      case StartSection st -> b.setStartSection(st);
      case ElementSection e -> b.setElementSection(e);
      case CodeSection c -> b.setCodeSection(c);
      case DataSection d -> b.setDataSection(d);
      case DataCountSection d -> b.setDataCountSection(d);
      case TagSection t -> b.setTagSection(t);
      default -> b.addIgnoredSection(s.sectionId());
    }
  }

  /** What the module's function bodies tell {@link TypeRenumbering} (the same whether stubbed or not). */
  synchronized CodeStubs.Facts facts() {
    if (facts == null) {
      facts = CodeStubs.Facts.of(parsed());
    }
    return facts;
  }

  /** Rewrites the parsed module (before any instance or compilation exists): see {@link TypeRenumbering}. */
  synchronized void replaceParsed(UnaryOperator<WasmModule> rewrite) {
    if (compiled != null || settled) {
      throw new IllegalStateException("already in use");
    }
    facts();
    parsed = rewrite.apply(parsed);
    this.rewrite = rewrite;
  }

  /**
   * The module instances are made of. A module read in part comes with its compiled code, loaded
   * here; if that code is not in the cache after all (removed, damaged, made for another rewrite)
   * or does not load, the module is read whole now, so no compiled instance ever runs a stub. An
   * {@code interpreted} instance runs the bodies, so it is given the whole module (read once).
   */
  synchronized WasmModule ready(boolean interpreted) {
    WasmModule m = parsed();
    if (!settled) {
      settled = true;
      if (stubbed != null) {
        Function<Instance, Machine> factory = cachedFactory(m, stubbed.keptBodies());
        if (factory != null) {
          compiled = CompletableFuture.completedFuture(factory);
        } else {
          stubbed = null;
          parsed = rewrite.apply(parse(bytes, false, digest));
        }
      }
    }
    if (interpreted && stubbed != null) {
      if (whole == null) {
        whole = rewrite.apply(parse(bytes, false, digest));
      }
      return whole;
    }
    return parsed;
  }

  /**
   * The code the cache holds for {@code m}, as a machine factory; null when there is none, when it
   * interprets a body not in {@code bodiesKept} (for a module read in part), or when it does not
   * load (say, made by another JVM: the entry is then dropped).
   */
  private Function<Instance, Machine> cachedFactory(WasmModule m, BitSet bodiesKept) {
    CompiledCode code = cache.code(m.digest());
    if (code == null || (bodiesKept != null
        && !containsAll(bodiesKept, code.interpretedBodies(m.importSection().count(ExternalType.FUNCTION))))) {
      return null;
    }
    try {
      return code.machineFactory(m);
    } catch (RuntimeException | LinkageError unloadable) {
      cache.remove("code " + m.digest());
      return null;
    }
  }

  private static boolean containsAll(BitSet all, BitSet some) {
    BitSet missing = (BitSet) some.clone();
    missing.andNot(all);
    return missing.isEmpty();
  }

  /** The compiled machine factory, compiling now on this thread if it is not there yet. */
  Function<Instance, Machine> compiledNow() {
    return compile(false).join();
  }

  /** Starts compiling in the background (once); the future completes with the machine factory. */
  synchronized CompletableFuture<Function<Instance, Machine>> compile(boolean background) {
    WasmModule m = ready(false);
    if (compiled == null) {
      compiled = background
          ? CompletableFuture.supplyAsync(() -> compileModule(m), Background.EXECUTOR)
          : CompletableFuture.completedFuture(compileModule(m));
      if (background && cache != null) {
        CompiledCodeCache.track(compiled);
        Compilations.started(new Compilations.Compilation(name, bytes.length, compiled));
      }
    }
    return compiled;
  }

  /** The compiled machine factory if a compilation has already finished, else null (never waits). */
  synchronized Function<Instance, Machine> compiledIfDone() {
    return compiled != null && compiled.isDone() && !compiled.isCompletedExceptionally() ? compiled.join() : null;
  }

  /** Whether an earlier run left this module's compiled code in the disk cache. */
  synchronized boolean hasCachedCode() {
    if (cache == null) {
      return false;
    }
    WasmModule m = ready(false);
    return stubbed != null || (m.digest() != null && cache.hasCode(m.digest()));
  }

  /** Compiles, or loads what an earlier run compiled from the disk cache (big modules only). */
  private Function<Instance, Machine> compileModule(WasmModule m) {
    if (cache == null || m.digest() == null) {
      return MachineFactoryCompiler.compile(m);
    }
    Function<Instance, Machine> cached = cachedFactory(m, null);
    if (cached != null) {
      return cached;
    }
    // Compiled code made again (evicted, damaged, or never made): a plan kept from an earlier
    // compilation names the functions to interpret, sparing the compiler's retries.
    int imported = m.importSection().count(ExternalType.FUNCTION);
    CodeStubs.Plan plan = cache.plan(digest);
    CompiledCode fresh = CompiledCode.compile(m, plan == null ? null : plan.interpretedFunctions(imported));
    cache.putCode(m.digest(), fresh);
    if (plan == null) {
      cache.putPlan(digest, new CodeStubs.Plan(fresh.interpretedBodies(imported), facts()));
    }
    return fresh.machineFactory(m);
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
