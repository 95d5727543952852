package dev.plugboard.wit.resolve;

import dev.plugboard.wit.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Orders named items so that each comes after what it depends on, and among the ready
 * ones the earliest declared first (Kahn's algorithm with a min-heap on declaration
 * order). A cycle is reported where wit-parser reports it (see {@link #findCycle}).
 */
final class Toposort {
  private Toposort() {}

  /** A dependency: the name it refers to and where. */
  record Dep(String name, Span span) {}

  /** Thrown for a cycle or a name that is not among the nodes. */
  static final class Failure extends Exception {
    final Span span;
    final String name;
    final boolean cycle;

    Failure(Span span, String name, boolean cycle) {
      super(null, null, false, false);
      this.span = span;
      this.name = name;
      this.cycle = cycle;
    }
  }

  /** Returns node indices in order; nodes are {@code names.get(i)} with {@code deps.get(i)}. */
  static List<Integer> sort(List<String> names, List<List<Dep>> deps) throws Failure {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i), i);
    }
    int n = names.size();
    int[] pending = new int[n];
    List<List<Integer>> dependents = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (Dep d : deps.get(i)) {
        Integer target = index.get(d.name());
        if (target == null) {
          throw new Failure(d.span(), d.name(), false);
        }
        pending[i]++;
        dependents.get(target).add(i);
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int d : dependents.get(i)) {
        if (--pending[d] == 0) {
          ready.add(d);
        }
      }
    }
    if (order.size() != n) {
      findCycle(deps, index, pending);
    }
    return order;
  }

  /**
   * As wit-parser reports a cycle: the first node (in declaration order) left with pending
   * dependencies, at its first dependency that is itself left pending. That node may only
   * depend on a cycle ({@code type a = b; type b = c; type c = b;} is reported at the {@code b}
   * of {@code a}).
   */
  private static void findCycle(List<List<Dep>> deps, Map<String, Integer> index, int[] pending)
      throws Failure {
    for (int i = 0; i < pending.length; i++) {
      if (pending[i] == 0) {
        continue;
      }
      for (Dep d : deps.get(i)) {
        if (pending[index.get(d.name())] > 0) {
          throw new Failure(d.span(), d.name(), true);
        }
      }
    }
    throw new IllegalStateException("toposort found no cycle");
  }
}
