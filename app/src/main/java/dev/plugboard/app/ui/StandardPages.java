package dev.plugboard.app.ui;

import dev.plugboard.app.work.WacComposition;
import dev.plugboard.app.workspace.FileKind;
import dev.plugboard.app.workspace.Problem;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pages Plugboard has built in: {@code .wit} → its editor; {@code .wac} → Graph | Text over one
 * document (loaded off the FX thread); {@code .wasm}
 * → Overview | WIT | Sections | Run (loaded off the FX thread); other text → Text. The canvas
 * and the profiler add theirs with {@link PageRegistry#register} (see docs/architecture.md).
 */
final class StandardPages {
  private StandardPages() {}

  static PageRegistry registry() {
    PageRegistry r = new PageRegistry();
    r.register(FileKind.WIT, WIT_EDITOR);
    r.loader(FileKind.WAC, OpenComposition::load);
    r.register(FileKind.WAC, GRAPH);
    r.register(FileKind.WAC, WAC_TEXT);
    r.register(FileKind.TEXT, TEXT);
    r.loader(FileKind.WASM, WasmPages::load);
    r.register(FileKind.WASM, WasmPages.OVERVIEW);
    r.register(FileKind.WASM, WasmPages.WIT);
    r.register(FileKind.WASM, WasmPages.SECTIONS);
    r.register(FileKind.WASM, WasmPages.RUN);
    r.register(FileKind.WASM, ProfilePages.COMPONENT);
    r.loader(FileKind.PROFILE, ProfilePages::load);
    r.register(FileKind.PROFILE, ProfilePages.SAVED);
    return r;
  }

  static final PageProvider TEXT = new PageProvider() {
    @Override
    public String id() {
      return "text";
    }

    @Override
    public Page create(PageContext c) throws java.io.IOException {
      return new TextPage(c.file());
    }
  };

  static final PageProvider WIT_EDITOR = new PageProvider() {
    @Override
    public String id() {
      return "editor";
    }

    @Override
    public Page create(PageContext c) throws java.io.IOException {
      return new WitPage(c.file(), c.shell());
    }

    /** The WIT editor's language actions, in the Edit menu; they act on the WIT page shown. */
    @Override
    public List<Action> actions(Shell shell) {
      return List.of(
          wit(shell, "edit.find", "Find…", "find", "Shortcut+F", e -> e.showFind(false)),
          wit(shell, "edit.replace", "Replace…", "find", "Shortcut+H", e -> e.showFind(true)),
          wit(shell, "edit.complete", "Complete", "language", "Shortcut+Space", e -> e.complete()),
          wit(shell, "edit.go-to-definition", "Go to Definition", "language", "F12", e -> e.goToDefinition()),
          wit(shell, "edit.find-usages", "Find Usages", "language", "Shift+F12", e -> e.findUsages()),
          wit(shell, "edit.rename", "Rename Symbol…", "language", "F2", e -> e.startRename()));
    }

    private Action wit(Shell shell, String id, String title, String group, String keys,
        Consumer<dev.plugboard.editor.ui.WitEditor> action) {
      return Action.of(id, title, "Edit", group, keys, () -> shell.current(WitPage.class).ifPresentOrElse(
          p -> action.accept(p.editor()), () -> shell.status(title.replace("…", "") + " works in WIT files")));
    }
  };

  static final PageProvider WAC_TEXT = new PageProvider() {
    @Override
    public String id() {
      return "text";
    }

    @Override
    public Page create(PageContext c) throws java.io.IOException {
      return new WacTextPage(c.file(), c.shell(), c.model(OpenComposition.class));
    }

    @Override
    public List<Action> actions(Shell shell) {
      return List.of(Action.of("run.compose", "Compose WAC File", "Run", "compose", "Shortcut+Shift+B",
          () -> compose(shell)));
    }
  };

  static final PageProvider GRAPH = new PageProvider() {
    @Override
    public String id() {
      return "graph";
    }

    @Override
    public Page create(PageContext c) {
      return new GraphPage(c.file(), c.shell(), c.model(OpenComposition.class));
    }

    /** Run › Compose & Run: composes the document shown, then opens the result on its Run page. */
    @Override
    public List<Action> actions(Shell shell) {
      return List.of(Action.of("run.compose-run", "Compose & Run", "Run", "compose", "Shortcut+Shift+F5",
          () -> compose(shell).thenAccept(target -> {
            if (target != null) {
              shell.showPage("run");
            }
          })));
    }
  };

  /**
   * Run › Compose WAC File: composes the shown {@code .wac} document (its unsaved text; packages
   * from {@code deps/} beside it) into {@code NAME.wasm} beside it, in the background, and opens
   * that. What happens is logged to the Console; errors go to Problems with their place. The
   * future completes with the component once it is shown, or with null when nothing was composed.
   */
  static java.util.concurrent.CompletableFuture<java.nio.file.Path> compose(Shell shell) {
    var doc = shell.current(Savable.class).filter(s -> FileKind.of(s.file()) == FileKind.WAC);
    if (doc.isEmpty()) {
      shell.status("Compose works on an open .wac file");
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    var shown = new java.util.concurrent.CompletableFuture<java.nio.file.Path>();
    var file = doc.get().file();
    String text = doc.get().currentText();
    String name = shell.relative(file);
    shell.log("compose " + name + ": reading with packages from " + shell.relative(file.resolveSibling("deps")));
    shell.background("Composing " + name, p -> WacComposition.compose(file, text, p)).whenComplete((done, err) -> {
      if (done == null) {
        shown.complete(null);
      }
      if (done != null) {
        shell.setProblems(file, Problem.Source.WAC, List.of());
        shell.log("compose " + name + ": wrote " + shell.relative(done.target()) + " (" + done.bytes() + " bytes, "
            + done.exports() + " export(s))");
        shell.refreshTree();
        shell.open(done.target()).thenRun(() -> {
          shell.status("Composed " + name + " into " + shell.relative(done.target()) + " (" + done.bytes() + " bytes)");
          shown.complete(done.target());
        });
        return;
      }
      Throwable cause = err instanceof java.util.concurrent.CompletionException c && c.getCause() != null
          ? c.getCause() : err;
      if (cause instanceof WacComposition.Failure f) {
        shell.setProblems(file, Problem.Source.WAC, List.of(f.problem()));
        shell.log("compose " + name + ": " + f.rendered());
        shell.status(name + ": the composition has errors");
      } else if (cause instanceof java.util.concurrent.CancellationException) {
        shell.log("compose " + name + ": cancelled");
        shell.status("Cancelled composing " + name);
      } else {
        shell.error(name + ": cannot compose: " + cause.getMessage());
      }
    });
    return shown;
  }
}
