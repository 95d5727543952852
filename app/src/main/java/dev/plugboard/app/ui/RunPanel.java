package dev.plugboard.app.ui;

import dev.plugboard.app.run.GuestOutput;
import dev.plugboard.app.run.RunConfiguration;
import dev.plugboard.app.run.RunSession;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.RuntimeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Run page of a component. A command (one exporting {@code wasi:cli/run}) is run with
 * <b>Run</b>; any export is called by picking it (its call is filled in as a template), editing
 * the arguments in WAVE and pressing <b>Call</b>. Both use the page's {@link RunConfigForm run
 * configuration} (arguments, environment, directories, network, stdin, timeout; nothing granted
 * by default), kept by a {@link Keeper}. What the guest writes streams into the Console as it is
 * written ({@link #onOutput}); each run or call is listed with its result, exit code or trap, how
 * long it took and what crossing component boundaries cost. A running guest shows it runs and
 * can be stopped; its instance is then discarded. One instance carries state between calls until
 * "New instance". Work happens off the FX thread, on the page's executor.
 */
final class RunPanel {
  /** Lines of a run's output shown in its entry; the rest is in the Console. */
  static final int ENTRY_OUTPUT_LINES = 30;

  final VBox node = new VBox(8);
  /** The page: scrolls when the window is too small for the controls and a useful output area. */
  final ScrollPane root = new ScrollPane(node);
  /** The template last filled in: replaced when another function is chosen, unlike text the user typed. */
  private String lastTemplate = "";
  private final Label status = new Label();
  private final ProgressIndicator spinner = new ProgressIndicator(-1);
  private final Consumer<RunSession.Outcome> onOutcome;
  /** Told when the component cannot be loaded (the IDE lists it in Problems). */
  private Consumer<String> onLoadError = m -> {};
  /** Told, after each call, the profile of all the calls made so far (the Profiler tool window shows it). */
  private Consumer<dev.plugboard.profile.Profile> onProfile = p -> {};
  /** Told what the guest wrote, in order, on the FX thread. */
  private Consumer<GuestOutput.Chunk> onOutput = c -> {};
  /** Told when a run or call starts and ends (a line for the Console). */
  private Consumer<String> onLog = m -> {};
  /** Told when {@code wasi:cli/run} starts (the IDE shows the Console then). */
  private Runnable onCommandStarted = () -> {};
  private Keeper keeper = Keeper.NONE;
  final ComboBox<ComponentInstance.Export> functions = new ComboBox<>();
  final ComboBox<RuntimeConfig.Engine> engine = new ComboBox<>();
  final TextField call = new TextField();
  /** Calls the export written in {@link #call}. */
  final Button run = new Button("Call");
  /** Runs {@code wasi:cli/run}; shown for commands only. */
  final Button runCommand = new Button("Run");
  final Button stop = new Button("Stop");
  final ListView<RunSession.Outcome> output = new ListView<>();
  final RunConfigForm config;
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
  private final String name;
  private final Supplier<RunSession> sessionFactory;
  private final Executor executor;
  private RunSession session;
  private String loadError;
  private boolean loading;
  private final PauseTransition saveSoon = new PauseTransition(Duration.millis(400));
  /** The configuration last read or written, so that showing it is not taken for an edit. */
  private RunConfiguration kept = RunConfiguration.DEFAULT;
  private final Timeline clock = new Timeline();
  private long startedAt;
  private String runningWhat = "";

  /**
   * Where a page's run configuration is kept. {@code load} and {@code save} run off the FX thread
   * and never throw: they report (a malformed file is a Problem) and say where the configuration
   * is kept, or why it is not, in one line for the form.
   */
  interface Keeper {
    record Kept(RunConfiguration configuration, String where) {}

    Kept load();

    String save(RunConfiguration c);

    /** Where relative directories start. */
    Path base();

    Keeper NONE = new Keeper() {
      @Override
      public Kept load() {
        return new Kept(RunConfiguration.DEFAULT, "Not saved: open the component in a workspace to keep its "
            + "run configuration");
      }

      @Override
      public String save(RunConfiguration c) {
        return load().where();
      }

      @Override
      public Path base() {
        return Path.of("").toAbsolutePath();
      }
    };
  }

  RunPanel(Supplier<RunSession> sessionFactory, Executor executor, Consumer<RunSession.Outcome> onOutcome) {
    this("component.wasm", sessionFactory, executor, onOutcome);
  }

  RunPanel(String name, Supplier<RunSession> sessionFactory, Executor executor,
      Consumer<RunSession.Outcome> onOutcome) {
    this.name = name;
    this.sessionFactory = sessionFactory;
    this.executor = executor;
    this.onOutcome = onOutcome;
    this.config = new RunConfigForm(name);
    root.setFitToWidth(true);
    root.setFitToHeight(true);
    root.getStyleClass().add("run-page");
    node.setMinHeight(360); // below this the page scrolls rather than squeezing the output away
    node.setId("run-panel");
    node.setPadding(new Insets(8));
    functions.setId("run-function");
    functions.setPromptText("Exported function");
    functions.setCellFactory(l -> exportCell());
    functions.setButtonCell(exportCell());
    functions.valueProperty().addListener((o, was, now) -> {
      // the template replaces only an empty call or the previous template, never what the user typed
      if (now != null && (call.getText().isBlank() || call.getText().equals(lastTemplate))) {
        lastTemplate = RunSession.template(now);
        call.setText(lastTemplate);
      }
    });
    engine.setId("run-engine");
    engine.getItems().setAll(RuntimeConfig.Engine.values());
    engine.setValue(RuntimeConfig.Engine.AUTO);
    engine.valueProperty().addListener((o, was, now) -> withSession(s -> s.engine(now)));
    Button reset = new Button("New instance");
    reset.setId("run-reset");
    reset.setTooltip(new Tooltip("Drop the instance (and its state); the next call makes a fresh one"));
    reset.setOnAction(e -> withSession(RunSession::reset));
    call.setId("run-call");
    call.setPromptText("greet(\"ada\")");
    call.getStyleClass().add("source-text");
    call.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        runCall();
      }
    });
    run.setId("run-button");
    run.setTooltip(new Tooltip("Call the export with these WAVE arguments (Enter), on the page's instance"));
    run.setOnAction(e -> runCall());
    runCommand.setId("run-main");
    runCommand.getStyleClass().add("accent");
    runCommand.setTooltip(new Tooltip("Run wasi:cli/run on a fresh instance with the run configuration; "
        + "stdout and stderr stream into the Console"));
    runCommand.setOnAction(e -> runCommand());
    runCommand.setVisible(false);
    runCommand.managedProperty().bind(runCommand.visibleProperty());
    stop.setId("run-stop");
    stop.getStyleClass().add("danger");
    stop.setTooltip(new Tooltip("Stop the guest; its instance is discarded"));
    stop.setOnAction(e -> stop());
    stop.disableProperty().bind(running.not());
    run.disableProperty().bind(running.or(loaded.not()));
    runCommand.disableProperty().bind(running.or(loaded.not()));
    output.setId("run-output");
    output.setCellFactory(l -> new OutcomeCell());
    Label empty = new Label("Runs and calls are listed here; what the guest prints goes to the Console too");
    empty.setWrapText(true);
    empty.getStyleClass().add("placeholder");
    output.setPlaceholder(empty);
    Label fn = new Label("Function");
    Label eng = new Label("Engine");
    for (Region r : List.of(fn, eng, reset, run, runCommand, stop)) {
      r.setMinWidth(Region.USE_PREF_SIZE);
    }
    // long signatures are cut in the field (the list shows them whole), so the row fits a narrow window
    functions.setPrefWidth(260);
    functions.setMinWidth(160);
    HBox actions = new HBox(6, runCommand, stop);
    FlowPane top = new FlowPane(8, 6, actions, new HBox(8, fn, functions), new HBox(8, eng, engine), reset);
    for (javafx.scene.Node n : top.getChildren()) {
      if (n instanceof HBox h) {
        h.setAlignment(Pos.CENTER_LEFT);
      }
    }
    top.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(call, Priority.ALWAYS);
    HBox line = new HBox(8, call, run);
    VBox.setVgrow(output, Priority.ALWAYS);
    output.setMinHeight(160);
    status.setId("run-status");
    status.getStyleClass().add("placeholder");
    spinner.setId("run-spinner");
    spinner.setPrefSize(16, 16);
    spinner.setMaxSize(16, 16);
    spinner.visibleProperty().bind(running);
    spinner.managedProperty().bind(running);
    HBox statusLine = new HBox(6, spinner, status);
    statusLine.setAlignment(Pos.CENTER_LEFT);
    statusLine.managedProperty().bind(status.textProperty().isNotEmpty());
    statusLine.visibleProperty().bind(status.textProperty().isNotEmpty());
    node.getChildren().addAll(top, line, statusLine, config.node, output);
    clock.getKeyFrames().add(new KeyFrame(Duration.seconds(1), e -> showRunning()));
    clock.setCycleCount(Timeline.INDEFINITE);
    saveSoon.setOnFinished(e -> save());
    config.configuration().addListener((o, was, now) -> {
      if (!now.equals(kept)) {
        saveSoon.playFromStart();
      }
    });
  }

  void onLoadError(Consumer<String> c) {
    onLoadError = c;
  }

  void onProfile(Consumer<dev.plugboard.profile.Profile> c) {
    onProfile = c;
  }

  void onOutput(Consumer<GuestOutput.Chunk> c) {
    onOutput = c;
  }

  void onLog(Consumer<String> c) {
    onLog = c;
  }

  void onCommandStarted(Runnable r) {
    onCommandStarted = r;
  }

  /** Where the run configuration is kept; set before the page is first shown. */
  void keeper(Keeper k) {
    keeper = k;
    config.checkWith(c -> c.problem(k.base(), System::getenv));
  }

  /** Whether a guest runs now (a run or a call). */
  ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  private static ListCell<ComponentInstance.Export> exportCell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(ComponentInstance.Export e, boolean empty) {
        super.updateItem(e, empty);
        setText(empty || e == null ? null : e.qualifiedName() + ": " + e.type().describe());
      }
    };
  }

  /** Loads the run configuration and the component (once, in the background) and lists its exports. */
  void activate() {
    if (session != null || loadError != null || loading) {
      return;
    }
    loading = true;
    status.setText("Loading the component…");
    Keeper k = keeper;
    CompletableFuture.supplyAsync(() -> {
      Keeper.Kept read = k.load();
      RunSession s = sessionFactory.get();
      s.configure(read.configuration(), k.base(), System::getenv);
      List<ComponentInstance.Export> fs = s.functions();
      return new Loaded(read, s, fs, s.isCommand());
    }, executor).whenComplete((r, err) -> Platform.runLater(() -> {
      status.setText("");
      loading = false;
      if (err != null) {
        Throwable cause = err.getCause() != null ? err.getCause() : err;
        loadError = cause.getMessage();
        onLoadError.accept(loadError);
        output.getItems().add(new RunSession.Outcome("load", "error: " + loadError, false, 0, List.of()));
        return;
      }
      kept = r.kept().configuration();
      config.show(kept);
      config.where(r.kept().where());
      session = r.session();
      session.output().onPending(() -> Platform.runLater(this::flushOutput));
      functions.getItems().setAll(r.functions());
      runCommand.setVisible(r.command());
      if (!r.functions().isEmpty() && functions.getValue() == null) {
        functions.setValue(r.functions().getFirst());
      }
      loaded.set(true);
    }));
  }

  private record Loaded(Keeper.Kept kept, RunSession session, List<ComponentInstance.Export> functions,
      boolean command) {}

  private void save() {
    RunConfiguration c = config.configuration().get();
    Keeper k = keeper;
    CompletableFuture.supplyAsync(() -> k.save(c)).thenAccept(where -> Platform.runLater(() -> {
      kept = c;
      config.where(where);
    }));
  }

  private void withSession(Consumer<RunSession> action) {
    if (session != null) {
      executor.execute(() -> action.accept(session));
    }
  }

  void runCall() {
    String text = call.getText().strip();
    if (text.isEmpty() || session == null || running.get()) {
      return;
    }
    start(text, s -> s.call(text));
  }

  /** Runs {@code wasi:cli/run} on a fresh instance. */
  void runCommand() {
    if (session != null && !running.get()) {
      start(RunSession.COMMAND, RunSession::runCommand);
    }
  }

  /** Stops the guest running now, if one is. */
  void stop() {
    if (session != null && running.get()) {
      session.stop();
      status.setText("Stopping " + runningWhat + "…");
    }
  }

  private void start(String what, Function<RunSession, RunSession.Outcome> work) {
    if (saveSoon.getStatus() == javafx.animation.Animation.Status.RUNNING) {
      saveSoon.stop();
      save();
    }
    RunConfiguration c = config.configuration().get();
    Optional<String> problem = c.problem(keeper.base(), System::getenv);
    if (problem.isPresent()) {
      RunSession.Outcome refused = new RunSession.Outcome(what, "error: run configuration: " + problem.get(), false, 0,
          List.of());
      output.getItems().add(refused);
      output.scrollTo(output.getItems().size() - 1);
      onOutcome.accept(refused);
      return;
    }
    running.set(true);
    runningWhat = what;
    startedAt = System.nanoTime();
    showRunning();
    clock.playFromStart();
    onLog.accept("run " + name + ": " + what + (c.equals(RunConfiguration.DEFAULT) ? "" : "  (" + c.summary() + ")"));
    if (what.equals(RunSession.COMMAND)) {
      onCommandStarted.run();
    }
    RunSession s = session;
    Path base = keeper.base();
    // the profile is taken on the runner thread, right after the call (a snapshot of the trace)
    CompletableFuture.supplyAsync(() -> {
      s.configure(c, base, System::getenv);
      RunSession.Outcome o = work.apply(s);
      return new Profiled(o, s.profile());
    }, executor).whenComplete((r, err) -> Platform.runLater(() -> {
      flushOutput();
      running.set(false);
      clock.stop();
      status.setText("");
      RunSession.Outcome outcome = r != null ? r.outcome() : new RunSession.Outcome(what, "error: " + err, false, 0,
          List.of());
      output.getItems().add(outcome);
      onOutcome.accept(outcome);
      onLog.accept(name + ": " + what + " → " + outcome.text() + (outcome.nanos() > 0 ? " (" + outcome.timing() + ")" : ""));
      output.scrollTo(output.getItems().size() - 1);
      if (r != null) {
        onProfile.accept(r.profile());
      }
    }));
  }

  private void showRunning() {
    if (running.get()) {
      long s = (System.nanoTime() - startedAt) / 1_000_000_000L;
      status.setText("Running " + runningWhat + (s > 0 ? String.format(Locale.ROOT, " for %d:%02d", s / 60, s % 60) : "")
          + "…  (its output streams into the Console; Stop ends it)");
    }
  }

  /** Hands what the guest wrote since the last time to {@link #onOutput}. */
  private void flushOutput() {
    if (session != null) {
      session.output().drain().forEach(onOutput);
    }
  }

  /** Stops a running guest and lets the page's session go (the file's tab closed). */
  void dispose() {
    stop();
    saveSoon.stop();
    clock.stop();
    RunSession s = session;
    if (s != null) {
      executor.execute(s::close);
    }
  }

  private record Profiled(RunSession.Outcome outcome, dev.plugboard.profile.Profile profile) {}

  /** An entry: the call, the end of what the guest printed, the result, exit code or trap, and the cost. */
  private static final class OutcomeCell extends ListCell<RunSession.Outcome> {
    @Override
    protected void updateItem(RunSession.Outcome o, boolean empty) {
      super.updateItem(o, empty);
      getStyleClass().removeAll("run-ok", "run-failed");
      if (empty || o == null) {
        setText(null);
        return;
      }
      getStyleClass().add(o.ok() ? "run-ok" : "run-failed");
      StringBuilder sb = new StringBuilder("> ").append(o.call()).append('\n');
      if (!o.output().isEmpty()) {
        List<String> lines = o.output().stripTrailing().lines().toList();
        if (lines.size() > ENTRY_OUTPUT_LINES) {
          sb.append("[… ").append(lines.size() - ENTRY_OUTPUT_LINES).append(" lines before, in the Console …]\n");
          lines = lines.subList(lines.size() - ENTRY_OUTPUT_LINES, lines.size());
        }
        sb.append(String.join("\n", lines)).append('\n');
      }
      sb.append(o.text());
      if (o.nanos() > 0) {
        sb.append("\n  ").append(o.timing());
        long abi = o.crossings().stream().mapToLong(c -> c.abiNanos()).sum();
        long bytes = o.crossings().stream().mapToLong(c -> c.bytes()).sum();
        if (!o.crossings().isEmpty()) {
          boolean more = o.crossings().size() >= RunSession.OUTCOME_EVENTS;
          sb.append(String.format(Locale.ROOT, "; %s%d boundary crossing%s, %.1f µs in the ABI, %d bytes copied%s",
              more ? "over " : "", o.crossings().size(), o.crossings().size() == 1 ? "" : "s", abi / 1e3, bytes,
              more ? " in the first of them (the Profiler counts them all)" : ""));
        }
      }
      setText(sb.toString());
    }
  }
}
