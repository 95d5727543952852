package dev.plugboard.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.app.work.WacComposition;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The File › New starting points check as they are. */
class NewFilesTest {
  @TempDir Path dir;

  @Test
  void aNewWitPackageResolves() throws Exception {
    Path wit = NewFiles.witPackage(dir, "hello-pkg");
    assertThat(wit).isEqualTo(dir.resolve("hello-pkg/hello-pkg.wit"));
    WitResolver.Result r = WitResolver.resolvePath(wit, WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void aNewCompositionReads() throws Exception {
    Path wac = NewFiles.composition(dir, "my-mix");
    assertThat(Files.isDirectory(dir.resolve("deps"))).isTrue();
    assertThat(WacComposition.check(wac, Files.readString(wac))).isEmpty();
  }

  @Test
  void aNewComponentHasItsWatAndWit() throws Exception {
    Path wat = NewFiles.componentFromWat(dir, "adder");
    assertThat(Files.readString(wat)).contains("(export \"add\")");
    assertThat(Files.readString(dir.resolve("adder/adder.wit"))).contains("export add: func(a: u32, b: u32) -> u32;");
    assertThat(NewFiles.componentOf(wat)).isEqualTo(dir.resolve("adder/adder.wasm"));
  }

  @Test
  void badNamesAndExistingFilesAreRefused() throws Exception {
    assertThatThrownBy(() -> NewFiles.witPackage(dir, "Not Kebab")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"Not Kebab\" is not a kebab-case name");
    NewFiles.composition(dir, "twice");
    assertThatThrownBy(() -> NewFiles.composition(dir, "twice")).isInstanceOf(FileAlreadyExistsException.class);
  }
}
