package dev.plugboard.wit.resolve;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a type contains a {@code borrow<T>} anywhere inside (results may not). Walks the
 * type arena with an explicit work list, so long alias chains cannot overflow the stack.
 */
final class Borrows {
  private Borrows() {}

  static boolean contains(List<TypeDef> arena, Type root) {
    Deque<Type> work = new ArrayDeque<>();
    Set<Integer> seen = new HashSet<>();
    work.push(root);
    while (!work.isEmpty()) {
      if (!(work.pop() instanceof Type.Ref(int id)) || !seen.add(id)) {
        continue;
      }
      switch (arena.get(id).kind) {
        case TypeKind.Handle h -> {
          if (!h.own()) {
            return true;
          }
        }
        case TypeKind.Alias a -> push(work, a.target());
        case TypeKind.Record r -> r.fields().forEach(f -> push(work, f.type()));
        case TypeKind.Variant v -> v.cases().forEach(c -> push(work, c.type()));
        case TypeKind.Tuple t -> t.types().forEach(x -> push(work, x));
        case TypeKind.Option o -> push(work, o.type());
        case TypeKind.Result r -> {
          push(work, r.ok());
          push(work, r.err());
        }
        case TypeKind.ListOf l -> push(work, l.element());
        case TypeKind.FixedList l -> push(work, l.element());
        case TypeKind.MapOf m -> {
          push(work, m.key());
          push(work, m.value());
        }
        case TypeKind.Future f -> push(work, f.type());
        case TypeKind.Stream s -> push(work, s.type());
        default -> { }
      }
    }
    return false;
  }

  private static void push(Deque<Type> work, Type t) {
    if (t != null) {
      work.push(t);
    }
  }
}
