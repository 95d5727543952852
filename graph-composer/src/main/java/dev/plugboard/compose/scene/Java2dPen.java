package dev.plugboard.compose.scene;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A {@link Pen} over Java2D; {@link #png} draws a scene into a PNG with no display and no JavaFX. */
public final class Java2dPen implements Pen {
  private final Graphics2D g;

  public Java2dPen(Graphics2D g) {
    this.g = g;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  /** The scene as PNG bytes at {@code scale} (2 for a sharp picture in docs). */
  public static byte[] png(GraphScene scene, Palette palette, double scale) {
    double[] b = scene.bounds();
    double w = Math.max(400, b[2] + 40);
    double h = Math.max(scene.message() != null ? 60 : 200, b[3] + 40);
    BufferedImage img = new BufferedImage((int) Math.ceil(w * scale), (int) Math.ceil(h * scale),
        BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.scale(scale, scale);
    Java2dPen pen = new Java2dPen(g);
    pen.rect(0, 0, w, h, 0, palette.background(), 0, 0);
    SceneRenderer.render(scene, palette, pen, SceneRenderer.Overlay.NONE);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Color color(int argb) {
    return new Color(argb, true);
  }

  @Override
  public void rect(double x, double y, double w, double h, double radius, int fill, int stroke, double strokeWidth) {
    paint(new RoundRectangle2D.Double(x, y, w, h, radius * 2, radius * 2), fill, stroke, strokeWidth);
  }

  @Override
  public void circle(double cx, double cy, double r, int fill, int stroke, double strokeWidth) {
    paint(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), fill, stroke, strokeWidth);
  }

  /** Fills and outlines a shape; a colour of 0 leaves that part out. */
  private void paint(java.awt.Shape shape, int fill, int stroke, double strokeWidth) {
    if (fill != 0) {
      g.setColor(color(fill));
      g.fill(shape);
    }
    if (stroke != 0) {
      g.setColor(color(stroke));
      g.setStroke(new BasicStroke((float) strokeWidth));
      g.draw(shape);
    }
  }

  @Override
  public void curve(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
      int color, double width, boolean dashed) {
    g.setColor(color(color));
    g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1,
        new float[] {6, 4}, 0) : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new CubicCurve2D.Double(x1, y1, c1x, c1y, c2x, c2y, x2, y2));
  }

  @Override
  public void text(String s, double x, double y, double size, boolean bold, int color, boolean right) {
    g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
    g.setColor(color(color));
    float w = right ? (float) g.getFontMetrics().getStringBounds(s, g).getWidth() : 0;
    g.drawString(s, (float) x - w, (float) y);
  }
}
