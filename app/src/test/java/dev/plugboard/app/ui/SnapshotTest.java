package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.settings.Settings.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * PNG snapshots of each main view in both themes at 1280×800 and 1920×1080, under
 * {@code target/snapshots/}, for review (docs/user-guide.md says how to look at them).
 */
class SnapshotTest extends IdeTest {
  @Override
  boolean openSample() {
    return false;
  }

  private final List<Path> written = new ArrayList<>();

  private void shoot(String view) throws Exception {
    for (Theme theme : Theme.values()) {
      interact(() -> Themes.apply(theme));
      for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
        WaitForAsyncUtils.waitForFxEvents();
        String name = view + "-" + theme.name().toLowerCase(java.util.Locale.ROOT) + "-" + size[0] + "x" + size[1];
        // the headless platform's screen is 1000x1000 and its windows cannot be taller: lay the scene's
        // root out at the size instead, snapshot it, and let the next pulse fit it to the window again
        written.add(WaitForAsyncUtils.asyncFx(() -> {
          javafx.scene.Parent root = stage.getScene().getRoot();
          root.applyCss();
          root.resize(size[0], size[1]);
          root.layout();
          window().toolWindows().resetDividers(); // as a window opened at this size would have them
          root.layout();
          root.layout();
          return Snapshots.write(root, name);
        }).get());
      }
    }
    interact(() -> Themes.apply(Theme.LIGHT));
  }

  @Test
  void eachMainViewInBothThemesAtTwoSizes() throws Exception {
    shoot("welcome");
    interact(() -> window().openSampleWorkspace());
    openAndWait(config.resolve("sample-workspace/wit/worlds.wit"));
    shoot("wit-editor");
    openAndWait(config.resolve("sample-workspace/compose/loud-greeting.wac"));
    interact(() -> window().showPage("text"));
    shoot("wac-text");
    openAndWait(config.resolve("sample-workspace/components/greeter/greeter.wasm"));
    shoot("wasm-overview");
    interact(() -> window().showPage("wit"));
    shoot("wasm-wit");
    interact(() -> window().showPage("run"));
    javafx.scene.control.TextField call = lookup("#run-call").queryAs(javafx.scene.control.TextField.class);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !call.getText().isEmpty());
    interact(() -> call.setText("greet(\"snapshot\")"));
    interact(() -> lookup("#run-button").queryButton().fire());
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window().runHistory().isEmpty());
    interact(() -> window().toolWindows().show("run-history"));
    shoot("run-page");
    interact(() -> window().actions().run("view.palette"));
    write("tool");
    shoot("command-palette");
    for (Path p : written) {
      assertThat(Files.size(p)).as(p.toString()).isGreaterThan(10_000);
    }
    assertThat(written).hasSize(7 * 4);
  }
}
