package dev.plugboard.profile.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;

/** A pane with one canvas that fills it and is redrawn when it is resized or its data change. */
abstract class CanvasView extends Pane {
  final Canvas canvas = new Canvas();
  final Swatches swatches = new Swatches(this, this::redraw);

  CanvasView() {
    getChildren().add(canvas);
    getStyleClass().add("profile-canvas");
    getStylesheets().add(ProfilerView.STYLESHEET);
    setMinSize(100, 80);
    setPrefSize(600, 240);
  }

  @Override
  protected void layoutChildren() {
    super.layoutChildren();
    double w = getWidth();
    double h = getHeight();
    if (canvas.getWidth() != w || canvas.getHeight() != h) {
      canvas.setWidth(w);
      canvas.setHeight(h);
    }
    redraw();
  }

  /** Draws everything again. */
  final void redraw() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFill(swatches.background());
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    draw(g, canvas.getWidth(), canvas.getHeight());
  }

  abstract void draw(GraphicsContext g, double w, double h);

  /** Text clipped to {@code width} (ellipsis) for a bar label. */
  static String fit(String s, double width, double charWidth) {
    int max = (int) (width / charWidth);
    if (max <= 1) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
  }
}
