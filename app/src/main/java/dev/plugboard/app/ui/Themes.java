package dev.plugboard.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.plugboard.app.settings.Settings.Theme;
import javafx.application.Application;

/** Applies the light or dark AtlantaFX theme to the whole application. */
final class Themes {
  private Themes() {}

  static void apply(Theme theme) {
    Application.setUserAgentStylesheet(switch (theme) {
      case LIGHT -> new PrimerLight().getUserAgentStylesheet();
      case DARK -> new PrimerDark().getUserAgentStylesheet();
    });
  }
}
