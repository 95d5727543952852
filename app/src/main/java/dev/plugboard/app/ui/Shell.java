package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.app.work.Work;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.collections.ObservableList;
import javafx.stage.Window;

/**
 * What pages, page providers, tool windows and actions may ask of the IDE window. {@link MainWindow}
 * is the one implementation; a new view talks to the shell only through this.
 */
public interface Shell {
  /** Opens {@code file} on its first page (or selects its tab); completes on the FX thread once it is shown. */
  CompletableFuture<Void> open(Path file);

  /** Opens {@code file} and shows {@code location} on the first page that can. */
  CompletableFuture<Void> openAt(Path file, Location location);

  /** A short message in the status bar. */
  void status(String message);

  /** Clears the status bar if it still shows {@code message} (a message that no longer holds). */
  default void withdrawStatus(String message) {}

  /** A line in the Console. */
  void log(String message);

  /**
   * What a guest wrote (any part of a line) in the Console, stderr set apart from stdout; on the
   * FX thread.
   */
  default void output(String text, boolean stderr) {
    log((stderr ? "stderr: " : "") + text.stripTrailing());
  }

  /** Shows the tool window {@code id} ({@code console}, {@code problems}, ...). */
  default void showToolWindow(String id) {}

  /** The folder of the workspace open, if one is. */
  default Optional<Path> workspaceRoot() {
    return Optional.empty();
  }

  /** A message in the status bar and, marked as an error, in the Console. */
  void error(String message);

  /** Replaces what {@code source} reported for {@code file} in Problems. */
  void setProblems(Path file, Problem.Source source, List<Problem> problems);

  /**
   * Runs long work on a background service, with its progress in the status bar and a cancel
   * button; the future completes on the FX thread (exceptionally with the failure or a
   * {@link java.util.concurrent.CancellationException}).
   */
  <T> CompletableFuture<T> background(String title, Work<T> work);

  /** Where editors check their text: one background thread. */
  Executor checker();

  /** Where Run pages load components and make calls: one background thread. */
  Executor runner();

  /** Every call made on a Run page, oldest first (the Run history tool window lists them). */
  ObservableList<RunHistory.Entry> runHistory();

  /** Shows the page {@code id} of the file shown; false when it has none. */
  boolean showPage(String id);

  /** Shows {@code profile}, what the calls made on {@code file} cost so far, in the Profiler tool window. */
  void profiled(Path file, dev.plugboard.profile.Profile profile);

  /** The questions the window asks the user (a file, a name); tests answer them without dialogs. */
  Prompts prompts();

  /** The page shown in the selected tab. */
  Optional<Page> currentPage();

  /** The page shown, as {@code capability}, if it has it. */
  default <T> Optional<T> current(Class<T> capability) {
    return currentPage().flatMap(p -> p.capability(capability));
  }

  /** The workspace-relative path used in messages. */
  String relative(Path file);

  /** Reloads the workspace tree (keeping what is expanded). */
  void refreshTree();

  Window window();
}
