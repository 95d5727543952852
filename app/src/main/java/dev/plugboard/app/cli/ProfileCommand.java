package dev.plugboard.app.cli;

import dev.plugboard.profile.CallTemplate;
import dev.plugboard.profile.ChromeTrace;
import dev.plugboard.profile.JfrTracer;
import dev.plugboard.profile.LoadRun;
import dev.plugboard.profile.Profile;
import dev.plugboard.profile.ProfileJson;
import dev.plugboard.profile.ProfileText;
import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.runtime.trace.CallTracer;
import dev.plugboard.runtime.trace.TraceRecorder;
import dev.plugboard.runtime.wasi.WasiHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * {@code plugboard profile X.wasm --invoke 'f(...)' [--repeat N | --duration 10s]}: calls an
 * export many times with every call across a component boundary traced, and prints what the
 * calls cost per function and per wire (a table, the saved-profile JSON, or CSV); optionally
 * writes a Chrome trace (Perfetto) and a JFR recording.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Profile calls of an exported function: Canonical ABI costs per function and per wire.")
public final class ProfileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component binary.")
  Path file;

  @Mixin GrantOptions grantOptions = new GrantOptions();

  @Option(names = "--invoke", paramLabel = "CALL", required = true,
      description = "The call, in WAVE, e.g. 'pump(1000, 1024)'. {n} is the call's number, {random} a random "
          + "int, {random:A..B} one from A to B: 'echo(\"item-{n}\")'.")
  String invoke;

  @Option(names = "--repeat", paramLabel = "N", description = "Make the call N times (default 1).")
  Long repeat;

  @Option(names = "--duration", paramLabel = "DURATION", description = "Make the call for this long, e.g. 10s.")
  String duration;

  @Option(names = "--mode", paramLabel = "MODE", description = "exact (every call kept: timeline, call tree, "
      + "--trace-out) or aggregate (per function and wire only, bounded memory). Default: exact with --trace-out, "
      + "aggregate otherwise.")
  String mode;

  @Option(names = "--max-events", paramLabel = "N", defaultValue = "100000",
      description = "Events exact mode keeps (later ones are counted only): ${DEFAULT-VALUE}.")
  int maxEvents;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json (a saved profile the IDE opens) or csv: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the profile there instead of stdout.")
  Path output;

  @Option(names = "--trace-out", paramLabel = "FILE",
      description = "Write a Chrome trace-event JSON file (Perfetto UI, chrome://tracing) of the calls.")
  Path traceOut;

  @Option(names = "--jfr", paramLabel = "FILE",
      description = "Write a JFR recording with an event per call (jfr print --events dev.plugboard.ComponentCall).")
  Path jfr;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "compiled",
      description = "interp, compiled or auto: ${DEFAULT-VALUE} (the engine a profile should measure).")
  String engine;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (repeat != null && duration != null) {
      throw new UsageError("--repeat and --duration: give one of them");
    }
    if (repeat != null && repeat < 1) {
      throw new UsageError("--repeat: must be at least 1");
    }
    Duration runFor = duration == null ? null : runDuration(duration);
    long count = repeat != null ? repeat : runFor == null ? 1 : 0;
    TraceRecorder.Mode m = mode(mode == null ? (traceOut != null ? "exact" : "aggregate") : mode);
    if (traceOut != null && m != TraceRecorder.Mode.EXACT) {
      throw new UsageError("--trace-out needs --mode exact (aggregate mode keeps no calls to draw)");
    }
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!List.of("table", "json", "csv").contains(fmt)) {
      throw new UsageError("--format: expected table, json or csv, got \"" + format + "\"");
    }
    CallTemplate template;
    try {
      template = CallTemplate.parse(invoke, System.nanoTime());
    } catch (IllegalArgumentException e) {
      throw new UserError("--invoke: " + e.getMessage());
    }
    LoadedComponent component = Inputs.component(file);
    TraceRecorder recorder = new TraceRecorder(m, maxEvents);
    JfrTracer jfrTracer = jfr == null ? null : new JfrTracer(jfr);
    CallTracer tracer = jfrTracer == null ? recorder : e -> {
      recorder.onCall(e);
      jfrTracer.onCall(e);
    };
    RuntimeConfig config = RuntimeConfig.DEFAULT.withEngine(RunCommand.engine(engine)).withTracer(tracer);
    WasiHost host;
    try {
      host = new WasiHost(grantOptions.config(List.of(file.toString())));
    } catch (IllegalArgumentException e) {
      throw new UsageError("--allow-net: " + e.getMessage());
    }
    try (WasiHost wasi = host) {
      ComponentInstance instance;
      try {
        instance = component.instantiate(wasi.imports(component), config);
      } catch (LoadedComponent.LinkError e) {
        throw new UserError(e.getMessage() + "; profile grants WASI 0.2 in a sandbox, nothing else");
      } catch (Trap t) {
        throw new UserError(file + ": instantiation trapped: " + t.getMessage());
      }
      ComponentFunction f;
      try {
        f = instance.function(template.function());
        template.arguments(0, f.type().paramTypes());
      } catch (IllegalArgumentException e) {
        throw new UserError("--invoke: " + e.getMessage());
      }
      recorder.reset(); // instantiation's start functions are not the workload
      String started = Instant.now().toString();
      LoadRun.Result result = new LoadRun(f, template, count, runFor).run(null, Long.MAX_VALUE);
      String workload = invoke + (count == 1 ? "" : count > 0 ? " × " + count : " for " + duration);
      Profile profile = Profile.of(file.getFileName().toString(), workload, started, result.wallNanos(),
          recorder.snapshot());
      String text = switch (fmt) {
        case "json" -> ProfileJson.write(profile);
        case "csv" -> ProfileText.csv(profile);
        default -> ProfileText.table(profile);
      };
      if (output != null) {
        Files.writeString(output, text);
      } else {
        out.print(text);
      }
      if (traceOut != null) {
        Files.writeString(traceOut, ChromeTrace.write(profile));
      }
      if (jfrTracer != null) {
        jfrTracer.finish(profile);
      }
      out.flush();
      if (result.end() == LoadRun.End.TRAPPED) {
        spec.commandLine().getErr().println("trap: " + result.reason() + " (call " + result.calls() + ")");
        return 1;
      }
      if (result.end() == LoadRun.End.BAD_ARGUMENTS) {
        throw new UserError("--invoke: " + result.reason());
      }
      return 0;
    } finally {
      if (jfrTracer != null) {
        jfrTracer.close();
      }
    }
  }

  private static TraceRecorder.Mode mode(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "exact" -> TraceRecorder.Mode.EXACT;
      case "aggregate" -> TraceRecorder.Mode.AGGREGATE;
      default -> throw new UsageError("--mode: expected exact or aggregate, got \"" + s + "\"");
    };
  }

  private static Duration runDuration(String s) {
    try {
      return RunCommand.duration(s);
    } catch (UsageError e) {
      throw new UsageError(e.getMessage().replace("--timeout", "--duration"));
    }
  }
}
