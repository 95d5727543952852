package dev.plugboard.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.runtime.trace.TraceRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileModelTest {
  private static final String ECHO = "example:bench/echo@0.1.0#echo";

  @TempDir Path tmp;

  private static Profile pump(TraceRecorder.Mode mode) throws Exception {
    return Runs.profile(Runs.fixture("composed-bench-echo"), "pump(5, 1024)", 4, mode);
  }

  private static CallStats echo(Profile p) {
    return p.functions().stream().filter(f -> ECHO.equals(f.function())).findFirst().orElseThrow();
  }

  @Test
  void aProfileHasAFunctionAndAWireRowPerCallee() throws Exception {
    Profile p = pump(TraceRecorder.Mode.EXACT);
    assertThat(p.calls()).isEqualTo(4 + 4 * 5);
    assertThat(p.functions()).hasSize(2);
    CallStats echo = echo(p);
    assertThat(echo.calls()).isEqualTo(20);
    assertThat(echo.bytesIn()).isEqualTo(20 * 1024);
    assertThat(echo.reallocs()).isEqualTo(40);
    assertThat(p.wires()).extracting(CallStats::caller).containsExactlyInAnyOrder("host", echo.caller());
    assertThat(p.events()).hasSize(24);
    assertThat(p.hostNanos()).isPositive();
  }

  @Test
  void savedProfilesReadBack() throws Exception {
    Profile p = pump(TraceRecorder.Mode.EXACT);
    Path file = tmp.resolve("run.profile.json");
    ProfileJson.save(p, file);
    Profile back = ProfileJson.load(file);
    assertThat(back.source()).isEqualTo(p.source());
    assertThat(back.mode()).isEqualTo(TraceRecorder.Mode.EXACT);
    assertThat(back.events()).isEqualTo(p.events());
    assertThat(back.functions()).hasSameSizeAs(p.functions());
    for (int i = 0; i < p.functions().size(); i++) {
      CallStats a = p.functions().get(i);
      CallStats b = back.functions().get(i);
      assertThat(b.key()).isEqualTo(a.key());
      assertThat(b.totalNanos()).isEqualTo(a.totalNanos());
      assertThat(b.bytes()).isEqualTo(a.bytes());
      assertThat(b.latency()).isEqualTo(a.latency());
      assertThat(b.percentileNanos(99)).isEqualTo(a.percentileNanos(99));
    }
    // and saving again gives the same text
    assertThat(ProfileJson.write(back)).isEqualTo(ProfileJson.write(p));
  }

  @Test
  void damagedProfilesAreOneLineErrorsWithAPlace() throws Exception {
    Path file = tmp.resolve("bad.profile.json");
    Files.writeString(file, "{\n  \"format\": \"plugboard-profile/1\",\n  \"calls\": }\n");
    assertThatThrownBy(() -> ProfileJson.load(file)).isInstanceOf(ProfileFormatException.class)
        .hasMessageStartingWith(file + ":3:12: not JSON");
    Files.writeString(file, "{\"format\": \"other\"}");
    assertThatThrownBy(() -> ProfileJson.load(file)).hasMessageContaining("not a Plugboard profile");
    Files.writeString(file, "{\"format\": \"plugboard-profile/1\", \"mode\": \"exact\"}");
    assertThatThrownBy(() -> ProfileJson.load(file)).hasMessage(file + ": \"functions\" is missing or not an array");
  }

  /** The Chrome trace parses, and every call lies inside its parent's slice on the same thread. */
  @Test
  void chromeTraceNestsByCallTree() throws Exception {
    Profile p = pump(TraceRecorder.Mode.EXACT);
    JsonNode root = new ObjectMapper().readTree(ChromeTrace.write(p));
    Map<Long, JsonNode> byId = new HashMap<>();
    List<JsonNode> slices = new ArrayList<>();
    for (JsonNode e : root.get("traceEvents")) {
      if (e.get("ph").asText().equals("X")) {
        byId.put(e.get("args").get("id").asLong(), e);
        slices.add(e);
      }
    }
    assertThat(slices).hasSize(24);
    int nested = 0;
    for (JsonNode e : slices) {
      long parent = e.get("args").get("parent").asLong();
      if (parent == 0) {
        assertThat(e.get("name").asText()).isEqualTo("pump");
        continue;
      }
      JsonNode p2 = byId.get(parent);
      assertThat(p2.get("name").asText()).isEqualTo("pump");
      assertThat(e.get("tid").asLong()).isEqualTo(p2.get("tid").asLong());
      double start = e.get("ts").asDouble();
      assertThat(start).isGreaterThanOrEqualTo(p2.get("ts").asDouble());
      assertThat(start + e.get("dur").asDouble())
          .isLessThanOrEqualTo(p2.get("ts").asDouble() + p2.get("dur").asDouble() + 1e-9);
      assertThat(e.get("args").get("bytesIn").asLong()).isEqualTo(1024);
      assertThat(e.get("cat").asText()).endsWith(" -> " + e.get("args").get("callee").asText());
      nested++;
    }
    assertThat(nested).isEqualTo(20);
  }

  @Test
  void jfrEventsReadBack() throws Exception {
    Path file = tmp.resolve("run.jfr");
    TraceRecorder r = new TraceRecorder(TraceRecorder.Mode.AGGREGATE);
    try (JfrTracer jfr = new JfrTracer(file)) {
      ComponentInstance c = Runs.instantiate(Runs.fixture("composed-bench-echo"), e -> {
        r.onCall(e);
        jfr.onCall(e);
      });
      c.function("pump").call(dev.plugboard.types.Value.u32(3), dev.plugboard.types.Value.u32(1024));
      jfr.finish(Profile.of("composed-bench-echo.wasm", "pump(3, 1024)", "", 0, r.snapshot()));
    }
    List<RecordedEvent> calls = new ArrayList<>();
    List<RecordedEvent> summaries = new ArrayList<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      switch (e.getEventType().getName()) {
        case "dev.plugboard.ComponentCall" -> calls.add(e);
        case "dev.plugboard.FunctionSummary" -> summaries.add(e);
        default -> { }
      }
    }
    assertThat(calls).hasSize(4);
    assertThat(calls.stream().filter(e -> e.getString("function").equals(ECHO)))
        .hasSize(3).allSatisfy(e -> {
          assertThat(e.getLong("bytesIn")).isEqualTo(1024);
          assertThat(e.getInt("reallocs")).isEqualTo(2);
          assertThat(e.getBoolean("fused")).isTrue();
        });
    assertThat(summaries).hasSize(2);
  }

  @Test
  void callTreeNestsEchoUnderPump() throws Exception {
    Profile p = pump(TraceRecorder.Mode.EXACT);
    CallTree.Node root = CallTree.of(p.events());
    assertThat(root.calls()).isEqualTo(4);
    assertThat(root.children()).hasSize(1);
    CallTree.Node pump = root.children().getFirst();
    assertThat(pump.function()).endsWith(".pump");
    assertThat(pump.calls()).isEqualTo(4);
    CallTree.Node echo = pump.children().getFirst();
    assertThat(echo.function()).endsWith(ECHO);
    assertThat(echo.calls()).isEqualTo(20);
    assertThat(pump.selfNanos()).isEqualTo(pump.totalNanos() - echo.totalNanos());
  }

  /** A utf8 caller and a utf16 callee: the transcoding hint and the copied-twice hint (strings are not fused then). */
  @Test
  void hintsFromARealTrace() throws Exception {
    Profile p = Runs.profile(Runs.STRINGS, "go()", 3, TraceRecorder.Mode.AGGREGATE);
    List<Hints.Hint> hints = Hints.of(p);
    assertThat(hints).extracting(Hints.Hint::kind).contains(Hints.Kind.TRANSCODING, Hints.Kind.COPIED_TWICE);
    Hints.Hint t = hints.stream().filter(h -> h.kind() == Hints.Kind.TRANSCODING).findFirst().orElseThrow();
    assertThat(t.function()).endsWith(".len");
    assertThat(t.message()).contains("utf8").contains("utf16").contains("1.0 per call");
    // the fused echo wire copies once: no copied-twice hint there
    assertThat(Hints.of(pump(TraceRecorder.Mode.AGGREGATE))).extracting(Hints.Hint::kind)
        .doesNotContain(Hints.Kind.COPIED_TWICE, Hints.Kind.TRANSCODING);
  }

  private static CallStats stats(String key, long calls, long guest, long abi, long reallocs) {
    Histogram h = CallStats.newLatencyHistogram();
    for (int i = 0; i < calls; i++) {
      h.recordValue((guest + abi) / calls);
    }
    return new CallStats(key, "a", "b", key, calls, 0, 0, 0, abi, guest, 0, 0, 0, 0, 0, reallocs, 0, 0, "utf8",
        "utf8", 0, 0, 0, h);
  }

  private static Profile synthetic(CallStats... functions) {
    return new Profile("x.wasm", "f()", TraceRecorder.Mode.AGGREGATE, "", 0, 0, List.of(functions), List.of(),
        List.of(), 0);
  }

  @Test
  void abiBoundAndReallocPerElementHints() {
    Profile p = synthetic(stats("b.many", 10, 100, 900, 100), stats("b.lean", 10, 900, 100, 10));
    assertThat(Hints.of(p)).extracting(Hints.Hint::function, Hints.Hint::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("b.many", Hints.Kind.REALLOC_PER_ELEMENT),
        org.assertj.core.groups.Tuple.tuple("b.many", Hints.Kind.ABI_BOUND));
  }

  @Test
  void comparisonGivesDeltasPerFunction() {
    Profile before = synthetic(stats("b.f", 10, 1000, 1000, 10), stats("b.gone", 1, 10, 10, 0));
    Profile after = synthetic(stats("b.f", 20, 1000, 0, 20), stats("b.new", 5, 50, 50, 0));
    List<Comparison.Row> rows = Comparison.of(before, after);
    assertThat(rows).extracting(Comparison.Row::function).containsExactly("b.f", "b.gone", "b.new");
    Comparison.Row f = rows.getFirst();
    assertThat(f.callsDelta()).isEqualTo(10);
    assertThat(f.meanRatio()).isEqualTo(0.25); // 200 ns per call before, 50 after
    assertThat(f.abiShareDelta()).isEqualTo(-0.5);
    assertThat(rows.get(1).after()).isNull();
    assertThat(rows.get(2).meanRatio()).isNaN();
  }

  @Test
  void loadRunsCountCancelAndReportProgress() throws Exception {
    TraceRecorder r = new TraceRecorder(TraceRecorder.Mode.AGGREGATE);
    ComponentInstance c = Runs.instantiate(Runs.fixture("echo"), r);
    CallTemplate t = CallTemplate.parse("echo([{n}, {random:7..9}])", 42);
    assertThat(t.render(3)).matches("echo\\(\\[3, [789]\\]\\)");
    LoadRun run = new LoadRun(c.function("echo"), t, 200, null);
    List<LoadRun.Progress> seen = new ArrayList<>();
    LoadRun.Result result = run.run(seen::add, 0);
    assertThat(result.calls()).isEqualTo(200);
    assertThat(result.end()).isEqualTo(LoadRun.End.DONE);
    assertThat(seen.getLast().fraction()).isEqualTo(1.0);
    assertThat(seen).extracting(LoadRun.Progress::calls).isSorted();
    assertThat(r.snapshot().functions().getFirst().calls()).isEqualTo(200);
    assertThat(r.snapshot().functions().getFirst().bytesIn()).isEqualTo(400);

    LoadRun endless = new LoadRun(c.function("echo"), t, 0, Duration.ofHours(1));
    LoadRun.Result cancelled = endless.run(p -> {
      if (p.calls() >= 50) {
        endless.cancel();
      }
    }, 0);
    assertThat(cancelled.end()).isEqualTo(LoadRun.End.CANCELLED);
    assertThat(cancelled.calls()).isEqualTo(50);

    // the counter outgrows a u8 at call 256: the run ends there, saying why
    LoadRun.Result tooFar = new LoadRun(c.function("echo"), CallTemplate.parse("echo([{n}])", 1), 300, null)
        .run(null, 0);
    assertThat(tooFar.end()).isEqualTo(LoadRun.End.BAD_ARGUMENTS);
    assertThat(tooFar.calls()).isEqualTo(256);
    assertThat(tooFar.reason()).startsWith("call 256 (echo([256])): column 7: ").contains("out of range for u8");
  }

  @Test
  void badTemplatesSayWhere() {
    assertThatThrownBy(() -> CallTemplate.parse("echo([{n}", 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("column ");
    assertThatThrownBy(() -> CallTemplate.parse("f({random:9..1})", 1))
        .hasMessage("column 3: empty range {random:9..1}");
  }

  @Test
  void textTableAndCsv() throws Exception {
    Profile p = pump(TraceRecorder.Mode.AGGREGATE);
    String table = ProfileText.table(p);
    assertThat(table).contains("function").contains("p99").contains(ECHO).contains("40,960");
    String[] csv = ProfileText.csv(p).split("\n");
    assertThat(csv).hasSize(1 + 2 + 2);
    assertThat(csv[0]).startsWith("kind,key,");
  }
}
