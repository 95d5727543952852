package dev.plugboard.compose.scene;

/**
 * What {@link SceneRenderer} draws with, in scene coordinates; colours are ARGB (0 draws
 * nothing). One implementation per target: SVG text, Java2D (PNG), and the JavaFX canvas.
 */
public interface Pen {
  void rect(double x, double y, double w, double h, double radius, int fill, int stroke, double strokeWidth);

  void circle(double cx, double cy, double r, int fill, int stroke, double strokeWidth);

  /** A cubic Bézier curve from {@code (x1, y1)} to {@code (x2, y2)}. */
  void curve(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2, int color,
      double width, boolean dashed);

  /** Text with its baseline at {@code y}, starting at {@code x} (or ending there when {@code right}). */
  void text(String s, double x, double y, double size, boolean bold, int color, boolean right);
}
