package dev.plugboard.app.ui;

import dev.plugboard.app.work.Progress;
import dev.plugboard.app.work.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/**
 * The background service of the shell: long work (opening a binary, composing, building) runs
 * on its own threads as a JavaFX {@link Task}; the status bar shows the newest running task's
 * message and progress, with a button that cancels the running work. Results come back on the
 * FX thread, which only binds them.
 */
final class BackgroundWork {
  private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "plugboard-work");
    t.setDaemon(true);
    return t;
  });
  private final List<Task<?>> running = new ArrayList<>();
  final Label message = new Label();
  final ProgressBar bar = new ProgressBar();
  final Button cancel = new Button("Cancel");
  final HBox node = new HBox(6, message, bar, cancel);

  BackgroundWork() {
    message.setId("status-task");
    bar.setId("status-progress");
    bar.setPrefWidth(140);
    // A long message gives way (cut, whole in its tooltip); the bar and Cancel keep their size
    bar.setMinWidth(80);
    cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    message.setMinWidth(0);
    javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
    whole.textProperty().bind(message.textProperty());
    message.setTooltip(whole);
    cancel.setId("status-cancel");
    cancel.getStyleClass().addAll("small", "flat");
    cancel.setOnAction(e -> cancelAll());
    node.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
    node.setVisible(false);
    node.managedProperty().bind(node.visibleProperty());
  }

  /** Runs {@code work}; the future completes on the FX thread. */
  <T> CompletableFuture<T> submit(String title, Work<T> work) {
    return run(title, work, pool);
  }

  /**
   * Shows {@code title} in the status bar until work that runs elsewhere (a compilation in the
   * runtime's own threads) is done; waits on a thread of its own, not one of the pool's.
   */
  <T> CompletableFuture<T> watch(String title, CompletableFuture<T> elsewhere) {
    return run(title, progress -> elsewhere.get(), r -> {
      Thread t = new Thread(r, "plugboard-watch");
      t.setDaemon(true);
      t.start();
    });
  }

  private <T> CompletableFuture<T> run(String title, Work<T> work, java.util.concurrent.Executor executor) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Task<T> task = new Task<>() {
      @Override
      protected T call() throws Exception {
        updateMessage(title);
        updateProgress(-1, 1);
        return work.run(new Progress() {
          @Override
          public void step(String text, double fraction) {
            updateMessage(text);
            if (fraction < 0) {
              updateProgress(-1, 1);
            } else {
              updateProgress(fraction, 1);
            }
          }

          @Override
          public boolean cancelled() {
            return isCancelled();
          }
        });
      }
    };
    task.setOnSucceeded(e -> {
      finished(task);
      result.complete(task.getValue());
    });
    task.setOnFailed(e -> {
      finished(task);
      Throwable failure = task.getException();
      result.completeExceptionally(failure == null ? new IllegalStateException(title + " failed") : failure);
    });
    task.setOnCancelled(e -> {
      finished(task);
      result.completeExceptionally(new CancellationException(title + ": cancelled"));
    });
    running.add(task);
    show(task);
    executor.execute(task);
    return result;
  }

  /** Whether any work is running (for tests and for the window's title). */
  boolean busy() {
    return !running.isEmpty();
  }

  void cancelAll() {
    for (Task<?> t : List.copyOf(running)) {
      t.cancel(true);
    }
  }

  private void show(Task<?> task) {
    message.textProperty().bind(task.messageProperty());
    bar.progressProperty().bind(task.progressProperty());
    node.setVisible(true);
  }

  private void finished(Task<?> task) {
    running.remove(task);
    if (running.isEmpty()) {
      message.textProperty().unbind();
      bar.progressProperty().unbind();
      message.setText("");
      node.setVisible(false);
    } else {
      show(running.getLast());
    }
  }

  void shutdown() {
    cancelAll();
    pool.shutdownNow();
  }
}
