package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.profile.Profile;
import dev.plugboard.profile.ProfileJson;
import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugboard profile}: the table, a saved profile the model reads back, Chrome trace and JFR files. */
class ProfileCommandTest {
  private final CliRunner cli = new CliRunner();
  @TempDir Path tmp;

  private static String fixture(String name) {
    return SharedData.require("fixtures/components/" + name + ".wasm").toString();
  }

  @Test
  void printsATablePerFunctionAndWire() {
    assertThat(cli.run("profile", fixture("composed-bench-echo"), "--invoke", "pump(10, 1024)", "--repeat", "3"))
        .isZero();
    String out = cli.out();
    assertThat(out).startsWith("composed-bench-echo.wasm: pump(10, 1024) × 3, 33 calls across component boundaries");
    assertThat(out).contains("(aggregate mode)");
    assertThat(out).containsPattern("echo@0\\.1\\.0#echo +30 ");
    assertThat(out).contains("61,440"); // 30 calls × 1 KiB each way
    assertThat(out).contains("host -> composed-bench-echo.wasm/caller");
  }

  @Test
  void writesAProfileTheModelReadsBackAndATraceAndJfr() throws Exception {
    Path json = tmp.resolve("run.profile.json");
    Path trace = tmp.resolve("trace.json");
    Path jfr = tmp.resolve("run.jfr");
    int code = cli.run("profile", fixture("composed-bench-echo"), "--invoke", "pump({random:1..3}, 16)",
        "--repeat", "5", "--format", "json", "-o", json.toString(), "--trace-out", trace.toString(),
        "--jfr", jfr.toString());
    assertThat(code).as(cli.err()).isZero();
    Profile p = ProfileJson.load(json);
    assertThat(p.mode().name()).isEqualTo("EXACT");
    CallStats pump = p.functions().stream().filter(f -> "pump".equals(f.function())).findFirst().orElseThrow();
    assertThat(pump.calls()).isEqualTo(5);
    long echoes = p.calls() - 5;
    assertThat(echoes).isBetween(5L, 15L);
    JsonNode events = new ObjectMapper().readTree(trace.toFile()).get("traceEvents");
    assertThat(events).hasSize(1 + (int) p.calls());
    List<RecordedEvent> recorded = RecordingFile.readAllEvents(jfr).stream()
        .filter(e -> e.getEventType().getName().equals("dev.plugboard.ComponentCall")).toList();
    assertThat(recorded).hasSize((int) p.calls());
  }

  @Test
  void csvAndDuration() {
    assertThat(cli.run("profile", fixture("echo"), "--invoke", "echo([1, 2, 3])", "--duration", "200ms",
        "--format", "csv")).isZero();
    String[] lines = cli.out().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).startsWith("function,echo.wasm.example:bench/echo@0.1.0#echo,host,");
    assertThat(Long.parseLong(lines[1].split(",")[4])).isPositive();
  }

  @Test
  void errorsAreOneLine() throws Exception {
    assertThat(cli.run("profile", fixture("echo"), "--invoke", "echo([1, 2")).isEqualTo(1);
    assertThat(cli.err()).startsWith("plugboard: error: --invoke: column ").doesNotContain("\tat ");
    cli.clear();
    assertThat(cli.run("profile", fixture("echo"), "--invoke", "nope()")).isEqualTo(1);
    assertThat(cli.err().lines().count()).isEqualTo(1);
    cli.clear();
    assertThat(cli.run("profile", fixture("echo"), "--invoke", "echo([])", "--mode", "fast")).isEqualTo(2);
    assertThat(cli.err()).contains("--mode: expected exact or aggregate");
    cli.clear();
    assertThat(cli.run("profile", fixture("echo"), "--invoke", "echo([])", "--mode", "aggregate", "--trace-out",
        tmp.resolve("t.json").toString())).isEqualTo(2);
    Files.deleteIfExists(tmp.resolve("t.json"));
  }
}
