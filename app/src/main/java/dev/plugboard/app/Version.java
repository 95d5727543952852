package dev.plugboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions of Plugboard and of what it is built on, as the build recorded them. */
public final class Version {
  private static final Properties BUILD = load();

  private Version() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  public static String plugboard() {
    return BUILD.getProperty("plugboard.version", "development");
  }

  /** Name → version of Plugboard, the Java runtime and the libraries, in display order. */
  public static Map<String, String> components() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Plugboard", plugboard());
    m.put("Java", System.getProperty("java.runtime.version", System.getProperty("java.version"))
        + " (" + System.getProperty("java.vendor", "unknown vendor") + ")");
    m.put("JavaFX", BUILD.getProperty("javafx.version", "?"));
    m.put("RichTextFX", BUILD.getProperty("richtextfx.version", "?"));
    m.put("AtlantaFX", BUILD.getProperty("atlantafx.version", "?"));
    m.put("Chicory", BUILD.getProperty("chicory.version", "?"));
    m.put("picocli", BUILD.getProperty("picocli.version", "?"));
    m.put("Jackson", BUILD.getProperty("jackson.version", "?"));
    return m;
  }
}
