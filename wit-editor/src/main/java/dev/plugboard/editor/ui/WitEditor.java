package dev.plugboard.editor.ui;

import dev.plugboard.editor.FileDiagnostics;
import dev.plugboard.editor.Formatting;
import dev.plugboard.editor.Highlighting;
import dev.plugboard.editor.Outline;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The WIT editor: a RichTextFX code area with line numbers, highlighting from the WIT lexer
 * on every change, and diagnostics of the whole package recomputed off the FX thread after
 * a pause in typing (stale results dropped), shown as squiggles and published for the
 * Problems panel. Colours come from CSS ({@code wit-editor.css}).
 */
public final class WitEditor {
  private static final Duration PAUSE = Duration.ofMillis(250);

  private final Path file;
  private final Executor checker;
  private final CodeArea area = new CodeArea();
  private final VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(area);
  private final TreeView<Outline.Item> outline = new TreeView<>();
  private final SplitPane split = new SplitPane();
  private final javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane();
  private final FindBar findBar;
  private final MultiCaret multiCaret;
  private EditingKeys editingKeys;
  private final LanguageFeatures language;
  private Navigator navigator = Navigator.NONE;
  private final javafx.beans.property.StringProperty status = new javafx.beans.property.SimpleStringProperty("");
  private final Map<Outline.Item, TreeItem<Outline.Item>> outlineItems = new IdentityHashMap<>();
  private List<Outline.Item> outlineModel = List.of();
  private boolean syncingOutline;
  private final ReadOnlyObjectWrapper<List<FileDiagnostics.Problem>> problems = new ReadOnlyObjectWrapper<>(List.of());
  private long generation;

  /**
   * @param file the file being edited (its package is checked with the editor's text)
   * @param text the file's text
   * @param checker where diagnostics are computed: a background executor
   */
  public WitEditor(Path file, String text, Executor checker) {
    this.file = file;
    this.checker = checker;
    area.getStyleClass().add("wit-editor");
    area.setId("wit-editor-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"));
    area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    area.getStylesheets().add(WitEditor.class.getResource("wit-editor.css").toExternalForm());
    area.replaceText(text);
    area.getUndoManager().forgetHistory();
    area.moveTo(0);
    outline.setId("wit-outline");
    outline.setShowRoot(false);
    outline.setRoot(new TreeItem<>());
    outline.setCellFactory(t -> new TreeCell<>() {
      @Override
      protected void updateItem(Outline.Item item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : item.name() + "  " + item.kind());
      }
    });
    outline.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> {
      if (!syncingOutline && selected != null && selected.getValue() != null) {
        area.moveTo(Math.min(selected.getValue().start(), area.getLength()));
        area.requestFollowCaret();
      }
    });
    area.caretPositionProperty().addListener((obs, old, caret) -> followCaret(caret));
    split.getItems().addAll(pane, outline);
    split.setDividerPositions(0.78);
    findBar = new FindBar(area);
    root.setTop(findBar.node);
    root.setCenter(split);
    multiCaret = new MultiCaret(area);
    editingKeys = new EditingKeys(area);
    language = new LanguageFeatures(this);
    root.setBottom(language.renameBar);
    findBar.bindKeys();
    SplitPane.setResizableWithParent(outline, false);
    showOutline(Outline.of(text));
    highlight();
    area.plainTextChanges().filter(c -> !c.isIdentity()).subscribe(c -> highlightEdit());
    area.multiPlainChanges().successionEnds(PAUSE).subscribe(c -> check());
    check();
  }

  public Node node() {
    return root;
  }

  /** Where the editor sends jumps and edits that leave this file (go to definition, rename). */
  public interface Navigator {
    Navigator NONE = new Navigator() {
      @Override
      public void open(Path file, int offset) {}

      @Override
      public void edit(Path file, List<dev.plugboard.editor.PackageIndex.Edit> edits) {}
    };

    /** Opens {@code file} with the caret at {@code offset}. */
    void open(Path file, int offset);

    /** Applies rename edits to another file (its open editor, or the file on disk). */
    void edit(Path file, List<dev.plugboard.editor.PackageIndex.Edit> edits);
  }

  public void setNavigator(Navigator navigator) {
    this.navigator = navigator == null ? Navigator.NONE : navigator;
  }

  public Path file() {
    return file;
  }

  /** A short message about the last language action ("3 usages of …", "Nothing to rename here"). */
  public javafx.beans.property.ReadOnlyStringProperty statusProperty() {
    return status;
  }

  void status(String message) {
    status.set(message);
  }

  /** Moves the caret to {@code offset}, in this file or through the navigator in another. */
  void navigateTo(Path target, int offset) {
    if (target.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      moveCaret(offset);
    } else {
      navigator.open(target, offset);
    }
  }

  /** Puts the caret at a 1-based line and column (clamped to the text) and scrolls to it. */
  public void moveToLine(int line, int column) {
    int paragraph = Math.max(0, Math.min(line - 1, area.getParagraphs().size() - 1));
    int col = Math.max(0, Math.min(column - 1, area.getParagraphLength(paragraph)));
    moveCaret(area.getAbsolutePosition(paragraph, col));
  }

  /** The message of the problem at {@code offset}, if one is there (what hovering a squiggle shows). */
  public java.util.Optional<String> problemAt(int offset) {
    return problems.get().stream().filter(p -> p.start() <= offset && offset < Math.max(p.end(), p.start() + 1))
        .map(FileDiagnostics.Problem::message).findFirst();
  }

  /** Puts the caret at {@code offset} and scrolls to it. */
  public void moveCaret(int offset) {
    area.moveTo(Math.max(0, Math.min(offset, area.getLength())));
    area.requestFollowCaret();
    area.requestFocus();
  }

  void editElsewhere(Path target, List<dev.plugboard.editor.PackageIndex.Edit> edits) {
    navigator.open(target, -1);
    navigator.edit(target, edits);
  }

  /** Applies edits (from a rename elsewhere) to this editor's text, last first. */
  public void apply(List<dev.plugboard.editor.PackageIndex.Edit> edits) {
    edits.stream().sorted(java.util.Comparator.comparingInt(dev.plugboard.editor.PackageIndex.Edit::start).reversed())
        .forEach(e -> area.replaceText(e.start(), e.end(), e.text()));
  }

  // ---- language actions (also bound to keys: Shortcut+Space, F12, Shift+F12, F2, Shortcut+F/H) ----

  public void complete() {
    language.complete();
  }

  /** The completion popup's list (for tests and accessibility). */
  public javafx.scene.control.ListView<dev.plugboard.editor.Completion.Candidate> completionList() {
    return language.completionList;
  }

  public void acceptCompletion() {
    language.acceptCompletion();
  }

  public void goToDefinition() {
    language.goToDefinition();
  }

  public void findUsages() {
    language.findUsages();
  }

  public javafx.scene.control.ListView<dev.plugboard.editor.PackageIndex.Location> usagesList() {
    return language.usagesList;
  }

  /** The hover text of the symbol at {@code offset}. */
  public java.util.Optional<String> hoverAt(int offset) {
    return language.hoverText(offset);
  }

  /** Shows the hover popup of {@code offset} under that character, as resting the mouse there does. */
  public void showHover(int offset) {
    area.getCharacterBoundsOnScreen(offset, Math.min(offset + 1, area.getLength())).ifPresent(b ->
        language.showHover(offset, b.getMinX(), b.getMaxY() + 4));
  }

  /** The hover popup (for tests: its colours are checked in both themes). */
  public javafx.stage.Popup hoverPopup() {
    return language.hoverPopup;
  }

  /**
   * Takes the outline out of the editor so that the IDE can show it in its Outline tool window;
   * it keeps following the caret. Returns the outline.
   */
  public TreeView<Outline.Item> detachOutline() {
    split.getItems().remove(outline);
    return outline;
  }

  public void startRename() {
    language.startRename();
  }

  public void rename(String newName) {
    language.applyRename(newName);
  }

  /** How many carets the editor has (more than one after Alt+Shift+Down/Up or Alt+click). */
  public int caretCount() {
    return multiCaret.count();
  }

  public void showFind(boolean withReplace) {
    findBar.show(withReplace);
  }

  /** The find bar: its fields, for tests. */
  public javafx.scene.layout.HBox findBar() {
    return findBar.node;
  }

  /** Replaces the whole text (reload from disk), keeping the caret where it can. */
  public void reload(String text) {
    int caret = area.getCaretPosition();
    area.replaceText(text);
    area.moveTo(Math.min(caret, text.length()));
  }

  /** The outline panel (packages, interfaces, worlds and their items). */
  public TreeView<Outline.Item> outline() {
    return outline;
  }

  public CodeArea area() {
    return area;
  }

  public String text() {
    return area.getText();
  }

  /**
   * Formats the document with the canonical formatter, changing only the lines that
   * differ, so the caret stays where it was. False when the text does not parse.
   */
  public boolean format() {
    var edits = Formatting.edits(area.getText());
    if (edits.isEmpty()) {
      return false;
    }
    for (Formatting.Replacement r : edits.get()) {
      area.replaceText(r.start(), r.end(), r.text());
    }
    return true;
  }

  /** The problems of this file at the last completed check. */
  public ReadOnlyObjectProperty<List<FileDiagnostics.Problem>> problemsProperty() {
    return problems.getReadOnlyProperty();
  }

  /** Checks the package with the current text in the background; only the newest result is applied. */
  private void check() {
    String text = area.getText();
    long mine = ++generation;
    checker.execute(() -> {
      List<FileDiagnostics.Problem> found = FileDiagnostics.of(file, text);
      List<Outline.Item> items = Outline.of(text);
      Platform.runLater(() -> {
        if (mine == generation && text.equals(area.getText())) {
          problems.set(List.copyOf(found));
          showOutline(items);
          highlight();
        }
      });
    });
  }

  private void showOutline(List<Outline.Item> items) {
    if (items.equals(outlineModel)) {
      return;
    }
    outlineModel = items;
    outlineItems.clear();
    TreeItem<Outline.Item> top = new TreeItem<>();
    for (Outline.Item i : items) {
      top.getChildren().add(treeItem(i));
    }
    syncingOutline = true;
    outline.setRoot(top);
    syncingOutline = false;
    followCaret(area.getCaretPosition());
  }

  private TreeItem<Outline.Item> treeItem(Outline.Item item) {
    TreeItem<Outline.Item> t = new TreeItem<>(item);
    t.setExpanded(true);
    outlineItems.put(item, t);
    for (Outline.Item c : item.children()) {
      t.getChildren().add(treeItem(c));
    }
    return t;
  }

  /** Selects the outline item the caret is in, without moving the caret. */
  private void followCaret(int caret) {
    Outline.Item found = null;
    for (Outline.Item i : outlineModel) {
      if (i.start() <= caret && caret < i.end()) {
        found = i.innermost(caret);
      }
    }
    TreeItem<Outline.Item> t = found == null ? null : outlineItems.get(found);
    syncingOutline = true;
    if (t == null) {
      outline.getSelectionModel().clearSelection();
    } else {
      outline.getSelectionModel().select(t);
    }
    syncingOutline = false;
  }

  /** The runs the area shows, and the length of the text they were computed for. */
  private List<Highlighting.Run> shownRuns;
  private int shownLength;

  /** Re-styles the whole text (after a check: the squiggles moved). */
  private void highlight() {
    String text = area.getText();
    shownRuns = null;
    if (text.isEmpty()) {
      return;
    }
    List<Highlighting.Run> runs = Highlighting.of(text);
    area.setStyleSpans(0, spans(text, runs, problems.get(), 0, text.length()));
    shownRuns = runs;
    shownLength = text.length();
    remarkBrackets();
  }

  /** Restyling replaces every class, the bracket marks included: put them back. */
  private void remarkBrackets() {
    if (editingKeys != null) {
      editingKeys.markBrackets();
    }
  }

  /** After an edit: lexes everything (cheap), but re-styles only the runs that changed. */
  private void highlightEdit() {
    String text = area.getText();
    if (shownRuns == null || text.isEmpty()) {
      highlight();
      return;
    }
    List<Highlighting.Run> runs = Highlighting.of(text);
    int[] changed = Highlighting.changed(shownRuns, runs, text.length() - shownLength);
    if (changed != null && changed[1] > changed[0]) {
      area.setStyleSpans(changed[0], spans(text, runs, problems.get(), changed[0], changed[1]));
      remarkBrackets();
    }
    shownRuns = runs;
    shownLength = text.length();
  }

  /** Token classes, plus {@code error-squiggle} over each problem's range. */
  static StyleSpans<Collection<String>> spans(String text, List<Highlighting.Run> runs,
      List<FileDiagnostics.Problem> problems, int from, int to) {
    TreeSet<Integer> cuts = new TreeSet<>();
    cuts.add(from);
    cuts.add(to);
    int first = firstRunEndingAfter(runs, from);
    for (int i = first; i < runs.size() && runs.get(i).start() < to; i++) {
      Highlighting.Run r = runs.get(i);
      cuts.add(Math.max(from, r.start()));
      cuts.add(Math.min(to, r.end()));
    }
    for (FileDiagnostics.Problem p : problems) {
      int ps = Math.min(p.start(), text.length());
      int pe = Math.min(p.end(), text.length());
      if (pe > from && ps < to) {
        cuts.add(Math.max(from, ps));
        cuts.add(Math.min(to, pe));
      }
    }
    StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
    int runIndex = first;
    Integer previous = null;
    for (int cut : cuts) {
      if (previous != null && cut > previous) {
        while (runIndex < runs.size() && runs.get(runIndex).end() <= previous) {
          runIndex++;
        }
        List<String> classes = new ArrayList<>(2);
        if (runIndex < runs.size() && !runs.get(runIndex).style().isEmpty()) {
          classes.add(runs.get(runIndex).style());
        }
        for (FileDiagnostics.Problem p : problems) {
          if (p.start() <= previous && previous < p.end()) {
            classes.add("error-squiggle");
            break;
          }
        }
        b.add(classes, cut - previous);
      }
      previous = cut;
    }
    return b.create();
  }

  /** The index of the first run that ends after {@code offset} (binary search: runs are in order). */
  private static int firstRunEndingAfter(List<Highlighting.Run> runs, int offset) {
    int lo = 0;
    int hi = runs.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (runs.get(mid).end() <= offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
