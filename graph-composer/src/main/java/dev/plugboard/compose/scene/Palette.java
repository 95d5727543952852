package dev.plugboard.compose.scene;

/**
 * The colours a scene is drawn in, as ARGB: the SVG and PNG writers use {@link #LIGHT} or
 * {@link #DARK}; the JavaFX canvas builds one from its CSS (looked-up colours of the theme).
 */
public record Palette(int background, int grid, int nodeFill, int nodeBorder, int instanceHeader, int importHeader,
    int exportsHeader, int text, int muted, int wire, int interfacePort, int functionPort, int otherPort, int accent,
    int ok, int warning, int error) {

  public static final Palette LIGHT = new Palette(0xFFF6F8FA, 0xFFE1E4E8, 0xFFFFFFFF, 0xFFD0D7DE, 0xFFDDF4FF,
      0xFFFFF8C5, 0xFFDAFBE1, 0xFF1F2328, 0xFF656D76, 0xFF8C959F, 0xFF0969DA, 0xFF1A7F37, 0xFF8C959F, 0xFF0969DA,
      0xFF1A7F37, 0xFF9A6700, 0xFFCF222E);

  public static final Palette DARK = new Palette(0xFF0D1117, 0xFF21262D, 0xFF161B22, 0xFF30363D, 0xFF0C2D6B,
      0xFF3B2E00, 0xFF033A16, 0xFFE6EDF3, 0xFF8D96A0, 0xFF6E7681, 0xFF4493F8, 0xFF3FB950, 0xFF8D96A0, 0xFF4493F8,
      0xFF3FB950, 0xFFD29922, 0xFFF85149);

  /** The colours in the order of the record's components. */
  public int[] toArray() {
    return new int[] {background, grid, nodeFill, nodeBorder, instanceHeader, importHeader, exportsHeader, text, muted,
        wire, interfacePort, functionPort, otherPort, accent, ok, warning, error};
  }

  /** A palette of colours in the order of {@link #toArray()}. */
  public static Palette of(int[] c) {
    return new Palette(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14],
        c[15], c[16]);
  }

  /** {@code top} drawn over the opaque {@code bottom}: an opaque colour. */
  public static int over(int top, int bottom) {
    double a = ((top >>> 24) & 0xFF) / 255.0;
    int r = (int) Math.round(((top >> 16) & 0xFF) * a + ((bottom >> 16) & 0xFF) * (1 - a));
    int g = (int) Math.round(((top >> 8) & 0xFF) * a + ((bottom >> 8) & 0xFF) * (1 - a));
    int b = (int) Math.round((top & 0xFF) * a + (bottom & 0xFF) * (1 - a));
    return 0xFF000000 | (r << 16) | (g << 8) | b;
  }

  /** {@code argb} with its alpha scaled by {@code f}. */
  public static int fade(int argb, double f) {
    int a = (int) Math.round(((argb >>> 24) & 0xFF) * f);
    return (a << 24) | (argb & 0xFFFFFF);
  }
}
