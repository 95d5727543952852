package dev.plugboard.bench;

import dev.plugboard.compose.CompositionDocument;
import dev.plugboard.compose.Sidecar;
import dev.plugboard.compose.ui.CompositionCanvas;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The real JavaFX composition canvas on {@link CanvasBenchmark}'s 200-instance composition, in
 * a 1280×800 window on the headless glass platform with the software pipeline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CanvasFxBenchmark {
  private CompositionCanvas canvas;
  private javafx.scene.image.WritableImage image;

  /** {@code fit}: the whole graph in view, port labels left out; {@code 1}: zoom 1, a part in view, all labels. */
  @org.openjdk.jmh.annotations.Param({"fit", "1"})
  public String zoom;

  @Setup
  public void startFx() throws Exception {
    System.setProperty("glass.platform", "Headless");
    System.setProperty("prism.order", "sw");
    java.util.concurrent.CountDownLatch up = new java.util.concurrent.CountDownLatch(1);
    try {
      javafx.application.Platform.startup(up::countDown);
    } catch (IllegalStateException alreadyRunning) {
      up.countDown();
    }
    up.await();
    onFx(() -> {
      CompositionDocument d = new CompositionDocument("big.wac", CanvasBenchmark.wac(CanvasBenchmark.INSTANCES),
          Sidecar.empty(), CanvasBenchmark.packages(), List.of());
      canvas = new CompositionCanvas(d);
      javafx.stage.Stage stage = new javafx.stage.Stage();
      stage.setScene(new javafx.scene.Scene(canvas, 1280, 800));
      stage.show();
      canvas.fit();
      image = new javafx.scene.image.WritableImage(1280, 800);
      if (zoom.equals("1")) {
        canvas.zoomBy(1 / canvas.zoom(), 0, 0);
      }
      return null;
    });
  }

  /**
   * Pan by one pixel and redraw, ten times in one task on the FX thread: the FX thread's share
   * of a frame (the canvas records its drawing commands; the next pulse rasterises them, on the
   * GPU in a real window, in software here).
   */
  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(10)
  public Object redrawFxCanvasAfterPan() throws Exception {
    return onFx(() -> {
      for (int i = 0; i < 10; i++) {
        canvas.panBy(1, 0);
      }
      return canvas;
    });
  }

  /**
   * Pan, redraw and take a snapshot of the canvas: the software rasteriser draws the recorded
   * commands into an image, an upper bound of a whole frame without a GPU.
   */
  @Benchmark
  public Object redrawAndRasteriseFxCanvas() throws Exception {
    return onFx(() -> {
      canvas.panBy(1, 0);
      return canvas.drawingCanvas().snapshot(null, image);
    });
  }

  @TearDown
  public void stopFx() {
    javafx.application.Platform.exit();
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
    FutureTask<T> t = new FutureTask<>(c);
    javafx.application.Platform.runLater(t);
    return t.get();
  }
}
