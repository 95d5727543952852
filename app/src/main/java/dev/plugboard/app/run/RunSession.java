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
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Try it" on a component, as the IDE's Run page does: one instance (made on the first call,
 * remade by {@link #reset}), calls written as WAVE ({@code greet("ada")}), each answered with one
 * {@link Outcome}: the result, a trap, or an error in the text, with what the call cost.
 * Calls run with a deadline on a big-stack thread; the component gets WASI 0.2 in the sandbox
 * (nothing granted), and what the guest writes to stdout and stderr comes back with the call.
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
  private final Deadline deadline = new Deadline();
  private final Duration timeout;
  private RuntimeConfig.Engine engine = RuntimeConfig.Engine.AUTO;
  private ComponentInstance instance;
  private WasiHost wasi;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private HandleSession handles = new HandleSession();
  private final List<CallEvent> events = new ArrayList<>();
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
        events.add(e);
        if (recording) {
          recorder.onCall(e);
        }
      });
      wasi = new WasiHost(WasiConfig.sandbox().withArguments(List.of(component.name()))
          .withStdio(InputStream.nullInputStream(), console, console));
      Imports imports = wasi.imports(component);
      instance = deadline.run(() -> component.instantiate(imports, config), timeout);
    }
    return instance;
  }

  /** The exported functions as {@code name: func(...)}, for a picker. */
  public List<ComponentInstance.Export> functions() {
    try {
      return instance().functions();
    } catch (RuntimeException e) {
      return List.of();
    }
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
      inst = instance();
    } catch (LoadedComponent.LinkError e) {
      return new Outcome(text, "error: " + e.getMessage() + " (the Run page grants WASI 0.2 in a sandbox, nothing else)", false, 0,
          List.of());
    } catch (Trap t) {
      return new Outcome(text, "trap: " + t.getMessage(), false, 0, List.of());
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
    try {
      Value v = deadline.run(() -> f.call(args.toArray(Value[]::new)), timeout);
      long nanos = counted(System.nanoTime() - t0);
      return new Outcome(text, v == null ? "()" : Wave.print(v, handles), true, nanos, List.copyOf(events),
          takeOutput());
    } catch (Trap t) {
      String what = wasi.exitStatus().isPresent() ? "exit: " + wasi.exitStatus().getAsInt() : "trap: " + t.getMessage();
      return new Outcome(text, what, false, counted(System.nanoTime() - t0), List.copyOf(events), takeOutput());
    } finally {
      recording = false;
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

  private String takeOutput() {
    synchronized (console) {
      String s = console.toString(StandardCharsets.UTF_8);
      console.reset();
      return s;
    }
  }

  @Override
  public void close() {
    reset();
    deadline.close();
  }
}
