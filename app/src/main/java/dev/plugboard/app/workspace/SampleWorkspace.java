package dev.plugboard.app.workspace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample workspace bundled in the app's resources ({@code sample/index.txt} lists its
 * files). It is unpacked into the configuration folder so the user can edit it; files the
 * user already has there are left as they are.
 */
public final class SampleWorkspace {
  private static final String BASE = "/dev/plugboard/app/sample/";

  private SampleWorkspace() {}

  /** The workspace-relative paths of the bundled files. */
  public static List<String> files() {
    try (InputStream in = resource("index.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unpacks missing files into {@code target} and returns it as a workspace. */
  public static Workspace unpack(Path target) throws IOException {
    for (String relative : files()) {
      Path file = target.resolve(relative).normalize();
      if (!file.startsWith(target.normalize())) {
        throw new IOException("sample entry escapes the workspace: " + relative);
      }
      if (Files.exists(file)) {
        continue;
      }
      Files.createDirectories(file.getParent());
      try (InputStream in = resource(relative)) {
        Files.copy(in, file);
      }
    }
    return new Workspace(target);
  }

  private static InputStream resource(String relative) throws IOException {
    InputStream in = SampleWorkspace.class.getResourceAsStream(BASE + relative);
    if (in == null) {
      throw new IOException("missing bundled sample file " + BASE + relative);
    }
    return in;
  }
}
