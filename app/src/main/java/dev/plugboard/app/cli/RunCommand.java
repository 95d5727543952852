package dev.plugboard.app.cli;

import dev.plugboard.runtime.CompiledCodeCache;
import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.Deadline;
import dev.plugboard.runtime.HandleSession;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.wasi.WasiConfig;
import dev.plugboard.runtime.wasi.WasiHost;
import dev.plugboard.types.Value;
import dev.plugboard.wave.Wave;
import dev.plugboard.wave.WaveException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard run X.wasm [--dir H::G] [-- ARGS]}: runs the component's {@code wasi:cli/run}
 * with the WASI 0.2 host (stdin, stdout and stderr passed through, the guest's exit status as the
 * exit code); with {@code --invoke 'greet("ada")'} it makes the calls in order on one instance
 * instead, printing each result in WAVE or {@code trap: reason}. The guest gets only what the
 * options grant.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a component: its wasi:cli/run export, or exported functions with WAVE arguments (--invoke).")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The writers when {@link FastPath} runs this command without picocli; else picocli's. */
  PrintWriter out;
  PrintWriter err;

  /** Whether the guest's stdio is the process's own (byte for byte) rather than the command line's writers. */
  private final boolean processStdio;

  public RunCommand() {
    this(false);
  }

  RunCommand(boolean processStdio) {
    this.processStdio = processStdio;
  }

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component binary.")
  Path file;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the guest (after --); it sees "
      + "COMPONENT as its first.")
  List<String> guestArgs = new ArrayList<>();

  @Mixin GrantOptions grantOptions = new GrantOptions();

  @Option(names = "--invoke", paramLabel = "CALL",
      description = "A call such as 'greet(\"ada\")' or 'example:types/api@0.1.0#stats([1.0])'. Repeatable: "
          + "the calls run in order on one instance. Without it, a command's wasi:cli/run runs; for other "
          + "components the exported functions are listed.")
  List<String> invocations = new ArrayList<>();

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
      description = "interp (instant start), compiled (fastest calls) or auto (interp, then compiled): ${DEFAULT-VALUE}.")
  String engine;

  @Option(names = "--max-memory", paramLabel = "SIZE",
      description = "Cap on each linear memory, e.g. 16MiB, 1GiB or a byte count (rounded up to 64 KiB pages); "
          + "default 256MiB, at most 2GiB (what the engine can address; the Wasm limit is 4GiB).")
  String maxMemory;

  @Option(names = "--max-result", paramLabel = "SIZE",
      description = "Host memory the values of one call may take when lifted, e.g. 64MiB (the default) or 1GiB.")
  String maxResult;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Stop a guest call (and the start functions of instantiation) that runs longer, e.g. 500ms, "
          + "2s, 1m. Loading and compiling are not counted.")
  String timeout;

  @Option(names = "--trace", description = "Print what each call across a component boundary cost, on stderr.")
  boolean trace;

  @Override
  public Integer call() {
    try {
      return runAll();
    } finally {
      keepCompiledCode(err());
    }
  }

  /**
   * A big module (a componentize-js guest) is compiled in the background while it runs
   * interpreted; a one-call run would end first and the next run would compile again. Wait for
   * the compiler and keep its code on disk.
   */
  private static void keepCompiledCode(PrintWriter err) {
    if (CompiledCodeCache.writesPending()) {
      err.println("plugboard: compiling the component's code for the next runs (Ctrl-C skips it)…");
      err.flush();
      CompiledCodeCache.awaitPendingWrites();
    }
  }

  private PrintWriter out() {
    return out != null ? out : spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return err != null ? err : spec.commandLine().getErr();
  }

  private int runAll() {
    PrintWriter out = out();
    PrintWriter err = err();
    RuntimeConfig config = new RuntimeConfig(engine(engine), maxMemory == null ? RuntimeConfig.DEFAULT_MAX_MEMORY_PAGES : pages(maxMemory),
        trace ? event -> printEvent(err, event) : null, maxResult == null ? RuntimeConfig.DEFAULT_MAX_RESULT_BYTES
        : bytes("--max-result", maxResult, 1L << 40));
    Duration deadline = timeout == null ? null : duration(timeout);
    LoadedComponent component = Inputs.component(file);
    // Parse every call before running any, so a typo does not leave half a run behind.
    List<Wave.Call> calls = new ArrayList<>();
    for (int i = 0; i < invocations.size(); i++) {
      String text = invocations.get(i);
      try {
        calls.add(Wave.parseCall(text));
      } catch (WaveException e) {
        throw new UserError(caret("--invoke " + (i + 1), text, e));
      }
    }
    WasiConfig grants = grants();
    WasiHost wasi;
    try {
      wasi = new WasiHost(grants);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--allow-net: " + e.getMessage());
    }
    try (Deadline worker = new Deadline(); wasi) {
      ComponentInstance instance;
      try {
        Imports imports = wasi.imports(component);
        // Loading and compiling are not the guest's time: instantiation gets the --timeout (for
        // start functions) plus a fixed allowance.
        instance = worker.run(() -> component.instantiate(imports, config),
            deadline == null ? null : deadline.plus(LOADING_ALLOWANCE));
      } catch (LoadedComponent.LinkError e) {
        throw new UserError(e.getMessage() + "; run grants WASI 0.2 in a sandbox, nothing else");
      } catch (Trap t) {
        throw new UserError(file + ": instantiation trapped: " + t.getMessage());
      }
      if (calls.isEmpty() && WasiHost.runExport(instance).isPresent()) {
        try {
          return worker.run(() -> wasi.run(instance), deadline);
        } catch (Trap t) {
          throw new UserError(file.getFileName() + ": trap: " + t.getMessage());
        } finally {
          flush(grants);
        }
      }
      if (calls.isEmpty()) {
        out.println(file.getFileName() + " exports:");
        for (ComponentInstance.Export e : instance.functions()) {
          out.println("  " + e.qualifiedName() + ": " + e.type().describe());
        }
        out.flush();
        return 0;
      }
      boolean trapped = false;
      String stopped = null; // why the instance may not be entered again (a call ran past --timeout)
      HandleSession handles = new HandleSession();
      for (int i = 0; i < calls.size(); i++) {
        Wave.Call call = calls.get(i);
        String text = invocations.get(i);
        ComponentFunction f;
        List<Value> args;
        try {
          f = instance.function(call.name());
          args = call.arguments().typed(f.type().paramTypes(), handles);
        } catch (IllegalArgumentException e) {
          throw new UserError("--invoke " + (i + 1) + ": " + e.getMessage());
        } catch (WaveException e) {
          throw new UserError(caret("--invoke " + (i + 1), text, e));
        }
        if (stopped != null) {
          out.println("trap: cannot enter component instance " + file.getFileName() + ": " + stopped);
          trapped = true;
          continue;
        }
        try {
          Value v = worker.run(() -> f.call(args.toArray(Value[]::new)), deadline);
          flush(grants);
          out.println(v == null ? "()" : Wave.print(v, handles));
        } catch (Trap t) {
          flush(grants);
          if (wasi.exitStatus().isPresent()) {
            out.flush();
            return wasi.exitStatus().getAsInt();
          }
          out.println("trap: " + t.getMessage());
          trapped = true;
          if (t.getMessage() != null && t.getMessage().startsWith("timed out")) {
            stopped = "it was stopped earlier, when a call ran past --timeout";
          }
        }
        out.flush();
      }
      return trapped ? 1 : 0;
    }
  }

  /** What the options grant the guest; with nothing granted, the sandbox. */
  private WasiConfig grants() {
    List<String> argv = new ArrayList<>();
    argv.add(file.toString());
    argv.addAll(guestArgs);
    WasiConfig c = grantOptions.config(argv);
    if (processStdio) {
      // The file descriptors themselves, not System.out/err: a PrintStream swallows errors, so a guest
      // writing into a closed pipe (plugboard run x.wasm | head) would never hear of it.
      System.out.flush();
      return c.withStdio(System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    }
    return c.withStdio(System.in, new WriterOutputStream(out()),
        new WriterOutputStream(err()));
  }

  private static void flush(WasiConfig c) {
    try {
      c.stdout().flush();
      c.stderr().flush();
    } catch (IOException ignored) {
      // the reader went away; nothing left to tell it
    }
  }

  private static String caret(String what, String text, WaveException e) {
    int col = Math.min(e.start(), text.length());
    int width = Math.max(1, Math.min(e.end(), text.length()) - col);
    return what + ": error at column " + (col + 1) + ": " + e.reason() + "\n  " + text + "\n  " + " ".repeat(col)
        + "^".repeat(width);
  }

  private static void printEvent(PrintWriter err, CallEvent e) {
    err.printf(Locale.ROOT, "trace: %s -> %s %s: lower %,d ns, guest %,d ns, lift %,d ns, post-return %,d ns, "
            + "caller lift/lower %,d/%,d ns, %,d bytes, %d realloc, %d transcoded%s%n",
        e.caller(), e.callee(), e.function(), e.lowerNanos(), e.guestNanos(), e.liftNanos(), e.postReturnNanos(),
        e.callerLiftNanos(), e.callerLowerNanos(), e.bytes(), e.reallocCalls(), e.transcodes(),
        e.trapped() ? " (trapped)" : "");
    err.flush();
  }

  static RuntimeConfig.Engine engine(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "interp", "interpreter" -> RuntimeConfig.Engine.INTERP;
      case "compiled", "compiler" -> RuntimeConfig.Engine.COMPILED;
      case "auto" -> RuntimeConfig.Engine.AUTO;
      default -> throw new UsageError("--engine: expected interp, compiled or auto, got \"" + s + "\"");
    };
  }

  /** A size like {@code 16MiB}, {@code 2GiB}, {@code 65536}: the number of 64 KiB pages it rounds up to. */
  static int pages(String s) {
    return (int) ((bytes("--max-memory", s, MAX_PAGES * 65536) + 65535) / 65536);
  }

  /** A size like {@code 16MiB}, {@code 2GiB} or a byte count, from 1 byte to {@code max}. */
  static long bytes(String option, String s, long max) {
    var m = java.util.regex.Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB|K|M|G)?", java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(s.trim());
    if (!m.matches()) {
      throw new UsageError(option + ": expected a size like 16MiB, 1GiB or a byte count, got \"" + s + "\"");
    }
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long scale = switch (unit) {
      case "B" -> 1;
      case "KIB", "K" -> 1L << 10;
      case "MIB", "M" -> 1L << 20;
      case "GIB", "G" -> 1L << 30;
      case "KB" -> 1000;
      case "MB" -> 1000_000;
      default -> 1000_000_000;
    };
    long bytes;
    try {
      bytes = Math.multiplyExact(Long.parseLong(m.group(1)), scale);
    } catch (NumberFormatException | ArithmeticException e) {
      bytes = Long.MAX_VALUE;
    }
    if (bytes < 1 || bytes > max) {
      throw new UsageError(option + ": " + s + " is outside 1B.." + (max >> 30) + "GiB"
          + (option.equals("--max-memory") ? " (the engine addresses at most 2GiB of linear memory)" : ""));
    }
    return bytes;
  }

  /** What instantiation may take beyond --timeout: loading and compiling core modules. */
  static final Duration LOADING_ALLOWANCE = Duration.ofSeconds(30);

  /** 2 GiB: what Chicory can address of one linear memory. */
  static final long MAX_PAGES = 32_768;

  /** The longest --timeout taken: a day (longer is surely a typo). */
  static final Duration MAX_TIMEOUT = Duration.ofDays(1);

  static Duration duration(String s) {
    var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m)?").matcher(s.trim());
    if (!m.matches()) {
      throw new UsageError("--timeout: expected a duration like 500ms, 2s or 1m, got \"" + s + "\"");
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d;
    try {
      long n = Long.parseLong(m.group(1));
      d = switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      d = null;
    }
    if (d == null || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new UsageError("--timeout: " + s + " is longer than the longest allowed, 1 day");
    }
    if (d.isZero()) {
      throw new UsageError("--timeout: must be longer than 0");
    }
    return d;
  }
}
