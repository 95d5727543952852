package dev.plugboard.profile.ui;

import dev.plugboard.profile.CallTemplate;
import dev.plugboard.profile.LoadRun;
import dev.plugboard.profile.Profile;
import dev.plugboard.runtime.ComponentFunction;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.trace.CallTracer;
import dev.plugboard.runtime.trace.TraceRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Load-run controls: a WAVE call template ({@code {n}}, {@code {random:A..B}}), N calls or T
 * seconds, Start and Stop, a progress bar, and a table of the functions that fills while the run
 * goes (refreshed every 200 ms). The run happens on a background thread on a fresh instance made
 * by the given {@link Instances}; when it ends, {@link #resultProperty()} holds its profile.
 */
public final class LoadRunPane extends VBox {
  /** Makes an instance of the component under test, tracing into {@code tracer}. */
  @FunctionalInterface
  public interface Instances {
    ComponentInstance instantiate(CallTracer tracer) throws Exception;
  }

  private final Instances instances;
  private final String source;
  final TextField template = new TextField();
  final TextField amount = new TextField("1000");
  final ComboBox<String> unit = new ComboBox<>();
  final Button start = new Button("Start");
  final Button stop = new Button("Stop");
  final ProgressBar progress = new ProgressBar(0);
  final Label status = new Label("Ready");
  private final FunctionTable table = new FunctionTable();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ReadOnlyObjectWrapper<Profile> result = new ReadOnlyObjectWrapper<>(this, "result");
  private volatile LoadRun current;

  public LoadRunPane(String source, String initialCall, Instances instances) {
    this.source = source;
    this.instances = instances;
    setId("load-run");
    getStyleClass().add("load-run");
    getStylesheets().add(ProfilerView.STYLESHEET);
    setSpacing(8);
    setPadding(new Insets(8));
    template.setId("load-run-call");
    template.setText(initialCall);
    template.setPromptText("echo(\"item-{n}\")");
    amount.setId("load-run-amount");
    amount.setPrefColumnCount(7);
    unit.getItems().addAll("calls", "seconds");
    unit.getSelectionModel().select(0);
    start.setId("load-run-start");
    stop.setId("load-run-stop");
    start.disableProperty().bind(running.getReadOnlyProperty());
    stop.disableProperty().bind(running.getReadOnlyProperty().not());
    start.setOnAction(e -> start());
    stop.setOnAction(e -> stop());
    status.setId("load-run-status");
    progress.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(template, Priority.ALWAYS);
    HBox.setHgrow(progress, Priority.ALWAYS);
    HBox controls = new HBox(6, new Label("Call"), template, amount, unit, start, stop);
    controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    HBox bar = new HBox(8, progress, status);
    bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    VBox.setVgrow(table, Priority.ALWAYS);
    table.setId("load-run-table");
    getChildren().addAll(controls, bar, table);
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** The profile of the last run that ended (done, stopped or trapped). */
  public ReadOnlyObjectProperty<Profile> resultProperty() {
    return result.getReadOnlyProperty();
  }

  public FunctionTable table() {
    return table;
  }

  /** The call template's field ({@code echo("item-{n}")}), for a page that suggests a call. */
  public TextField callField() {
    return template;
  }

  /** Starts a run with what the fields say; a bad field is reported in the status line. */
  public void start() {
    CallTemplate t;
    long n;
    try {
      t = CallTemplate.parse(template.getText(), System.nanoTime());
      n = Long.parseLong(amount.getText().trim().replace(",", ""));
      if (n <= 0) {
        throw new NumberFormatException();
      }
    } catch (IllegalArgumentException e) {
      status.setText(e instanceof NumberFormatException ? "The amount must be a positive number" : e.getMessage());
      return;
    }
    boolean seconds = "seconds".equals(unit.getValue());
    running.set(true);
    progress.setProgress(0);
    status.setText("Starting…");
    TraceRecorder recorder = new TraceRecorder(TraceRecorder.Mode.AGGREGATE);
    Thread worker = new Thread(() -> run(t, seconds ? 0 : n, seconds ? Duration.ofSeconds(n) : null, recorder),
        "plugboard-load-run");
    worker.setDaemon(true);
    worker.start();
  }

  /** Stops the run in progress (it ends after the call that is running). */
  public void stop() {
    LoadRun r = current;
    if (r != null) {
      r.cancel();
    }
  }

  private void run(CallTemplate t, long count, Duration duration, TraceRecorder recorder) {
    String started = Instant.now().toString();
    try {
      ComponentInstance instance = instances.instantiate(recorder);
      ComponentFunction f = instance.function(t.function());
      LoadRun run = new LoadRun(f, t, count, duration);
      current = run;
      LoadRun.Result r = run.run(p -> {
        var rows = recorder.snapshot().functions();
        Platform.runLater(() -> {
          progress.setProgress(p.fraction());
          status.setText(String.format(Locale.ROOT, "%,d calls, %s", p.calls(), ProfileFormat.nanos(p.elapsedNanos())));
          table.setRows(rows);
        });
      }, Duration.ofMillis(200).toNanos());
      Profile profile = Profile.of(source, t.text() + " × " + r.calls(), started, r.wallNanos(), recorder.snapshot());
      Platform.runLater(() -> {
        table.setProfile(profile);
        status.setText(switch (r.end()) {
          case DONE -> String.format(Locale.ROOT, "Done: %,d calls in %s", r.calls(), ProfileFormat.nanos(r.wallNanos()));
          case CANCELLED -> String.format(Locale.ROOT, "Stopped after %,d calls", r.calls());
          case TRAPPED -> "Trapped at call " + r.calls() + ": " + r.reason();
          case BAD_ARGUMENTS -> "Stopped at " + r.reason();
        });
        result.set(profile);
        running.set(false);
      });
    } catch (Exception | LinkageError e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      Platform.runLater(() -> {
        status.setText(message);
        running.set(false);
      });
    } finally {
      current = null;
    }
  }
}
