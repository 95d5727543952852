package dev.plugboard.app.ui;

import java.util.Objects;

/**
 * One command of the IDE: the menus, the toolbar, the keyboard and the command palette all
 * read it from the {@link ActionRegistry}.
 *
 * @param id a stable id ({@code file.open-folder}, {@code edit.undo}, ...)
 * @param title what menus and the palette show
 * @param menu the menu it sits in ({@code File}, {@code Edit}, ...), or null for the palette only
 * @param group menu items of one group sit together; separators fall between groups
 * @param accelerator a {@link javafx.scene.input.KeyCombination} text ({@code Shortcut+Shift+P}), or null
 * @param handler what it does (on the FX thread)
 */
public record Action(String id, String title, String menu, String group, String accelerator, Runnable handler) {
  public Action {
    Objects.requireNonNull(id);
    Objects.requireNonNull(title);
    Objects.requireNonNull(handler);
    group = group == null ? "" : group;
  }

  public static Action of(String id, String title, String menu, String group, String accelerator, Runnable handler) {
    return new Action(id, title, menu, group, accelerator, handler);
  }
}
