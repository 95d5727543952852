package dev.plugboard.profile.ui;

import dev.plugboard.runtime.trace.CallEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * The calls of an exact profile in time: one row per nesting depth, each call a bar from its
 * start to its end, the ABI part of it shaded. The mouse wheel zooms around the pointer (or
 * {@link #zoomProperty()}), dragging pans.
 */
public final class TimelineView extends CanvasView {
  private List<CallEvent> events = List.of();
  private final Map<Long, Integer> depth = new HashMap<>();
  private long origin;
  private long span = 1;
  private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
  /** The time (ns from the first call) at the left edge. */
  private final DoubleProperty offset = new SimpleDoubleProperty(this, "offset", 0);
  private int drawn;
  private double dragX;

  public TimelineView() {
    setId("profile-timeline");
    zoom.addListener((o, a, b) -> redraw());
    offset.addListener((o, a, b) -> redraw());
    setOnScroll(e -> {
      double factor = e.getDeltaY() > 0 ? 1.25 : 0.8;
      double atTime = offset.get() + e.getX() / nanosToPixels();
      zoom.set(Math.max(1, zoom.get() * factor));
      offset.set(Math.max(0, atTime - e.getX() / nanosToPixels()));
    });
    setOnMousePressed(e -> dragX = e.getX());
    setOnMouseDragged(e -> {
      offset.set(Math.max(0, offset.get() - (e.getX() - dragX) / nanosToPixels()));
      dragX = e.getX();
    });
  }

  public void setEvents(List<CallEvent> events) {
    this.events = List.copyOf(events);
    depth.clear();
    origin = events.stream().mapToLong(CallEvent::startNanos).min().orElse(0);
    long end = events.stream().mapToLong(e -> e.startNanos() + e.totalNanos()).max().orElse(origin + 1);
    span = Math.max(1, end - origin);
    offset.set(0);
    zoom.set(1);
    redraw();
  }

  /** 1 shows the whole run; 2 half of it, and so on. */
  public DoubleProperty zoomProperty() {
    return zoom;
  }

  /** How many call bars the last draw drew (those in view and at least a pixel wide, roughly). */
  public int barsDrawn() {
    return drawn;
  }

  private double nanosToPixels() {
    return Math.max(1, getWidth()) * zoom.get() / span;
  }

  private int depthOf(CallEvent e, Map<Long, CallEvent> byId) {
    Integer d = depth.get(e.id());
    if (d != null) {
      return d;
    }
    CallEvent p = byId.get(e.parent());
    int v = p == null ? 0 : depthOf(p, byId) + 1;
    depth.put(e.id(), v);
    return v;
  }

  @Override
  void draw(GraphicsContext g, double w, double h) {
    drawn = 0;
    g.setTextBaseline(VPos.CENTER);
    if (events.isEmpty()) {
      g.setFill(swatches.text());
      g.setTextAlign(TextAlignment.CENTER);
      g.fillText("No calls kept: profile in exact mode to see the timeline", w / 2, h / 2);
      return;
    }
    Map<Long, CallEvent> byId = new HashMap<>();
    events.forEach(e -> byId.put(e.id(), e));
    double scale = nanosToPixels();
    double row = FlameView.ROW;
    g.setTextAlign(TextAlignment.LEFT);
    for (CallEvent e : events) {
      double x = (e.startNanos() - origin - offset.get()) * scale;
      double bw = Math.max(1, e.totalNanos() * scale);
      if (x > w || x + bw < 0) {
        continue;
      }
      double y = depthOf(e, byId) * row;
      g.setFill(swatches.bar());
      g.fillRect(x, y + 1, bw, row - 2);
      double abi = e.totalNanos() == 0 ? 0 : bw * e.abiNanos() / e.totalNanos();
      g.setFill(swatches.abi());
      g.fillRect(x, y + row - 5, abi, 3);
      if (bw > 30) {
        g.setFill(swatches.text());
        g.fillText(fit(e.function(), bw - 4, 8), x + 2, y + row / 2);
      }
      drawn++;
    }
    g.setFill(swatches.text());
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(ProfileFormat.nanos(span / zoom.get()) + " shown", w - 4, h - 10);
  }
}
