package dev.plugboard.app;

import dev.plugboard.app.cli.Cli;
import dev.plugboard.app.ui.PlugboardApp;

/**
 * The {@code plugboard} entry point: with no command it opens the IDE, otherwise it runs
 * the command headless. Not a JavaFX {@code Application} itself, so the app runs with
 * JavaFX on the class path.
 *
 * <p>{@code PLUGBOARD_HEADLESS=1} runs the IDE on JavaFX's headless platform with software
 * rendering, for launchers that take no JVM options (the installed app): the packaging test
 * starts the installed IDE this way, with no display.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if ("1".equals(System.getenv("PLUGBOARD_HEADLESS"))) {
      System.setProperty("glass.platform", "Headless");
      System.setProperty("prism.order", "sw");
    }
    // A lambda, not PlugboardApp::openIde: a method reference would load PlugboardApp, and
    // with it JavaFX's Application class, for every command; the lambda loads them only
    // when the IDE opens.
    System.exit(Cli.run((workspace, file) -> PlugboardApp.openIde(workspace, file), args));
  }
}
