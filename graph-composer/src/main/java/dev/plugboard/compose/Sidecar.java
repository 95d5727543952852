package dev.plugboard.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What WAC text cannot hold about a composition, saved beside it as {@code NAME.wac.json}:
 * where each node sits on the canvas, its colour and a note, with a schema version.
 */
public record Sidecar(int schema, Map<String, NodeLayout> nodes) {
  public static final int SCHEMA = 1;

  /** A node's place and looks on the canvas. */
  public record NodeLayout(double x, double y, String color, String note) {}

  public Sidecar {
    nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
  }

  public static Sidecar empty() {
    return new Sidecar(SCHEMA, new LinkedHashMap<>());
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The sidecar path of a {@code .wac} file. */
  public static Path pathFor(Path wac) {
    return wac.resolveSibling(wac.getFileName() + ".json");
  }

  /**
   * Reads the sidecar of {@code wac}; an absent one is empty.
   *
   * @throws IOException with the file, line and column when it is malformed or from a newer schema
   */
  public static Sidecar read(Path wac) throws IOException {
    Path p = pathFor(wac);
    if (!Files.exists(p)) {
      return empty();
    }
    Sidecar s;
    try {
      s = JSON.readValue(Files.readString(p), Sidecar.class);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new IOException(p + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": malformed "
          + "layout: " + e.getOriginalMessage());
    }
    if (s.schema() > SCHEMA) {
      throw new IOException(p + ": layout schema " + s.schema() + " is newer than this Plugboard understands ("
          + SCHEMA + ")");
    }
    return s;
  }

  /**
   * Saves the composition: the WAC text and the sidecar, each written to a temporary file and
   * renamed over the old one, so an interrupted save leaves the previous files whole.
   */
  public static void save(Path wac, String text, Sidecar sidecar) throws IOException {
    dev.plugboard.io.AtomicFiles.write(wac, text);
    dev.plugboard.io.AtomicFiles.write(pathFor(wac), JSON.writeValueAsString(sidecar) + "\n");
  }

}
