package dev.plugboard.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleWorkspaceTest {
  @TempDir Path dir;

  @Test
  void unpacksAWitPackageWithTwoWorlds() throws Exception {
    Workspace ws = SampleWorkspace.unpack(dir);
    assertThat(SampleWorkspace.files()).contains("wit/types.wit", "wit/worlds.wit", "wit/deps/log/log.wit");
    String worlds = Files.readString(ws.root().resolve("wit/worlds.wit"));
    assertThat(worlds.lines().filter(l -> l.startsWith("world "))).hasSize(2);
    assertThat(ws.children(ws.root())).extracting(p -> p.getFileName().toString()).containsExactly("components", "compose", "wit", "README.md");
  }

  @Test
  void bundlesAGreeterComponentBuiltFromItsSources() throws Exception {
    Workspace ws = SampleWorkspace.unpack(dir);
    Path wasm = ws.root().resolve("components/greeter/greeter.wasm");
    assertThat(ws.root().resolve("components/greeter/greeter.wat")).exists();
    dev.plugboard.runtime.ComponentInstance greeter = dev.plugboard.runtime.LoadedComponent
        .load(Files.readAllBytes(wasm), "greeter.wasm").instantiate();
    assertThat(greeter.call("greet", dev.plugboard.types.Value.string("ada")))
        .isEqualTo(dev.plugboard.types.Value.string("Hello, ada!"));
    assertThat(greeter.call("count-vowels", dev.plugboard.types.Value.string("Education")))
        .isEqualTo(dev.plugboard.types.Value.u32(5));
  }

  @Test
  void bundlesACompositionOfTwoSampleComponents() throws Exception {
    Workspace ws = SampleWorkspace.unpack(dir);
    Path wac = ws.root().resolve("compose/loud-greeting.wac");
    Path deps = wac.getParent().resolve("deps");
    var doc = dev.plugboard.compose.Wac.read(wac.toString(), Files.readString(wac),
        new dev.plugboard.compose.DepsPackages(java.util.Map.of(), deps), java.util.List.of());
    byte[] composed = dev.plugboard.compose.CompositionEncoder.encode(doc.graph());
    assertThat(dev.plugboard.runtime.LoadedComponent.load(composed, "loud-greeting.wasm").instantiate()
        .call("greet", dev.plugboard.types.Value.string("ada")))
        .isEqualTo(dev.plugboard.types.Value.string("HELLO, ADA!"));
  }

  @Test
  void leavesTheUsersEditsInPlace() throws Exception {
    SampleWorkspace.unpack(dir);
    Path worlds = dir.resolve("wit/worlds.wit");
    Files.writeString(worlds, "// mine\n");
    Files.delete(dir.resolve("README.md"));
    SampleWorkspace.unpack(dir);
    assertThat(Files.readString(worlds)).isEqualTo("// mine\n");
    assertThat(dir.resolve("README.md")).exists();
  }

  @Test
  void fileKindsFollowExtensions() {
    assertThat(FileKind.of(Path.of("a/b.wit"))).isEqualTo(FileKind.WIT);
    assertThat(FileKind.of(Path.of("x.WASM"))).isEqualTo(FileKind.WASM);
    assertThat(FileKind.of(Path.of("c.wac"))).isEqualTo(FileKind.WAC);
    assertThat(FileKind.of(Path.of("Makefile"))).isEqualTo(FileKind.OTHER);
    assertThat(FileKind.WASM.isText()).isFalse();
  }
}
