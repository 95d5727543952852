package dev.plugboard.app.cli;

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
          + "default 256MiB, at most 4GiB.")
  String maxMemory;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Stop a call that runs longer, e.g. 500ms, 2s, 1m.")
  String timeout;

  @Option(names = "--trace", description = "Print what each call across a component boundary cost, on stderr.")
  boolean trace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RuntimeConfig config = new RuntimeConfig(engine(engine), maxMemory == null ? RuntimeConfig.DEFAULT_MAX_MEMORY_PAGES : pages(maxMemory),
        trace ? event -> printEvent(err, event) : null);
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
      throw new UserError("--allow-net: " + e.getMessage());
    }
    try (Deadline worker = new Deadline(); wasi) {
      ComponentInstance instance;
      try {
        Imports imports = wasi.imports(component);
        instance = worker.run(() -> component.instantiate(imports, config), deadline);
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
    return c.withStdio(System.in, new WriterOutputStream(spec.commandLine().getOut()),
        new WriterOutputStream(spec.commandLine().getErr()));
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
      default -> throw new UserError("--engine: expected interp, compiled or auto, got \"" + s + "\"");
    };
  }

  /** A size like {@code 16MiB}, {@code 2GiB}, {@code 65536}: the number of 64 KiB pages it rounds up to. */
  static int pages(String s) {
    var m = java.util.regex.Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB|K|M|G)?", java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(s.trim());
    if (!m.matches()) {
      throw new UserError("--max-memory: expected a size like 16MiB, 1GiB or a byte count, got \"" + s + "\"");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long bytes = switch (unit) {
      case "B" -> n;
      case "KIB", "K" -> n << 10;
      case "MIB", "M" -> n << 20;
      case "GIB", "G" -> n << 30;
      case "KB" -> n * 1000;
      case "MB" -> n * 1000_000;
      default -> n * 1000_000_000;
    };
    long pages = (bytes + 65535) / 65536;
    if (pages < 1 || pages > 65536) {
      throw new UserError("--max-memory: " + s + " is outside 64 KiB..4 GiB");
    }
    return (int) pages;
  }

  static Duration duration(String s) {
    var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m)?").matcher(s.trim());
    if (!m.matches()) {
      throw new UserError("--timeout: expected a duration like 500ms, 2s or 1m, got \"" + s + "\"");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
