package dev.plugboard.compose.scene;

import java.util.Locale;

/** A {@link Pen} that writes SVG elements; {@link #write} makes a whole document of a scene. */
public final class SvgPen implements Pen {
  private final StringBuilder sb = new StringBuilder();

  /** The scene as an SVG document, with a margin around its nodes. */
  public static String write(GraphScene scene, Palette palette) {
    double[] b = scene.bounds();
    double w = Math.max(400, b[2] + 40);
    double h = Math.max(scene.message() != null ? 60 : 200, b[3] + 40);
    SvgPen pen = new SvgPen();
    pen.sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
        + "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", w, h, w, h));
    pen.rect(0, 0, w, h, 0, palette.background(), 0, 0);
    SceneRenderer.render(scene, palette, pen, SceneRenderer.Overlay.NONE);
    return pen.sb.append("</svg>\n").toString();
  }

  @Override
  public void rect(double x, double y, double w, double h, double radius, int fill, int stroke, double strokeWidth) {
    sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\"%s/>%n",
        x, y, w, h, radius, paint(fill, stroke, strokeWidth)));
  }

  @Override
  public void circle(double cx, double cy, double r, int fill, int stroke, double strokeWidth) {
    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"%s/>%n", cx, cy, r,
        paint(fill, stroke, strokeWidth)));
  }

  @Override
  public void curve(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
      int color, double width, boolean dashed) {
    sb.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f\"%s%s/>%n", x1, y1,
        c1x, c1y, c2x, c2y, x2, y2, paint(0, color, width), dashed ? " stroke-dasharray=\"6 4\"" : ""));
  }

  @Override
  public void text(String s, double x, double y, double size, boolean bold, int color, boolean right) {
    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s%s%s>%s</text>%n", x, y,
        size, bold ? " font-weight=\"bold\"" : "", right ? " text-anchor=\"end\"" : "", fill(color), escape(s)));
  }

  private static String paint(int fill, int stroke, double width) {
    String f = fill == 0 ? " fill=\"none\"" : fill(fill);
    String s = stroke == 0 ? "" : String.format(Locale.ROOT, " stroke=\"%s\" stroke-width=\"%.1f\"%s", hex(stroke),
        width, opacity("stroke-opacity", stroke));
    return f + s;
  }

  private static String fill(int argb) {
    return " fill=\"" + hex(argb) + "\"" + opacity("fill-opacity", argb);
  }

  private static String opacity(String attr, int argb) {
    int a = (argb >>> 24) & 0xFF;
    return a == 0xFF ? "" : String.format(Locale.ROOT, " %s=\"%.2f\"", attr, a / 255.0);
  }

  private static String hex(int argb) {
    return String.format("#%06x", argb & 0xFFFFFF);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
