package dev.plugboard.runtime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import dev.plugboard.runtime.abi.Trap;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of what happens to a component the validator accepts: it is loaded,
 * instantiated (start functions under a deadline) and every exported function's Canonical ABI
 * layout is built. Each input either ends in one of the documented failures (malformed,
 * invalid, a link error, a trap) or succeeds; nothing else may escape, and nothing may hang.
 * Under {@code mvn verify} it runs the seeds in {@code RuntimeFuzzTestInputs} (regression mode);
 * with {@code JAZZER_FUZZ=1} it fuzzes, as CI does.
 */
class RuntimeFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void acceptedComponentsInstantiateOrFailCleanly(byte[] input) {
    LoadedComponent component;
    try {
      component = LoadedComponent.load(input, "fuzz");
    } catch (MalformedBinaryException | InvalidComponentException expected) {
      return;
    }
    try (Deadline deadline = new Deadline()) {
      ComponentInstance instance = deadline.run(() -> component.instantiate(Imports.none(),
          RuntimeConfig.DEFAULT.withEngine(RuntimeConfig.Engine.INTERP)), Duration.ofSeconds(2));
      for (ComponentInstance.Export e : instance.functions()) {
        FuncType.Lowered.of(e.type());
      }
    } catch (LoadedComponent.LinkError | Trap expected) {
      // the component needs imports, or its start traps: both are answers, not failures
    }
  }
}
