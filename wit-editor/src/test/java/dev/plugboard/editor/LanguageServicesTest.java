package dev.plugboard.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go to definition, usages, hover, rename and completion, without the UI. */
class LanguageServicesTest {
  private static final Path TYPES = Path.of("/ws/types.wit").toAbsolutePath();
  private static final Path WORLDS = Path.of("/ws/worlds.wit").toAbsolutePath();
  private static final String TYPES_TEXT = """
      package demo:shop@0.1.0;

      interface types {
        /// An amount in cents.
        type cents = u64;
        record item { name: string, price: cents }
        variant failure { missing(string), too-expensive(cents) }
        resource cart {
          constructor();
          add: func(i: item) -> result<_, failure>;
        }
      }

      interface api {
        use types.{item, cents as money};
        total: func(items: list<item>) -> money;
      }
      """;
  private static final String WORLDS_TEXT = """
      package demo:shop@0.1.0;

      world shop {
        import api;
        export types;
      }
      """;

  private static PackageIndex index() {
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(TYPES, TYPES_TEXT);
    files.put(WORLDS, WORLDS_TEXT);
    return PackageIndex.ofTexts(files);
  }

  private static int at(String text, String needle, int nth) {
    int i = -1;
    for (int k = 0; k <= nth; k++) {
      i = text.indexOf(needle, i + 1);
    }
    return i;
  }

  @Test
  void goesToTheDefinitionOfATypeAndAnInterface() {
    PackageIndex index = index();
    var itemInApi = index.symbolAt(TYPES, at(TYPES_TEXT, "list<item>", 0) + 6).orElseThrow();
    assertThat(itemInApi.kind()).isEqualTo(PackageIndex.Kind.TYPE);
    assertThat(index.definition(itemInApi).line()).isEqualTo(6);
    var apiInWorld = index.symbolAt(WORLDS, at(WORLDS_TEXT, "api", 0)).orElseThrow();
    assertThat(apiInWorld.kind()).isEqualTo(PackageIndex.Kind.INTERFACE);
    assertThat(index.definition(apiInWorld).file()).isEqualTo(TYPES);
    var aliased = index.symbolAt(TYPES, at(TYPES_TEXT, "-> money", 0) + 4).orElseThrow();
    assertThat(aliased.name()).isEqualTo("cents");
  }

  @Test
  void findsEveryUsage() {
    PackageIndex index = index();
    var cents = index.symbolAt(TYPES, at(TYPES_TEXT, "type cents", 0) + 5).orElseThrow();
    assertThat(index.usages(cents)).extracting(PackageIndex.Location::line).containsExactly(5, 6, 7, 15, 16);
    var types = index.symbolAt(TYPES, at(TYPES_TEXT, "types", 0)).orElseThrow();
    assertThat(index.usages(types)).extracting(l -> l.file().getFileName().toString())
        .containsExactly("types.wit", "types.wit", "worlds.wit");
  }

  @Test
  void hoverShowsTheDeclarationAndDocs() {
    PackageIndex index = index();
    var cents = index.symbolAt(TYPES, at(TYPES_TEXT, "price: cents", 0) + 8).orElseThrow();
    assertThat(index.hover(cents)).startsWith("type cents = u64;").contains("type demo:shop@0.1.0/types.cents")
        .endsWith("An amount in cents.");
  }

  @Test
  void renamesEverywhereButThroughAnAlias() {
    PackageIndex index = index();
    var cents = index.symbolAt(TYPES, at(TYPES_TEXT, "type cents", 0) + 5).orElseThrow();
    List<PackageIndex.Edit> edits = index.rename(cents, "amount");
    String renamed = apply(TYPES_TEXT, edits);
    assertThat(renamed).contains("type amount = u64;", "price: amount", "too-expensive(amount)",
        "use types.{item, amount as money};", "-> money;");
    assertThatThrownBy(() -> index.rename(cents, "Not Valid")).hasMessageContaining("not a WIT identifier");
    var api = index.symbolAt(WORLDS, at(WORLDS_TEXT, "api", 0)).orElseThrow();
    assertThat(index.rename(api, "checkout")).extracting(e -> e.file().getFileName().toString())
        .containsExactlyInAnyOrder("types.wit", "worlds.wit");
  }

  private static String apply(String text, List<PackageIndex.Edit> edits) {
    StringBuilder sb = new StringBuilder(text);
    for (PackageIndex.Edit e : edits) {
      if (e.file().equals(TYPES)) {
        sb.replace(e.start(), e.end(), e.text());
      }
    }
    return sb.toString();
  }

  @Test
  void completesTypesInScope() {
    String text = TYPES_TEXT.replace("total: func(items: list<item>) -> money;", "total: func(items: list<it");
    PackageIndex index = PackageIndex.ofTexts(Map.of(TYPES, text));
    int caret = text.indexOf("list<it") + 7;
    Completion.Result r = Completion.at(index, TYPES, text, caret);
    assertThat(r.candidates()).extracting(Completion.Candidate::label).containsExactly("item");
    assertThat(r.replaceFrom()).isEqualTo(caret - 2);
    Completion.Result all = Completion.at(index, TYPES, text.substring(0, caret - 2), caret - 2);
    assertThat(all.candidates()).extracting(Completion.Candidate::label)
        .contains("u32", "string", "list", "option", "item", "money").doesNotContain("record", "failure");
  }

  @Test
  void completesKeywordsByBlock() {
    String text = "package a:b;\n\ninterface i {\n  re\n}\n\nworld w {\n  im\n}\n";
    PackageIndex index = PackageIndex.ofTexts(Map.of(TYPES, text));
    assertThat(Completion.at(index, TYPES, text, text.indexOf("re\n") + 2).candidates())
        .extracting(Completion.Candidate::label).containsExactly("record", "resource");
    assertThat(Completion.at(index, TYPES, text, text.indexOf("im\n") + 2).candidates())
        .extracting(Completion.Candidate::label).containsExactly("import");
    assertThat(Completion.at(index, TYPES, text, text.length()).candidates())
        .extracting(Completion.Candidate::label).containsExactly("package", "interface", "world", "use");
  }

  @Test
  void completesUseMembersAndPaths() {
    String text = TYPES_TEXT.replace("use types.{item, cents as money};", "use types.{it");
    PackageIndex index = PackageIndex.ofTexts(Map.of(TYPES, text));
    int caret = text.indexOf("{it") + 3;
    assertThat(Completion.at(index, TYPES, text, caret).candidates()).extracting(Completion.Candidate::label)
        .containsExactly("item");
    String world = WORLDS_TEXT.replace("import api;", "import ");
    PackageIndex both = PackageIndex.ofTexts(Map.of(TYPES, TYPES_TEXT, WORLDS, world));
    assertThat(Completion.at(both, WORLDS, world, world.indexOf("import ") + 7).candidates())
        .extracting(Completion.Candidate::label).contains("types", "api");
  }

  @Test
  void navigatesIntoDepsOfTheWasiHttpPackage() throws Exception {
    Path http = SharedData.require("conformance/wasi-wit/0.2.9/http");
    Path types = http.resolve("types.wit").toAbsolutePath().normalize();
    String text = Files.readString(types);
    PackageIndex index = PackageIndex.of(types, Map.of());
    int at = text.indexOf("{input-stream") + 1;
    var stream = index.symbolAt(types, at).orElseThrow();
    assertThat(stream.kind()).isEqualTo(PackageIndex.Kind.TYPE);
    assertThat(stream.qualifiedName()).isEqualTo("wasi:io@0.2.9/streams.input-stream");
    assertThat(index.definition(stream).file().toString()).contains("deps").endsWith("streams.wit");
    assertThat(index.usages(stream).size()).isGreaterThan(3);
    assertThat(index.interfacePaths(types)).contains("wasi:io/streams@0.2.9", "types");
  }
}
