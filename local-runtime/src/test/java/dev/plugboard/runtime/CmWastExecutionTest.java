package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.testing.SharedData;
import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import dev.plugboard.wave.Wave;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The execution commands of {@code conformance/cm-wast} and of the own spec cases ({@code component},
 * {@code component_instance}, {@code assert_return}, {@code assert_trap}), run per file in
 * index order with the execution model of its README: no imports, a trap poisons the instance.
 * {@code -Dcmwast.verbose=true} prints the reason of every expected trap.
 */
class CmWastExecutionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuntimeConfig.Engine ENGINE = RuntimeConfig.Engine.valueOf(System.getProperty("cmwast.engine", "COMPILED"));

  @Test
  void executionCommands() throws Exception {
    run(SharedData.require("conformance/cm-wast"), "cm-wast", false);
  }

  /** Plugboard's own cases written from the spec (component-model's test resources). */
  @Test
  void ownSpecCases() throws Exception {
    run(Path.of("../component-model/src/test/resources/spec-cases"), "spec-cases", true);
  }

  /**
   * The same cases with every component-to-component call through the generic path (lift to
   * values, then lower): the fused adapter must give the same results and the same traps.
   */
  @Test
  void ownSpecCasesWithoutFusedCalls() throws Exception {
    FusedCall.enabled = false;
    try {
      run(Path.of("../component-model/src/test/resources/spec-cases"), "spec-cases (generic calls)", true);
    } finally {
      FusedCall.enabled = true;
    }
  }

  /**
   * Runs one suite. With {@code ownMessages}, an expected trap's message must be part of the
   * trap's (the own cases are written with this runtime's wording, which starts with
   * Wasmtime's where it has one); the reference suite's wording is only a hint.
   */
  private static void run(Path dir, String suite, boolean ownMessages) throws Exception {
    Map<String, List<JsonNode>> files = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("cases.jsonl"))) {
      if (!line.isBlank()) {
        JsonNode n = JSON.readTree(line);
        files.computeIfAbsent(n.get("file").asText(), k -> new ArrayList<>()).add(n);
      }
    }
    int passed = 0;
    List<String> failures = new ArrayList<>();

    for (var file : files.entrySet()) {
      List<JsonNode> commands = new ArrayList<>(file.getValue());
      commands.sort(Comparator.comparingInt(n -> n.get("index").asInt()));
      Map<Integer, ComponentInstance> instances = new HashMap<>();
      for (JsonNode c : commands) {
        String kind = c.get("kind").asText();
        if (!List.of("component", "component_instance", "assert_return", "assert_trap").contains(kind)) {
          continue;
        }
        String where = file.getKey() + ":" + c.get("line").asInt() + " " + kind;
        try {
          run(dir, c, kind, instances, ownMessages);
          passed++;
        } catch (Exception | AssertionError e) {
          failures.add(where + ": " + e);
        }
      }
    }
    System.out.println(suite + " execution: " + passed + " passed, " + failures.size() + " failed");
    failures.forEach(f -> System.out.println("  " + f));
    assertThat(failures).isEmpty();
  }

  private static void run(Path dir, JsonNode c, String kind, Map<Integer, ComponentInstance> instances,
      boolean ownMessages) throws Exception {
    switch (kind) {
      case "component", "component_instance" -> {
        byte[] bytes = Files.readAllBytes(dir.resolve(c.get("wasm").asText()));
        LoadedComponent loaded = LoadedComponent.load(bytes, c.get("wasm").asText());
        instances.put(c.get("instance").asInt(), loaded.instantiate(Imports.none(),
            RuntimeConfig.DEFAULT.withEngine(ENGINE)));
      }
      case "assert_return" -> {
        ComponentInstance inst = instances.get(c.get("instance").asInt());
        assertThat(inst).as("instance " + c.get("instance")).isNotNull();
        ComponentFunction f = inst.function(c.get("invoke").asText());
        Value result = f.call(args(c, f));
        JsonNode expected = c.get("expected_wave");
        if (expected.isEmpty()) {
          assertThat(result).isNull();
        } else {
          assertThat(result).isEqualTo(Wave.parse(expected.get(0).asText(), f.type().result()));
        }
      }
      case "assert_trap" -> {
        ComponentInstance inst = instances.get(c.get("instance").asInt());
        assertThat(inst).as("instance " + c.get("instance")).isNotNull();
        ComponentFunction f = inst.function(c.get("invoke").asText());
        Value[] args = args(c, f);
        try {
          Value v = f.call(args);
          throw new AssertionError("expected a trap (" + c.get("message").asText() + "), got "
              + (v == null ? "()" : Wave.print(v)));
        } catch (Trap expectedTrap) {
          String want = c.get("message").asText();
          if (ownMessages && !expectedTrap.getMessage().contains(want)) {
            throw new AssertionError("trapped as expected, but the message does not say \"" + want + "\": "
                + expectedTrap.getMessage());
          }
          if (Boolean.getBoolean("cmwast.verbose")) {
            System.out.println("  trap at line " + c.get("line") + " (" + c.get("message").asText() + "): "
                + expectedTrap.getMessage());
          }
        }
      }
      default -> throw new IllegalStateException(kind);
    }
  }

  private static Value[] args(JsonNode c, ComponentFunction f) throws Exception {
    List<ValueType> params = f.type().paramTypes();
    JsonNode wave = c.get("args_wave");
    Value[] out = new Value[wave.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Wave.parse(wave.get(i).asText(), params.get(i));
    }
    return out;
  }
}
