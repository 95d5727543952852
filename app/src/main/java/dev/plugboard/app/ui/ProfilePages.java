package dev.plugboard.app.ui;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.plugboard.app.work.ComponentInspection;
import dev.plugboard.app.workspace.FileKind;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.io.AtomicFiles;
import dev.plugboard.profile.Profile;
import dev.plugboard.profile.ProfileFormatException;
import dev.plugboard.profile.ProfileJson;
import dev.plugboard.profile.ui.CompareView;
import dev.plugboard.profile.ui.LoadRunPane;
import dev.plugboard.profile.ui.ProfilerView;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.RuntimeConfig;
import dev.plugboard.runtime.wasi.WasiConfig;
import dev.plugboard.runtime.wasi.WasiHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/**
 * The profiler's pages: a component's Profile page (after Run: a load run, the profile of its last
 * run, Save profile… and Compare with…), and the page of a saved profile ({@code NAME.profile.json},
 * {@link FileKind#PROFILE}), read off the FX thread; a damaged one shows its error, with line and
 * column, in the page and in Problems.
 */
final class ProfilePages {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private ProfilePages() {}

  /** The Profile page of a {@code .wasm} component (core modules have none). */
  static final PageProvider COMPONENT = new PageProvider() {
    @Override
    public String id() {
      return "profile";
    }

    @Override
    public boolean accepts(PageContext c) {
      return c.model(ComponentInspection.class).isComponent();
    }

    @Override
    public Page create(PageContext c) {
      return new ComponentProfile(c.file(), c.model(ComponentInspection.class).bytes(), c.shell());
    }
  };

  /** A saved profile as read from its file: the profile, or why it cannot be read. */
  record Saved(Profile profile, Problem problem) {}

  /** Reads a saved profile; a damaged file is a page showing its problem, not a failure to open. */
  static Object load(Path file, dev.plugboard.app.work.Progress progress) throws IOException {
    String text = Files.readString(file);
    try {
      return new Saved(ProfileJson.read(text, file.getFileName().toString()), null);
    } catch (ProfileFormatException e) {
      return new Saved(null, new Problem(file, where(e, text), e.getMessage(), Problem.Source.PROFILE));
    }
  }

  /** Where the JSON reader stopped, as a text location; the whole file when the JSON parsed but is not a profile. */
  private static Location where(ProfileFormatException e, String text) {
    if (e.getCause() instanceof JsonProcessingException j && j.getLocation() != null) {
      JsonLocation at = j.getLocation();
      int line = Math.max(1, at.getLineNr());
      int column = Math.max(1, at.getColumnNr());
      int offset = 0;
      for (int l = 1; l < line && offset < text.length(); l++) {
        int nl = text.indexOf('\n', offset);
        offset = nl < 0 ? text.length() : nl + 1;
      }
      offset = Math.min(text.length(), offset + column - 1);
      return new Location.Text(offset, offset, line, column);
    }
    return Location.NONE;
  }

  static final PageProvider SAVED = new PageProvider() {
    @Override
    public String id() {
      return "profile";
    }

    @Override
    public Page create(PageContext c) {
      Saved saved = c.model(Saved.class);
      c.shell().setProblems(c.file(), Problem.Source.PROFILE,
          saved.problem() == null ? List.of() : List.of(saved.problem()));
      ProfilerView view = new ProfilerView();
      view.setId("saved-profile");
      if (saved.profile() != null) {
        view.setProfile(saved.profile());
        return simple("profile", "Profile", view);
      }
      Label error = new Label(saved.problem().message());
      error.setId("saved-profile-error");
      error.getStyleClass().add("error-text");
      error.setWrapText(true);
      error.setPadding(new javafx.geometry.Insets(12));
      return simple("profile", "Profile", error);
    }
  };

  private static Page simple(String id, String title, Node node) {
    return new Page() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public Node node() {
        return node;
      }
    };
  }

  /** The name a saved profile of {@code component} gets by default: {@code NAME-yyyyMMdd-HHmmss.profile.json}. */
  static String defaultName(Path component, LocalDateTime now) {
    String name = component.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return (dot > 0 ? name.substring(0, dot) : name) + "-" + STAMP.format(now) + FileKind.PROFILE_SUFFIX;
  }

  /** A name the user typed, as the saved profile's file beside the component (the suffix added when missing). */
  static Path target(Path component, String typed) {
    String name = typed.strip();
    if (!name.endsWith(FileKind.PROFILE_SUFFIX)) {
      name = (name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name)
          + FileKind.PROFILE_SUFFIX;
    }
    return component.resolveSibling(name);
  }

  /**
   * A component's Profile page: the load run on top; below it the profiler's views of the last
   * run and, once asked for, the comparison with a saved profile. Each run makes a fresh instance
   * with WASI 0.2 in the sandbox, as the Run page's.
   */
  static final class ComponentProfile implements Page {
    private final Path file;
    private final byte[] bytes;
    private final Shell shell;
    private BorderPane root;
    private LoadRunPane load;
    private final ProfilerView view = new ProfilerView();
    private final CompareView compare = new CompareView();
    private final TabPane results = new TabPane();
    private final Tab compareTab = new Tab("Compare");
    private final Button save = new Button("Save Profile…");
    private final Button compareWith = new Button("Compare with…");
    private LoadedComponent component;
    private WasiHost wasi;

    ComponentProfile(Path file, byte[] bytes, Shell shell) {
      this.file = file;
      this.bytes = bytes;
      this.shell = shell;
    }

    @Override
    public String id() {
      return "profile";
    }

    @Override
    public String title() {
      return "Profile";
    }

    @Override
    public Node node() {
      if (root == null) {
        build();
      }
      return root;
    }

    private void build() {
      String name = file.getFileName().toString();
      load = new LoadRunPane(name, "", this::instantiate);
      view.setId("profile-page-view");
      compare.setId("profile-compare");
      compare.getStylesheets().add(ProfilerView.STYLESHEET);
      compareTab.setContent(compare);
      results.setId("profile-results");
      results.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
      results.getTabs().addAll(new Tab("Profile", view), compareTab);
      save.setId("profile-save");
      compareWith.setId("profile-compare-with");
      save.disableProperty().bind(view.profileProperty().isNull());
      compareWith.disableProperty().bind(view.profileProperty().isNull());
      save.setOnAction(e -> askAndSave());
      compareWith.setOnAction(e -> askAndCompare());
      load.resultProperty().addListener((o, was, p) -> {
        if (p != null) {
          view.setProfile(p);
          shell.profiled(file, p);
        }
      });
      SplitPane split = new SplitPane(load, results);
      split.setOrientation(Orientation.VERTICAL);
      split.setDividerPositions(0.4);
      root = new BorderPane(split);
      root.setId("profile-page");
      root.setTop(new ToolBar(save, compareWith));
    }

    /** A fresh instance per run, tracing into the run's recorder; the previous run's WASI host is closed. */
    private ComponentInstance instantiate(dev.plugboard.runtime.trace.CallTracer tracer) throws Exception {
      synchronized (this) {
        if (component == null) {
          component = LoadedComponent.load(bytes, file.getFileName().toString());
        }
        if (wasi != null) {
          wasi.close();
        }
        wasi = new WasiHost(WasiConfig.sandbox().withArguments(List.of(component.name()))
            .withStdio(InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        return component.instantiate(wasi.imports(component), RuntimeConfig.DEFAULT.withTracer(tracer));
      }
    }

    @Override
    public void activated() {
      if (loadRun().callField().getText().isEmpty()) {
        suggestCall();
      }
    }

    /** Fills the call with the first export's template (the component is loaded on the runner thread). */
    private void suggestCall() {
      java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try (var s = dev.plugboard.app.run.RunSession.of(bytes, file.getFileName().toString(),
            java.time.Duration.ofSeconds(10))) {
          return s.functions().stream().findFirst().map(dev.plugboard.app.run.RunSession::template).orElse("");
        }
      }, shell.runner()).thenAccept(t -> javafx.application.Platform.runLater(() -> {
        if (loadRun().callField().getText().isEmpty()) {
          loadRun().callField().setText(t);
        }
      }));
    }

    LoadRunPane loadRun() {
      node();
      return load;
    }

    ProfilerView view() {
      return view;
    }

    CompareView compare() {
      return compare;
    }

    TabPane results() {
      return results;
    }

    private void askAndSave() {
      shell.prompts().name("Save Profile", defaultName(file, LocalDateTime.now()))
          .ifPresent(n -> save(target(file, n)));
    }

    /** Writes the profile shown (atomically) to {@code target}; what happened goes to the status bar and Console. */
    void save(Path target) {
      Profile p = view.profileProperty().get();
      if (p == null) {
        shell.status("Run a load first: there is no profile to save");
        return;
      }
      try {
        AtomicFiles.write(target, ProfileJson.write(p));
        shell.log("profile " + shell.relative(file) + ": saved " + shell.relative(target));
        shell.status("Saved the profile to " + shell.relative(target));
        shell.refreshTree();
      } catch (IOException e) {
        shell.error(shell.relative(target) + ": cannot save the profile: " + e.getMessage());
      }
    }

    private void askAndCompare() {
      shell.prompts().file("Compare with a Saved Profile", file.getParent()).ifPresent(this::compareWith);
    }

    /** Compares the saved profile at {@code saved} (before) with the one shown (after); a bad file is an error. */
    void compareWith(Path saved) {
      Profile after = view.profileProperty().get();
      if (after == null) {
        shell.status("Run a load first: there is nothing to compare");
        return;
      }
      Optional<Profile> before;
      try {
        before = Optional.of(ProfileJson.load(saved));
      } catch (IOException e) {
        shell.error(shell.relative(saved) + ": cannot read: " + e.getMessage());
        before = Optional.empty();
      } catch (ProfileFormatException e) {
        shell.error(e.getMessage());
        before = Optional.empty();
      }
      before.ifPresent(b -> {
        compare.setProfiles(b, after);
        compareTab.setText("Compare with " + saved.getFileName());
        results.getSelectionModel().select(compareTab);
      });
    }
  }
}
