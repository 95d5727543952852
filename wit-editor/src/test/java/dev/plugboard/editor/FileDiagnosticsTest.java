package dev.plugboard.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiagnosticsTest {
  @Test
  void unsavedTextIsCheckedWithTheRestOfThePackage(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.wit"), "package x:y;\ninterface a { type t = u32; }\n");
    Path b = dir.resolve("b.wit");
    Files.writeString(b, "interface b { use a.{t}; f: func(x: t); }\n");
    assertThat(FileDiagnostics.of(b, Files.readString(b))).isEmpty();

    String edited = "interface b { use a.{t}; f: func(x: nope); }\n";
    assertThat(FileDiagnostics.of(b, edited)).singleElement().satisfies(p -> {
      assertThat(p.message()).isEqualTo("name `nope` does not exist");
      assertThat(edited.substring(p.start(), p.end())).isEqualTo("nope");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.column()).isEqualTo(37);
    });
    assertThat(Files.readString(b)).as("the file on disk is untouched").contains("x: t");
  }

  @Test
  void aSingleFileReportsEverySyntaxError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("one.wit");
    String text = "package a:b;\ninterface i {\n  record r { a: u32 b: u32 }\n  f: func() -> ;\n}\n";
    Files.writeString(f, text);
    assertThat(FileDiagnostics.of(f, text)).extracting(FileDiagnostics.Problem::line).containsExactly(3, 4);
  }
}
