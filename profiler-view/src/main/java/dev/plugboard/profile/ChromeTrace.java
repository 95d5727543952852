package dev.plugboard.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.runtime.trace.CallEvent;
import java.util.Comparator;
import java.util.List;

/**
 * Chrome trace-event JSON (the format Perfetto UI and {@code chrome://tracing} open): every
 * call of an exact profile is a complete event ({@code "ph": "X"}) on its thread, its time
 * (microseconds, relative to the first call) nested inside its caller's as the call tree is,
 * named after the function, in the category of its wire, with the cost breakdown in {@code args}.
 */
public final class ChromeTrace {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChromeTrace() {}

  public static String write(Profile p) {
    List<CallEvent> events = p.events().stream()
        .sorted(Comparator.comparingLong(CallEvent::startNanos).thenComparingLong(CallEvent::id)).toList();
    long origin = events.isEmpty() ? 0 : events.getFirst().startNanos();
    ObjectNode root = JSON.createObjectNode();
    ArrayNode out = root.putArray("traceEvents");
    ObjectNode process = out.addObject();
    process.put("ph", "M").put("name", "process_name").put("pid", 1).put("tid", 0);
    process.putObject("args").put("name", p.source());
    for (CallEvent e : events) {
      ObjectNode n = out.addObject();
      n.put("ph", "X");
      n.put("name", e.function());
      n.put("cat", e.wire());
      n.put("pid", 1);
      n.put("tid", e.thread());
      n.put("ts", (e.startNanos() - origin) / 1000.0);
      n.put("dur", e.totalNanos() / 1000.0);
      ObjectNode a = n.putObject("args");
      a.put("id", e.id());
      a.put("parent", e.parent());
      a.put("caller", e.caller());
      a.put("callee", e.callee());
      a.put("callerLiftNs", e.callerLiftNanos());
      a.put("lowerNs", e.lowerNanos());
      a.put("guestNs", e.guestNanos());
      a.put("liftNs", e.liftNanos());
      a.put("postReturnNs", e.postReturnNanos());
      a.put("callerLowerNs", e.callerLowerNanos());
      a.put("bytesIn", e.bytesIn());
      a.put("bytesOut", e.bytesOut());
      a.put("reallocsIn", e.reallocsIn());
      a.put("reallocsOut", e.reallocsOut());
      a.put("transcodes", e.transcodes());
      a.put("encodings", e.callerEncoding() + " -> " + e.calleeEncoding());
      a.put("handles", e.handlesCreated() + " created, " + e.handlesLent() + " lent, " + e.handlesDropped()
          + " dropped");
      a.put("fused", e.fused());
      if (e.trap() != null) {
        a.put("trap", e.trap());
      }
    }
    root.put("displayTimeUnit", "ns");
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
