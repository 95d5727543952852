package dev.plugboard.app.ui;

import dev.plugboard.app.settings.Settings.Side;
import dev.plugboard.app.settings.Settings.ToolWindowState;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The tool windows by id, and where they sit: a tab pane below the editors and one to their
 * right, each shown only while it holds a visible tool window. Shown, hidden and moved from the
 * View menu, shortcuts and a tab's context menu; {@link #layout()} is what the settings keep.
 */
public final class ToolWindows {
  private final Map<String, ToolWindow> windows = new LinkedHashMap<>();
  private final Map<String, Tab> tabs = new LinkedHashMap<>();
  private final Map<String, ToolWindowState> state = new LinkedHashMap<>();
  private final Map<Side, TabPane> areas = new EnumMap<>(Side.class);
  /** editors | right */
  private final SplitPane upper = new SplitPane();
  /** upper / bottom */
  private final SplitPane centre = new SplitPane();
  private final Node editors;
  private Runnable onChange = () -> {};
  private final SplitProportions upperSplit;
  private final SplitProportions centreSplit;

  public ToolWindows(Node editors) {
    this.editors = editors;
    for (Side side : Side.values()) {
      TabPane pane = new TabPane();
      pane.setId("tool-windows-" + side.name().toLowerCase(java.util.Locale.ROOT));
      pane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
      areas.put(side, pane);
    }
    centre.setId("centre");
    centre.setOrientation(Orientation.VERTICAL);
    upper.getItems().add(editors);
    centre.getItems().add(upper);
    upperSplit = SplitProportions.keep(upper, RIGHT_SPLIT);
    centreSplit = SplitProportions.keep(centre, BOTTOM_SPLIT);
  }

  /** The editors get most of the room: the bottom area a quarter of the height, the right one a fifth of the width. */
  public void resetDividers() {
    centreSplit.reset(BOTTOM_SPLIT);
    upperSplit.reset(RIGHT_SPLIT);
  }

  private static final double BOTTOM_SPLIT = 0.74;
  private static final double RIGHT_SPLIT = 0.8;

  /** The editors with the docked tool windows around them. */
  public Node node() {
    return centre;
  }

  /** Called after each change of layout (the window saves it). */
  public void onChange(Runnable r) {
    onChange = r;
  }

  /** Adds a tool window; {@code saved} (from the settings, may be null) overrides its default place. */
  public void register(ToolWindow w, ToolWindowState saved) {
    if (windows.putIfAbsent(w.id(), w) != null) {
      throw new IllegalArgumentException("tool window " + w.id() + " is registered twice");
    }
    Tab tab = new Tab(w.title(), w.node());
    tab.setId("tool-" + w.id());
    tab.setOnCloseRequest(e -> {
      e.consume();
      hide(w.id());
    });
    MenuItem move = new MenuItem();
    MenuItem hide = new MenuItem("Hide");
    hide.setOnAction(e -> hide(w.id()));
    move.setOnAction(e -> moveTo(w.id(), side(w.id()) == Side.BOTTOM ? Side.RIGHT : Side.BOTTOM));
    ContextMenu menu = new ContextMenu(move, hide);
    menu.setOnShowing(e -> move.setText(side(w.id()) == Side.BOTTOM ? "Move to Right" : "Move to Bottom"));
    tab.setContextMenu(menu);
    tabs.put(w.id(), tab);
    state.put(w.id(), saved != null ? saved : new ToolWindowState(w.side(), true));
    place(w.id());
  }

  public List<ToolWindow> all() {
    return List.copyOf(windows.values());
  }

  public boolean isShown(String id) {
    return state(id).visible();
  }

  public Side side(String id) {
    return state(id).side();
  }

  /** Shows the tool window and selects its tab. */
  public void show(String id) {
    state.put(id, new ToolWindowState(side(id), true));
    place(id);
    Tab tab = tabs.get(id);
    if (tab.getTabPane() != null) {
      tab.getTabPane().getSelectionModel().select(tab);
    }
    changed();
  }

  public void hide(String id) {
    state.put(id, new ToolWindowState(side(id), false));
    place(id);
    changed();
  }

  /** Hides the tool window if it is shown and selected, else shows it (the View menu's items and shortcuts). */
  public void toggle(String id) {
    Tab tab = tabs.get(id);
    if (isShown(id) && tab.isSelected()) {
      hide(id);
    } else {
      show(id);
    }
  }

  public void moveTo(String id, Side side) {
    state.put(id, new ToolWindowState(side, isShown(id)));
    place(id);
    if (isShown(id)) {
      tabs.get(id).getTabPane().getSelectionModel().select(tabs.get(id));
    }
    changed();
  }

  /** The tab of a tool window (its title shows counts, such as the number of problems). */
  public Tab tab(String id) {
    Tab t = tabs.get(id);
    if (t == null) {
      throw new IllegalArgumentException("no tool window " + id);
    }
    return t;
  }

  /** Where each tool window sits and whether it is shown: what the settings keep. */
  public Map<String, ToolWindowState> layout() {
    return Map.copyOf(state);
  }

  private ToolWindowState state(String id) {
    ToolWindowState s = state.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no tool window " + id);
    }
    return s;
  }

  /** Puts the tab where its state says, keeping registration order within an area. */
  private void place(String id) {
    Tab tab = tabs.get(id);
    if (tab.getTabPane() != null) {
      tab.getTabPane().getTabs().remove(tab);
    }
    ToolWindowState s = state.get(id);
    if (s.visible()) {
      TabPane pane = areas.get(s.side());
      int at = 0;
      for (String other : tabs.keySet()) {
        if (other.equals(id)) {
          break;
        }
        if (tabs.get(other).getTabPane() == pane) {
          at++;
        }
      }
      pane.getTabs().add(at, tab);
    }
    arrange();
  }

  /** Shows an area only while it has tabs. */
  private void arrange() {
    TabPane right = areas.get(Side.RIGHT);
    TabPane bottom = areas.get(Side.BOTTOM);
    boolean hadRight = upper.getItems().contains(right);
    boolean hadBottom = centre.getItems().contains(bottom);
    if (right.getTabs().isEmpty()) {
      upper.getItems().remove(right);
    } else if (!hadRight) {
      upper.getItems().setAll(editors, right);
      upperSplit.apply();
    }
    if (bottom.getTabs().isEmpty()) {
      centre.getItems().remove(bottom);
    } else if (!hadBottom) {
      centre.getItems().setAll(upper, bottom);
      centreSplit.apply();
    }
  }

  private void changed() {
    onChange.run();
  }
}
