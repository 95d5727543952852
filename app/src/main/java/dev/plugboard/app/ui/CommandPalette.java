package dev.plugboard.app.ui;

import dev.plugboard.app.shell.FuzzyMatch;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Find Action (Shift+Shortcut+P): a field over the window that searches every action of the
 * {@link ActionRegistry} by fuzzy match and lists each with its menu and shortcut; Enter runs
 * the selected one, Escape closes. An overlay in the window's own scene, not a popup window, so
 * it takes the keyboard the same way everywhere.
 */
final class CommandPalette {
  final StackPane layer = new StackPane();
  final TextField field = new TextField();
  final ListView<Action> list = new ListView<>();
  private final VBox box = new VBox(6, field, list);
  private final Supplier<List<Action>> actions;
  private Node focusBefore;

  CommandPalette(Supplier<List<Action>> actions) {
    this.actions = actions;
    layer.setId("command-palette");
    layer.getStyleClass().add("command-palette-layer");
    layer.setVisible(false);
    layer.setPickOnBounds(true);
    layer.setOnMouseClicked(e -> {
      if (e.getTarget() == layer) {
        hide();
      }
    });
    box.getStyleClass().add("command-palette");
    box.setMaxSize(560, 420);
    box.setMinWidth(Region.USE_PREF_SIZE);
    StackPane.setAlignment(box, Pos.TOP_CENTER);
    layer.getChildren().add(box);
    field.setId("palette-field");
    field.setPromptText("Type an action: fmt doc, open, problems…");
    list.setId("palette-list");
    list.setPrefHeight(360);
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(Action a, boolean empty) {
        super.updateItem(a, empty);
        if (empty || a == null) {
          setText(null);
          setGraphic(null);
          return;
        }
        Label title = new Label(a.title());
        Label where = new Label(a.menu() == null ? "" : a.menu());
        where.getStyleClass().add("palette-menu");
        Label keys = new Label(ActionRegistry.shortcutText(a));
        keys.getStyleClass().add("palette-keys");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(10, title, where, gap, keys);
        row.setAlignment(Pos.CENTER_LEFT);
        setText(null);
        setGraphic(row);
      }
    });
    field.textProperty().addListener((o, was, now) -> filter(now));
    field.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.DOWN) {
        list.getSelectionModel().selectNext();
        list.scrollTo(list.getSelectionModel().getSelectedIndex());
        e.consume();
      } else if (e.getCode() == KeyCode.UP) {
        list.getSelectionModel().selectPrevious();
        list.scrollTo(list.getSelectionModel().getSelectedIndex());
        e.consume();
      } else if (e.getCode() == KeyCode.ENTER) {
        runSelected();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        hide();
        e.consume();
      }
    });
    list.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2) {
        runSelected();
      }
    });
    list.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        runSelected();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        hide();
      }
    });
  }

  void show() {
    focusBefore = layer.getScene() == null ? null : layer.getScene().getFocusOwner();
    field.clear();
    filter("");
    layer.setVisible(true);
    field.requestFocus();
  }

  void hide() {
    layer.setVisible(false);
    if (focusBefore != null) {
      focusBefore.requestFocus();
    }
  }

  boolean isShowing() {
    return layer.isVisible();
  }

  /** The actions listed for the query, best first: each matched on its title and its menu. */
  private void filter(String query) {
    list.getItems().setAll(FuzzyMatch.filter(query, actions.get(),
        a -> a.title() + (a.menu() == null ? "" : " " + a.menu())));
    if (!list.getItems().isEmpty()) {
      list.getSelectionModel().select(0);
      list.scrollTo(0);
    }
  }

  private void runSelected() {
    Action a = list.getSelectionModel().getSelectedItem();
    hide();
    if (a != null) {
      a.handler().run();
    }
  }
}
