package dev.plugboard.runtime.wasi;

import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi:cli}: the granted arguments and environment, {@code exit} (which ends the guest's
 * call, never the JVM), the standard streams, and terminals (none: a guest never sees one).
 */
final class CliHost {
  private final WasiConfig config;
  private final IoHost io;
  private final ResourceTable<Object> terminalInputs = new ResourceTable<>("terminal-input");
  private final ResourceTable<Object> terminalOutputs = new ResourceTable<>("terminal-output");
  private final WasiStreams.In stdin;
  private final WasiStreams.Out stdout;
  private final WasiStreams.Out stderr;
  private Integer exitStatus;

  CliHost(WasiConfig config, IoHost io, Object signal) {
    this.config = config;
    this.io = io;
    this.stdin = new WasiStreams.Pumped(config.stdin(), signal);
    this.stdout = new WasiStreams.Passthrough(config.stdout());
    this.stderr = new WasiStreams.Passthrough(config.stderr());
  }

  /** The status the guest passed to {@code exit}, or null if it did not call it. */
  Integer exitStatus() {
    return exitStatus;
  }

  void register(Map<String, WasiInterface> into) {
    into.put("wasi:cli/environment", new WasiInterface()
        .function("get-environment", a -> {
          List<Value> pairs = new ArrayList<>();
          config.environment().forEach((k, v) -> pairs.add(new Value.TupleValue(List.of(Value.string(k),
              Value.string(v)))));
          return Value.list(pairs);
        })
        .function("get-arguments", a -> Value.list(config.arguments().stream().map(Value::string).toList()))
        .function("initial-cwd", a -> Value.none()));
    into.put("wasi:cli/exit", new WasiInterface()
        .function("exit", a -> exit(((Value.ResultValue) a[0]).isOk() ? 0 : 1))
        .function("exit-with-code", a -> exit((int) ((Value.Int) a[0]).value())));
    // The streams stay open when the guest drops its handle: the host owns stdin/stdout/stderr.
    into.put("wasi:cli/stdin", new WasiInterface().function("get-stdin", a -> io.inputs.own(stdin)));
    into.put("wasi:cli/stdout", new WasiInterface().function("get-stdout", a -> io.outputs.own(stdout)));
    into.put("wasi:cli/stderr", new WasiInterface().function("get-stderr", a -> io.outputs.own(stderr)));
    into.put("wasi:cli/terminal-input", new WasiInterface().resource("terminal-input", terminalInputs));
    into.put("wasi:cli/terminal-output", new WasiInterface().resource("terminal-output", terminalOutputs));
    into.put("wasi:cli/terminal-stdin", new WasiInterface().function("get-terminal-stdin", a -> Value.none()));
    into.put("wasi:cli/terminal-stdout", new WasiInterface().function("get-terminal-stdout", a -> Value.none()));
    into.put("wasi:cli/terminal-stderr", new WasiInterface().function("get-terminal-stderr", a -> Value.none()));
  }

  private Value exit(int status) {
    exitStatus = status;
    throw new Trap("the guest exited with status " + status);
  }
}
