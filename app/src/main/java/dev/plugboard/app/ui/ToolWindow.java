package dev.plugboard.app.ui;

import dev.plugboard.app.settings.Settings.Side;
import java.util.Objects;
import javafx.scene.Node;

/**
 * A panel docked beside the editors (Problems, Console, Outline, Run history; the profiler's
 * Profiler), registered by id in {@link ToolWindows}.
 *
 * @param side where it docks until the user moves it
 * @param accelerator the shortcut that shows or hides it (a KeyCombination text), or null
 */
public record ToolWindow(String id, String title, Side side, String accelerator, Node node) {
  public ToolWindow {
    Objects.requireNonNull(id);
    Objects.requireNonNull(title);
    Objects.requireNonNull(side);
    Objects.requireNonNull(node);
  }
}
