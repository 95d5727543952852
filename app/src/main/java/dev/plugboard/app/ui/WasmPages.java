package dev.plugboard.app.ui;

import dev.plugboard.app.run.RunSession;
import dev.plugboard.app.work.ComponentInspection;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.binary.BinarySummary.Section;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The pages of a {@code .wasm} file, made from its {@link ComponentInspection} (loaded off the
 * FX thread before the tab opens): Overview (what it is, its counts), WIT (its WIT view),
 * Sections (a table; a problem's byte offset selects its section) and Run (calls its exports).
 * Core modules get Overview and Sections.
 */
final class WasmPages {
  private static final NumberFormat BYTES = NumberFormat.getIntegerInstance(Locale.ROOT);

  private WasmPages() {}

  /** Loads the inspection; a malformed binary becomes a problem at its byte offset. */
  static Object load(java.nio.file.Path file, dev.plugboard.app.work.Progress progress) throws Exception {
    try {
      return ComponentInspection.read(file, progress);
    } catch (dev.plugboard.binary.MalformedBinaryException e) {
      throw new PageRegistry.OpenFailure(e.describe(), List.of(
          new Problem(file, Location.bytes(e.offset()), e.getMessage(), Problem.Source.BINARY)));
    }
  }

  static final PageProvider OVERVIEW = new PageProvider() {
    @Override
    public String id() {
      return "overview";
    }

    @Override
    public Page create(PageContext c) {
      ComponentInspection inspection = c.model(ComponentInspection.class);
      c.shell().setProblems(c.file(), Problem.Source.BINARY, inspection.problems());
      return new Overview(inspection);
    }
  };

  static final PageProvider WIT = new PageProvider() {
    @Override
    public String id() {
      return "wit";
    }

    @Override
    public boolean accepts(PageContext c) {
      return c.model(ComponentInspection.class).wit() != null;
    }

    @Override
    public Page create(PageContext c) {
      return new Wit(c.file(), c.model(ComponentInspection.class).wit(), c.shell().checker());
    }
  };

  static final PageProvider SECTIONS = new PageProvider() {
    @Override
    public String id() {
      return "sections";
    }

    @Override
    public Page create(PageContext c) {
      return new Sections(c.model(ComponentInspection.class).summary().sections());
    }
  };

  static final PageProvider RUN = new PageProvider() {
    @Override
    public String id() {
      return "run";
    }

    @Override
    public boolean accepts(PageContext c) {
      return c.model(ComponentInspection.class).isComponent();
    }

    @Override
    public Page create(PageContext c) {
      ComponentInspection inspection = c.model(ComponentInspection.class);
      String name = c.file().getFileName().toString();
      return new Run(() -> {
        // each Run page has its own thread, so a guest running on one never holds up another page
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "plugboard-run " + name);
          t.setDaemon(true);
          return t;
        });
        RunPanel panel = new RunPanel(c.shell().relative(c.file()), () -> RunSession.of(inspection.bytes(), name, null),
            runner, outcome -> c.shell().runHistory().add(new RunHistory.Entry(name, java.time.LocalTime.now(), outcome)));
        // a component the runtime cannot instantiate is a problem of the file, from the runtime
        panel.onLoadError(message -> c.shell().setProblems(c.file(), Problem.Source.RUNTIME,
            List.of(new Problem(c.file(), Location.NONE, "cannot run: " + message, Problem.Source.RUNTIME))));
        panel.onProfile(profile -> c.shell().profiled(c.file(), profile));
        panel.onOutput(chunk -> c.shell().output(chunk.text(), chunk.stderr()));
        panel.onLog(c.shell()::log);
        // a command's output is what it is run for: show it (a call's result is on the page, with its output)
        panel.onCommandStarted(() -> c.shell().showToolWindow("console"));
        panel.keeper(new RunConfigKeeper(c.shell(), c.file()));
        return new Run.Made(panel, runner);
      });
    }
  };

  /** What the file is: kind, size, counts. */
  static final class Overview implements Page {
    private final VBox root = new VBox();
    private final ScrollPane scroll = new ScrollPane(root);

    Overview(ComponentInspection inspection) {
      root.getStyleClass().add("wasm-summary");
      root.setId("wasm-summary");
      Label title = new Label(inspection.file().getFileName().toString());
      title.getStyleClass().add("title-3");
      GridPane facts = new GridPane();
      facts.getStyleClass().add("facts");
      ComponentInspection.Counts counts = inspection.counts();
      String[][] rows = {
        {"Kind", inspection.summary().kind().label()},
        {"Size", BYTES.format(inspection.summary().size()) + " bytes"},
        {"Sections", Integer.toString(inspection.summary().sections().size())},
        {"Core modules", Integer.toString(counts.coreModules())},
        {"Nested components", Integer.toString(counts.nestedComponents())},
        {"Imports", Integer.toString(counts.imports())},
        {"Exports", Integer.toString(counts.exports())},
        {"Problems", inspection.problems().isEmpty() ? "none" : inspection.problems().size() + " (see Problems)"},
      };
      for (int i = 0; i < rows.length; i++) {
        Label key = new Label(rows[i][0]);
        key.getStyleClass().add("fact-key");
        Label value = new Label(rows[i][1]);
        value.setId("fact-" + rows[i][0].toLowerCase(Locale.ROOT).replace(' ', '-'));
        facts.addRow(i, key, value);
      }
      root.getChildren().addAll(title, facts);
      scroll.setFitToWidth(true);
    }

    @Override
    public String id() {
      return "overview";
    }

    @Override
    public String title() {
      return "Overview";
    }

    @Override
    public Node node() {
      return scroll;
    }
  }

  /** The WIT view of a component, read-only, highlighted as the WIT editor highlights (line numbers, find). */
  static final class Wit implements Page {
    private final dev.plugboard.editor.ui.CodeEditor text;

    Wit(java.nio.file.Path file, String wit, java.util.concurrent.Executor checker) {
      text = new dev.plugboard.editor.ui.CodeEditor(file, wit, checker, new dev.plugboard.editor.ui.CodeEditor.Language() {
        @Override
        public List<dev.plugboard.editor.Highlighting.Run> highlight(String t) {
          return dev.plugboard.editor.Highlighting.of(t);
        }

        @Override
        public List<dev.plugboard.editor.FileDiagnostics.Problem> check(String t) {
          return List.of(); // printed from a valid binary; its problems are the binary's
        }
      });
      text.area().setId("wasm-wit");
      text.area().setEditable(false);
    }

    @Override
    public String id() {
      return "wit";
    }

    @Override
    public String title() {
      return "WIT";
    }

    @Override
    public Node node() {
      return text.node();
    }
  }

  /** The sections of the binary with their offsets and sizes; a byte offset selects its section. */
  static final class Sections implements Page, Navigable {
    private final TableView<Section> table = new TableView<>();

    Sections(List<Section> sections) {
      table.setId("wasm-sections");
      table.getColumns().add(column("Section", s -> s.customName() == null ? s.name() : "custom \"" + s.customName() + "\""));
      table.getColumns().add(column("Offset", s -> BYTES.format(s.offset())));
      table.getColumns().add(column("Size", s -> BYTES.format(s.size())));
      table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
      table.getItems().setAll(sections);
    }

    private static TableColumn<Section, String> column(String name, Function<Section, String> value) {
      TableColumn<Section, String> c = new TableColumn<>(name);
      c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
      c.setSortable(false);
      return c;
    }

    @Override
    public String id() {
      return "sections";
    }

    @Override
    public String title() {
      return "Sections";
    }

    @Override
    public Node node() {
      return table;
    }

    @Override
    public boolean canShow(Location location) {
      return location instanceof Location.Bytes;
    }

    /** Selects the last section that starts at or before the offset. */
    @Override
    public void show(Location location) {
      if (location instanceof Location.Bytes b) {
        int found = -1;
        for (int i = 0; i < table.getItems().size(); i++) {
          if (table.getItems().get(i).offset() <= b.offset()) {
            found = i;
          }
        }
        if (found >= 0) {
          table.getSelectionModel().select(found);
          table.scrollTo(found);
          table.requestFocus();
        }
      }
    }

    TableView<Section> table() {
      return table;
    }
  }

  /** Runs the component and calls its exports (loads it the first time the page is shown). */
  static final class Run implements Page, GuestControls {
    /** The panel and the thread it runs guests on. */
    record Made(RunPanel panel, java.util.concurrent.ExecutorService runner) {}

    private final java.util.function.Supplier<Made> make;
    private Made made;

    Run(java.util.function.Supplier<Made> make) {
      this.make = make;
    }

    @Override
    public String id() {
      return "run";
    }

    @Override
    public String title() {
      return "Run";
    }

    /** The panel, made the first time the page is shown. */
    RunPanel panel() {
      if (made == null) {
        made = make.get();
      }
      return made.panel();
    }

    @Override
    public Node node() {
      return panel().root;
    }

    @Override
    public void activated() {
      panel().activate();
    }

    @Override
    public void runGuest() {
      RunPanel p = panel();
      (p.runCommand.isVisible() ? p.runCommand : p.run).fire();
    }

    @Override
    public void stopGuest() {
      if (made != null) {
        made.panel().stop();
      }
    }

    /** Stops a running guest and ends the page's thread once it is done. */
    @Override
    public void dispose() {
      if (made != null) {
        made.panel().dispose();
        made.runner().shutdown();
      }
    }
  }
}
