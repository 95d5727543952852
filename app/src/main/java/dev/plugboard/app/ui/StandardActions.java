package dev.plugboard.app.ui;

import dev.plugboard.app.settings.Settings.Theme;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TextInputControl;
import org.fxmisc.richtext.StyledTextArea;

/** The shell's own actions (the page providers and tool windows add theirs). */
final class StandardActions {
  private StandardActions() {}

  static List<Action> of(MainWindow w, EditorTabs tabs, NewFileActions newFiles) {
    return List.of(
        Action.of("file.open-folder", "Open Folder…", "File", "open", "Shortcut+O", w::chooseWorkspace),
        Action.of("file.open-file", "Open File…", "File", "open", "Shortcut+Shift+O", w::chooseFile),
        Action.of("file.open-sample", "Open Sample Workspace", "File", "open", null, w::openSampleWorkspace),
        Action.of("file.new-wit-package", "New WIT Package…", "File", "new", null,
            () -> newFiles.askAndCreate("New WIT Package", "my-package", newFiles::newWitPackage)),
        Action.of("file.new-composition", "New Composition…", "File", "new", null,
            () -> newFiles.askAndCreate("New Composition", "my-composition", newFiles::newComposition)),
        Action.of("file.new-component", "New Component from WAT…", "File", "new", null,
            () -> newFiles.askAndCreate("New Component from WAT", "my-component", newFiles::newComponent)),
        Action.of("file.save", "Save", "File", "save", "Shortcut+S", tabs::saveCurrent),
        Action.of("file.save-all", "Save All", "File", "save", "Shortcut+Alt+S", tabs::saveAll),
        Action.of("file.close-tab", "Close Tab", "File", "save", "Shortcut+W", tabs::closeCurrentTab),
        Action.of("file.close-workspace", "Close Workspace", "File", "quit", null, w::closeWorkspace),
        Action.of("file.quit", "Quit", "File", "quit", "Shortcut+Q", w::quit),

        Action.of("edit.undo", "Undo", "Edit", "undo", "Shortcut+Z",
            () -> w.current(Undoable.class).ifPresentOrElse(Undoable::undo,
                () -> w.onFocusedText(TextInputControl::undo, StyledTextArea::undo))),
        Action.of("edit.redo", "Redo", "Edit", "undo", "Shortcut+Shift+Z",
            () -> w.current(Undoable.class).ifPresentOrElse(Undoable::redo,
                () -> w.onFocusedText(TextInputControl::redo, StyledTextArea::redo))),
        Action.of("edit.cut", "Cut", "Edit", "clipboard", "Shortcut+X",
            () -> w.onFocusedText(TextInputControl::cut, StyledTextArea::cut)),
        Action.of("edit.copy", "Copy", "Edit", "clipboard", "Shortcut+C",
            () -> w.onFocusedText(TextInputControl::copy, StyledTextArea::copy)),
        Action.of("edit.paste", "Paste", "Edit", "clipboard", "Shortcut+V",
            () -> w.onFocusedText(TextInputControl::paste, StyledTextArea::paste)),
        Action.of("edit.select-all", "Select All", "Edit", "clipboard", "Shortcut+A",
            () -> w.onFocusedText(TextInputControl::selectAll, StyledTextArea::selectAll)),
        Action.of("edit.format", "Format Document", "Edit", "format", "Shortcut+Shift+F", w::formatDocument),

        Action.of("view.palette", "Find Action…", "View", "palette", "Shortcut+Shift+P", w.palette()::show),
        Action.of("view.theme-light", "Light Theme", "View", "theme", null, () -> w.setTheme(Theme.LIGHT)),
        Action.of("view.theme-dark", "Dark Theme", "View", "theme", null, () -> w.setTheme(Theme.DARK)),
        Action.of("view.refresh", "Refresh Workspace", "View", "tree", "F5", w::refreshTree),

        Action.of("run.inspect", "Inspect Selected File", "Run", "inspect", "Shortcut+I", w::openSelected),
        Action.of("run.build-component", "Build Component from WAT", "Run", "build", null, newFiles::buildCurrentWat),
        Action.of("run.guest", "Run Guest", "Run", "guest", "Shortcut+R",
            () -> w.current(GuestControls.class).ifPresentOrElse(GuestControls::runGuest,
                () -> w.status("Open a component's Run page to run it"))),
        Action.of("run.stop", "Stop Guest", "Run", "guest", "Shortcut+F2",
            () -> w.current(GuestControls.class).ifPresent(GuestControls::stopGuest)),
        Action.of("help.about", "About Plugboard", "Help", "about", null, () -> WindowChrome.showAbout((javafx.stage.Stage) w.window())));
  }

  /** The actions with each menu's groups together (menus list them in registration order), then the rest. */
  static List<Action> inMenuOrder(List<Action> list, List<String> menus) {
    List<Action> ordered = new ArrayList<>();
    for (String menu : menus) {
      List<String> groups = list.stream().filter(a -> menu.equals(a.menu())).map(Action::group).distinct().toList();
      for (String g : groups) {
        list.stream().filter(a -> menu.equals(a.menu()) && a.group().equals(g)).forEach(ordered::add);
      }
    }
    list.stream().filter(a -> !menus.contains(a.menu())).forEach(ordered::add);
    return ordered;
  }
}
