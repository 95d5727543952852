package dev.plugboard.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plain names of Explainer.md's {@code plainname}: labels, and the three annotated forms. */
class ExternNameTest {
  @Test
  void annotatedNamesOfTheThreeFormsAreNames() {
    for (String name : new String[] {"[constructor]blob", "[method]blob.read-2", "[static]file-1.open", "run"}) {
      assertThat(ExternName.problem(name)).as(name).isNull();
    }
    assertThat(ExternName.annotatedResource("[method]blob.read")).isEqualTo("blob");
    assertThat(ExternName.annotatedResource("[constructor]blob")).isEqualTo("blob");
    assertThat(ExternName.annotatedResource("blob")).isNull();
  }

  @Test
  void malformedAnnotationsAreNot() {
    for (String name : new String[] {"[constructor]blob.new", "[method]blob", "[static]", "[method].read",
        "[getter]blob.size", "[method]Blob.read", "[static]blob.read.more", "[method]blob.", "[constructor]"}) {
      assertThat(ExternName.problem(name)).as(name).contains("is not a valid annotated name");
    }
  }
}
