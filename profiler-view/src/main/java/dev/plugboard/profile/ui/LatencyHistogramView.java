package dev.plugboard.profile.ui;

import dev.plugboard.runtime.trace.CallStats;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The latency histogram of one function: calls per duration bucket, durations on a logarithmic
 * axis (buckets grow by ×1.25), with the p50 and p99 marked.
 */
public final class LatencyHistogramView extends CanvasView {
  private CallStats stats;
  /** The bars drawn last: upper bound of each bucket (ns) and its count. */
  private final List<long[]> bars = new ArrayList<>();

  public LatencyHistogramView() {
    setId("profile-histogram");
  }

  public void setStats(CallStats s) {
    this.stats = s;
    bars.clear();
    if (s != null && s.latency().getTotalCount() > 0) {
      Histogram h = s.latency();
      long first = Math.max(1, h.getMinValue());
      for (HistogramIterationValue v : h.logarithmicBucketValues(first, 1.25)) {
        bars.add(new long[] {v.getValueIteratedTo(), v.getCountAddedInThisIterationStep()});
      }
    }
    redraw();
  }

  /** The buckets shown: {upper bound in ns, calls}; their counts add up to the function's calls. */
  public List<long[]> buckets() {
    return List.copyOf(bars);
  }

  @Override
  void draw(GraphicsContext g, double w, double h) {
    g.setFill(swatches.text());
    g.setTextBaseline(VPos.TOP);
    if (stats == null || bars.isEmpty()) {
      g.setTextAlign(TextAlignment.CENTER);
      g.fillText("Select a function to see its latency histogram", w / 2, h / 2 - 8);
      return;
    }
    double left = 12;
    double top = 44;
    double bottom = h - 22;
    double width = w - 2 * left;
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(stats.key() + " — " + String.format("%,d", stats.calls()) + " calls", left, 6);
    long max = bars.stream().mapToLong(b -> b[1]).max().orElse(1);
    double bw = width / bars.size();
    g.setFill(swatches.bar());
    for (int i = 0; i < bars.size(); i++) {
      double bh = (bottom - top) * bars.get(i)[1] / (double) max;
      g.fillRect(left + i * bw + 1, bottom - bh, Math.max(1, bw - 2), bh);
    }
    g.setStroke(swatches.grid());
    g.strokeLine(left, bottom + 0.5, left + width, bottom + 0.5);
    g.setFill(swatches.text());
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(ProfileFormat.nanos(bars.getFirst()[0]), left, bottom + 4);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(ProfileFormat.nanos(bars.getLast()[0]), left + width, bottom + 4);
    mark(g, "p50", stats.percentileNanos(50), left, bw, top, bottom);
    mark(g, "p99", stats.percentileNanos(99), left, bw, top, bottom);
  }

  private void mark(GraphicsContext g, String label, long value, double left, double bw, double top, double bottom) {
    int i = 0;
    while (i < bars.size() - 1 && bars.get(i)[0] < value) {
      i++;
    }
    double x = left + (i + 0.5) * bw;
    g.setStroke(swatches.abi());
    g.strokeLine(x, top, x, bottom);
    g.setFill(swatches.abi());
    g.setTextAlign(TextAlignment.CENTER);
    g.fillText(label + " " + ProfileFormat.nanos(value), x, top - 14);
  }
}
