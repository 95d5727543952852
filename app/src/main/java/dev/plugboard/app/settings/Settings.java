package dev.plugboard.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the IDE remembers between runs: the window's bounds, the last workspace and the recent
 * ones, the theme, and where each tool window sits. Immutable; the {@code with...} methods
 * return changed copies.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(
    int schema,
    WindowBounds window,
    String lastWorkspace,
    Theme theme,
    List<String> recentWorkspaces,
    Map<String, ToolWindowState> toolWindows) {

  public static final int SCHEMA = 1;
  /** How many recent workspaces the welcome page lists. */
  public static final int RECENT = 8;

  public enum Theme { LIGHT, DARK }

  /** Where a tool window docks. */
  public enum Side { BOTTOM, RIGHT }

  /** Where a tool window sits and whether it is shown. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ToolWindowState(Side side, boolean visible) {
    public ToolWindowState {
      side = side == null ? Side.BOTTOM : side;
    }
  }

  /** Window position and size in screen coordinates; {@code null} x/y means "centre it". */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record WindowBounds(Double x, Double y, double width, double height, boolean maximized) {
    public static final WindowBounds DEFAULT = new WindowBounds(null, null, 1280, 800, false);
  }

  public static Settings defaults() {
    return new Settings(SCHEMA, WindowBounds.DEFAULT, null, Theme.LIGHT, List.of(), Map.of());
  }

  public Settings {
    window = window == null ? WindowBounds.DEFAULT : window;
    theme = theme == null ? Theme.LIGHT : theme;
    recentWorkspaces = recentWorkspaces == null ? List.of() : List.copyOf(recentWorkspaces);
    toolWindows = toolWindows == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(toolWindows));
  }

  public Settings withWindow(WindowBounds bounds) {
    return new Settings(schema, bounds, lastWorkspace, theme, recentWorkspaces, toolWindows);
  }

  /** The last workspace, which also moves to the front of the recent ones. */
  public Settings withLastWorkspace(String path) {
    List<String> recent = new ArrayList<>(recentWorkspaces);
    if (path != null) {
      recent.remove(path);
      recent.addFirst(path);
    }
    return new Settings(schema, window, path, theme, recent.subList(0, Math.min(RECENT, recent.size())), toolWindows);
  }

  public Settings withTheme(Theme t) {
    return new Settings(schema, window, lastWorkspace, t, recentWorkspaces, toolWindows);
  }

  public Settings withToolWindow(String id, ToolWindowState state) {
    Map<String, ToolWindowState> m = new LinkedHashMap<>(toolWindows);
    m.put(id, state);
    return new Settings(schema, window, lastWorkspace, theme, recentWorkspaces, m);
  }
}
