package dev.plugboard.app.ui;

import dev.plugboard.app.cli.Cli;
import dev.plugboard.app.workspace.NewFiles;
import dev.plugboard.app.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * File › New (a WIT package, a composition, a component from WAT) and Run › Build Component from
 * WAT: the files come from {@link NewFiles}, the build is {@code plugboard new} run on the
 * background service, its output in the Console.
 */
final class NewFileActions {
  private final MainWindow window;

  NewFileActions(MainWindow window) {
    this.window = window;
  }

  void askAndCreate(String title, String initial, java.util.function.BiFunction<Path, String,
      CompletableFuture<Path>> create) {
    Workspace ws = window.workspaceProperty().get();
    Optional<Path> folder = ws != null ? Optional.of(ws.root())
        : window.prompts().folder(title + ": choose the folder to work in", null);
    folder.ifPresent(f -> window.prompts().name(title, initial).ifPresent(name -> create.apply(f, name)));
  }

  /** Creates a WIT package {@code folder/NAME/NAME.wit} and opens it (the folder becomes the workspace if none is open). */
  CompletableFuture<Path> newWitPackage(Path folder, String name) {
    return created(folder, () -> NewFiles.witPackage(folder, name));
  }

  /** Creates a composition {@code folder/NAME.wac} (with {@code deps/}) and opens it. */
  CompletableFuture<Path> newComposition(Path folder, String name) {
    return created(folder, () -> NewFiles.composition(folder, name));
  }

  /** Creates {@code folder/NAME/NAME.wat} and {@code NAME.wit}, opens the WAT and builds the component beside it. */
  CompletableFuture<Path> newComponent(Path folder, String name) {
    return created(folder, () -> NewFiles.componentFromWat(folder, name))
        .thenCompose(wat -> wat == null ? CompletableFuture.completedFuture(null) : buildComponent(wat));
  }

  private interface Creation {
    Path create() throws IOException;
  }

  private CompletableFuture<Path> created(Path folder, Creation creation) {
    Path file;
    try {
      file = creation.create();
    } catch (IOException | IllegalArgumentException e) {
      window.error("cannot create: " + (e instanceof java.nio.file.FileAlreadyExistsException f ? f.getFile()
          + " already exists" : e.getMessage()));
      return CompletableFuture.completedFuture(null);
    }
    if (window.workspaceProperty().get() == null || !file.toAbsolutePath().startsWith(window.workspaceProperty().get().root())) {
      window.openWorkspace(folder);
    }
    window.refreshTree();
    window.log("created " + window.relative(file));
    return window.open(file).thenApply(v -> file);
  }

  /** Run › Build Component from WAT: {@code plugboard new NAME.wat --wit NAME.wit -o NAME.wasm} for the WAT shown. */
  void buildCurrentWat() {
    window.current(Savable.class).filter(s -> s.file().toString().endsWith(".wat")).ifPresentOrElse(
        s -> buildComponent(s.file()), () -> window.status("Build works on an open .wat file with its .wit beside it"));
  }

  private CompletableFuture<Path> buildComponent(Path wat) {
    Path wit = wat.resolveSibling(wat.getFileName().toString().replaceAll("\\.wat$", "") + ".wit");
    Path out = NewFiles.componentOf(wat);
    String[] args = {"new", wat.toString(), "--wit", wit.toString(), "-o", out.toString()};
    window.log("plugboard " + String.join(" ", args));
    return window.background("Building " + window.relative(out), p -> {
      StringWriter text = new StringWriter();
      var cli = Cli.create(null);
      cli.setOut(new PrintWriter(text, true));
      cli.setErr(new PrintWriter(text, true));
      int code = cli.execute(args);
      return new Object[] {code, text.toString()};
    }).thenApply(r -> {
      String output = ((String) r[1]).strip();
      if (!output.isEmpty()) {
        window.log(output);
      }
      if ((int) r[0] != 0) {
        window.error(window.relative(wat) + ": the component was not built (see the Console)");
        return null;
      }
      window.refreshTree();
      window.status("Built " + window.relative(out));
      return out;
    });
  }
}
