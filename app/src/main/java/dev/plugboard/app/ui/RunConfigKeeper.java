package dev.plugboard.app.ui;

import dev.plugboard.app.run.RunConfigFile;
import dev.plugboard.app.run.RunConfiguration;
import dev.plugboard.app.workspace.Location;
import dev.plugboard.app.workspace.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;

/**
 * Keeps a Run page's configuration in the workspace's {@code .plugboard/run.json}, under the
 * component's workspace-relative path. A file that cannot be read is a Problem at its line and
 * column (source WORKSPACE) and is left as it is: the page runs with the defaults, and saves
 * nothing until the file reads again. A component outside the workspace keeps its configuration
 * for the session only.
 */
final class RunConfigKeeper implements RunPanel.Keeper {
  private final Shell shell;
  private final Path component;
  private final Optional<Path> root;
  private final Optional<String> key;

  RunConfigKeeper(Shell shell, Path component) {
    this.shell = shell;
    this.component = component.toAbsolutePath().normalize();
    Optional<Path> ws = shell.workspaceRoot();
    this.key = ws.flatMap(r -> RunConfigFile.key(r, this.component));
    this.root = key.isPresent() ? ws : Optional.empty();
  }

  @Override
  public Path base() {
    return root.orElse(component.getParent());
  }

  @Override
  public Kept load() {
    if (key.isEmpty()) {
      return RunPanel.Keeper.NONE.load();
    }
    RunConfigFile file = new RunConfigFile(root.get());
    try {
      RunConfiguration c = file.read(key.get());
      report(file, List.of());
      return new Kept(c, "Kept in " + RunConfigFile.RELATIVE_PATH + " of the workspace");
    } catch (RunConfigFile.Malformed e) {
      return new Kept(RunConfiguration.DEFAULT, malformed(file, e) + "; the defaults are used");
    } catch (IOException e) {
      return new Kept(RunConfiguration.DEFAULT, "Cannot read " + RunConfigFile.RELATIVE_PATH + ": " + e.getMessage());
    }
  }

  @Override
  public String save(RunConfiguration c) {
    if (key.isEmpty()) {
      return RunPanel.Keeper.NONE.save(c);
    }
    RunConfigFile file = new RunConfigFile(root.get());
    try {
      file.save(key.get(), c);
      report(file, List.of());
      return "Saved in " + RunConfigFile.RELATIVE_PATH + " of the workspace";
    } catch (RunConfigFile.Malformed e) {
      return malformed(file, e) + "; these settings are used but not saved";
    } catch (IOException e) {
      return "Not saved: cannot write " + RunConfigFile.RELATIVE_PATH + ": " + e.getMessage();
    }
  }

  private String malformed(RunConfigFile file, RunConfigFile.Malformed e) {
    report(file, List.of(new Problem(file.path(), new Location.Text(e.offset(), e.offset() + 1, e.line(), e.column()),
        "run configurations cannot be read: " + e.getMessage(), Problem.Source.WORKSPACE)));
    return RunConfigFile.RELATIVE_PATH + ":" + e.line() + ":" + e.column() + ": " + e.getMessage()
        + " (see Problems; the file is left as it is)";
  }

  private void report(RunConfigFile file, List<Problem> problems) {
    Platform.runLater(() -> shell.setProblems(file.path(), Problem.Source.WORKSPACE, problems));
  }
}
