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
 * order). A cycle is reported at the dependency that closes it.
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
      findCycle(names, deps, index);
    }
    return order;
  }

  /** Depth-first from each dependency, with an explicit stack; reports the dependency that closes a cycle. */
  private static void findCycle(List<String> names, List<List<Dep>> deps, Map<String, Integer> index)
      throws Failure {
    int[] state = new int[names.size()]; // 0 new, 1 visiting, 2 done
    for (int root = 0; root < names.size(); root++) {
      for (Dep start : deps.get(root)) {
        java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>(); // {node, next dep}
        int first = index.get(start.name());
        if (state[first] == 2) {
          continue;
        }
        if (state[first] == 1) {
          throw new Failure(start.span(), start.name(), true);
        }
        state[first] = 1;
        stack.push(new int[] {first, 0});
        while (!stack.isEmpty()) {
          int[] top = stack.peek();
          List<Dep> ds = deps.get(top[0]);
          if (top[1] == ds.size()) {
            state[top[0]] = 2;
            stack.pop();
            continue;
          }
          Dep d = ds.get(top[1]++);
          int next = index.get(d.name());
          if (state[next] == 1) {
            throw new Failure(d.span(), d.name(), true);
          }
          if (state[next] == 0) {
            state[next] = 1;
            stack.push(new int[] {next, 0});
          }
        }
      }
    }
    throw new IllegalStateException("toposort found no cycle");
  }
}
