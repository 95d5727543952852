package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarTest {
  @Test
  void savesAndReadsTheLayoutBesideTheWac(@TempDir Path dir) throws Exception {
    Path wac = dir.resolve("c.wac");
    Sidecar s = new Sidecar(Sidecar.SCHEMA, Map.of("app", new Sidecar.NodeLayout(10, 20.5, "#ff8800", "the socket")));
    Sidecar.save(wac, "package a:b;\n", s);
    assertThat(Files.readString(wac)).isEqualTo("package a:b;\n");
    assertThat(Sidecar.read(wac)).isEqualTo(s);
    assertThat(Files.readString(Sidecar.pathFor(wac))).contains("\"schema\" : 1");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("c.wac", "c.wac.json");
    }
  }

  @Test
  void aMalformedSidecarIsAClearErrorAndIsLeftAlone(@TempDir Path dir) throws Exception {
    Path wac = dir.resolve("c.wac");
    Files.writeString(Sidecar.pathFor(wac), "{ \"schema\": 1, \"nodes\": { \"a\": { \"x\": oops } } }");
    assertThatThrownBy(() -> Sidecar.read(wac)).hasMessageStartingWith(Sidecar.pathFor(wac) + ":1:")
        .hasMessageContaining("malformed layout");
    assertThat(Files.readString(Sidecar.pathFor(wac))).contains("oops");
    Files.writeString(Sidecar.pathFor(wac), "{ \"schema\": 9, \"nodes\": {} }");
    assertThatThrownBy(() -> Sidecar.read(wac)).hasMessageContaining("schema 9 is newer");
    assertThat(Sidecar.read(dir.resolve("absent.wac"))).isEqualTo(Sidecar.empty());
  }
}
