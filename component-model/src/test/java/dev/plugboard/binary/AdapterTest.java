package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.resolve.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Adapter}: the preview1 adapters of jco's npm package ({@code -Dplugboard.jco=DIR}; skipped
 * without it) read, their WIT resolved, their module given a stack; and the name matching that
 * needs no adapter.
 */
class AdapterTest {
  private static byte[] adapter(String kind) throws Exception {
    Path a = Path.of(System.getProperty("plugboard.jco", ""), "node_modules", "@bytecodealliance", "jco", "lib",
        "wasi_snapshot_preview1." + kind + ".wasm");
    assumeTrue(Files.isRegularFile(a), "skipped: no preview1 adapter (jco's npm package; -Dplugboard.jco=DIR)");
    return Files.readAllBytes(a);
  }

  private static World world(Adapter a, Resolve[] resolve) throws Exception {
    WitResolver.Result r = WitResolver.resolve(a.wit(0, Set.of()), List.of(), WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
    resolve[0] = r.resolve();
    return r.resolve().worlds.get(a.worldIn(r.resolve(), 0));
  }

  @Test
  void theCommandAdaptersWorldExportsRunAndTheReactorsExportsNothing() throws Exception {
    Resolve[] r = new Resolve[1];
    World command = world(Adapter.read("wasi_snapshot_preview1", adapter("command")), r);
    assertThat(command.exports.keySet().stream().map(r[0]::keyName)).containsExactly("wasi:cli/run@0.2.12");
    assertThat(command.imports.keySet().stream().map(r[0]::keyName)).contains("wasi:io/streams@0.2.12",
        "wasi:filesystem/preopens@0.2.12", "wasi:sockets/udp@0.2.12").doesNotContain("wasi:cli/run@0.2.12");
    World reactor = world(Adapter.read("wasi_snapshot_preview1", adapter("reactor")), r);
    assertThat(reactor.exports).isEmpty();
    assertThat(reactor.imports).hasSameSizeAs(command.imports);
  }

  @Test
  void theModuleGetsAStartFunctionAndKeepsItsInterfaceButNotItsWit() throws Exception {
    byte[] original = adapter("command");
    Adapter a = Adapter.read("wasi_snapshot_preview1", original);
    byte[] withStack = a.module();
    CoreModuleInterface before = CoreModuleInterface.read(original);
    CoreModuleInterface after = CoreModuleInterface.read(withStack);
    assertThat(after.imports()).isEqualTo(before.imports());
    assertThat(after.exports()).isEqualTo(before.exports());
    assertThat(sectionIds(original)).doesNotContain(8);
    assertThat(sectionIds(withStack)).contains(8);
    assertThat(new String(withStack, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("component-type");
    assertThat(new String(original, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("component-type");
  }

  private static List<Integer> sectionIds(byte[] module) throws Exception {
    BinaryReader in = new BinaryReader(module);
    in.skip(8);
    List<Integer> ids = new ArrayList<>();
    while (!in.atEnd()) {
      ids.add(in.u8());
      in.skip(in.length("section"));
    }
    return ids;
  }

  @Test
  void aCoreModuleWithoutTheWitSectionIsNotAnAdapter() {
    byte[] empty = {0, 'a', 's', 'm', 1, 0, 0, 0};
    assertThatThrownBy(() -> Adapter.read("wasi_snapshot_preview1", empty)).hasMessageContaining(
        "has no `component-type` custom section");
    assertThatThrownBy(() -> Adapter.read("wasi_snapshot_preview1", new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0}))
        .hasMessageContaining("is a component, not a core module");
  }

  /** A core module importing preview1's {@code fd_write}, and nothing else. */
  private static byte[] writesOnly() {
    java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
    m.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    m.writeBytes(new byte[] {1, 9, 1, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f}); // (func (param i32 x4) (result i32))
    m.writeBytes(new byte[] {2, 35, 1, 22});
    m.writeBytes("wasi_snapshot_preview1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    m.writeBytes(new byte[] {8});
    m.writeBytes("fd_write".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    m.writeBytes(new byte[] {0, 0});
    return m.toByteArray();
  }

  @Test
  void onlyTheInterfacesTheUsedFunctionsReachAreImported() throws Exception {
    Adapter a = Adapter.read("wasi_snapshot_preview1", adapter("command"));
    Set<String> used = a.usedImportModules(writesOnly());
    // fd_write reaches the streams (and finding the descriptors, the preopens), but not exit (no proc_exit here)
    assertThat(used).contains("wasi:io/streams@0.2.12", "wasi:cli/stdout@0.2.12")
        .doesNotContain("wasi:cli/exit@0.2.12", "wasi:sockets/tcp@0.2.12", "wasi:random/random@0.2.12",
            "wasi:cli/environment@0.2.12");
    Resolve[] r = new Resolve[1];
    World full = world(a, r);
    r[0].worlds.add(new World("main"));
    int merged = Adapter.mergeWorlds(r[0], r[0].worlds.size() - 1, List.of(r[0].worlds.indexOf(full)),
        List.of(used));
    List<String> imports = r[0].worlds.get(merged).imports.keySet().stream().map(r[0]::keyName).toList();
    // streams uses wasi:io/error and wasi:io/poll: they come along
    assertThat(imports).contains("wasi:io/streams@0.2.12", "wasi:io/error@0.2.12", "wasi:io/poll@0.2.12")
        .doesNotContain("wasi:sockets/tcp@0.2.12").hasSizeLessThan(full.imports.size());
  }

  @Test
  void importModulesMatchTheWorldsInterfacesBySemver() {
    List<String> world = List.of("wasi:filesystem/types@0.2.12", "wasi:filesystem/preopens@0.2.12", "ns:p/i@1.4.0");
    assertThat(Adapter.worldNameFor("wasi:filesystem/preopens@0.2.6", world)).isEqualTo(
        "wasi:filesystem/preopens@0.2.12");
    assertThat(Adapter.worldNameFor("ns:p/i@1.0.0", world)).isEqualTo("ns:p/i@1.4.0");
    assertThat(Adapter.worldNameFor("wasi:filesystem/preopens@0.3.0", world)).isEqualTo(
        "wasi:filesystem/preopens@0.3.0");
    assertThat(Adapter.worldNameFor("ns:p/i@2.0.0", world)).isEqualTo("ns:p/i@2.0.0");
    assertThat(Adapter.worldNameFor("wasi:io/streams@0.2.12", world)).isEqualTo("wasi:io/streams@0.2.12");
  }
}
