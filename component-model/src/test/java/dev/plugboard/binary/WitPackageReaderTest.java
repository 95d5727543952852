package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.wit.resolve.BinaryPackageReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the WIT resolver's binary reader does with damaged input: every problem is an
 * {@link BinaryPackageReader.Unreadable} naming the file and a byte offset (or line:col for
 * text), never another exception.
 */
class WitPackageReaderTest {
  private static final Path DEPS = Path.of("src/test/resources/wit-rules/deps-binary/deps");
  private final WitPackages reader = new WitPackages();

  @Test
  void theResolverFindsTheReader() {
    assertThat(BinaryPackageReader.find()).get().isInstanceOf(WitPackages.class);
  }

  @Test
  void everyTruncationIsAnErrorAtAByteOffset() throws Exception {
    byte[] bytes = Files.readAllBytes(DEPS.resolve("bin.wasm"));
    assertThat(reader.witText("bin.wasm", bytes)).startsWith("/// shapes, as a binary package\npackage rules:bin;");
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] prefix = Arrays.copyOf(bytes, cut);
      String message = unreadable("bin.wasm", prefix);
      // a cut between sections can still be a package (fewer items); any other cut is an error at an offset
      if (message != null) {
        assertThat(message).as("cut at " + cut).startsWith("bin.wasm: ").containsPattern("\\(at byte \\d+\\)$");
      }
    }
    assertThat(unreadable("bin.wasm", Arrays.copyOf(bytes, 20))).isNotNull();
  }

  @Test
  void flippedBytesNeverEscapeAsAnotherException() throws Exception {
    byte[] bytes = Files.readAllBytes(DEPS.resolve("bin.wasm"));
    Random random = new Random(11);
    for (int i = 0; i < 2000; i++) {
      byte[] copy = bytes.clone();
      copy[8 + random.nextInt(copy.length - 8)] = (byte) random.nextInt(256);
      unreadable("bin.wasm", copy);
    }
  }

  @Test
  void damagedTextIsAnErrorAtItsLineAndColumn() throws Exception {
    String text = Files.readString(DEPS.resolve("text.wat"));
    assertThat(reader.witText("text.wat", text.getBytes(StandardCharsets.UTF_8))).contains("interface types {");
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      StringBuilder s = new StringBuilder(text);
      int at = random.nextInt(s.length());
      switch (random.nextInt(3)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, "()\"$;x0".charAt(random.nextInt(7)));
        default -> s.setCharAt(at, "()\"$;x0 ".charAt(random.nextInt(8)));
      }
      String message = unreadable("text.wat", s.toString().getBytes(StandardCharsets.UTF_8));
      if (message != null) {
        assertThat(message).as(s.toString()).matches("(?s)text\\.wat(:\\d+:\\d+)?: .+").doesNotContain("(at byte");
      }
    }
    assertThatThrownBy(() -> reader.witText("text.wat", "(component (type (export \"x\") (lisst u8)))".getBytes()))
        .hasMessage("text.wat:1:31: `(lisst ...)` is not a type definition of a WIT package");
  }

  @Test
  void aComponentThatIsNotAPackageSaysWhatItHas() {
    assertThatThrownBy(() -> reader.witText("c.wat", "(component (core module))".getBytes()))
        .hasMessageStartingWith("c.wat:1:12: `(core ...)` is not part of a WIT package");
    byte[] empty = ComponentEncoder.encode(new Component(java.util.List.of()));
    assertThatThrownBy(() -> reader.witText("e.wasm", empty)).hasMessage("e.wasm: not a WIT package: it exports no types (at byte 0)");
  }

  /** The reader's message, or null when the bytes read as a package. */
  private String unreadable(String name, byte[] bytes) {
    try {
      reader.witText(name, bytes);
      return null;
    } catch (BinaryPackageReader.Unreadable e) {
      return e.getMessage();
    }
  }
}
