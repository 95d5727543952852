package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.run.RunSession;
import dev.plugboard.app.settings.Settings.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** What a new user met, each as a test that would have caught it: first start, File › New, hovers, the Run page. */
class NewUserTest extends IdeTest {
  @TempDir Path elsewhere;

  @Override
  boolean openSample() {
    return false;
  }

  private Prompts answers(Path folder, String name) {
    return new Prompts() {
      @Override
      public Optional<Path> folder(String title, Path initial) {
        return Optional.of(folder);
      }

      @Override
      public Optional<Path> file(String title, Path initial) {
        return Optional.empty();
      }

      @Override
      public Optional<String> name(String title, String initial) {
        return Optional.of(name);
      }
    };
  }

  @Test
  void aFirstStartOpensTheSampleAndWithNoWorkspaceTheWelcomePageNotABlankWindow() throws Exception {
    assertThat(firstStartWorkspace).isNotNull();
    assertThat(firstStartWorkspace.root()).isEqualTo(config.resolve("sample-workspace"));
    assertThat(stage.getIcons()).as("the window's icon, at four sizes").hasSize(4);
    // the set-up closed it (File › Close Workspace): the welcome page, not a blank window
    assertThat(window().welcomeShown()).isTrue();
    assertThat(window().workspaceProperty().get()).isNull();
    assertThat(lookup("#welcome").tryQuery()).isPresent();
    for (String id : new String[] {"#welcome-open-folder", "#welcome-open-sample", "#welcome-open-file",
        "#welcome-new-wit", "#welcome-new-wac", "#welcome-new-component"}) {
      assertThat(lookup(id).tryQuery()).as(id).isPresent();
    }
    clickOn("#welcome-open-sample");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().welcomeShown()).isFalse();
    assertThat(window().workspaceProperty().get().root()).isEqualTo(config.resolve("sample-workspace"));
    // an empty editor area says what to do
    assertThat(lookup("#editor-hint").queryAs(Label.class).isVisible()).isTrue();

    // the workspace is now a recent one, listed on the welcome page after File › Close Workspace
    interact(() -> window().actions().run("file.close-workspace"));
    assertThat(window().welcomeShown()).isTrue();
    assertThat(lookup("#welcome-recent .hyperlink").queryAll()).hasSize(1);
  }

  @Test
  void fileNewMakesAWitPackageACompositionAndAComponent() throws Exception {
    interact(() -> window().setPrompts(answers(elsewhere, "hello-pkg")));
    clickOn("#welcome-new-wit");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window().openFiles().isEmpty());
    Path wit = elsewhere.resolve("hello-pkg/hello-pkg.wit").toAbsolutePath().normalize();
    assertThat(window().workspaceProperty().get().root()).isEqualTo(elsewhere.toAbsolutePath().normalize());
    assertThat(window().openFiles()).containsExactly(wit);
    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS); // the checker's first pass
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().problems()).isEmpty();

    interact(() -> window().setPrompts(answers(elsewhere, "my-mix")));
    interact(() -> window().actions().run("file.new-composition"));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window().openFiles().size() == 2);
    assertThat(window().currentPageIds()).containsExactly("graph", "text");
    assertThat(window().currentPage().orElseThrow().id()).isEqualTo("graph");
    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window().problems()).isEmpty();

    Path built = await(() -> window().newComponent(elsewhere, "adder"));
    assertThat(built).isEqualTo(elsewhere.resolve("adder/adder.wasm"));
    assertThat(Files.size(built)).isGreaterThan(8);
    assertThat(window().consoleText()).contains("plugboard new ").contains("component of local:adder");
    openAndWait(built);
    interact(() -> window().showPage("run"));
    javafx.scene.control.TextField call = lookup("#run-call").queryAs(javafx.scene.control.TextField.class);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> call.getText().startsWith("add("));
    interact(() -> call.setText("add(40, 2)"));
    clickOn("#run-button");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window().runHistory().isEmpty());
    assertThat(window().runHistory().getFirst().outcome().text()).isEqualTo("42");

    // a name that is not kebab-case is refused with a one-line reason
    await(() -> window().newWitPackage(elsewhere, "Not A Name"));
    assertThat(window().statusText()).startsWith("cannot create: \"Not A Name\" is not a kebab-case name");
  }

  private static double contrast(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(Color c) {
    java.util.function.DoubleUnaryOperator ch = v -> v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    return 0.2126 * ch.applyAsDouble(c.getRed()) + 0.7152 * ch.applyAsDouble(c.getGreen())
        + 0.0722 * ch.applyAsDouble(c.getBlue());
  }

  /** The hover popup has a border and readable text on its own background, in both themes (WIT and WAC pages). */
  @Test
  void hoverPopupsAreStyledAndReadableInBothThemes() throws Exception {
    interact(() -> window().openSampleWorkspace());
    openAndWait(config.resolve("sample-workspace/wit/worlds.wit"));
    CodeArea area = lookup("#wit-editor-worlds-wit").queryAs(CodeArea.class);
    int at = area.getText().indexOf("greet") + 1;
    for (Theme theme : Theme.values()) {
      interact(() -> Themes.apply(theme));
      interact(() -> window().current(WitPage.class).orElseThrow().editor().showHover(at));
      var popup = window().current(WitPage.class).orElseThrow().editor().hoverPopup();
      WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, popup::isShowing);
      checkReadable(theme, (Region) popup.getContent().getFirst());
      interact(popup::hide);
    }
    interact(() -> Themes.apply(Theme.LIGHT));
  }

  private void checkReadable(Theme theme, Region box) {
    interact(() -> {
      box.applyCss();
      box.layout();
    });
    Labeled label = (Labeled) box.lookup("#hover-text");
    assertThat(label.getText()).isNotBlank();
    assertThat(box.getBackground()).as(theme + ": background").isNotNull();
    Color bg = (Color) box.getBackground().getFills().getLast().getFill();
    assertThat(bg.getOpacity()).as(theme + ": opaque background").isEqualTo(1.0);
    assertThat(box.getBorder()).as(theme + ": border").isNotNull();
    assertThat(box.getBorder().getStrokes()).isNotEmpty();
    Color fg = (Color) label.getTextFill();
    assertThat(contrast(fg, bg)).as(theme + ": " + fg + " on " + bg).isGreaterThan(4.5);
  }

  /** At 1280×800 the output gets most of the page; at 800×560 nothing is cut and the page scrolls. */
  @Test
  void theRunPageIsUsableAtBothSizes() throws Exception {
    interact(() -> window().openSampleWorkspace());
    openAndWait(config.resolve("sample-workspace/components/greeter/greeter.wasm"));
    interact(() -> window().showPage("run"));
    interact(() -> {
      stage.setWidth(1280);
      stage.setHeight(800);
    });
    WaitForAsyncUtils.waitForFxEvents();
    Region output = lookup("#run-output").queryAs(Region.class);
    assertThat(output.getHeight()).as("output height at 1280x800").isGreaterThan(250);
    interact(() -> {
      stage.setWidth(800);
      stage.setHeight(560);
    });
    WaitForAsyncUtils.waitForFxEvents();
    interact(() -> stage.getScene().getRoot().layout());
    for (Labeled l : lookup("#run-panel .label").queryAllAs(Labeled.class)) {
      if (l.isVisible() && !l.getText().isEmpty()) {
        assertThat(l.isTextTruncated()).as("\"" + l.getText() + "\" at 800x560").isFalse();
      }
    }
    assertThat(output.getHeight()).as("output height at 800x560").isGreaterThanOrEqualTo(160);
    // the tree and the tool windows shrink with the window: the editors keep most of the room
    Region editors = lookup("#editor-tabs").queryAs(Region.class);
    assertThat(editors.getWidth()).as("editor width at 800x560").isGreaterThan(0.5 * 800);
    assertThat(editors.getHeight()).as("editor height at 800x560").isGreaterThan(0.5 * 560);
    interact(() -> {
      stage.setWidth(1280);
      stage.setHeight(800);
    });
  }

  /** What the user types while the component loads stays: the template only fills an empty call. */
  @Test
  void typingWhileAComponentLoadsIsNeverReplaced() throws Exception {
    byte[] greeter = Files.readAllBytes(SampleFiles.greeter(config));
    CountDownLatch loaded = new CountDownLatch(1);
    var executor = Executors.newSingleThreadExecutor();
    RunPanel[] panel = new RunPanel[1];
    interact(() -> {
      panel[0] = new RunPanel(() -> {
        try {
          loaded.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return RunSession.of(greeter, "greeter.wasm", Duration.ofSeconds(10));
      }, executor, o -> {});
      Stage s = new Stage();
      s.setScene(new Scene(panel[0].root, 800, 500));
      s.show();
      panel[0].activate();
    });
    clickOn(panel[0].call);
    write("count-vowels(\"typed early\")");
    loaded.countDown();
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !panel[0].functions.getItems().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(panel[0].call.getText()).isEqualTo("count-vowels(\"typed early\")");
    // choosing a function later fills its template only over an empty call
    interact(() -> panel[0].call.clear());
    interact(() -> panel[0].functions.setValue(panel[0].functions.getItems().get(1)));
    assertThat(panel[0].call.getText()).isEqualTo("count-vowels(\"\")");
    interact(() -> panel[0].functions.setValue(panel[0].functions.getItems().get(0)));
    assertThat(panel[0].call.getText()).isEqualTo("greet(\"\")");
    executor.shutdownNow();
  }
}
