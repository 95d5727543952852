package dev.plugboard.app.ui;

import dev.plugboard.binary.BinarySummary;
import dev.plugboard.binary.BinarySummary.Section;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The page of a {@code .wasm} file: what it is, and for a component its imports and
 * exports, its WIT view and its sections. Read-only.
 */
final class WasmSummaryView implements FileView {
  private static final NumberFormat BYTES = NumberFormat.getIntegerInstance(Locale.ROOT);
  private final Path file;
  private final VBox root = new VBox();
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);

  /** What the page counts: core modules and nested components at any depth, top-level imports and exports. */
  record Counts(int coreModules, int nestedComponents, int imports, int exports) {}

  private RunPanel runPanel;

  /** The Run page (null for core modules). */
  RunPanel runPanel() {
    return runPanel;
  }

  /** Adds the Run page of a component: its exports called with WAVE arguments. */
  void enableRun(byte[] bytes, java.util.concurrent.Executor executor) {
    runPanel = RunPanel.forBytes(bytes, file.getFileName().toString(), executor);
    javafx.scene.control.Tab tab = new javafx.scene.control.Tab("Run", runPanel.node);
    tab.setId("wasm-run-tab");
    tab.selectedProperty().addListener((o, was, now) -> {
      if (now) {
        runPanel.activate();
      }
    });
    pages.getTabs().add(tab);
  }

  private final javafx.scene.control.TabPane pages = new javafx.scene.control.TabPane();

  WasmSummaryView(Path file, BinarySummary summary, Counts counts, String wit) {
    this.file = file;
    root.getStyleClass().add("wasm-summary");
    root.setId("wasm-summary");

    Label title = new Label(file.getFileName().toString());
    title.getStyleClass().add("title-3");

    GridPane facts = new GridPane();
    facts.getStyleClass().add("facts");
    String[][] rows = {
      {"Kind", summary.kind().label()},
      {"Size", BYTES.format(summary.size()) + " bytes"},
      {"Sections", Integer.toString(summary.sections().size())},
      {"Core modules", Integer.toString(counts.coreModules())},
      {"Nested components", Integer.toString(counts.nestedComponents())},
      {"Imports", Integer.toString(counts.imports())},
      {"Exports", Integer.toString(counts.exports())},
    };
    for (int i = 0; i < rows.length; i++) {
      Label key = new Label(rows[i][0]);
      key.getStyleClass().add("fact-key");
      Label value = new Label(rows[i][1]);
      value.setId("fact-" + rows[i][0].toLowerCase(Locale.ROOT).replace(' ', '-'));
      facts.addRow(i, key, value);
    }

    TableView<Section> table = new TableView<>();
    table.setId("wasm-sections");
    table.getColumns().add(column("Section", s -> s.customName() == null ? s.name() : "custom \"" + s.customName() + "\""));
    table.getColumns().add(column("Offset", s -> BYTES.format(s.offset())));
    table.getColumns().add(column("Size", s -> BYTES.format(s.size())));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getItems().setAll(summary.sections());

    pages.setId("wasm-pages");
    pages.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
    if (wit != null) {
      javafx.scene.control.TextArea witView = new javafx.scene.control.TextArea(wit);
      witView.setId("wasm-wit");
      witView.setEditable(false);
      witView.getStyleClass().add("source-text");
      pages.getTabs().add(new javafx.scene.control.Tab("WIT", witView));
    }
    pages.getTabs().add(new javafx.scene.control.Tab("Sections", table));
    VBox.setVgrow(pages, Priority.ALWAYS);
    root.getChildren().addAll(title, facts, pages);
  }

  private static TableColumn<Section, String> column(String name, java.util.function.Function<Section, String> value) {
    TableColumn<Section, String> c = new TableColumn<>(name);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    c.setSortable(false);
    return c;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  @Override
  public void save() {}
}
