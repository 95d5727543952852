package dev.plugboard.app.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/**
 * Every action of the IDE, by id, in the order registered. The menu bar, the toolbar, the
 * keyboard shortcuts (as menu accelerators) and the command palette are all built from here,
 * so a new command is one {@link #register} call.
 */
public final class ActionRegistry {
  private final Map<String, Action> actions = new LinkedHashMap<>();

  public void register(Action action) {
    if (actions.putIfAbsent(action.id(), action) != null) {
      throw new IllegalArgumentException("action " + action.id() + " is registered twice");
    }
    if (action.accelerator() != null) {
      KeyCombination.keyCombination(action.accelerator()); // a bad accelerator fails here, not in a menu
    }
  }

  public void registerAll(List<Action> list) {
    list.forEach(this::register);
  }

  public Optional<Action> find(String id) {
    return Optional.ofNullable(actions.get(id));
  }

  public List<Action> all() {
    return List.copyOf(actions.values());
  }

  /** Runs the action with this id; false when there is none. */
  public boolean run(String id) {
    Action a = actions.get(id);
    if (a == null) {
      return false;
    }
    a.handler().run();
    return true;
  }

  /** How the palette and tooltips show a shortcut on this platform ({@code Ctrl+Shift+P}), or "". */
  public static String shortcutText(Action a) {
    return a.accelerator() == null ? "" : KeyCombination.keyCombination(a.accelerator()).getDisplayText();
  }

  /** The menu bar: one menu per name, in this order; items in registration order, separators between groups. */
  public MenuBar menuBar(List<String> menus) {
    MenuBar bar = new MenuBar();
    for (String name : menus) {
      Menu menu = new Menu("_" + name);
      menu.setId("menu-" + name.toLowerCase(java.util.Locale.ROOT));
      String group = null;
      for (Action a : actions.values()) {
        if (!name.equals(a.menu())) {
          continue;
        }
        if (group != null && !group.equals(a.group())) {
          menu.getItems().add(new SeparatorMenuItem());
        }
        group = a.group();
        menu.getItems().add(menuItem(a));
      }
      bar.getMenus().add(menu);
    }
    return bar;
  }

  private static MenuItem menuItem(Action a) {
    MenuItem item = new MenuItem(a.title());
    item.setId("action-" + a.id().replace('.', '-'));
    if (a.accelerator() != null) {
      item.setAccelerator(KeyCombination.keyCombination(a.accelerator()));
    }
    item.setOnAction(e -> a.handler().run());
    return item;
  }

  /** Binds the shortcuts of the actions that sit in no menu (the menus bind the others). */
  public void bindUnlisted(javafx.scene.Scene scene) {
    for (Action a : actions.values()) {
      if (a.menu() == null && a.accelerator() != null) {
        scene.getAccelerators().put(KeyCombination.keyCombination(a.accelerator()), a.handler());
      }
    }
  }

  /** A toolbar of these actions (by id), each a button with the action's title and shortcut as tooltip. */
  public ToolBar toolBar(List<String> ids) {
    List<javafx.scene.Node> buttons = new ArrayList<>();
    for (String id : ids) {
      Action a = actions.get(id);
      if (a == null) {
        throw new IllegalArgumentException("no action " + id);
      }
      Button b = new Button(a.title().replace("…", ""));
      b.setId("tool-" + id.replace('.', '-'));
      b.setFocusTraversable(false);
      String keys = shortcutText(a);
      b.setTooltip(new Tooltip(a.title() + (keys.isEmpty() ? "" : "  (" + keys + ")")));
      b.setOnAction(e -> a.handler().run());
      buttons.add(b);
    }
    ToolBar bar = new ToolBar(buttons.toArray(javafx.scene.Node[]::new));
    bar.setId("tool-bar");
    return bar;
  }
}
