package dev.plugboard.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.wasi.Grants;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunConfigurationTest {
  @Test
  void argumentsSplitAsAShellSplitsThemAndJoinBack() {
    assertThat(RunConfiguration.splitArguments("  a  \"two words\" 'it''s' x\\ y \"q\\\"\"")).containsExactly("a",
        "two words", "its", "x y", "q\"");
    assertThat(RunConfiguration.splitArguments("")).isEmpty();
    assertThat(RunConfiguration.splitArguments("''")).containsExactly("");
    List<String> tricky = List.of("plain", "with space", "it's", "", "$HOME", "a\"b");
    assertThat(RunConfiguration.splitArguments(RunConfiguration.joinArguments(tricky))).isEqualTo(tricky);
    assertThatThrownBy(() -> RunConfiguration.splitArguments("a \"open")).hasMessage(
        "arguments: the quote at column 3 is not closed");
  }

  @Test
  void timeoutsAreDurationsOrNothing() {
    assertThat(RunConfiguration.DEFAULT.timeoutDuration()).isEmpty();
    assertThat(RunConfiguration.DEFAULT.withTimeout("500ms").timeoutDuration()).contains(Duration.ofMillis(500));
    assertThat(RunConfiguration.DEFAULT.withTimeout(" 10 ").timeoutDuration()).contains(Duration.ofSeconds(10));
    assertThat(RunConfiguration.DEFAULT.withTimeout("2m").timeoutDuration()).contains(Duration.ofMinutes(2));
    assertThatThrownBy(() -> RunConfiguration.DEFAULT.withTimeout("soon").timeoutDuration())
        .hasMessageStartingWith("timeout: expected a duration");
    assertThatThrownBy(() -> RunConfiguration.DEFAULT.withTimeout("0s").timeoutDuration())
        .hasMessageStartingWith("timeout: expected a duration");
  }

  @Test
  void theSameRunOnTheCommandLine() {
    RunConfiguration c = new RunConfiguration(List.of("--name", "Ada Lovelace"),
        new Grants(List.of("data::/data"), List.of(), List.of("HOME"), List.of(), List.of()), "", "5s");
    assertThat(c.commandLine("dir/x.wasm")).isEqualTo(
        "plugboard run dir/x.wasm --dir data::/data --env HOME --timeout 5s -- --name 'Ada Lovelace'");
    assertThat(RunConfiguration.DEFAULT.withStdin("hi").commandLine("x.wasm")).isEqualTo("plugboard run x.wasm < stdin.txt");
  }

  @Test
  void theSummarySaysWhatIsGranted() {
    assertThat(RunConfiguration.DEFAULT.summary()).isEqualTo("sandbox, nothing granted");
    RunConfiguration c = new RunConfiguration(List.of("a"),
        new Grants(List.of("a", "b"), List.of("c"), List.of("X=1"), List.of(), List.of()), "in", "");
    assertThat(c.summary()).isEqualTo("1 argument, 1 variable, 3 directories, stdin");
    assertThat(RunConfiguration.DEFAULT.withArguments(List.of("a", "b")).summary())
        .isEqualTo("2 arguments; sandbox, nothing granted");
  }

  @Test
  void formFieldsAndWhatCannotBeGranted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertThat(RunConfiguration.lines(" A=1 \n\n  B\r\n")).containsExactly("A=1", "B");
    assertThat(RunConfiguration.words("a.com, b.com:80  c")).containsExactly("a.com", "b.com:80", "c");
    assertThat(RunConfiguration.words("  ")).isEmpty();
    java.nio.file.Files.createDirectory(dir.resolve("data"));
    Grants ok = new Grants(List.of("data::/data"), List.of(), List.of("X=1"), List.of("a.com"), List.of("127.0.0.1:80"));
    assertThat(RunConfiguration.DEFAULT.withGrants(ok).problem(dir, n -> null)).isEmpty();
    assertThat(RunConfiguration.DEFAULT.withGrants(new Grants(List.of("nope"), List.of(), List.of(), List.of(),
        List.of())).problem(dir, n -> null)).contains("--dir: nope: not a directory");
    assertThat(RunConfiguration.DEFAULT.withGrants(new Grants(List.of(), List.of(), List.of(), List.of(),
        List.of("127.0.0.1:99999"))).problem(dir, n -> null)).hasValueSatisfying(m -> assertThat(m)
        .startsWith("--allow-net: "));
    assertThat(RunConfiguration.DEFAULT.withTimeout("x").problem(dir, n -> null)).hasValueSatisfying(m -> assertThat(m)
        .startsWith("timeout: "));
  }
}
