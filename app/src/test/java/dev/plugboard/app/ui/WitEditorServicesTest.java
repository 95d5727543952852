package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.editor.ui.WitEditor;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The WIT editor's language services and editing keys, driven through the real IDE
 * headless: completion, go to definition across files, usages, hover, rename across files,
 * find/replace, brackets, indentation, comments, undo, and reload on external change.
 */
class WitEditorServicesTest extends IdeTest {
  private CodeArea openWit(String name) {
    Path file = config.resolve("sample-workspace/wit/" + name);
    interact(() -> window().open(file));
    WaitForAsyncUtils.waitForFxEvents();
    return lookup("#wit-editor-" + name.replace('.', '-')).queryAs(CodeArea.class);
  }

  private WitEditor editor() {
    return window().current(WitPage.class).orElseThrow().editor();
  }

  private void key(KeyCode... keys) {
    press(keys);
    KeyCode[] reversed = new KeyCode[keys.length];
    for (int i = 0; i < keys.length; i++) {
      reversed[i] = keys[keys.length - 1 - i];
    }
    release(reversed);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private String selectedTab() {
    return lookup("#editor-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText();
  }

  @Test
  void completionProposesTypesInScopeAndInsertsTheChoice() {
    CodeArea area = openWit("types.wit");
    int at = area.getText().indexOf("quantity: u32") + "quantity: ".length();
    interact(() -> {
      area.replaceText(at, at + 3, "lo");
      area.moveTo(at + 2);
    });
    clickOn(area);
    interact(() -> area.moveTo(at + 2));
    key(KeyCode.CONTROL, KeyCode.SPACE);
    assertThat(editor().completionList().getItems()).extracting(c -> c.label()).containsExactly("location");
    key(KeyCode.ENTER);
    assertThat(area.getText()).contains("quantity: location,");
    assertThat(area.getCaretPosition()).isEqualTo(at + "location".length());
  }

  @Test
  void goToDefinitionOpensTheOtherFileAndUsagesListEveryPlace() {
    CodeArea worlds = openWit("worlds.wit");
    int at = worlds.getText().indexOf("describe: func(item: item)") + "describe: func(item: ".length() + 1;
    clickOn(worlds);
    interact(() -> worlds.moveTo(at));
    key(KeyCode.F12);
    assertThat(selectedTab()).isEqualTo("types.wit");
    CodeArea types = lookup("#wit-editor-types-wit").queryAs(CodeArea.class);
    assertThat(types.getText().substring(types.getCaretPosition())).startsWith("item {");

    key(KeyCode.SHIFT, KeyCode.F12);
    assertThat(editor().usagesList().getItems()).extracting(l -> l.file().getFileName().toString())
        .contains("types.wit", "worlds.wit");
    assertThat(editor().usagesList().getItems().size()).isGreaterThanOrEqualTo(4);
    assertThat(window().statusText()).contains("usages of plugboard:sample@0.1.0/inventory.item");
    assertThat(editor().hoverAt(types.getCaretPosition()).orElseThrow()).startsWith("record item {")
        .contains("record plugboard:sample@0.1.0/inventory.item");
  }

  @Test
  void renameChangesEveryFileOfThePackage() {
    CodeArea types = openWit("types.wit");
    int at = types.getText().indexOf("record item") + "record ".length();
    clickOn(types);
    interact(() -> types.moveTo(at));
    key(KeyCode.F2);
    TextField field = lookup("#rename-field").queryAs(TextField.class);
    assertThat(field.getText()).isEqualTo("item");
    interact(() -> field.setText("stock-item"));
    interact(() -> editor().rename("stock-item"));
    assertThat(types.getText()).contains("record stock-item {", "add: func(entry: stock-item)",
        "items: func() -> list<stock-item>;");
    CodeArea worlds = lookup("#wit-editor-worlds-wit").queryAs(CodeArea.class);
    assertThat(worlds.getText()).contains("use inventory.{stock-item};", "export describe: func(item: stock-item)");
    assertThat(window().statusText()).startsWith("Renamed item to stock-item");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(lookup("#editor-tabs").queryAs(TabPane.class).getTabs()).extracting(t -> t.getText())
        .contains("● types.wit", "● worlds.wit");
  }

  @Test
  void findAndReplaceWithRegexAndUndo() {
    CodeArea area = openWit("types.wit");
    String original = area.getText();
    clickOn(area);
    key(KeyCode.CONTROL, KeyCode.H);
    assertThat(editor().findBar().isVisible()).isTrue();
    interact(() -> {
      lookup("#find-regex").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
      lookup("#find-field").queryAs(TextField.class).setText("u(32|64)");
      lookup("#replace-field").queryAs(TextField.class).setText("s$1");
    });
    assertThat(lookup("#find-status").queryAs(javafx.scene.control.Label.class).getText()).matches("\\d+ matches");
    clickOn(lookup("#replace-all").queryAs(Button.class));
    assertThat(area.getText()).doesNotContain("u32").contains("quantity: s32", "price-cents: s64");
    clickOn(area);
    key(KeyCode.CONTROL, KeyCode.Z);
    assertThat(area.getText()).isEqualTo(original);
  }

  @Test
  void bracketsIndentationAndComments() {
    CodeArea area = openWit("worlds.wit");
    clickOn(area);
    interact(() -> area.moveTo(area.getLength()));
    write("interface extra ");
    key(KeyCode.SHIFT, KeyCode.BRACELEFT);
    assertThat(area.getText()).endsWith("interface extra {}");
    key(KeyCode.ENTER);
    assertThat(area.getText()).endsWith("interface extra {\n  \n}");
    write("f: func(a: list");
    key(KeyCode.SHIFT, KeyCode.COMMA);
    assertThat(area.getText()).contains("f: func(a: list<>)");
    int lt = area.getText().indexOf("list<") + 4;
    assertThat(area.getStyleOfChar(lt)).contains("bracket-match");
    int line = area.getText().lastIndexOf("f: func");
    interact(() -> area.moveTo(line));
    key(KeyCode.CONTROL, KeyCode.SLASH);
    assertThat(area.getText()).contains("  // f: func(a: list<>)");
    key(KeyCode.CONTROL, KeyCode.SLASH);
    assertThat(area.getText()).contains("\n  f: func(a: list<>)");
  }

  @Test
  void aColumnOfCaretsEditsEveryLine() {
    CodeArea area = openWit("types.wit");
    String original = area.getText();
    int line = original.indexOf("    warehouse,");
    clickOn(area);
    interact(() -> area.moveTo(line + 4));
    key(KeyCode.ALT, KeyCode.SHIFT, KeyCode.DOWN);
    key(KeyCode.ALT, KeyCode.SHIFT, KeyCode.DOWN);
    assertThat(editor().caretCount()).isEqualTo(3);
    write("x-");
    assertThat(area.getText()).contains("    x-warehouse,\n    x-store-front,\n    x-in-transit,");
    key(KeyCode.BACK_SPACE);
    key(KeyCode.BACK_SPACE);
    assertThat(area.getText()).isEqualTo(original);
    key(KeyCode.ESCAPE);
    assertThat(editor().caretCount()).isEqualTo(1);
  }

  @Test
  void externalChangesReloadOrAsk() throws Exception {
    CodeArea area = openWit("worlds.wit");
    Path file = config.resolve("sample-workspace/wit/worlds.wit");
    Files.writeString(file, Files.readString(file) + "\n// added elsewhere\n");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    interact(() -> window().checkExternalChanges());
    assertThat(area.getText()).endsWith("// added elsewhere\n");
    assertThat(selectedTab()).isEqualTo("worlds.wit");

    interact(() -> area.appendText("// mine\n"));
    Files.writeString(file, "// replaced elsewhere\n");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 9000));
    javafx.application.Platform.runLater(() -> window().checkExternalChanges());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("Keep My Edits").queryAll().stream()
        .anyMatch(n -> n.isVisible() && n.getScene() != null && n.getScene().getWindow() != null
            && n.getScene().getWindow().isShowing()));
    assertThat(lookup("Keep My Edits").queryAll().stream().filter(n -> n instanceof Button)).hasSize(1);
    interact(() -> lookup("Keep My Edits").queryAll().stream().filter(n -> n instanceof Button).findFirst()
        .map(n -> (Button) n).orElseThrow().fire());
    assertThat(area.getText()).endsWith("// mine\n");
    assertThat(selectedTab()).isEqualTo("● worlds.wit");
  }

  @Test
  void aWasiPackageWithAnErrorIsColouredAndNavigable() throws Exception {
    Path http = SharedData.require("conformance/wasi-wit/0.2.9/http");
    Path copy = config.resolve("http");
    copyTree(http, copy);
    Path types = copy.resolve("types.wit");
    interact(() -> window().open(types));
    CodeArea area = lookup("#wit-editor-types-wit").queryAs(CodeArea.class);
    int at = area.getText().indexOf("{input-stream") + 1;
    interact(() -> area.moveTo(at));
    interact(() -> editor().goToDefinition());
    assertThat(selectedTab()).isEqualTo("streams.wit");
    interact(() -> window().open(types));
    int field = area.getText().indexOf("-> option<duration>");
    interact(() -> area.replaceText(field + "-> option<".length(), field + "-> option<duration".length(), "durration"));
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !window().problems().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    interact(() -> area.moveTo(field));
    interact(() -> area.requestFollowCaret());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(area.getStyleOfChar(field + "-> option<".length() + 1)).contains("error-squiggle");
    assertThat(area.getStyleOfChar(area.getText().indexOf("resource fields") + 1)).contains("keyword");
    interact(() -> stage.getScene().getRoot().applyCss());
    Path png = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> Snapshots.write(stage.getScene().getRoot(),
        "wit-editor-wasi-http")).get();
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  /**
   * A keystroke in a 5,000-line file restyles what it changed (the time it takes is measured by
   * EditorBenchmark in benchmarks/, not here).
   */
  @Test
  void aKeystrokeInAFiveThousandLineFileRestylesTheChange() throws Exception {
    StringBuilder sb = new StringBuilder("package bench:big@1.0.0;\n\n");
    int n = 0;
    while (sb.toString().lines().count() < 5_000) {
      sb.append("interface i").append(n).append(" {\n");
      for (int k = 0; k < 8; k++) {
        sb.append("  record r").append(k).append(" {\n    a: u32,\n    b: list<string>,\n    c: option<r")
            .append(k).append(">,\n  }\n");
      }
      sb.append("  f: func(x: r0) -> result<r1, string>;\n}\n\n");
      n++;
    }
    Path big = config.resolve("big/big.wit");
    Files.createDirectories(big.getParent());
    Files.writeString(big, sb.toString());
    interact(() -> window().open(big));
    CodeArea area = lookup("#wit-editor-big-wit").queryAs(CodeArea.class);
    int at = area.getText().lastIndexOf("record r7");
    assertThat(area.getStyleOfChar(at + 1)).contains("keyword");
    interact(() -> area.insertText(at, "x")); // "xrecord" is an identifier now, not a keyword
    assertThat(area.getStyleOfChar(at + 2)).doesNotContain("keyword");
    interact(() -> area.deleteText(at, at + 1));
    assertThat(area.getStyleOfChar(at + 1)).contains("keyword");
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
