package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How long the FX thread is busy at a stretch while a user opens the 12 MB componentize-js
 * component: an animation keeps pulses coming, a pulse listener records the longest gap between
 * two pulses from the click to the shown page. Printed for docs/benchmarks.md, not asserted
 * (no timed assertions); what is asserted is that the page opened.
 */
class OpenStallTest extends IdeTest {
  @Test
  void longestFxStallWhileOpeningTheBigComponent() throws Exception {
    Path big = SharedData.require("fixtures/components/js-shout-nowasi.wasm");
    // a small component first, so that what is measured is the big one, not the first use of the controls
    openAndWait(SharedData.require("fixtures/components/hello.wasm"));
    interact(() -> window().showPage("wit"));
    AtomicLong last = new AtomicLong();
    AtomicLong longest = new AtomicLong();
    AtomicLong pulses = new AtomicLong();
    Runnable listener = () -> {
      long now = System.nanoTime();
      long before = last.getAndSet(now);
      if (before != 0) {
        longest.accumulateAndGet(now - before, Math::max);
      }
      pulses.incrementAndGet();
    };
    AnimationTimer keepPulsing = new AnimationTimer() {
      @Override
      public void handle(long now) {
        stage.getScene().getRoot().requestLayout();
      }
    };
    interact(() -> {
      stage.getScene().addPostLayoutPulseListener(listener);
      keepPulsing.start();
    });
    WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
    // when the FX thread is busy for long, say where: its stack, once per distinct place
    Thread fx = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().contains("JavaFX Application")).findFirst().orElseThrow();
    Thread watchdog = new Thread(() -> {
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(40);
        } catch (InterruptedException e) {
          return;
        }
        long age = System.nanoTime() - last.get();
        if (age > 120_000_000L) {
          StringBuilder where = new StringBuilder();
          StackTraceElement[] stack = fx.getStackTrace();
          for (int i = 0; i < Math.min(20, stack.length); i++) {
            where.append("\n    at ").append(stack[i]);
          }
          if (seen.add(where.toString())) {
            System.out.println("open-stall: no pulse for " + age / 1_000_000 + " ms; the FX thread is in:" + where);
          }
        }
      }
    }, "stall-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    long baseline = longest.getAndSet(0);
    long started = System.nanoTime();
    openAndWait(big);
    interact(() -> window().showPage("wit"));
    WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
    long total = System.nanoTime() - started;
    watchdog.interrupt();
    interact(() -> {
      keepPulsing.stop();
      stage.getScene().removePostLayoutPulseListener(listener);
    });
    System.out.printf("open-stall: %s (%d bytes): longest FX-thread stall %.1f ms over %d pulses; opening took %.0f ms;"
        + " idle baseline %.1f ms%n", big.getFileName(), Files.size(big), longest.get() / 1e6, pulses.get(),
        total / 1e6, baseline / 1e6);
    assertThat(window().currentPageIds()).containsExactly("overview", "wit", "sections", "run", "profile");
    assertThat(pulses.get()).isGreaterThan(2);
  }
}
