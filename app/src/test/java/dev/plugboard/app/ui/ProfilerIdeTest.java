package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.cli.Cli;
import dev.plugboard.app.settings.Settings.Theme;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.profile.Profile;
import dev.plugboard.profile.ProfileJson;
import dev.plugboard.profile.ui.FunctionTable;
import dev.plugboard.profile.ui.ProfilerView;
import dev.plugboard.runtime.trace.CallStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The profiler in the IDE: the Run page feeds the Profiler tool window, the Profile page runs and
 * stops a load, saves and compares profiles, and saved profiles (also the CLI's) open from the tree.
 */
class ProfilerIdeTest extends IdeTest {
  private Path greeter() {
    return config.resolve("sample-workspace/components/greeter/greeter.wasm");
  }

  private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private Optional<CallStats> row(FunctionTable table, String function) {
    return table.getItems().stream().filter(s -> s.function().equals(function)).findFirst();
  }

  private void runOnRunPage(String call) throws Exception {
    int before = window().runHistory().size();
    TextField field = lookup("#run-call").queryAs(TextField.class);
    interact(() -> field.setText(call));
    clickOn("#run-button");
    waitUntil(() -> window().runHistory().size() == before + 1);
  }

  @Test
  void callsOnTheRunPageFillTheProfilerToolWindowAndASelectedFunctionShowsItsHistogram() throws Exception {
    openAndWait(greeter());
    interact(() -> window().showPage("run"));
    TextField call = lookup("#run-call").queryAs(TextField.class);
    waitUntil(() -> !call.getText().isEmpty());
    interact(() -> window().toolWindows().show("profiler"));
    ProfilerView view = window().profiler().view();
    assertThat(view.profileProperty().get()).isNull();

    runOnRunPage("greet(\"ada\")");
    waitUntil(() -> row(view.functionTable(), "greet").isPresent());
    assertThat(row(view.functionTable(), "greet").orElseThrow().calls()).isEqualTo(1);
    assertThat(view.profileProperty().get().source()).isEqualTo("greeter.wasm");

    runOnRunPage("greet(\"grace\")");
    runOnRunPage("greet(\"edsger\")");
    waitUntil(() -> row(view.functionTable(), "greet").orElseThrow().calls() == 3);
    assertThat(view.profileProperty().get().workload()).isEqualTo("3 calls from the Run page");
    assertThat(view.profileProperty().get().events()).as("exact mode keeps the calls for the timeline").isNotEmpty();

    // select the function as a user would: its histogram holds its three calls
    assertThat(view.histogram().buckets()).isEmpty();
    Node cell = lookup("#profiler-tool #profile-functions .table-row-cell").match(n -> n instanceof javafx.scene.control.TableRow<?> r
        && r.getItem() instanceof CallStats s && s.function().equals("greet")).query();
    clickOn(cell, MouseButton.PRIMARY);
    waitUntil(() -> !view.histogram().buckets().isEmpty());
    assertThat(view.histogram().buckets().stream().mapToLong(b -> b[1]).sum()).isEqualTo(3);

    // another call keeps the selection, and the histogram follows it
    runOnRunPage("greet(\"barbara\")");
    waitUntil(() -> view.histogram().buckets().stream().mapToLong(b -> b[1]).sum() == 4);
    shoot("profiler-tool-window");
  }

  @Test
  void aLoadRunOnTheProfilePageStopsSavesAndCompares() throws Exception {
    openAndWait(greeter());
    var pages = lookup("#wasm-pages").queryAs(javafx.scene.control.TabPane.class);
    assertThat(pages.getTabs()).extracting(t -> t.getText())
        .containsExactly("Overview", "WIT", "Sections", "Run", "Profile");
    interact(() -> window().showPage("profile"));
    ProfilePages.ComponentProfile page = (ProfilePages.ComponentProfile) window().currentPage().orElseThrow();
    TextField call = lookup("#load-run-call").queryAs(TextField.class);
    waitUntil(() -> !call.getText().isEmpty());
    assertThat(call.getText()).startsWith("greet(");

    interact(() -> {
      call.setText("greet(\"item-{n}\")");
      lookup("#load-run-amount").queryAs(TextField.class).setText("100000000");
    });
    clickOn("#load-run-start");
    waitUntil(() -> row(page.loadRun().table(), "greet").isPresent());
    clickOn("#load-run-stop");
    waitUntil(() -> !page.loadRun().runningProperty().get());
    Profile result = page.loadRun().resultProperty().get();
    long calls = row(page.view().functionTable(), "greet").orElseThrow().calls();
    assertThat(calls).isPositive().isLessThan(100_000_000);
    assertThat(lookup("#load-run-status").queryAs(Label.class).getText()).startsWith("Stopped after");
    assertThat(page.view().profileProperty().get()).isSameAs(result);
    assertThat(row(window().profiler().view().functionTable(), "greet").orElseThrow().calls())
        .as("a load run feeds the Profiler tool window too").isEqualTo(calls);
    shoot("profile-page");

    // Save Profile… asks for a name (answered here) and writes it beside the component
    window().setPrompts(answering("before"));
    clickOn("#profile-save");
    Path saved = greeter().resolveSibling("before.profile.json");
    assertThat(saved).exists();
    assertThat(ProfileJson.load(saved).function(row(page.view().functionTable(), "greet").orElseThrow().key()).orElseThrow().calls()).isEqualTo(calls);

    // Compare with… the saved one: same function, both sides
    window().setPrompts(answering(saved));
    clickOn("#profile-compare-with");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(page.compare().getItems()).anySatisfy(r -> {
      assertThat(r.function()).contains("greet");
      assertThat(r.before().calls()).isEqualTo(calls);
      assertThat(r.after().calls()).isEqualTo(calls);
    });
    assertThat(page.results().getSelectionModel().getSelectedItem().getText()).isEqualTo("Compare with before.profile.json");
  }

  @Test
  void aProfileWrittenByTheCliOpensFromTheTreeAndADamagedOneShowsWhere() throws Exception {
    Path target = config.resolve("sample-workspace/cli-run.profile.json");
    assertThat(Cli.create(null).execute("profile", greeter().toString(), "--invoke", "greet(\"x-{n}\")",
        "--repeat", "25", "--format", "json", "-o", target.toString())).isZero();
    interact(() -> window().refreshTree());
    WaitForAsyncUtils.waitForFxEvents();
    Node cell = lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && "cli-run.profile.json".equals(c.getText()))
        .query();
    assertThat(cell.getStyleClass()).contains("tree-profile");
    doubleClickOn(cell, MouseButton.PRIMARY);
    waitUntil(() -> window().currentPage().map(Page::id).orElse("").equals("profile"));
    ProfilerView view = lookup("#saved-profile").queryAs(ProfilerView.class);
    assertThat(row(view.functionTable(), "greet").orElseThrow().calls()).isEqualTo(25);
    assertThat(view.profileProperty().get().source()).isEqualTo("greeter.wasm");

    Path broken = config.resolve("sample-workspace/broken.profile.json");
    Files.writeString(broken, "{\n  \"format\": oops\n}\n");
    openAndWait(broken);
    Label error = lookup("#saved-profile-error").queryAs(Label.class);
    assertThat(error.getText()).startsWith("broken.profile.json:2:").contains("not JSON");
    Problem problem = window().problems().stream().filter(p -> p.file().equals(broken)).findFirst().orElseThrow();
    assertThat(problem.source()).isEqualTo(Problem.Source.PROFILE);
    String text = Files.readString(broken);
    assertThat(problem.location()).isInstanceOfSatisfying(Location.Text.class, t -> {
      assertThat(t.line()).isEqualTo(2);
      assertThat(text.substring(t.start())).startsWith("oops");
    });
  }

  private static Prompts answering(Object answer) {
    return new Prompts() {
      @Override
      public Optional<Path> folder(String title, Path initial) {
        return Optional.empty();
      }

      @Override
      public Optional<Path> file(String title, Path initial) {
        return answer instanceof Path p ? Optional.of(p) : Optional.empty();
      }

      @Override
      public Optional<String> name(String title, String initial) {
        assertThat(initial).endsWith(".profile.json");
        return answer instanceof String s ? Optional.of(s) : Optional.empty();
      }
    };
  }

  /** PNGs of the window in both themes, under target/snapshots/. */
  private void shoot(String view) throws Exception {
    List<Path> written = new ArrayList<>();
    for (Theme theme : Theme.values()) {
      interact(() -> Themes.apply(theme));
      WaitForAsyncUtils.waitForFxEvents();
      String name = view + "-" + theme.name().toLowerCase(java.util.Locale.ROOT) + "-1280x800";
      written.add(WaitForAsyncUtils.asyncFx(() -> {
        javafx.scene.Parent root = stage.getScene().getRoot();
        root.applyCss();
        root.resize(1280, 800);
        root.layout();
        window().toolWindows().resetDividers();
        root.layout();
        root.layout();
        return Snapshots.write(root, name);
      }).get());
    }
    interact(() -> Themes.apply(Theme.LIGHT));
    for (Path p : written) {
      assertThat(Files.size(p)).as(p.toString()).isGreaterThan(10_000);
    }
  }
}
