package dev.plugboard.app.ui;

import dev.plugboard.app.run.RunSession;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.RuntimeConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Run page of a component: pick an export (its call is filled in as a template), edit the
 * arguments in WAVE, run; each call is listed with its result or trap, how long it took, and
 * what crossing component boundaries inside it cost. One instance carries state between calls
 * until "New instance". Work happens off the FX thread.
 */
final class RunPanel {
  final VBox node = new VBox(8);
  /** The page: scrolls when the window is too small for the controls and a useful output area. */
  final javafx.scene.control.ScrollPane root = new javafx.scene.control.ScrollPane(node);
  /** The template last filled in: replaced when another function is chosen, unlike text the user typed. */
  private String lastTemplate = "";
  private final Label loading = new Label();
  private final java.util.function.Consumer<RunSession.Outcome> onOutcome;
  /** Told when the component cannot be loaded (the IDE lists it in Problems). */
  private java.util.function.Consumer<String> onLoadError = m -> {};

  void onLoadError(java.util.function.Consumer<String> c) {
    onLoadError = c;
  }

  /** Told, after each call, the profile of all the calls made so far (the Profiler tool window shows it). */
  private java.util.function.Consumer<dev.plugboard.profile.Profile> onProfile = p -> {};

  void onProfile(java.util.function.Consumer<dev.plugboard.profile.Profile> c) {
    onProfile = c;
  }
  final ComboBox<ComponentInstance.Export> functions = new ComboBox<>();
  final ComboBox<RuntimeConfig.Engine> engine = new ComboBox<>();
  final TextField call = new TextField();
  final Button run = new Button("Run");
  final ListView<RunSession.Outcome> output = new ListView<>();
  private final Supplier<RunSession> sessionFactory;
  private final Executor executor;
  private RunSession session;
  private String loadError;

  RunPanel(Supplier<RunSession> sessionFactory, Executor executor,
      java.util.function.Consumer<RunSession.Outcome> onOutcome) {
    this.sessionFactory = sessionFactory;
    this.executor = executor;
    this.onOutcome = onOutcome;
    root.setFitToWidth(true);
    root.setFitToHeight(true);
    root.getStyleClass().add("run-page");
    node.setMinHeight(320); // below this the page scrolls rather than squeezing the output away
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
    run.setDefaultButton(false);
    run.setOnAction(e -> runCall());
    output.setId("run-output");
    output.setCellFactory(l -> new ListCell<>() {
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
          sb.append(o.output().stripTrailing()).append('\n');
        }
        sb.append(o.text());
        if (o.nanos() > 0) {
          sb.append("\n  ").append(o.timing());
          long abi = o.crossings().stream().mapToLong(c -> c.abiNanos()).sum();
          long bytes = o.crossings().stream().mapToLong(c -> c.bytes()).sum();
          if (!o.crossings().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "; %d boundary crossing%s, %.1f µs in the ABI, %d bytes copied",
                o.crossings().size(), o.crossings().size() == 1 ? "" : "s", abi / 1e3, bytes));
          }
        }
        setText(sb.toString());
      }
    });
    Label fn = new Label("Function");
    Label eng = new Label("Engine");
    fn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    eng.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    reset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    run.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    functions.setMaxWidth(Double.MAX_VALUE);
    functions.setMinWidth(160);
    javafx.scene.layout.FlowPane top = new javafx.scene.layout.FlowPane(8, 6, new HBox(8, fn, functions),
        new HBox(8, eng, engine), reset);
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
    loading.setId("run-status");
    loading.managedProperty().bind(loading.textProperty().isNotEmpty());
    loading.visibleProperty().bind(loading.textProperty().isNotEmpty());
    loading.getStyleClass().add("placeholder");
    node.getChildren().addAll(top, line, loading, output);
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

  /** Loads the component (once, in the background) and lists its exports. */
  void activate() {
    if (session != null || loadError != null) {
      return;
    }
    run.setDisable(true);
    loading.setText("Loading the component…");
    CompletableFuture.supplyAsync(() -> {
      RunSession s = sessionFactory.get();
      return new Object[] {s, s.functions()};
    }, executor).whenComplete((r, err) -> Platform.runLater(() -> {
      run.setDisable(false);
      loading.setText("");
      if (err != null) {
        Throwable cause = err.getCause() != null ? err.getCause() : err;
        loadError = cause.getMessage();
        onLoadError.accept(loadError);
        output.getItems().add(new RunSession.Outcome("load", "error: " + loadError, false, 0, java.util.List.of()));
        return;
      }
      session = (RunSession) r[0];
      @SuppressWarnings("unchecked")
      var fs = (java.util.List<ComponentInstance.Export>) r[1];
      functions.getItems().setAll(fs);
      if (!fs.isEmpty() && functions.getValue() == null) {
        functions.setValue(fs.getFirst());
      }
    }));
  }

  private void withSession(java.util.function.Consumer<RunSession> action) {
    if (session != null) {
      executor.execute(() -> action.accept(session));
    }
  }

  void runCall() {
    String text = call.getText().strip();
    if (text.isEmpty() || session == null) {
      return;
    }
    run.setDisable(true);
    RunSession s = session;
    // the profile is taken on the runner thread, right after the call (a snapshot of the trace)
    CompletableFuture.supplyAsync(() -> new Profiled(s.call(text), s.profile()), executor).whenComplete((r, err) ->
        Platform.runLater(() -> {
          run.setDisable(false);
          RunSession.Outcome outcome = r != null ? r.outcome() : new RunSession.Outcome(text, "error: " + err, false, 0,
              java.util.List.of());
          output.getItems().add(outcome);
          onOutcome.accept(outcome);
          output.scrollTo(output.getItems().size() - 1);
          if (r != null) {
            onProfile.accept(r.profile());
          }
        }));
  }

  private record Profiled(RunSession.Outcome outcome, dev.plugboard.profile.Profile profile) {}

  static RunPanel forBytes(byte[] bytes, String name, Executor executor,
      java.util.function.Consumer<RunSession.Outcome> onOutcome) {
    return new RunPanel(() -> RunSession.of(bytes, name, Duration.ofSeconds(10)), executor, onOutcome);
  }
}
