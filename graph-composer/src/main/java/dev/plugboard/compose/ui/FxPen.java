package dev.plugboard.compose.ui;

import dev.plugboard.compose.scene.Pen;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** A {@link Pen} over a JavaFX canvas; the caller sets the view transform. */
final class FxPen implements Pen {
  /** Fonts by size and weight: looking a font up costs more than drawing its text. */
  private static final java.util.Map<Integer, Font> FONTS = new java.util.concurrent.ConcurrentHashMap<>();

  private final GraphicsContext g;

  FxPen(GraphicsContext g) {
    this.g = g;
    g.setTextBaseline(VPos.BASELINE);
  }

  static Color color(int argb) {
    return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
  }

  static int argb(Color c) {
    return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
        | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
  }

  @Override
  public void rect(double x, double y, double w, double h, double radius, int fill, int stroke, double strokeWidth) {
    if (fill != 0) {
      g.setFill(color(fill));
      g.fillRoundRect(x, y, w, h, radius * 2, radius * 2);
    }
    if (stroke != 0) {
      g.setStroke(color(stroke));
      g.setLineWidth(strokeWidth);
      g.strokeRoundRect(x, y, w, h, radius * 2, radius * 2);
    }
  }

  @Override
  public void circle(double cx, double cy, double r, int fill, int stroke, double strokeWidth) {
    if (fill != 0) {
      g.setFill(color(fill));
      g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
    }
    if (stroke != 0) {
      g.setStroke(color(stroke));
      g.setLineWidth(strokeWidth);
      g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    }
  }

  @Override
  public void curve(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
      int color, double width, boolean dashed) {
    g.setStroke(color(color));
    g.setLineWidth(width);
    g.setLineDashes(dashed ? new double[] {6, 4} : null);
    g.beginPath();
    g.moveTo(x1, y1);
    g.bezierCurveTo(c1x, c1y, c2x, c2y, x2, y2);
    g.stroke();
    g.setLineDashes((double[]) null);
  }

  @Override
  public void text(String s, double x, double y, double size, boolean bold, int color, boolean right) {
    g.setFont(FONTS.computeIfAbsent((bold ? 1000 : 0) + (int) Math.round(size * 10),
        k -> Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, size)));
    g.setFill(color(color));
    g.setTextAlign(right ? TextAlignment.RIGHT : TextAlignment.LEFT);
    g.fillText(s, x, y);
  }
}
