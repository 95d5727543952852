package dev.plugboard.app;

import dev.plugboard.app.cli.Cli;
import dev.plugboard.app.ui.PlugboardApp;

/**
 * The {@code plugboard} entry point: with no command it opens the IDE, otherwise it runs
 * the command headless. Not a JavaFX {@code Application} itself, so the app runs with
 * JavaFX on the class path.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.run(PlugboardApp::openIde, args));
  }
}
