package dev.plugboard.app.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.io.AtomicFiles;
import dev.plugboard.runtime.wasi.Grants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run configurations of a workspace, {@code .plugboard/run.json}: one entry per component,
 * keyed by its workspace-relative path with {@code /} separators.
 *
 * <pre>{@code
 * { "version": 1,
 *   "components": {
 *     "hello/hello.wasm": { "args": ["--name", "ada"], "env": ["GREETING=hi", "HOME"],
 *       "dirs": ["data::/data"], "dirsReadOnly": ["assets::/assets"],
 *       "allowHttp": ["example.com:443"], "allowNet": ["127.0.0.1:8080"],
 *       "stdin": "", "timeout": "10s" } } }
 * }</pre>
 *
 * <p>A save rereads the file and replaces only the fields it knows of one entry, so other entries,
 * fields it does not know, and edits made meanwhile on disk are kept. A file that cannot be read
 * is reported ({@link Malformed}, with its line and column) and never written over: the runs use
 * the defaults until it is fixed. Saves are atomic ({@link AtomicFiles}).
 */
public final class RunConfigFile {
  /** Where the file lives in a workspace. */
  public static final String RELATIVE_PATH = ".plugboard/run.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Why the file cannot be read: a one-line message at a 1-based line and column (and char offset). */
  public static final class Malformed extends Exception {
    private final int line;
    private final int column;
    private final int offset;

    Malformed(String message, int line, int column, int offset) {
      super(message, null, false, false);
      this.line = Math.max(1, line);
      this.column = Math.max(1, column);
      this.offset = Math.max(0, offset);
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }

    public int offset() {
      return offset;
    }
  }

  /** The shape the file is checked against (fields it does not name are allowed). */
  private record Entry(List<String> args, List<String> env, List<String> dirs, List<String> dirsReadOnly,
      List<String> allowHttp, List<String> allowNet, String stdin, String timeout) {}

  private record Shape(Integer version, Map<String, Entry> components) {}

  private final Path file;

  public RunConfigFile(Path workspaceRoot) {
    this.file = workspaceRoot.resolve(RELATIVE_PATH);
  }

  public Path path() {
    return file;
  }

  /** The configuration kept for {@code key}; the default when the file or the entry is absent. */
  public synchronized RunConfiguration read(String key) throws Malformed, IOException {
    ObjectNode root = root();
    JsonNode entry = root.path("components").path(key);
    if (!entry.isObject()) {
      return RunConfiguration.DEFAULT;
    }
    Grants grants = new Grants(strings(entry, "dirs"), strings(entry, "dirsReadOnly"), strings(entry, "env"),
        strings(entry, "allowHttp"), strings(entry, "allowNet"));
    return new RunConfiguration(strings(entry, "args"), grants, entry.path("stdin").asText(""),
        entry.path("timeout").asText(""));
  }

  /**
   * Writes {@code config} as the entry of {@code key}, keeping everything else in the file.
   *
   * @throws Malformed (and writes nothing) when the file on disk cannot be read
   */
  public synchronized void save(String key, RunConfiguration config) throws Malformed, IOException {
    ObjectNode root = root();
    if (!root.has("version")) {
      root.put("version", 1);
    }
    ObjectNode components = root.path("components") instanceof ObjectNode o ? o : root.putObject("components");
    ObjectNode entry = components.path(key) instanceof ObjectNode o ? o : components.putObject(key);
    put(entry, "args", config.arguments());
    put(entry, "env", config.grants().env());
    put(entry, "dirs", config.grants().dirs());
    put(entry, "dirsReadOnly", config.grants().readOnlyDirs());
    put(entry, "allowHttp", config.grants().allowHttp());
    put(entry, "allowNet", config.grants().allowNet());
    entry.put("stdin", config.stdin());
    entry.put("timeout", config.timeout());
    AtomicFiles.write(file, JSON.writeValueAsString(root) + "\n");
  }

  /** The file's tree, checked against {@link Shape}; an empty object when there is no file. */
  private ObjectNode root() throws Malformed, IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return JSON.createObjectNode();
    }
    try {
      JSON.readValue(text, Shape.class);
      if (JSON.readTree(text) instanceof ObjectNode o) {
        return o;
      }
      throw new Malformed("expected a JSON object", 1, 1, 0);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
      throw at == null ? new Malformed(message, 1, 1, 0)
          : new Malformed(message, at.getLineNr(), at.getColumnNr(), (int) Math.max(0, at.getCharOffset()));
    }
  }

  private static List<String> strings(JsonNode entry, String field) {
    List<String> out = new ArrayList<>();
    entry.path(field).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void put(ObjectNode entry, String field, List<String> values) {
    ArrayNode a = entry.putArray(field);
    values.forEach(a::add);
  }

  /** The key of {@code component} in the workspace at {@code root}, if it lies inside it. */
  public static Optional<String> key(Path root, Path component) {
    Path r = root.toAbsolutePath().normalize();
    Path c = component.toAbsolutePath().normalize();
    if (!c.startsWith(r) || c.equals(r)) {
      return Optional.empty();
    }
    return Optional.of(r.relativize(c).toString().replace(java.io.File.separatorChar, '/'));
  }
}
