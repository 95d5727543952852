package dev.plugboard.profile.ui;

import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Colours for canvas drawing, taken from the stylesheet: each is the background of a hidden
 * region with a style class ({@code .swatch-bar}, {@code .swatch-text}, ...), so the theme's
 * looked-up colours decide them and a theme switch recolours the next draw.
 */
final class Swatches {
  private final Pane host;
  private final Runnable onChange;

  /** Swatches kept in {@code host}; {@code onChange} runs (later, on the FX thread) when the theme changes one. */
  Swatches(Pane host, Runnable onChange) {
    this.host = host;
    this.onChange = onChange;
  }

  Paint get(String styleClass, Paint fallback) {
    Region r = (Region) host.lookup("." + styleClass);
    if (r == null) {
      r = new Region();
      r.getStyleClass().addAll("swatch", styleClass);
      r.setManaged(false);
      r.setVisible(false);
      host.getChildren().add(r);
      r.backgroundProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(onChange));
    }
    r.applyCss();
    if (r.getBackground() == null || r.getBackground().getFills().isEmpty()) {
      return fallback;
    }
    return r.getBackground().getFills().getFirst().getFill();
  }

  Paint bar() {
    return get("swatch-bar", Color.STEELBLUE);
  }

  Paint abi() {
    return get("swatch-abi", Color.DARKORANGE);
  }

  Paint text() {
    return get("swatch-text", Color.BLACK);
  }

  Paint grid() {
    return get("swatch-grid", Color.LIGHTGRAY);
  }

  Paint background() {
    return get("swatch-background", Color.WHITE);
  }
}
