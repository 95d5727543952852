package dev.plugboard.profile;

import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.trace.CallTracer;
import dev.plugboard.runtime.trace.TraceRecorder;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Real profiles of real components, for the tests. */
public final class Runs {
  public static final Path STRINGS =
      Path.of("../component-model/src/test/resources/spec-cases/wasm/run-strings/0.wasm");

  private Runs() {}

  public static ComponentInstance instantiate(Path file, CallTracer tracer) throws Exception {
    return LoadedComponent.load(Files.readAllBytes(file), file.getFileName().toString()).instantiate(Imports.none(),
        RuntimeConfig.DEFAULT.withTracer(tracer));
  }

  public static Path fixture(String name) {
    return SharedData.require("fixtures/components/" + name + ".wasm");
  }

  /** {@code template} called {@code count} times on {@code file}, recorded in {@code mode}. */
  public static Profile profile(Path file, String template, int count, TraceRecorder.Mode mode) throws Exception {
    TraceRecorder r = new TraceRecorder(mode);
    ComponentInstance c = instantiate(file, r);
    CallTemplate t = CallTemplate.parse(template, 1);
    LoadRun run = new LoadRun(c.function(t.function()), t, count, null);
    LoadRun.Result result = run.run(null, Duration.ofMillis(100).toNanos());
    return Profile.of(file.getFileName().toString(), template + " × " + count, "2026-12-01T08:00:00Z",
        result.wallNanos(), r.snapshot());
  }
}
