package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The WIT stages point one way (STYLE.md): {@code source} ← {@code lex} ← {@code ast} ←
 * {@code resolve} ← {@code print}/{@code json}; a lower stage never names a higher one, and
 * none of them names the binary format. Checked on the sources, so it needs no class scanning.
 */
class WitLayeringTest {
  private static final Path ROOT = Path.of("src/main/java/dev/plugboard/wit");
  private static final Pattern REFERENCE = Pattern.compile("dev\\.plugboard\\.([a-z]+(?:\\.[a-z]+)?)");

  /** Each stage and the packages it may name besides itself. */
  private static final Map<String, List<String>> ALLOWED = Map.of(
      "source", List.of(),
      "lex", List.of("wit.source"),
      "ast", List.of("wit.source", "wit.lex"),
      "resolve", List.of("wit.source", "wit.lex", "wit.ast"),
      "print", List.of("wit.source", "wit.lex", "wit.ast", "wit.resolve"),
      "json", List.of("wit.source", "wit.resolve"));

  @Test
  void stagesPointOneWay() throws IOException {
    List<String> violations = new ArrayList<>();
    for (var stage : ALLOWED.entrySet()) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(stage.getKey()))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = REFERENCE.matcher(Files.readString(f));
          while (m.find()) {
            String target = m.group(1);
            boolean ok = target.equals("wit." + stage.getKey()) || stage.getValue().contains(target);
            if (!ok) {
              violations.add(ROOT.relativize(f) + " names dev.plugboard." + target);
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
