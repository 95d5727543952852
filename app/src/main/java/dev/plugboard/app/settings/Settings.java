package dev.plugboard.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the IDE remembers between runs: the window's bounds, the last workspace and the
 * theme. Immutable; the {@code with...} methods return changed copies.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(
    int schema,
    WindowBounds window,
    String lastWorkspace,
    Theme theme) {

  public static final int SCHEMA = 1;

  public enum Theme { LIGHT, DARK }

  /** Window position and size in screen coordinates; {@code null} x/y means "centre it". */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record WindowBounds(Double x, Double y, double width, double height, boolean maximized) {
    public static final WindowBounds DEFAULT = new WindowBounds(null, null, 1280, 800, false);
  }

  public static Settings defaults() {
    return new Settings(SCHEMA, WindowBounds.DEFAULT, null, Theme.LIGHT);
  }

  public Settings {
    window = window == null ? WindowBounds.DEFAULT : window;
    theme = theme == null ? Theme.LIGHT : theme;
  }

  public Settings withWindow(WindowBounds bounds) {
    return new Settings(schema, bounds, lastWorkspace, theme);
  }

  public Settings withLastWorkspace(String path) {
    return new Settings(schema, window, path, theme);
  }

  public Settings withTheme(Theme t) {
    return new Settings(schema, window, lastWorkspace, t);
  }
}
