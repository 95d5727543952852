package dev.plugboard.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzyMatchTest {
  private static final List<String> TITLES = List.of("Open Folder…", "Open File…", "Format Document", "Find…",
      "Go to Definition", "Find Usages", "Problems Tool Window", "Quit");

  @Test
  void lettersMustAppearInOrder() {
    assertThat(FuzzyMatch.score("fmt", "Format Document")).isPositive();
    assertThat(FuzzyMatch.score("tmf", "Format Document")).isEqualTo(-1);
    assertThat(FuzzyMatch.score("xyz", "Format Document")).isEqualTo(-1);
    assertThat(FuzzyMatch.score("", "anything")).isZero();
  }

  @Test
  void wordStartsAndRunsRankFirst() {
    assertThat(FuzzyMatch.filter("fmt doc", TITLES, t -> t)).first().isEqualTo("Format Document");
    assertThat(FuzzyMatch.filter("gtd", TITLES, t -> t)).first().isEqualTo("Go to Definition");
    assertThat(FuzzyMatch.filter("open fi", TITLES, t -> t)).startsWith("Open File…");
    assertThat(FuzzyMatch.filter("PROB", TITLES, t -> t)).containsExactly("Problems Tool Window");
  }

  @Test
  void anEmptyQueryKeepsEverythingInOrder() {
    assertThat(FuzzyMatch.filter("  ", TITLES, t -> t)).isEqualTo(TITLES);
  }
}
