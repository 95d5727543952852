package dev.plugboard.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grants in the command line's words become one WasiConfig, for the CLI and the IDE alike. */
class GrantsTest {
  @TempDir Path dir;

  @Test
  void nothingGrantedIsTheSandbox() {
    WasiConfig c = Grants.NONE.applyTo(WasiConfig.sandbox(), dir, n -> "leaked");
    assertThat(c.environment()).isEmpty();
    assertThat(c.preopens()).isEmpty();
    assertThat(c.allowedHttp()).isEmpty();
    assertThat(c.allowedNet()).isEmpty();
    assertThat(Grants.NONE.isEmpty()).isTrue();
  }

  @Test
  void eachGrantIsApplied() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("assets"));
    Map<String, String> host = Map.of("HOME", "/home/ada");
    Grants g = new Grants(List.of("data::/data"), List.of("assets"), List.of("A=1", "B=x=y", "HOME", "UNSET", "C="),
        List.of("example.com:443"), List.of("127.0.0.1:8080"));
    WasiConfig c = g.applyTo(WasiConfig.sandbox().withArguments(List.of("p")), dir, host::get);
    assertThat(c.arguments()).containsExactly("p");
    assertThat(c.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "x=y"),
        Map.entry("HOME", "/home/ada"), Map.entry("C", ""));
    assertThat(c.preopens()).containsExactly(new WasiConfig.Preopen(dir.resolve("data"), "/data", false),
        new WasiConfig.Preopen(dir.resolve("assets"), "assets", true));
    assertThat(c.allowedHttp()).containsExactly("example.com:443");
    assertThat(c.allowedNet()).containsExactly("127.0.0.1:8080");
    assertThat(g.options()).containsExactly("--dir", "data::/data", "--dir-ro", "assets", "--env", "A=1", "--env", "B=x=y",
        "--env", "HOME", "--env", "UNSET", "--env", "C=", "--allow-http", "example.com:443", "--allow-net",
        "127.0.0.1:8080");
  }

  @Test
  void badGrantsAreNamedByTheirOption() throws Exception {
    Files.createFile(dir.resolve("file"));
    assertThatThrownBy(() -> env("=x")).isInstanceOf(Grants.Invalid.class)
        .hasMessage("--env: expected NAME=VALUE or NAME, got \"=x\"")
        .satisfies(e -> assertThat(((Grants.Invalid) e).syntax()).isTrue());
    assertThatThrownBy(() -> new Grants(List.of("::/g"), List.of(), List.of(), List.of(), List.of())
        .applyTo(WasiConfig.sandbox(), dir, n -> null)).hasMessage("--dir: expected HOST::GUEST or HOST, got \"::/g\"");
    assertThatThrownBy(() -> new Grants(List.of(), List.of("file::/f"), List.of(), List.of(), List.of())
        .applyTo(WasiConfig.sandbox(), dir, n -> null))
        .hasMessage("--dir-ro: file: not a directory")
        .satisfies(e -> assertThat(((Grants.Invalid) e).syntax()).isFalse());
  }

  private void env(String spec) {
    new Grants(List.of(), List.of(), List.of(spec), List.of(), List.of()).applyTo(WasiConfig.sandbox(), dir, n -> null);
  }
}
