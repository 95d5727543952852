package dev.plugboard.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.runtime.trace.TraceRecorder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The saved form of a {@link Profile} ({@code .profile.json}): the run, a row per function and
 * per wire with its latency histogram (HdrHistogram's compressed encoding, base64), and the
 * events of an exact run. {@code plugboard profile --format json} writes it; the IDE opens it.
 */
public final class ProfileJson {
  /** The value of the {@code format} field; a file without it is not a profile. */
  public static final String FORMAT = "plugboard-profile/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ProfileJson() {}

  public static String write(Profile p) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("source", p.source());
    root.put("workload", p.workload());
    root.put("mode", p.mode().name().toLowerCase(java.util.Locale.ROOT));
    root.put("startedAt", p.startedAt());
    root.put("wallNanos", p.wallNanos());
    root.put("calls", p.calls());
    root.put("droppedEvents", p.droppedEvents());
    ArrayNode fs = root.putArray("functions");
    p.functions().forEach(f -> fs.add(stats(f)));
    ArrayNode ws = root.putArray("wires");
    p.wires().forEach(w -> ws.add(stats(w)));
    ArrayNode es = root.putArray("events");
    p.events().forEach(e -> es.add(JSON.valueToTree(e)));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void save(Profile p, Path file) throws IOException {
    Files.writeString(file, write(p));
  }

  public static Profile load(Path file) throws IOException, ProfileFormatException {
    return read(Files.readString(file), file.toString());
  }

  /** Reads a saved profile; {@code name} is the file name errors mention. */
  public static Profile read(String text, String name) throws ProfileFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new ProfileFormatException(name + where + ": not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new ProfileFormatException(name + ": not a Plugboard profile (expected \"format\": \"" + FORMAT + "\")",
          null);
    }
    try {
      List<CallStats> functions = new ArrayList<>();
      for (JsonNode n : array(root, "functions")) {
        functions.add(stats(n, name));
      }
      List<CallStats> wires = new ArrayList<>();
      for (JsonNode n : array(root, "wires")) {
        wires.add(stats(n, name));
      }
      List<CallEvent> events = new ArrayList<>();
      for (JsonNode n : array(root, "events")) {
        events.add(JSON.treeToValue(n, CallEvent.class));
      }
      TraceRecorder.Mode mode = TraceRecorder.Mode.valueOf(text(root, "mode").toUpperCase(java.util.Locale.ROOT));
      return new Profile(text(root, "source"), text(root, "workload"), mode, root.path("startedAt").asText(""),
          root.path("wallNanos").asLong(), root.path("calls").asLong(), functions, wires, events,
          root.path("droppedEvents").asLong());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ProfileFormatException(name + ": " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static Iterable<JsonNode> array(JsonNode root, String field) {
    JsonNode a = root.path(field);
    if (!a.isArray()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing or not an array");
    }
    return a;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing or not a string");
    }
    return v.asText();
  }

  private static ObjectNode stats(CallStats s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("key", s.key());
    n.put("caller", s.caller());
    n.put("callee", s.callee());
    n.put("function", s.function());
    n.put("calls", s.calls());
    n.put("traps", s.traps());
    n.put("fusedCalls", s.fusedCalls());
    n.put("callerLiftNanos", s.callerLiftNanos());
    n.put("lowerNanos", s.lowerNanos());
    n.put("guestNanos", s.guestNanos());
    n.put("liftNanos", s.liftNanos());
    n.put("postReturnNanos", s.postReturnNanos());
    n.put("callerLowerNanos", s.callerLowerNanos());
    n.put("bytesIn", s.bytesIn());
    n.put("bytesOut", s.bytesOut());
    n.put("reallocsIn", s.reallocsIn());
    n.put("reallocsOut", s.reallocsOut());
    n.put("transcodes", s.transcodes());
    n.put("callerEncoding", s.callerEncoding());
    n.put("calleeEncoding", s.calleeEncoding());
    n.put("handlesCreated", s.handlesCreated());
    n.put("handlesLent", s.handlesLent());
    n.put("handlesDropped", s.handlesDropped());
    ByteBuffer buf = ByteBuffer.allocate(s.latency().getNeededByteBufferCapacity());
    int len = s.latency().encodeIntoCompressedByteBuffer(buf);
    n.put("latency", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len)));
    return n;
  }

  private static CallStats stats(JsonNode n, String name) {
    Histogram h;
    try {
      h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text(n, "latency"))), 0);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("the latency histogram of " + n.path("key").asText("?") + " is damaged");
    }
    return new CallStats(text(n, "key"), n.path("caller").asText(null), text(n, "callee"),
        n.path("function").asText(null), n.path("calls").asLong(), n.path("traps").asLong(),
        n.path("fusedCalls").asLong(), n.path("callerLiftNanos").asLong(), n.path("lowerNanos").asLong(),
        n.path("guestNanos").asLong(), n.path("liftNanos").asLong(), n.path("postReturnNanos").asLong(),
        n.path("callerLowerNanos").asLong(), n.path("bytesIn").asLong(), n.path("bytesOut").asLong(),
        n.path("reallocsIn").asLong(), n.path("reallocsOut").asLong(), n.path("transcodes").asLong(),
        n.path("callerEncoding").asText(null), n.path("calleeEncoding").asText(null),
        n.path("handlesCreated").asLong(), n.path("handlesLent").asLong(), n.path("handlesDropped").asLong(), h);
  }
}
