package dev.plugboard.profile;

import dev.plugboard.runtime.trace.CallEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The call tree of an exact profile, merged by path (host → A.f → B.g): what the flame/icicle
 * view draws. Each node counts its calls, their total time and the part not spent in the calls
 * it made (self).
 */
public final class CallTree {
  /** A node: a function reached by one path. The root is the host. */
  public static final class Node {
    private final String function;
    private final Map<String, Node> children = new LinkedHashMap<>();
    private long calls;
    private long totalNanos;
    private long childNanos;

    Node(String function) {
      this.function = function;
    }

    public String function() {
      return function;
    }

    public long calls() {
      return calls;
    }

    public long totalNanos() {
      return totalNanos;
    }

    /** Time not spent in the calls this one made (its ABI work and its own guest code). */
    public long selfNanos() {
      return totalNanos - childNanos;
    }

    /** Children, the costliest first. */
    public List<Node> children() {
      List<Node> c = new ArrayList<>(children.values());
      c.sort(Comparator.comparingLong(Node::totalNanos).reversed());
      return c;
    }
  }

  private CallTree() {}

  /** The tree of {@code events} (an exact profile's); its root's total is that of the calls from the host. */
  public static Node of(List<CallEvent> events) {
    Map<Long, CallEvent> byId = new HashMap<>();
    for (CallEvent e : events) {
      byId.put(e.id(), e);
    }
    Node root = new Node("host");
    Map<Long, Node> nodeOf = new HashMap<>();
    // parents end after their children, so place events outermost first
    List<CallEvent> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparingLong(CallEvent::startNanos).thenComparingLong(CallEvent::id));
    for (CallEvent e : ordered) {
      Node parent = e.parent() == 0 || !byId.containsKey(e.parent()) ? root : nodeOf.get(e.parent());
      if (parent == null) {
        parent = root;
      }
      Node n = parent.children.computeIfAbsent(e.qualifiedFunction(), Node::new);
      n.calls++;
      n.totalNanos += e.totalNanos();
      parent.childNanos += e.totalNanos();
      if (parent == root) {
        root.totalNanos += e.totalNanos();
        root.calls++;
      }
      nodeOf.put(e.id(), n);
    }
    return root;
  }
}
