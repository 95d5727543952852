package dev.plugboard.app.ui;

import javafx.scene.Node;

/** A page with an outline of its contents, shown in the Outline tool window while the page is shown. */
public interface HasOutline {
  Node outline();
}
