package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.cli.WasiGuests;
import dev.plugboard.app.run.RunSession;
import dev.plugboard.app.settings.Settings.Theme;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Run page with run configurations, driven as a user would: a command runs with its output
 * streaming into the Console, a configuration edited on the page is saved to {@code
 * .plugboard/run.json} and read back, what it grants reaches the guest, an endless writer is
 * stopped while the window stays responsive, and a broken {@code run.json} is a Problem.
 */
class RunConfigPageTest extends IdeTest {
  @RegisterExtension final WasiGuests guests = new WasiGuests();

  private Path workspace() {
    return config.resolve("sample-workspace");
  }

  /** A guest built from {@code wasi-guests/NAME.wat}, copied into the workspace. */
  private Path guest(String name, String world) throws Exception {
    Path target = workspace().resolve("guests/" + name + ".wasm");
    Files.createDirectories(target.getParent());
    Files.copy(Path.of(guests.build(name, world)), target);
    return target;
  }

  /** Opens {@code file} on its Run page and waits until it is loaded. */
  private RunPanel openRunPage(Path file) throws Exception {
    openAndWait(file);
    interact(() -> window().showPage("run"));
    Button run = lookup("#run-main").queryButton();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> run.isVisible() && !run.isDisabled());
    WaitForAsyncUtils.waitForFxEvents();
    RunPanel panel = ((WasmPages.Run) window().currentPage().orElseThrow()).panel();
    return panel;
  }

  @SuppressWarnings("unchecked")
  private ListView<RunSession.Outcome> outcomes() {
    return lookup("#run-output").queryAs(ListView.class);
  }

  private RunSession.Outcome nextOutcome(int before) throws Exception {
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> outcomes().getItems().size() > before);
    WaitForAsyncUtils.waitForFxEvents();
    return outcomes().getItems().getLast();
  }

  private void expandConfiguration() {
    TitledPane pane = lookup("#run-config").queryAs(TitledPane.class);
    if (!pane.isExpanded()) {
      clickOn(pane.lookup(".title"));
    }
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(pane.isExpanded()).isTrue();
  }

  private void type(String id, String text) {
    TextInputControl field = lookup(id).queryAs(TextInputControl.class);
    interact(() -> {
      field.requestFocus();
      field.selectAll();
    });
    write(text);
  }

  @Test
  void cHelloRunsWithItsOutputStreamedIntoTheConsoleStderrSetApart() throws Exception {
    Path hello = workspace().resolve("guests/c-hello.wasm");
    Files.createDirectories(hello.getParent());
    Files.copy(SharedData.require("fixtures/components/c-hello.wasm"), hello);
    openRunPage(hello);
    int before = outcomes().getItems().size();
    clickOn("#run-main");
    RunSession.Outcome o = nextOutcome(before);
    assertThat(o.call()).isEqualTo("wasi:cli/run");
    assertThat(o.text()).isEqualTo("exit: 0");
    String console = window().consoleText();
    assertThat(console).contains("Hello from C, world!\n").contains("this line goes to stderr\n")
        .contains("c-hello.wasm: wasi:cli/run → exit: 0");
    assertThat(window().toolWindows().isShown("console")).as("the Console is shown when a run starts").isTrue();
    ConsoleView view = window().console();
    int err = console.indexOf("this line goes to stderr");
    int out = console.indexOf("Hello from C, world!");
    assertThat(view.area().getStyleAtPosition(err + 1)).containsExactly(ConsoleView.STDERR);
    assertThat(view.area().getStyleAtPosition(out + 1)).containsExactly(ConsoleView.STDOUT);
  }

  @Test
  void aConfigurationEditedOnThePageIsSavedReachesTheGuestAndIsReadBackAfterReopening() throws Exception {
    Path printenv = guest("printenv", "printenv");
    Files.createDirectories(workspace().resolve("data"));
    openRunPage(printenv);
    assertThat(lookup("#run-config").queryAs(TitledPane.class).getText()).endsWith("sandbox, nothing granted");
    expandConfiguration();
    type("#run-args", "one \"two words\"");
    type("#run-env", "GREETING=hi\nPLUGBOARD_TEST_UNSET_VARIABLE");
    type("#run-dirs", "data::/data");
    Path saved = workspace().resolve(".plugboard/run.json");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(saved)
        && Files.readString(saved).contains("data::/data"));
    assertThat(lookup("#run-config-message").queryLabeled().getText()).startsWith("Saved in .plugboard/run.json");
    assertThat(lookup("#run-command-line").queryAs(TextInputControl.class).getText()).isEqualTo("plugboard run guests/printenv.wasm "
        + "--dir data::/data --env GREETING=hi --env PLUGBOARD_TEST_UNSET_VARIABLE -- one 'two words'");

    int before = outcomes().getItems().size();
    clickOn("#run-main");
    RunSession.Outcome o = nextOutcome(before);
    assertThat(o.text()).isEqualTo("exit: 0");
    assertThat(o.output()).isEqualTo("arg printenv.wasm\narg one\narg two words\nenv GREETING=hi\n");
    assertThat(window().consoleText()).contains("arg printenv.wasm\narg one\narg two words\nenv GREETING=hi\n");

    // a directory that is not one is said at once, and refused when run
    type("#run-dirs", "missing");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(lookup("#run-config-message").queryLabeled().getText()).isEqualTo("--dir: missing: not a directory");
    before = outcomes().getItems().size();
    clickOn("#run-main");
    assertThat(nextOutcome(before).text()).isEqualTo("error: run configuration: --dir: missing: not a directory");
    type("#run-dirs", "data::/data");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.readString(saved).contains("data::/data"));

    interact(() -> window().closeWorkspace());
    interact(() -> window().openWorkspace(workspace()));
    openRunPage(printenv);
    assertThat(lookup("#run-args").queryAs(TextInputControl.class).getText()).isEqualTo("one 'two words'");
    assertThat(lookup("#run-env").queryAs(TextInputControl.class).getText())
        .isEqualTo("GREETING=hi\nPLUGBOARD_TEST_UNSET_VARIABLE");
    assertThat(lookup("#run-dirs").queryAs(TextInputControl.class).getText()).isEqualTo("data::/data");
    assertThat(lookup("#run-config").queryAs(TitledPane.class).getText())
        .isEqualTo("Run configuration: 2 arguments, 2 variables, 1 directory");
  }

  @Test
  void aGuestWritingForeverIsStoppedAndTheWindowStaysResponsive() throws Exception {
    Path flood = guest("flood", "guest");
    RunPanel panel = openRunPage(flood);
    int before = outcomes().getItems().size();
    clickOn("#run-main");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window().consoleText().contains("y\ny\ny\ny\n"));
    assertThat(panel.runningProperty().get()).isTrue();
    assertThat(lookup("#run-status").queryLabeled().getText()).startsWith("Running wasi:cli/run");
    assertThat(lookup("#run-main").queryButton().isDisabled()).isTrue();
    // the window answers while the guest floods the Console: typing reaches a field
    clickOn("#run-call");
    write("typed while running");
    assertThat(lookup("#run-call").queryAs(TextInputControl.class).getText()).endsWith("typed while running");
    assertThat(window().consoleText().length()).isLessThanOrEqualTo(ConsoleView.MAX_CHARS);
    clickOn("#run-stop");
    RunSession.Outcome o = nextOutcome(before);
    assertThat(o.text()).isEqualTo("stopped (the instance was discarded)");
    assertThat(panel.runningProperty().get()).isFalse();
    assertThat(lookup("#run-stop").queryButton().isDisabled()).isTrue();
    // the page goes on: a call on a fresh instance, ended by a timeout from the configuration
    expandConfiguration();
    type("#run-timeout", "300ms");
    before = outcomes().getItems().size();
    clickOn("#run-main");
    assertThat(nextOutcome(before).text()).startsWith("trap: timed out after 300 ms");
  }

  /** Run › Run Guest (Shortcut+R) and Run › Stop Guest (Shortcut+F2) act on the Run page shown. */
  @Test
  void theRunMenusShortcutsRunAndStopTheGuest() throws Exception {
    Path flood = guest("flood", "guest");
    RunPanel panel = openRunPage(flood);
    int before = outcomes().getItems().size();
    push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.R);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> panel.runningProperty().get());
    push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.F2);
    assertThat(nextOutcome(before).text()).isEqualTo("stopped (the instance was discarded)");
    assertThat(panel.runningProperty().get()).isFalse();
  }

  @Test
  void aMalformedRunJsonIsAProblemAtItsLineAndIsLeftAlone() throws Exception {
    Path printenv = guest("printenv", "printenv");
    Path saved = workspace().resolve(".plugboard/run.json");
    Files.createDirectories(saved.getParent());
    String broken = "{\n  \"components\": {\n    \"guests/printenv.wasm\": {\"args\": [\"x\",]}\n  }\n}\n";
    Files.writeString(saved, broken);
    openRunPage(printenv);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window().problems().stream()
        .anyMatch(p -> p.file().endsWith("run.json")));
    Problem p = window().problems().stream().filter(q -> q.file().endsWith("run.json")).findFirst().orElseThrow();
    assertThat(p.location()).isInstanceOfSatisfying(Location.Text.class, t -> {
      assertThat(t.line()).isEqualTo(3);
      assertThat(t.column()).isEqualTo(43);
    });
    assertThat(lookup("#run-config-message").queryLabeled().getText()).startsWith(".plugboard/run.json:3:43: ");
    // the page still runs, with the defaults; an edit is used but never written over the file
    expandConfiguration();
    type("#run-args", "edited");
    int before = outcomes().getItems().size();
    clickOn("#run-main");
    assertThat(nextOutcome(before).output()).isEqualTo("arg printenv.wasm\narg edited\n");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#run-config-message").queryLabeled().getText()
        .endsWith("these settings are used but not saved"));
    assertThat(Files.readString(saved)).isEqualTo(broken);
  }

  @Test
  void snapshotsOfTheRunPageWithItsConfigurationInBothThemes() throws Exception {
    Path printenv = guest("printenv", "printenv");
    Files.createDirectories(workspace().resolve("data"));
    openRunPage(printenv);
    expandConfiguration();
    type("#run-args", "--verbose \"Ada Lovelace\"");
    type("#run-env", "GREETING=hi\nHOME");
    type("#run-dirs", "data::/data");
    type("#run-http", "example.com:443");
    clickOn("#run-main");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !outcomes().getItems().isEmpty());
    for (Theme theme : Theme.values()) {
      interact(() -> Themes.apply(theme));
      for (int[] size : new int[][] {{1280, 800}, {800, 560}}) {
        String name = "run-config-" + theme.name().toLowerCase(java.util.Locale.ROOT) + "-" + size[0] + "x" + size[1];
        Path png = WaitForAsyncUtils.asyncFx(() -> {
          javafx.scene.Parent root = stage.getScene().getRoot();
          root.applyCss();
          root.resize(size[0], size[1]);
          root.layout();
          window().toolWindows().resetDividers();
          root.layout();
          return Snapshots.write(root, name);
        }).get();
        assertThat(Files.size(png)).isGreaterThan(10_000);
      }
    }
    interact(() -> Themes.apply(Theme.LIGHT));
  }
}
