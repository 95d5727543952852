package dev.plugboard.profile;

import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import dev.plugboard.wave.Wave;
import dev.plugboard.wave.WaveException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WAVE call with placeholders, for load runs: {@code {n}} is the call's number (0, 1, ...),
 * {@code {random}} a random non-negative int, {@code {random:A..B}} a random integer from A to
 * B. {@code echo("item-{n}")}, {@code add({random:1..100}, {n})}. A template without
 * placeholders is parsed once.
 */
public final class CallTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(n|random(?::(-?\\d+)\\.\\.(-?\\d+))?)}");

  private final String text;
  private final String function;
  private final List<String> pieces = new ArrayList<>();
  private final List<long[]> holes = new ArrayList<>(); // null bounds: {n}; {lo, hi}: random
  private final Random random;
  private List<Value> fixed;

  private CallTemplate(String text, long seed) {
    this.text = text;
    this.random = new Random(seed);
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      pieces.add(text.substring(at, m.start()));
      if (m.group(1).equals("n")) {
        holes.add(null);
      } else if (m.group(2) == null) {
        holes.add(new long[] {0, Integer.MAX_VALUE});
      } else {
        long lo = Long.parseLong(m.group(2));
        long hi = Long.parseLong(m.group(3));
        if (hi < lo) {
          throw new IllegalArgumentException("column " + (m.start() + 1) + ": empty range " + m.group());
        }
        holes.add(new long[] {lo, hi});
      }
      at = m.end();
    }
    pieces.add(text.substring(at));
    try {
      this.function = Wave.parseCall(render(0)).name();
    } catch (WaveException e) {
      throw new IllegalArgumentException(describe(e));
    }
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} with a one-line reason (and column). */
  public static CallTemplate parse(String text, long seed) {
    return new CallTemplate(text, seed);
  }

  public String text() {
    return text;
  }

  public String function() {
    return function;
  }

  /** The text of call number {@code n}. */
  public String render(long n) {
    if (holes.isEmpty()) {
      return text;
    }
    StringBuilder b = new StringBuilder(pieces.getFirst());
    for (int i = 0; i < holes.size(); i++) {
      long[] h = holes.get(i);
      b.append(h == null ? n : h[0] + (long) (random.nextDouble() * (h[1] - h[0] + 1)));
      b.append(pieces.get(i + 1));
    }
    return b.toString();
  }

  /** The arguments of call number {@code n}, typed by {@code params}. */
  public Value[] arguments(long n, List<ValueType> params) {
    if (holes.isEmpty() && fixed != null) {
      return fixed.toArray(Value[]::new);
    }
    String t = render(n);
    try {
      List<Value> v = Wave.parseCall(t).arguments().typed(params);
      if (holes.isEmpty()) {
        fixed = v;
      }
      return v.toArray(Value[]::new);
    } catch (WaveException e) {
      throw new IllegalArgumentException("call " + n + " (" + t + "): " + describe(e));
    }
  }

  private static String describe(WaveException e) {
    return "column " + (e.start() + 1) + ": " + e.reason();
  }
}
