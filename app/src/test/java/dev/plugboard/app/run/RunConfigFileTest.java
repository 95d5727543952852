package dev.plugboard.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.wasi.Grants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .plugboard/run.json}: round trips, keeps what it does not know, and never writes over a broken file. */
class RunConfigFileTest {
  @TempDir Path workspace;

  private static final RunConfiguration FULL = new RunConfiguration(List.of("--name", "Ada Lovelace", ""),
      new Grants(List.of("data::/data"), List.of("assets::/assets"), List.of("GREETING=hi", "HOME"),
          List.of("example.com:443"), List.of("127.0.0.1:8080")), "line 1\nline 2\n", "10s");

  @Test
  void aConfigurationRoundTrips() throws Exception {
    RunConfigFile file = new RunConfigFile(workspace);
    assertThat(file.read("hello/hello.wasm")).as("no file yet").isEqualTo(RunConfiguration.DEFAULT);
    file.save("hello/hello.wasm", FULL);
    assertThat(file.path()).isEqualTo(workspace.resolve(".plugboard/run.json"));
    assertThat(new RunConfigFile(workspace).read("hello/hello.wasm")).isEqualTo(FULL);
    assertThat(new RunConfigFile(workspace).read("other.wasm")).isEqualTo(RunConfiguration.DEFAULT);
    JsonNode json = new ObjectMapper().readTree(file.path().toFile());
    assertThat(json.path("version").asInt()).isEqualTo(1);
    assertThat(json.path("components").path("hello/hello.wasm").path("dirsReadOnly").get(0).asText())
        .isEqualTo("assets::/assets");
  }

  @Test
  void unknownFieldsAndOtherEntriesAreKept() throws Exception {
    Files.createDirectories(workspace.resolve(".plugboard"));
    Files.writeString(workspace.resolve(".plugboard/run.json"), """
        {
          "version": 1,
          "futureSetting": {"nested": [1, 2]},
          "components": {
            "a.wasm": {"args": ["keep"], "color": "blue"},
            "b.wasm": {"args": ["old"], "profile": true, "timeout": "1s"}
          }
        }
        """);
    RunConfigFile file = new RunConfigFile(workspace);
    assertThat(file.read("b.wasm").timeout()).isEqualTo("1s");
    file.save("b.wasm", RunConfiguration.DEFAULT.withArguments(List.of("new")));
    JsonNode json = new ObjectMapper().readTree(file.path().toFile());
    assertThat(json.path("futureSetting").path("nested").toString()).isEqualTo("[1,2]");
    assertThat(json.path("components").path("a.wasm").toString()).isEqualTo("{\"args\":[\"keep\"],\"color\":\"blue\"}");
    assertThat(json.path("components").path("b.wasm").path("profile").asBoolean()).isTrue();
    assertThat(file.read("b.wasm")).isEqualTo(RunConfiguration.DEFAULT.withArguments(List.of("new")));
  }

  @Test
  void aMalformedFileIsReportedAtItsLineAndColumnAndKept() throws Exception {
    Path path = workspace.resolve(".plugboard/run.json");
    Files.createDirectories(path.getParent());
    String broken = "{\n  \"components\": {\n    \"a.wasm\": {\"args\": [\"x\",]}\n  }\n}\n";
    Files.writeString(path, broken);
    RunConfigFile file = new RunConfigFile(workspace);
    assertThatThrownBy(() -> file.read("a.wasm")).isInstanceOf(RunConfigFile.Malformed.class)
        .satisfies(e -> {
          RunConfigFile.Malformed m = (RunConfigFile.Malformed) e;
          assertThat(m.line()).isEqualTo(3);
          assertThat(m.column()).isEqualTo(29);
          assertThat(broken.charAt(m.offset())).isEqualTo(']');
          assertThat(m.getMessage()).doesNotContain("\n");
        });
    assertThatThrownBy(() -> file.save("a.wasm", FULL)).isInstanceOf(RunConfigFile.Malformed.class);
    assertThat(Files.readString(path)).as("never written over").isEqualTo(broken);
    try (var files = Files.list(path.getParent())) {
      assertThat(files.toList()).containsExactly(path);
    }
  }

  @Test
  void aFieldOfTheWrongTypeIsMalformedToo() throws Exception {
    Path path = workspace.resolve(".plugboard/run.json");
    Files.createDirectories(path.getParent());
    Files.writeString(path, "{\"components\": {\n  \"a.wasm\": {\"args\": {\"x\": 1}}}}");
    assertThatThrownBy(() -> new RunConfigFile(workspace).read("a.wasm")).isInstanceOf(RunConfigFile.Malformed.class)
        .satisfies(e -> assertThat(((RunConfigFile.Malformed) e).line()).isEqualTo(2));
    Files.writeString(path, "[1, 2]");
    assertThatThrownBy(() -> new RunConfigFile(workspace).read("a.wasm")).isInstanceOf(RunConfigFile.Malformed.class);
  }

  @Test
  void aSaveReplacesTheFileWholeAndLeavesNoTemporaries() throws Exception {
    RunConfigFile file = new RunConfigFile(workspace);
    file.save("a.wasm", FULL);
    file.save("a.wasm", RunConfiguration.DEFAULT);
    assertThat(file.read("a.wasm")).isEqualTo(RunConfiguration.DEFAULT);
    assertThat(new ObjectMapper().readTree(file.path().toFile()).path("components").size()).isEqualTo(1);
    try (var files = Files.list(file.path().getParent())) {
      assertThat(files.toList()).containsExactly(file.path());
    }
  }

  @Test
  void keysAreWorkspaceRelativeWithSlashes() {
    assertThat(RunConfigFile.key(workspace, workspace.resolve("a/b.wasm"))).contains("a/b.wasm");
    assertThat(RunConfigFile.key(workspace, workspace.resolve("../elsewhere.wasm"))).isEmpty();
  }
}
