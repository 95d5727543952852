package dev.plugboard.compose;

import dev.plugboard.compose.CompositionException.Kind;
import dev.plugboard.compose.CompositionGraph.Node;
import dev.plugboard.compose.CompositionProblem.Severity;
import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.source.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * One open composition: the WAC text, the graph it reads into, and the canvas layout (the
 * sidecar), with one undo history over all three. The text is what is saved and what the
 * graph is made from: a {@link GraphEdit} from the canvas becomes a change of the text (see
 * {@link WacEdits}) and of the layout, a text edit from the editor re-reads the graph. A text
 * that does not read still opens: {@link #graph()} is then empty and {@link #problems()} says why.
 *
 * <p>Not thread-safe: use it from one thread (the FX thread in the IDE).
 */
public final class CompositionDocument {
  private final String path;
  private final List<WitResolver.Group> witDeps;
  private final Map<String, ComposedPackage> added = new LinkedHashMap<>();
  private final Deque<Step> undo = new ArrayDeque<>();
  private final Deque<Step> redo = new ArrayDeque<>();
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private Wac.Packages packages;
  private String text;
  private Sidecar sidecar;
  private Wac.Document parsed;
  private Wac.WacException error;
  private List<CompositionProblem> problems = List.of();
  private long revision;
  /** The outline of the text, kept while the text stays the same. */
  private WacOutline cachedOutline;

  /**
   * One step of the history: the text and layout before and after; {@code typedTo} is where a
   * run of typing ended (the next keystroke there joins the step), or -1 for other steps.
   */
  private record Step(String description, String textBefore, String textAfter, Sidecar layoutBefore,
      Sidecar layoutAfter, int typedTo) {}

  /**
   * A document over {@code text} (from {@code path}, for messages), whose {@code new}s find
   * packages through {@code packages} and whose type statements may use {@code witDeps}.
   */
  public CompositionDocument(String path, String text, Sidecar sidecar, Wac.Packages packages,
      List<WitResolver.Group> witDeps) {
    this.path = path;
    this.text = text;
    this.packages = packages;
    this.witDeps = List.copyOf(witDeps);
    this.sidecar = sidecar == null ? Sidecar.empty() : sidecar;
    read();
    dropUnknownLayout();
    problems = collectProblems();
  }

  /**
   * Opens {@code wac} and its sidecar. A sidecar that cannot be read, or names nodes the
   * document does not have, is ignored (whole or those entries) with a warning in
   * {@link #problems()}; the document itself is never lost to it.
   */
  public static CompositionDocument open(Path wac, Wac.Packages packages, List<WitResolver.Group> witDeps)
      throws IOException {
    String text = Files.readString(wac);
    Sidecar sidecar;
    String warning = null;
    try {
      sidecar = Sidecar.read(wac);
    } catch (IOException e) {
      sidecar = Sidecar.empty();
      warning = e.getMessage() + "; the layout is ignored";
    }
    CompositionDocument d = new CompositionDocument(wac.toString(), text, sidecar, packages, witDeps);
    if (warning != null) {
      d.warnings.add(warning);
      d.problems = d.collectProblems();
    }
    return d;
  }

  /** Writes the text and the layout (each atomically). */
  public void save(Path wac) throws IOException {
    Sidecar.save(wac, text, sidecar);
  }

  // ---- reading --------------------------------------------------------------------------

  public String path() {
    return path;
  }

  public String text() {
    return text;
  }

  public Sidecar layout() {
    return sidecar;
  }

  /** The graph the text reads into; empty when it does not read (see {@link #whyNoGraph()}). */
  public CompositionGraph graph() {
    return parsed == null ? new CompositionGraph() : parsed.graph();
  }

  /** The read document; empty when the text does not read. */
  public Optional<Wac.Document> parsed() {
    return Optional.ofNullable(parsed);
  }

  /** Why there is no graph to draw ({@code c.wac:3:9: error: ...}); empty when there is one. */
  public Optional<String> whyNoGraph() {
    return error == null ? Optional.empty() : Optional.of(error.rendered());
  }

  /** The error that keeps the text from reading, with its span. */
  public Optional<Wac.WacException> error() {
    return Optional.ofNullable(error);
  }

  /** Every problem: the read error, imports left unwired, and layout warnings. */
  public List<CompositionProblem> problems() {
    return problems;
  }

  /**
   * A problem as one line for a Problems view or a console: {@code c.wac:6:41: warning: message}
   * (with no line and column when it has no place in the text).
   */
  public String render(CompositionProblem p) {
    String where = path;
    if (!p.span().isNone() && p.span().start() <= text.length()) {
      dev.plugboard.wit.source.SourceMap map = new dev.plugboard.wit.source.SourceMap();
      map.add(path, text);
      where = map.locate(p.span().start()).toString();
    }
    return (p.message().startsWith(path) ? "" : where + ": ") + p.severity().name().toLowerCase(java.util.Locale.ROOT)
        + ": " + p.message();
  }

  /** The problems on one node. */
  public List<CompositionProblem> problems(NodeId node) {
    return problems.stream().filter(p -> node.equals(p.node())).toList();
  }

  public long revision() {
    return revision;
  }

  /** Called with the new revision after every change of text, graph or layout (and undo, redo). */
  public void onChange(LongConsumer listener) {
    listeners.add(listener);
  }

  /** The packages a {@code new} can name: those added by {@link #addPackage}, then the resolver's. */
  public Wac.Packages packages() {
    return name -> {
      ComposedPackage p = added.get(name.replaceAll("@.*", ""));
      return p != null ? p : packages.find(name);
    };
  }

  /** Packages added to this document (dropped on the canvas), by name. */
  public Map<String, ComposedPackage> addedPackages() {
    return java.util.Collections.unmodifiableMap(added);
  }

  // ---- the history ----------------------------------------------------------------------

  public boolean canUndo() {
    return !undo.isEmpty();
  }

  public boolean canRedo() {
    return !redo.isEmpty();
  }

  /** What undo would take back: {@code Wire shout.text → greeter}. */
  public Optional<String> undoDescription() {
    return undo.isEmpty() ? Optional.empty() : Optional.of(undo.peek().description());
  }

  public Optional<String> redoDescription() {
    return redo.isEmpty() ? Optional.empty() : Optional.of(redo.peek().description());
  }

  /** The names of the steps that undo would take back, the latest first. */
  public List<String> history() {
    return undo.stream().map(Step::description).toList();
  }

  public void undo() {
    if (!undo.isEmpty()) {
      Step s = undo.pop();
      redo.push(s);
      set(s.textBefore(), s.layoutBefore());
    }
  }

  public void redo() {
    if (!redo.isEmpty()) {
      Step s = redo.pop();
      // a redone step is closed: typing after it starts a new one
      undo.push(new Step(s.description(), s.textBefore(), s.textAfter(), s.layoutBefore(), s.layoutAfter(), -1));
      set(s.textAfter(), s.layoutAfter());
    }
  }

  // ---- changing -------------------------------------------------------------------------

  /**
   * Carries out a graph edit as one undoable step. The text after it must read: an edit the
   * graph refuses (a wire whose types do not fit, a name already taken) throws its specific
   * {@link CompositionException} and changes nothing.
   */
  public void execute(GraphEdit edit) throws CompositionException {
    String after = text;
    if (!(edit instanceof GraphEdit.Move)) {
      if (parsed == null) {
        throw new CompositionException(Kind.UNSUPPORTED, "the text has errors; fix them before editing the graph: "
            + error.getMessage());
      }
      after = WacEdits.apply(edit, text, parsed.graph(), packages());
      if (!after.equals(text)) {
        try {
          Wac.read(path, after, packages(), witDeps);
        } catch (Wac.WacException e) {
          throw new CompositionException(Kind.INVALID_OUTPUT, edit.description() + " would leave the text invalid: "
              + e.getMessage());
        }
      }
    }
    Sidecar layout = layoutAfter(edit);
    if (after.equals(text) && layout.equals(sidecar)) {
      return;
    }
    push(new Step(edit.description(), text, after, sidecar, layout, -1));
  }

  /** Replaces {@code [start, end)} of the text: one undoable step, whether or not the result reads. */
  public void replaceText(int start, int end, String replacement) {
    String after = text.substring(0, start) + replacement + text.substring(end);
    if (!after.equals(text)) {
      push(new Step("Edit text", text, after, sidecar, sidecar, -1));
    }
  }

  /**
   * A keystroke in a text editor: as {@link #replaceText}, but one that goes on from where the
   * previous keystroke ended (typing on, or deleting back from there) without a line break joins
   * that step, so Undo takes back a run of typing rather than a character.
   */
  public void typeText(int start, int end, String replacement) {
    String after = text.substring(0, start) + replacement + text.substring(end);
    if (after.equals(text)) {
      return;
    }
    Step top = undo.peek();
    boolean goesOn = top != null && top.typedTo() >= 0 && redo.isEmpty() && top.textAfter().equals(text)
        && !replacement.contains("\n") && end == top.typedTo() && (start == end || replacement.isEmpty());
    int typedTo = start + replacement.length();
    if (goesOn) {
      undo.pop();
      push(new Step(top.description(), top.textBefore(), after, top.layoutBefore(), sidecar, typedTo));
    } else {
      push(new Step("Edit text", text, after, sidecar, sidecar, typedTo));
    }
  }

  /** Replaces the whole text (one undoable step). */
  public void setText(String newText) {
    replaceText(0, text.length(), newText);
  }

  /** Makes a package (a component dropped on the canvas) available to {@code new} under its name. */
  public void addPackage(ComposedPackage pkg) {
    added.put(pkg.name(), pkg);
    refresh();
  }

  /**
   * Swaps the package resolver, when component files changed on disk: the text is read again,
   * so every node's ports come from the new components and every wire is checked anew.
   */
  public void packagesChanged(Wac.Packages fresh) {
    this.packages = fresh;
    refresh();
  }

  private void refresh() {
    read();
    problems = collectProblems();
    changed();
  }

  private void push(Step s) {
    undo.push(s);
    redo.clear();
    set(s.textAfter(), s.layoutAfter());
  }

  private void set(String newText, Sidecar layout) {
    boolean textChanged = !newText.equals(text);
    text = newText;
    sidecar = layout;
    if (textChanged) {
      read();
    }
    problems = collectProblems();
    changed();
  }

  private void changed() {
    revision++;
    for (LongConsumer l : listeners) {
      l.accept(revision);
    }
  }

  private void read() {
    try {
      parsed = Wac.read(path, text, packages(), witDeps);
      error = null;
    } catch (Wac.WacException e) {
      parsed = null;
      error = e;
    }
  }

  // ---- layout -------------------------------------------------------------------------

  private Sidecar layoutAfter(GraphEdit edit) {
    Map<String, Sidecar.NodeLayout> nodes = new LinkedHashMap<>(sidecar.nodes());
    switch (edit) {
      case GraphEdit.Move m -> m.to().forEach((id, p) -> {
        Sidecar.NodeLayout was = nodes.get(id.name());
        nodes.put(id.name(), new Sidecar.NodeLayout(p.x(), p.y(), was == null ? null : was.color(),
            was == null ? null : was.note()));
      });
      case GraphEdit.AddInstance a -> nodes.put(a.node().name(), new Sidecar.NodeLayout(a.x(), a.y(), null, null));
      case GraphEdit.Remove r -> r.nodes().forEach(id -> nodes.remove(id.name()));
      case GraphEdit.Rename r -> {
        Sidecar.NodeLayout was = nodes.remove(r.node().name());
        if (was != null) {
          nodes.put(r.newName(), was);
        }
      }
      default -> { }
    }
    return new Sidecar(Sidecar.SCHEMA, nodes);
  }

  /** Layout entries for nodes the document does not have are dropped, with a warning. */
  private void dropUnknownLayout() {
    if (parsed == null) {
      return;
    }
    Map<String, Sidecar.NodeLayout> kept = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    sidecar.nodes().forEach((name, l) -> {
      if (parsed.graph().nodes().containsKey(name) || name.equals(NodeId.EXPORTS.name())) {
        kept.put(name, l);
      } else {
        unknown.add(name);
      }
    });
    if (!unknown.isEmpty()) {
      unknown.sort(null);
      warnings.add(Sidecar.pathFor(Path.of(path)) + ": the layout names nodes the document does not have ("
          + String.join(", ", unknown) + "); " + (kept.isEmpty() ? "the layout is ignored" : "those are ignored"));
      sidecar = new Sidecar(Sidecar.SCHEMA, kept);
    }
  }

  // ---- problems -----------------------------------------------------------------------

  private List<CompositionProblem> collectProblems() {
    List<CompositionProblem> out = new ArrayList<>();
    WacOutline outline = null;
    if (error != null) {
      outline = WacOutline.of(text);
      NodeId node = null;
      String port = null;
      var at = outline.at(error.span().start());
      if (at.isPresent()) {
        switch (at.get()) {
          case WacOutline.LetNew l -> {
            node = NodeId.of(l.name());
            for (WacOutline.Arg a : l.args()) {
              if (a.start() <= error.span().start() && error.span().start() < a.end()) {
                port = a.name();
              }
            }
          }
          case WacOutline.Let l -> node = NodeId.of(l.name());
          case WacOutline.Import i -> node = NodeId.of(i.name());
          default -> { }
        }
      }
      out.add(new CompositionProblem(Severity.ERROR, node, port, error.getMessage(), error.span()));
    }
    if (parsed != null) {
      CompositionGraph g = parsed.graph();
      for (Node n : g.nodes().values()) {
        if (!(n instanceof Node.Instantiation inst)) {
          continue;
        }
        for (var arg : inst.args().entrySet()) {
          if (arg.getValue() instanceof CompositionGraph.Source.Whole w
              && g.nodes().get(w.node()) instanceof Node.Import && !declaredImport(w.node())) {
            if (outline == null) {
              outline = WacOutline.of(text);
            }
            Span span = outline.letNew(inst.name()).map(l -> l.args().stream()
                    .filter(a -> a.kind() == WacOutline.Kind.IMPLICIT).findFirst()
                    .map(a -> new Span(a.start(), a.end())).orElse(new Span(l.start(), l.end())))
                .orElse(Span.NONE);
            out.add(new CompositionProblem(Severity.WARNING, NodeId.of(inst.name()), arg.getKey(), "import `"
                + arg.getKey() + "` of `" + inst.name() + "` is not wired: the composition imports it", span));
          }
        }
      }
    }
    for (String w : warnings) {
      out.add(new CompositionProblem(Severity.WARNING, null, null, w, Span.NONE));
    }
    return List.copyOf(out);
  }

  private boolean declaredImport(String name) {
    if (cachedOutline == null || !cachedOutline.text().equals(text)) {
      cachedOutline = WacOutline.of(text);
    }
    return cachedOutline.statements().stream().anyMatch(s -> s instanceof WacOutline.Import i
        && i.name().equals(name));
  }
}
