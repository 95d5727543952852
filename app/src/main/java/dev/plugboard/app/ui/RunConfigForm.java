package dev.plugboard.app.ui;

import dev.plugboard.app.run.RunConfiguration;
import dev.plugboard.runtime.wasi.Grants;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The "Run configuration" section of a Run page: a collapsible form over one {@link
 * RunConfiguration}, its title saying what is granted. Fields take the command line's words
 * (one directory or variable a line); each edit that reads becomes the {@link #configuration()}
 * value, and a message says what cannot be granted or where the configuration is kept.
 */
final class RunConfigForm {
  final TitledPane node = new TitledPane();
  final TextField arguments = field("run-args", "--name \"Ada Lovelace\"  (after the component's name)");
  final TextArea environment = area("run-env", "NAME=VALUE, or NAME to pass the host's value; one a line");
  final TextArea dirs = area("run-dirs", "HOST::GUEST, or HOST for the same path; one a line");
  final TextArea readOnlyDirs = area("run-dirs-ro", "HOST::GUEST; one a line");
  final TextField http = field("run-http", "example.com  api.example.com:443");
  final TextField net = field("run-net", "127.0.0.1:8080  localhost");
  final TextArea stdin = area("run-stdin", "text the guest reads from stdin");
  final TextField timeout = field("run-timeout", "none (Stop ends a run)");
  final Label message = new Label();
  /** The same run as a command line: read-only text, so that part of it can be selected too. */
  final TextField commandLine = new TextField();
  private final ReadOnlyObjectWrapper<RunConfiguration> configuration =
      new ReadOnlyObjectWrapper<>(RunConfiguration.DEFAULT);
  private final String component;
  /** While the fields are being filled from a configuration, edits are not news. */
  private boolean filling;
  private String where = "";
  private final GridPane grid = new GridPane();
  private final List<Row> rows = new java.util.ArrayList<>();
  private boolean wide;

  RunConfigForm(String component) {
    this.component = component;
    node.setId("run-config");
    node.getStyleClass().add("run-config");
    node.setExpanded(false);
    node.setAnimated(false);
    node.setMinWidth(0); // a long title is cut, not a reason to scroll sideways
    rows.add(row("Arguments", arguments, "The guest's arguments after its own name (argv[0]); quotes group words."));
    rows.add(row("Environment", environment, "--env: NAME=VALUE sets a variable; NAME alone passes the host's value "
        + "(left out when the host has none). Nothing else of the host's environment is visible."));
    rows.add(row("Stdin", stdin, "What the guest reads from stdin (then end of file). Empty: nothing."));
    rows.add(row("Directories", dirs, "--dir: read-write preopens. HOST relative to the workspace; the guest sees "
        + "GUEST and nothing outside it."));
    rows.add(row("Read-only", readOnlyDirs, "--dir-ro: preopens the guest can read but not change."));
    rows.add(row("HTTP hosts", http, "--allow-http: outgoing HTTP (wasi:http) to HOST, on PORT or any port."));
    rows.add(row("Sockets", net, "--allow-net: TCP and UDP to (and binding on) ADDR, on PORT or any port."));
    rows.add(row("Timeout", timeout, "--timeout: a call or run longer than this (500ms, 10s, 2m) is stopped; "
        + "empty: none, stop it with Stop."));
    layOut(false);
    // two columns of fields side by side when there is room, one when not
    grid.widthProperty().addListener((o, was, now) -> layOut(now.doubleValue() >= 900));
    message.setId("run-config-message");
    message.setWrapText(true);
    message.getStyleClass().add("run-config-message");
    commandLine.setId("run-command-line");
    commandLine.getStyleClass().addAll("source-text", "run-command-line");
    commandLine.setEditable(false);
    commandLine.setFocusTraversable(false);
    commandLine.setMinWidth(0);
    commandLine.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(commandLine, Priority.ALWAYS);
    Button copy = new Button("Copy");
    copy.setId("run-copy-command");
    copy.getStyleClass().add("small");
    copy.setMinWidth(Region.USE_PREF_SIZE);
    copy.setTooltip(new Tooltip("Copy the same run as a plugboard run command line"));
    copy.setOnAction(e -> {
      ClipboardContent c = new ClipboardContent();
      c.putString(commandLine.getText());
      Clipboard.getSystemClipboard().setContent(c);
    });
    HBox cli = new HBox(8, commandLine, copy);
    cli.setAlignment(Pos.CENTER_LEFT);
    // what is wrong (or where it is kept) first, next to the title, then the fields and the command line
    VBox content = new VBox(8, message, grid, cli);
    content.setPadding(new Insets(2, 4, 4, 4));
    grid.setHgap(8);
    grid.setVgap(6);
    node.setContent(content);
    for (TextInputControl c : List.of(arguments, environment, dirs, readOnlyDirs, http, net, stdin, timeout)) {
      c.textProperty().addListener((o, was, now) -> edited());
    }
    show(RunConfiguration.DEFAULT);
  }

  private record Row(Label label, TextInputControl field) {}

  /** Puts the rows in one column of label and field, or (wide) the first three left and the rest right. */
  private void layOut(boolean wide) {
    if (wide == this.wide && !grid.getChildren().isEmpty()) {
      return;
    }
    this.wide = wide;
    grid.getChildren().clear();
    grid.getColumnConstraints().clear();
    int columns = wide ? 2 : 1;
    for (int c = 0; c < columns; c++) {
      ColumnConstraints labels = new ColumnConstraints();
      labels.setMinWidth(Region.USE_PREF_SIZE);
      labels.setHalignment(HPos.RIGHT);
      ColumnConstraints fields = new ColumnConstraints();
      fields.setHgrow(Priority.ALWAYS);
      fields.setMinWidth(120);
      fields.setPercentWidth(-1);
      grid.getColumnConstraints().addAll(labels, fields);
    }
    int leftRows = wide ? 3 : rows.size();
    for (int i = 0; i < rows.size(); i++) {
      int column = i < leftRows ? 0 : 2;
      int row = i < leftRows ? i : i - leftRows;
      grid.add(rows.get(i).label(), column, row);
      grid.add(rows.get(i).field(), column + 1, row);
    }
  }

  private static Row row(String label, TextInputControl field, String help) {
    Label l = new Label(label);
    l.setLabelFor(field);
    l.setTooltip(new Tooltip(help));
    field.setTooltip(new Tooltip(help));
    GridPane.setValignment(l, javafx.geometry.VPos.TOP);
    l.setPadding(new Insets(4, 0, 0, 0));
    l.setMinWidth(Region.USE_PREF_SIZE);
    return new Row(l, field);
  }

  private static TextField field(String id, String prompt) {
    TextField f = new TextField();
    f.setId(id);
    f.setPromptText(prompt);
    f.getStyleClass().add("source-text");
    return f;
  }

  private static TextArea area(String id, String prompt) {
    TextArea a = new TextArea();
    a.setId(id);
    a.setPromptText(prompt);
    a.setPrefRowCount(2);
    a.setWrapText(false);
    a.getStyleClass().add("source-text");
    return a;
  }

  ReadOnlyObjectProperty<RunConfiguration> configuration() {
    return configuration.getReadOnlyProperty();
  }

  /** Fills the fields from {@code c} (a configuration read from disk); not an edit. */
  void show(RunConfiguration c) {
    filling = true;
    try {
      arguments.setText(RunConfiguration.joinArguments(c.arguments()));
      environment.setText(String.join("\n", c.grants().env()));
      dirs.setText(String.join("\n", c.grants().dirs()));
      readOnlyDirs.setText(String.join("\n", c.grants().readOnlyDirs()));
      http.setText(String.join(" ", c.grants().allowHttp()));
      net.setText(String.join(" ", c.grants().allowNet()));
      stdin.setText(c.stdin());
      timeout.setText(c.timeout());
    } finally {
      filling = false;
    }
    configuration.set(c);
    refresh();
  }

  /** Where the configuration is kept (or why it is not), shown under the form. */
  void where(String text) {
    where = text;
    refresh();
  }

  private java.util.function.Function<RunConfiguration, java.util.Optional<String>> check = c -> java.util.Optional.empty();

  /** How a configuration is checked (directories exist, addresses read) before it is taken. */
  void checkWith(java.util.function.Function<RunConfiguration, java.util.Optional<String>> check) {
    this.check = check;
    refresh();
  }

  private void edited() {
    if (filling) {
      return;
    }
    RunConfiguration c;
    try {
      c = new RunConfiguration(RunConfiguration.splitArguments(arguments.getText()),
          new Grants(RunConfiguration.lines(dirs.getText()), RunConfiguration.lines(readOnlyDirs.getText()),
              RunConfiguration.lines(environment.getText()), RunConfiguration.words(http.getText()),
              RunConfiguration.words(net.getText())), stdin.getText(), timeout.getText());
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      return;
    }
    configuration.set(c);
    refresh();
  }

  private void refresh() {
    RunConfiguration c = configuration.get();
    node.setText("Run configuration: " + c.summary());
    commandLine.setText(c.commandLine(component));
    java.util.Optional<String> p = check.apply(c);
    if (p.isPresent()) {
      problem(p.get());
    } else {
      message.getStyleClass().remove("danger");
      message.setText(where);
    }
  }

  private void problem(String text) {
    if (!message.getStyleClass().contains("danger")) {
      message.getStyleClass().add("danger");
    }
    message.setText(text);
  }
}
