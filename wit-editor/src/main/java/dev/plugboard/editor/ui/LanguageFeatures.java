package dev.plugboard.editor.ui;

import dev.plugboard.editor.Completion;
import dev.plugboard.editor.PackageIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Popup;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.event.MouseOverTextEvent;

/**
 * The language services of one editor, on top of {@link PackageIndex} and {@link Completion}:
 * a completion popup (Shortcut+Space, and after {@code .&#123;}), go to definition (F12 or
 * Shortcut+click), usages (Shift+F12, a popup list), hover (the declaration and docs), and
 * rename (F2, an inline field; edits in other files go to the {@link WitEditor.Navigator}).
 */
final class LanguageFeatures {
  private final WitEditor editor;
  private final CodeArea area;
  private final Path file;
  private PackageIndex index;
  private String indexedText;

  final Popup completionPopup = new Popup();
  final ListView<Completion.Candidate> completionList = new ListView<>();
  private int completionFrom;
  final Popup usagesPopup = new Popup();
  final ListView<PackageIndex.Location> usagesList = new ListView<>();
  final HoverBox hover = new HoverBox();
  final Popup hoverPopup = hover.popup;
  /** An inline bar under the text (a popup would outlive its window in some toolkits). */
  final javafx.scene.layout.HBox renameBar = new javafx.scene.layout.HBox(6);
  final Label renameLabel = new Label();
  final TextField renameField = new TextField();
  private PackageIndex.Symbol renaming;

  LanguageFeatures(WitEditor editor) {
    this.editor = editor;
    this.area = editor.area();
    this.file = editor.file();

    completionList.setId("completion-list");
    completionList.setPrefSize(360, 200);
    completionList.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(Completion.Candidate c, boolean empty) {
        super.updateItem(c, empty);
        setText(empty || c == null ? null : c.label() + "    " + c.kind());
      }
    });
    completionList.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.TAB) {
        acceptCompletion();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        completionPopup.hide();
        e.consume();
      }
    });
    completionList.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2) {
        acceptCompletion();
      }
    });
    completionPopup.getContent().add(completionList);
    completionPopup.setAutoHide(true);

    usagesList.setId("usages-list");
    usagesList.setPrefSize(420, 180);
    usagesList.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(PackageIndex.Location loc, boolean empty) {
        super.updateItem(loc, empty);
        setText(empty || loc == null ? null
            : loc.file().getFileName() + ":" + loc.line() + ":" + loc.column() + "   " + lineOf(loc));
      }
    });
    usagesList.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2) {
        openUsage();
      }
    });
    usagesList.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        openUsage();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        usagesPopup.hide();
      }
    });
    usagesPopup.getContent().add(usagesList);
    usagesPopup.setAutoHide(true);

    area.setMouseOverTextDelay(Duration.ofMillis(500));
    area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> showHover(e.getCharacterIndex(),
        e.getScreenPosition().getX(), e.getScreenPosition().getY() + 12));
    area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> hoverPopup.hide());

    renameField.setId("rename-field");
    renameField.setPrefColumnCount(24);
    renameField.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        applyRename(renameField.getText());
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        hideRename();
        e.consume();
      }
    });
    renameBar.setId("rename-bar");
    renameBar.getStyleClass().add("find-bar");
    renameBar.setPadding(new javafx.geometry.Insets(4, 6, 4, 6));
    renameBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    renameBar.getChildren().addAll(renameLabel, renameField);
    hideRename();

    // popups must not outlive the window (closing a window with a popup still showing fails in JavaFX)
    area.sceneProperty().addListener((obs, old, scene) -> {
      if (scene != null) {
        scene.windowProperty().addListener((o, was, window) -> {
          if (window != null) {
            window.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> hidePopups());
          }
        });
        if (scene.getWindow() != null) {
          scene.getWindow().addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> hidePopups());
        }
      }
    });
    area.addEventFilter(KeyEvent.KEY_PRESSED, e -> hoverPopup.hide());
    area.setOnMouseClicked(e -> {
      if (e.isShortcutDown() && e.getClickCount() == 1) {
        goToDefinition();
      }
    });
    area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (completionPopup.isShowing()) {
        switch (e.getCode()) {
          case DOWN, UP -> {
            int i = completionList.getSelectionModel().getSelectedIndex() + (e.getCode() == KeyCode.DOWN ? 1 : -1);
            completionList.getSelectionModel().select(Math.max(0, Math.min(i, completionList.getItems().size() - 1)));
            e.consume();
            return;
          }
          case ENTER, TAB -> {
            acceptCompletion();
            e.consume();
            return;
          }
          case ESCAPE -> {
            completionPopup.hide();
            e.consume();
            return;
          }
          default -> { }
        }
      }
      if (e.getCode() == KeyCode.SPACE && e.isShortcutDown()) {
        complete();
        e.consume();
      } else if (e.getCode() == KeyCode.F12 && e.isShiftDown()) {
        findUsages();
        e.consume();
      } else if (e.getCode() == KeyCode.F12) {
        goToDefinition();
        e.consume();
      } else if (e.getCode() == KeyCode.F2) {
        startRename();
        e.consume();
      }
    });
    area.textProperty().addListener((obs, old, now) -> {
      if (completionPopup.isShowing()) {
        refreshCompletion();
      }
    });
  }

  void hidePopups() {
    completionPopup.hide();
    usagesPopup.hide();
    hoverPopup.hide();
  }

  /** The index of the package with this editor's current text (rebuilt when the text changed). */
  PackageIndex index() {
    String text = area.getText();
    if (index == null || !text.equals(indexedText)) {
      index = PackageIndex.of(file, Map.of(file, text));
      indexedText = text;
    }
    return index;
  }

  private Optional<PackageIndex.Symbol> symbolAtCaret() {
    return index().symbolAt(file, area.getCaretPosition());
  }

  // ---- completion ----------------------------------------------------------------------

  void complete() {
    refreshCompletion();
    if (completionList.getItems().isEmpty()) {
      editor.status("No completions here");
      return;
    }
    Optional<Bounds> caret = area.getCaretBounds();
    double x = caret.map(Bounds::getMinX).orElse(0.0);
    double y = caret.map(Bounds::getMaxY).orElse(0.0);
    if (area.getScene() != null) {
      completionPopup.show(area, x, y);
    }
  }

  private void refreshCompletion() {
    Completion.Result r = Completion.at(index(), file, area.getText(), area.getCaretPosition());
    completionFrom = r.replaceFrom();
    completionList.getItems().setAll(r.candidates());
    completionList.getSelectionModel().selectFirst();
    if (r.candidates().isEmpty()) {
      completionPopup.hide();
    }
  }

  /** Replaces the word being typed with the selected candidate. */
  void acceptCompletion() {
    Completion.Candidate c = completionList.getSelectionModel().getSelectedItem();
    completionPopup.hide();
    if (c == null) {
      return;
    }
    area.replaceText(completionFrom, area.getCaretPosition(), c.label());
    area.requestFocus();
  }

  // ---- navigation ----------------------------------------------------------------------

  void goToDefinition() {
    Optional<PackageIndex.Symbol> s = symbolAtCaret();
    if (s.isEmpty()) {
      editor.status("Nothing to go to here");
      return;
    }
    PackageIndex.Location where = index().definition(s.get());
    editor.navigateTo(where.file(), where.start());
  }

  void findUsages() {
    Optional<PackageIndex.Symbol> s = symbolAtCaret();
    if (s.isEmpty()) {
      editor.status("No symbol here");
      return;
    }
    List<PackageIndex.Location> found = index().usages(s.get());
    usagesList.getItems().setAll(found);
    usagesList.getSelectionModel().selectFirst();
    editor.status(found.size() + " usage" + (found.size() == 1 ? "" : "s") + " of " + s.get().qualifiedName());
    Optional<Bounds> caret = area.getCaretBounds();
    if (area.getScene() != null) {
      usagesPopup.show(area, caret.map(Bounds::getMinX).orElse(0.0), caret.map(Bounds::getMaxY).orElse(0.0));
      usagesList.requestFocus();
    }
  }

  private void openUsage() {
    PackageIndex.Location loc = usagesList.getSelectionModel().getSelectedItem();
    usagesPopup.hide();
    if (loc != null) {
      editor.navigateTo(loc.file(), loc.start());
    }
  }

  private String lineOf(PackageIndex.Location loc) {
    String text = index().text(loc.file());
    if (text == null) {
      return "";
    }
    int start = text.lastIndexOf('\n', Math.max(0, loc.start() - 1)) + 1;
    int end = text.indexOf('\n', loc.start());
    return text.substring(start, end < 0 ? text.length() : end).strip();
  }

  // ---- hover ---------------------------------------------------------------------------

  /** The hover text at {@code offset}: the problem there (a squiggle), then the symbol's declaration. */
  Optional<String> hoverText(int offset) {
    Optional<String> problem = editor.problemAt(offset).map(m -> "error: " + m);
    Optional<String> symbol = index().symbolAt(file, offset).map(s -> index().hover(s));
    if (problem.isPresent() && symbol.isPresent()) {
      return Optional.of(problem.get() + "\n\n" + symbol.get());
    }
    return problem.isPresent() ? problem : symbol;
  }

  void showHover(int offset, double screenX, double screenY) {
    hoverText(offset).ifPresent(text -> hover.show(area, text, screenX, screenY));
  }

  // ---- rename --------------------------------------------------------------------------

  void startRename() {
    Optional<PackageIndex.Symbol> s = symbolAtCaret();
    if (s.isEmpty() || s.get().kind() == PackageIndex.Kind.PACKAGE) {
      editor.status("Nothing to rename here");
      return;
    }
    renaming = s.get();
    renameField.setText(s.get().name());
    renameLabel.setText("Rename " + s.get().detail() + " " + s.get().name() + " to:");
    renameBar.setVisible(true);
    renameBar.setManaged(true);
    renameField.requestFocus();
    renameField.selectAll();
  }

  private void hideRename() {
    renameBar.setVisible(false);
    renameBar.setManaged(false);
  }

  /** Renames the symbol {@link #startRename} picked, in this file and (through the navigator) in others. */
  void applyRename(String newName) {
    if (renaming == null) {
      return;
    }
    List<PackageIndex.Edit> edits;
    try {
      edits = index().rename(renaming, newName);
    } catch (IllegalArgumentException e) {
      editor.status(e.getMessage());
      return;
    }
    hideRename();
    String old = renaming.name();
    renaming = null;
    int here = 0;
    java.util.Map<Path, List<PackageIndex.Edit>> elsewhere = new java.util.LinkedHashMap<>();
    for (PackageIndex.Edit e : edits) {
      if (e.file().equals(file)) {
        area.replaceText(e.start(), e.end(), e.text());
        here++;
      } else {
        elsewhere.computeIfAbsent(e.file(), k -> new java.util.ArrayList<>()).add(e);
      }
    }
    elsewhere.forEach(editor::editElsewhere);
    editor.status("Renamed " + old + " to " + newName + ": " + edits.size() + " place" + (edits.size() == 1 ? "" : "s")
        + (elsewhere.isEmpty() ? "" : " in " + (elsewhere.size() + (here > 0 ? 1 : 0)) + " files"));
    area.requestFocus();
  }
}
