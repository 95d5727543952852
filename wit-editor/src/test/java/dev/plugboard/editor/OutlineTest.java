package dev.plugboard.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutlineTest {
  private static final String TEXT = """
      package a:b@1.0.0;

      interface store {
        record entry { key: string }
        resource bucket {
          constructor(name: string);
          get: func(key: string) -> option<entry>;
        }
        open: func() -> bucket;
      }

      world app {
        import store;
        export run: func();
      }
      """;

  @Test
  void listsPackagesInterfacesWorldsAndTheirItems() {
    List<Outline.Item> items = Outline.of(TEXT);
    assertThat(items).extracting(Outline.Item::kind, Outline.Item::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("package", "a:b@1.0.0"),
            org.assertj.core.groups.Tuple.tuple("interface", "store"),
            org.assertj.core.groups.Tuple.tuple("world", "app"));
    Outline.Item store = items.get(1);
    assertThat(store.children()).extracting(Outline.Item::name).containsExactly("entry", "bucket", "open");
    assertThat(store.children().get(1).children()).extracting(Outline.Item::kind)
        .containsExactly("constructor", "function");
    assertThat(items.get(2).children()).extracting(Outline.Item::kind, Outline.Item::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("import", "store"),
            org.assertj.core.groups.Tuple.tuple("export", "run"));
  }

  @Test
  void theCaretFindsTheInnermostItem() {
    Outline.Item store = Outline.of(TEXT).get(1);
    assertThat(store.innermost(TEXT.indexOf("get: func")).name()).isEqualTo("get");
    assertThat(store.innermost(TEXT.indexOf("open")).name()).isEqualTo("open");
  }

  @Test
  void aBrokenFileStillHasAnOutline() {
    assertThat(Outline.of("package a:b;\ninterface i { f: func( ; g: func(); }\nworld w {}\n"))
        .extracting(Outline.Item::name).contains("i", "w");
  }
}
