package dev.plugboard.app.ui;

import javafx.scene.control.SplitPane;

/**
 * Keeps a split pane's dividers at the fractions the user left them when the window is resized
 * (a split pane otherwise shares a size change out among its parts, so a smaller window left the
 * editors a sliver beside a tree and tool windows of unchanged width). A drag with the mouse
 * sets new fractions; resizing never does.
 */
final class SplitProportions {
  private final SplitPane pane;
  private double[] fractions;

  private SplitProportions(SplitPane pane, double[] defaults) {
    this.pane = pane;
    this.fractions = defaults.clone();
    pane.widthProperty().addListener((o, was, now) -> apply());
    pane.heightProperty().addListener((o, was, now) -> apply());
    pane.getDividers().addListener((javafx.collections.ListChangeListener<SplitPane.Divider>) c -> watchDividers());
    watchDividers();
  }

  /** Keeps {@code pane}'s dividers at {@code defaults} until the user drags them elsewhere. */
  static SplitProportions keep(SplitPane pane, double... defaults) {
    return new SplitProportions(pane, defaults);
  }

  private void watchDividers() {
    for (SplitPane.Divider d : pane.getDividers()) {
      d.positionProperty().addListener((o, was, now) -> {
        if (pane.isPressed()) {
          fractions = pane.getDividerPositions();
        }
      });
    }
  }

  /** Puts the dividers back at the fractions (after a resize, or when a part comes or goes). */
  void apply() {
    if (pane.getDividers().size() == fractions.length) {
      pane.setDividerPositions(fractions);
    }
  }

  /** Goes back to these fractions (the defaults when a part is added again). */
  void reset(double... defaults) {
    fractions = defaults.clone();
    apply();
  }
}
