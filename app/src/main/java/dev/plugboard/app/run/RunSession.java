package dev.plugboard.app.run;

import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.Deadline;
import dev.plugboard.runtime.HandleSession;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.profile.Profile;
import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.TraceRecorder;
import dev.plugboard.runtime.wasi.WasiConfig;
import dev.plugboard.runtime.wasi.WasiHost;
import dev.plugboard.types.Value;
import dev.plugboard.wave.Wave;
import dev.plugboard.wave.WaveException;
import dev.plugboard.runtime.wasi.Grants;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Try it" on a component, as the IDE's Run page does: one instance (made on the first call,
 * remade by {@link #reset}), calls written as WAVE ({@code greet("ada")}), each answered with one
 * {@link Outcome}: the result, a trap, or an error in the text, with what the call cost.
 * Calls run with a deadline on a big-stack thread, and can be {@link #stop() stopped} from another
 * thread; the component gets WASI 0.2 with what its {@link RunConfiguration} grants (nothing by
 * default). What the guest writes to stdout and stderr streams out through {@link #output()} as it
 * is written, and its tail comes back with the call. {@link #runCommand()} runs {@code wasi:cli/run}
 * on a fresh instance, as {@code plugboard run} does.
 * Every call is traced in exact mode into one {@link #profile()} of the session (the first
 * {@value #PROFILE_EVENTS} crossings are kept for the timeline and call tree, the rest are counted);
 * instantiation and start functions are not part of it.
 */
public final class RunSession implements AutoCloseable {
  /**
   * What one call gave: {@code text} is the WAVE result, {@code trap: …} or {@code error: …};
   * {@code output} what the guest wrote to stdout and stderr meanwhile.
   */
  public record Outcome(String call, String text, boolean ok, long nanos, List<CallEvent> crossings, String output) {
    public Outcome(String call, String text, boolean ok, long nanos, List<CallEvent> crossings) {
      this(call, text, ok, nanos, crossings, "");
    }

    public String timing() {
      return nanos < 1_000_000 ? String.format(Locale.ROOT, "%.1f µs", nanos / 1e3)
          : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
  }

  private final LoadedComponent component;
  /** Replaced when a call is stopped, so that a guest still unwinding never holds up the next. */
  private volatile Deadline deadline = new Deadline();
  private final Duration timeout;
  private RunConfiguration configuration = RunConfiguration.DEFAULT;
  private Path base = Path.of("");
  private java.util.function.Function<String, String> hostEnv = System::getenv;
  private final GuestOutput output = new GuestOutput();
  /** The thread making a call now (interrupted by {@link #stop}), and whether a stop was asked. */
  private Thread caller;
  private volatile boolean stopRequested;
  private RuntimeConfig.Engine engine = RuntimeConfig.Engine.AUTO;
  private ComponentInstance instance;
  private WasiHost wasi;
  private HandleSession handles = new HandleSession();
  private final List<CallEvent> events = new ArrayList<>();
  /** Crossings an outcome keeps (its entry says "at least" when there were more); the profile counts them all. */
  public static final int OUTCOME_EVENTS = 10_000;
  /** Crossings the session's profile keeps for its timeline; later ones are only counted. */
  public static final int PROFILE_EVENTS = 5_000;
  private final TraceRecorder recorder = new TraceRecorder(TraceRecorder.Mode.EXACT, PROFILE_EVENTS);
  private volatile boolean recording;
  private final String started = java.time.Instant.now().toString();
  private long calls;
  private long callNanos;

  private RunSession(LoadedComponent component, Duration timeout) {
    this.component = component;
    this.timeout = timeout;
  }

  /**
   * A session whose calls time out after {@code timeout} (null for never) unless its configuration
   * says otherwise.
   *
   * @throws IllegalArgumentException with a one-line message when the bytes are not a valid component
   */
  public static RunSession of(byte[] bytes, String name, Duration timeout) {
    try {
      return new RunSession(LoadedComponent.load(bytes, name), timeout);
    } catch (MalformedBinaryException e) {
      throw new IllegalArgumentException(e.describe());
    } catch (InvalidComponentException e) {
      throw new IllegalArgumentException(e.describe());
    }
  }

  public void engine(RuntimeConfig.Engine e) {
    if (e != engine) {
      engine = e;
      reset();
    }
  }

  /**
   * The configuration of the next instance: when it differs from the one in use, the instance is
   * dropped. Relative directories are resolved against {@code base}, bare environment names
   * against {@code hostEnv}.
   */
  public void configure(RunConfiguration c, Path base, java.util.function.Function<String, String> hostEnv) {
    if (!c.equals(configuration) || !base.equals(this.base)) {
      configuration = c;
      this.base = base;
      this.hostEnv = hostEnv;
      reset();
    }
  }

  public RunConfiguration configuration() {
    return configuration;
  }

  /** What the guest writes, as it writes it. */
  public GuestOutput output() {
    return output;
  }

  /** Drops the instance (and its handles); the next call makes a fresh one. */
  public void reset() {
    instance = null;
    if (wasi != null) {
      wasi.close();
      wasi = null;
    }
    handles = new HandleSession();
  }

  private ComponentInstance instance() {
    if (instance == null) {
      RuntimeConfig config = RuntimeConfig.DEFAULT.withEngine(engine).withTracer(e -> {
        if (events.size() < OUTCOME_EVENTS) {
          events.add(e); // a guest that writes for ever makes a crossing per write: keep the first ones
        }
        if (recording) {
          recorder.onCall(e);
        }
      });
      WasiConfig granted = configuration.wasi(component.name(), base, hostEnv, output.stdout(), output.stderr());
      WasiHost host;
      try {
        host = new WasiHost(granted);
      } catch (Grants.Invalid e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new Grants.Invalid("--allow-net", e.getMessage(), true);
      }
      wasi = host;
      Imports imports = wasi.imports(component);
      // start functions get the call timeout, or a fixed limit when calls have none (a run can be stopped)
      instance = deadline.run(() -> component.instantiate(imports, config),
          configuration.timeoutDuration().orElse(timeout == null ? INSTANTIATION_LIMIT : timeout));
    }
    return instance;
  }

  /** How long instantiation (start functions) may take when no timeout is configured. */
  static final Duration INSTANTIATION_LIMIT = Duration.ofSeconds(60);

  /** The timeout of a call: the configuration's, else the session's (none when null). */
  private Duration timeout() {
    return configuration.timeoutDuration().orElse(timeout);
  }

  /**
   * The exported functions as {@code name: func(...)}, for a picker. When the configuration cannot
   * be granted, they are read from an instance in the sandbox, which is not kept.
   */
  public List<ComponentInstance.Export> functions() {
    try {
      return instance().functions();
    } catch (Grants.Invalid e) {
      RunConfiguration wanted = configuration;
      configuration = RunConfiguration.DEFAULT;
      try {
        return instance().functions();
      } catch (RuntimeException again) {
        return List.of();
      } finally {
        configuration = wanted;
        reset();
      }
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Whether the component is a command: it exports {@code wasi:cli/run}. */
  public boolean isCommand() {
    return functions().stream().anyMatch(e -> e.interfaceName() != null && e.functionName().equals("run")
        && e.interfaceName().startsWith("wasi:cli/run@"));
  }

  /** A template for calling an export: its name and a placeholder per parameter. */
  public static String template(ComponentInstance.Export e) {
    List<String> args = new ArrayList<>();
    for (var p : e.type().params()) {
      args.add(placeholder(p.type()));
    }
    return e.qualifiedName() + "(" + String.join(", ", args) + ")";
  }

  private static String placeholder(dev.plugboard.types.ValueType t) {
    return switch (t) {
      case dev.plugboard.types.ValueType.Prim p -> switch (p) {
        case STRING -> "\"\"";
        case CHAR -> "'a'";
        case BOOL -> "false";
        case F32, F64 -> "0.0";
        default -> "0";
      };
      case dev.plugboard.types.ValueType.ListType l -> "[]";
      case dev.plugboard.types.ValueType.OptionType o -> "none";
      default -> "_";
    };
  }

  /** Parses and runs one call; never throws. */
  public Outcome call(String text) {
    events.clear();
    Wave.Call call;
    try {
      call = Wave.parseCall(text);
    } catch (WaveException e) {
      return new Outcome(text, "error at column " + (e.start() + 1) + ": " + e.reason(), false, 0, List.of());
    }
    ComponentInstance inst;
    try {
      inst = entered(this::instance);
    } catch (RuntimeException e) {
      return refused(text, e);
    }
    ComponentFunction f;
    List<Value> args;
    try {
      f = inst.function(call.name());
      args = call.arguments().typed(f.type().paramTypes(), handles);
    } catch (IllegalArgumentException e) {
      return new Outcome(text, "error: " + e.getMessage(), false, 0, List.of());
    } catch (WaveException e) {
      return new Outcome(text, "error at column " + (e.start() + 1) + ": " + e.reason(), false, 0, List.of());
    }
    long t0 = System.nanoTime();
    recording = true;
    WasiHost host = wasi;
    try {
      Value v = entered(() -> deadline.run(() -> f.call(args.toArray(Value[]::new)), timeout()));
      long nanos = counted(System.nanoTime() - t0);
      return new Outcome(text, v == null ? "()" : Wave.print(v, handles), true, nanos, List.copyOf(events),
          output.takeTail());
    } catch (Trap t) {
      String what = host.exitStatus().isPresent() ? "exit: " + host.exitStatus().getAsInt() : "trap: " + t.getMessage();
      return new Outcome(text, what, false, counted(System.nanoTime() - t0), List.copyOf(events), output.takeTail());
    } catch (Stopped s) {
      return new Outcome(text, s.getMessage(), false, counted(System.nanoTime() - t0), List.copyOf(events),
          output.takeTail());
    } finally {
      recording = false;
    }
  }

  /** The name {@link #runCommand()} outcomes are listed under. */
  public static final String COMMAND = "wasi:cli/run";

  /**
   * Runs the component's {@code wasi:cli/run} on a fresh instance (dropped afterwards, as a process
   * ends): the outcome is {@code exit: N} (ok for 0), a trap, {@code stopped}, or an error. Never
   * throws.
   */
  public Outcome runCommand() {
    events.clear();
    reset();
    ComponentInstance inst;
    try {
      inst = entered(this::instance);
    } catch (RuntimeException e) {
      return refused(COMMAND, e);
    }
    if (WasiHost.runExport(inst).isEmpty()) {
      return new Outcome(COMMAND, "error: " + component.name() + " does not export wasi:cli/run", false, 0, List.of());
    }
    long t0 = System.nanoTime();
    recording = true;
    WasiHost host = wasi;
    try {
      int status = entered(() -> deadline.run(() -> host.run(inst), timeout()));
      return new Outcome(COMMAND, "exit: " + status, status == 0, counted(System.nanoTime() - t0), List.copyOf(events),
          output.takeTail());
    } catch (Trap t) {
      return new Outcome(COMMAND, "trap: " + t.getMessage(), false, counted(System.nanoTime() - t0),
          List.copyOf(events), output.takeTail());
    } catch (Stopped s) {
      return new Outcome(COMMAND, s.getMessage(), false, counted(System.nanoTime() - t0), List.copyOf(events),
          output.takeTail());
    } finally {
      recording = false;
      reset();
    }
  }

  /** An outcome for a call that could not start: no instance, or a configuration that cannot be granted. */
  private Outcome refused(String text, RuntimeException e) {
    return switch (e) {
      case LoadedComponent.LinkError l -> new Outcome(text, "error: " + l.getMessage()
          + " (the Run page grants WASI 0.2, and only what the run configuration lists)", false, 0, List.of());
      case Grants.Invalid g -> new Outcome(text, "error: run configuration: " + g.getMessage(), false, 0, List.of());
      case Stopped s -> new Outcome(text, s.getMessage(), false, 0, List.of(), output.takeTail());
      case Trap t -> new Outcome(text, "trap: " + t.getMessage(), false, 0, List.of(), output.takeTail());
      case IllegalArgumentException a -> new Outcome(text, "error: run configuration: " + a.getMessage(), false, 0,
          List.of());
      default -> throw e;
    };
  }

  /** A call ended by {@link #stop()}. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("stopped (the instance was discarded)", null, false, false);
    }
  }

  /**
   * Runs {@code work} (which enters the guest) so that {@link #stop()} can end it: the waiting
   * thread is interrupted, the guest's worker is abandoned with its instance, and a stop that comes
   * after the work ended touches nothing.
   */
  private <T> T entered(java.util.function.Supplier<T> work) {
    synchronized (this) {
      caller = Thread.currentThread();
      stopRequested = false;
    }
    try {
      T result = work.get();
      if (stopRequested) {
        throw new Stopped();
      }
      return result;
    } catch (RuntimeException e) {
      if (stopRequested) {
        throw new Stopped();
      }
      throw e;
    } finally {
      synchronized (this) {
        caller = null;
      }
      if (Thread.interrupted() || stopRequested) {
        // the guest may still be unwinding on the old worker: give the next instance a new one
        Deadline old = deadline;
        deadline = new Deadline();
        old.close();
        reset();
      }
    }
  }

  /**
   * Stops the call running now (from any thread): the guest is interrupted, its instance is
   * discarded, and the call returns {@code stopped}. Does nothing when no call runs.
   */
  public void stop() {
    synchronized (this) {
      if (caller != null) {
        stopRequested = true;
        caller.interrupt();
      }
    }
  }

  private long counted(long nanos) {
    calls++;
    callNanos += nanos;
    return nanos;
  }

  /**
   * What the calls made so far cost, per function and per wire, as the profiler shows it; its wall
   * time is the sum of the calls' times. Call it on the thread that makes the calls.
   */
  public Profile profile() {
    return Profile.of(component.name(), String.format(Locale.ROOT, "%,d call%s from the Run page", calls,
        calls == 1 ? "" : "s"), started, callNanos, recorder.snapshot());
  }

  @Override
  public void close() {
    reset();
    deadline.close();
  }
}
