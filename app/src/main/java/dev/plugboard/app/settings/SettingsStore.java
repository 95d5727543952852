package dev.plugboard.app.settings;

import dev.plugboard.io.AtomicFiles;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Reads and writes {@code settings.json} in the configuration folder. A malformed file is
 * never lost: it is moved aside to {@code settings.json.bad} and the defaults are used,
 * with a warning the IDE shows in its console.
 */
public final class SettingsStore {
  private final Path dir;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private String warning;

  public SettingsStore(Path dir) {
    this.dir = dir;
  }

  /**
   * The configuration folder: system property {@code plugboard.config.dir}, else
   * {@code $XDG_CONFIG_HOME/plugboard}, else {@code ~/.config/plugboard}.
   */
  public static Path defaultDirectory() {
    String configured = System.getProperty("plugboard.config.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "plugboard");
    }
    return Path.of(System.getProperty("user.home"), ".config", "plugboard");
  }

  public Path directory() {
    return dir;
  }

  public Path file() {
    return dir.resolve("settings.json");
  }

  public Settings load() {
    Path file = file();
    if (!Files.isRegularFile(file)) {
      return Settings.defaults();
    }
    try {
      Settings s = json.readValue(file.toFile(), Settings.class);
      return s == null ? Settings.defaults() : s;
    } catch (JacksonException e) {
      Path aside = file.resolveSibling("settings.json.bad");
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        warning = file + ": malformed settings (" + e.getOriginalMessage() + " at line "
            + e.getLocation().getLineNr() + "); kept as " + aside.getFileName() + ", using defaults";
      } catch (IOException moveFailed) {
        warning = file + ": malformed settings, using defaults: " + e.getOriginalMessage();
      }
      return Settings.defaults();
    } catch (IOException e) {
      warning = file + ": cannot read settings, using defaults: " + e.getMessage();
      return Settings.defaults();
    }
  }

  /** A warning from the last {@link #load()}, if the file could not be used. */
  public Optional<String> warning() {
    return Optional.ofNullable(warning);
  }

  public void save(Settings settings) throws IOException {
    AtomicFiles.write(file(), json.writeValueAsBytes(settings));
  }
}
