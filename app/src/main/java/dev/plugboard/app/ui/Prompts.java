package dev.plugboard.app.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The questions the shell asks the user (a folder, a file, a name); tests answer them without dialogs. */
public interface Prompts {
  Optional<Path> folder(String title, Path initial);

  Optional<Path> file(String title, Path initial);

  Optional<String> name(String title, String initial);

  /** The platform's dialogs. */
  static Prompts dialogs(Window owner) {
    return new Prompts() {
      @Override
      public Optional<Path> folder(String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initial != null && initial.toFile().isDirectory()) {
          chooser.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner)).map(java.io.File::toPath);
      }

      @Override
      public Optional<Path> file(String title, Path initial) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
            new FileChooser.ExtensionFilter("Plugboard files", "*.wit", "*.wac", "*.wasm", "*.wat"),
            new FileChooser.ExtensionFilter("All files", "*"));
        if (initial != null && initial.toFile().isDirectory()) {
          chooser.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
      }

      @Override
      public Optional<String> name(String title, String initial) {
        TextInputDialog ask = new TextInputDialog(initial);
        ask.initOwner(owner);
        ask.setTitle(title);
        ask.setHeaderText(title);
        ask.setContentText("Name (kebab-case):");
        return ask.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
      }
    };
  }
}
