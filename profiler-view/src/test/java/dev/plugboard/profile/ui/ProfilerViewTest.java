package dev.plugboard.profile.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.plugboard.profile.Profile;
import dev.plugboard.profile.ProfileJson;
import dev.plugboard.profile.Runs;
import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.runtime.trace.TraceRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The profiler's views, headless, fed with real profiles of real components. */
class ProfilerViewTest extends FxRobot {
  private static final String ECHO = "example:bench/echo@0.1.0#echo";
  @TempDir Path tmp;
  Stage stage;

  @BeforeEach
  void stage() throws Exception {
    stage = FxToolkit.registerPrimaryStage();
    interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
  }

  @AfterEach
  void cleanup() throws Exception {
    FxToolkit.cleanupStages();
  }

  private void show(Parent root) {
    interact(() -> {
      stage.setScene(new Scene(root, 1100, 700));
      stage.show();
    });
  }

  private static Path snapshot(Node node, String name) throws Exception {
    WritableImage image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get();
    Path file = Path.of(System.getProperty("plugboard.snapshots", "target/snapshots")).resolve(name + ".png");
    Files.createDirectories(file.getParent());
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    return file;
  }

  private static Profile pump() throws Exception {
    return Runs.profile(Runs.fixture("composed-bench-echo"), "pump(5, 1024)", 4, TraceRecorder.Mode.EXACT);
  }

  private void clickCell(String text) {
    Node cell = lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c && text.equals(c.getText())
        && n.getScene() != null).query();
    clickOn(cell);
  }

  @Test
  void aRealProfileFillsTheTableAndASelectedFunctionShowsItsHistogram() throws Exception {
    ProfilerView view = new ProfilerView();
    show(view);
    Profile p = pump();
    interact(() -> view.setProfile(p));
    FunctionTable table = view.functionTable();
    assertThat(table.getItems()).hasSize(2);
    // sorted by total time, costliest first: pump contains the echoes
    assertThat(table.getItems().getFirst().function()).isEqualTo("pump");
    clickCell("composed-bench-echo.wasm/echo." + ECHO);
    CallStats selected = table.selectedProperty().get();
    assertThat(selected.function()).isEqualTo(ECHO);
    assertThat(view.histogram().buckets().stream().mapToLong(b -> b[1]).sum()).isEqualTo(20);
    interact(() -> {});
    snapshot(view, "profiler-light");

    interact(() -> view.details().getSelectionModel().select(1));
    assertThat(view.flame().boxesDrawn()).isEqualTo(3); // host, pump, echo
    snapshot(view, "profiler-call-tree");
    interact(() -> view.details().getSelectionModel().select(2));
    assertThat(view.timeline().barsDrawn()).isEqualTo(24);
    interact(() -> view.timeline().zoomProperty().set(8));
    assertThat(view.timeline().barsDrawn()).isLessThan(24);
    snapshot(view, "profiler-timeline-zoomed");

    interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
    interact(() -> view.details().getSelectionModel().select(0));
    snapshot(view, "profiler-dark");
  }

  @Test
  void inANarrowToolWindowEveryColumnHeaderStaysReadable() throws Exception {
    FunctionTable table = new FunctionTable();
    interact(() -> {
      stage.setScene(new Scene(table, 560, 160)); // a bottom tool window beside the histogram at 1280×800
      stage.show();
    });
    Profile p = pump();
    interact(() -> table.setProfile(p));
    WaitForAsyncUtils.waitForFxEvents();
    var headers = lookup(".column-header .label").queryAllAs(javafx.scene.control.Label.class);
    assertThat(headers).hasSize(table.getColumns().size());
    for (var label : headers) {
      // the whole title fits: JavaFX would otherwise draw it cut to "…"
      assertThat(label.prefWidth(-1)).as(label.getText()).isLessThanOrEqualTo(label.getWidth() + 0.5);
    }
    // and so do the figures
    var cells = lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class);
    for (var cell : cells) {
      if (cell.getText() != null && !cell.getText().isEmpty() && cell.getTableColumn() != table.getColumns().getFirst()) {
        assertThat(cell.prefWidth(-1)).as(cell.getText()).isLessThanOrEqualTo(cell.getWidth() + 0.5);
      }
    }
  }

  @Test
  void columnsSortByTheirNumbers() throws Exception {
    ProfilerView view = new ProfilerView();
    show(view);
    Profile p = pump();
    interact(() -> view.setProfile(p));
    // (a robot click on a column header does not sort under the headless glass robot, so sort as the header would)
    var table = view.functionTable();
    var calls = table.getColumns().get(1);
    interact(() -> {
      calls.setSortType(javafx.scene.control.TableColumn.SortType.ASCENDING);
      table.getSortOrder().setAll(java.util.List.of(calls));
    });
    assertThat(table.getItems()).extracting(CallStats::calls).containsExactly(4L, 20L);
    interact(() -> calls.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING));
    assertThat(table.getItems()).extracting(CallStats::calls).containsExactly(20L, 4L);
  }

  @Test
  void opensASavedProfileAndReportsADamagedOne() throws Exception {
    Path file = tmp.resolve("run.profile.json");
    ProfileJson.save(pump(), file);
    ProfilerView view = new ProfilerView();
    show(view);
    interact(() -> assertThat(view.open(file)).isTrue());
    assertThat(view.functionTable().getItems()).extracting(CallStats::calls).contains(4L, 20L);
    assertThat(view.profileProperty().get().events()).hasSize(24);

    Path bad = tmp.resolve("bad.profile.json");
    Files.writeString(bad, "{\"format\": \"plugboard-profile/1\",\n \"calls\": ]");
    interact(() -> assertThat(view.open(bad)).isFalse());
    assertThat(view.errorProperty().get()).startsWith(bad + ":2:").contains("not JSON");
    assertThat(lookup("#profile-title").queryLabeled().getText()).isEqualTo(view.errorProperty().get());
  }

  @Test
  void loadRunFillsItsTableLiveAndStops() throws Exception {
    Path echo = Runs.fixture("echo");
    LoadRunPane pane = new LoadRunPane("echo.wasm", "echo([{n}, 2, 3])", tracer -> Runs.instantiate(echo, tracer));
    show(pane);
    interact(() -> pane.amount.setText("250"));
    clickOn("#load-run-start");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.resultProperty().get() != null);
    interact(() -> {});
    assertThat(pane.resultProperty().get().calls()).isEqualTo(250);
    assertThat(pane.table().getItems()).extracting(CallStats::calls).containsExactly(250L);
    assertThat(pane.status.getText()).startsWith("Done: 250 calls");
    snapshot(pane, "load-run");

    interact(() -> {
      pane.amount.setText("3600");
      pane.unit.getSelectionModel().select("seconds");
    });
    Profile first = pane.resultProperty().get();
    interact(() -> pane.template.setText("echo([{random:0..255}, 2, 3])"));
    clickOn("#load-run-start");
    try {
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.status.getText().contains(" calls, "));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("status: " + pane.status.getText() + ", running " + pane.runningProperty().get());
    }
    clickOn("#load-run-stop");
    try {
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.resultProperty().get() != first);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("status: " + pane.status.getText() + ", running " + pane.runningProperty().get()
          + ", stop disabled " + pane.stop.isDisabled());
    }
    interact(() -> {});
    assertThat(pane.status.getText()).startsWith("Stopped after");
    assertThat(pane.runningProperty().get()).isFalse();
  }

  @Test
  void compareShowsDeltas() throws Exception {
    Profile small = Runs.profile(Runs.fixture("composed-bench-echo"), "pump(5, 16)", 4, TraceRecorder.Mode.AGGREGATE);
    Profile large = Runs.profile(Runs.fixture("composed-bench-echo"), "pump(5, 65536)", 4,
        TraceRecorder.Mode.AGGREGATE);
    CompareView view = new CompareView();
    show(view);
    interact(() -> view.setProfiles(small, large));
    assertThat(view.getItems()).hasSize(2);
    assertThat(view.getItems().stream().filter(r -> ECHO.equals(r.after().function())).findFirst().orElseThrow()
        .bytesPerCallDelta()).isEqualTo(2 * (65536 - 16));
    snapshot(view, "compare");
  }
}
