package dev.plugboard.profile;

import dev.plugboard.runtime.trace.CallStats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Two runs side by side (before, after), per function: the figures of each and their change. */
public final class Comparison {
  /**
   * One function in both runs; either side is null when the function ran in one run only.
   * Ratios are after / before (NaN where before is 0 or absent).
   */
  public record Row(String function, CallStats before, CallStats after) {
    public long callsDelta() {
      return calls(after) - calls(before);
    }

    public double meanRatio() {
      return ratio(before == null ? 0 : before.meanNanos(), after == null ? 0 : after.meanNanos());
    }

    public double p99Ratio() {
      return ratio(before == null ? 0 : before.percentileNanos(99), after == null ? 0 : after.percentileNanos(99));
    }

    public double abiShareDelta() {
      return (after == null ? 0 : after.abiShare()) - (before == null ? 0 : before.abiShare());
    }

    public double bytesPerCallDelta() {
      return perCall(after) - perCall(before);
    }

    private static long calls(CallStats s) {
      return s == null ? 0 : s.calls();
    }

    private static double perCall(CallStats s) {
      return s == null || s.calls() == 0 ? 0 : (double) s.bytes() / s.calls();
    }

    private static double ratio(double a, double b) {
      return a == 0 ? Double.NaN : b / a;
    }
  }

  private Comparison() {}

  /** A row per function of either run, in the order of the before run, then the new ones. */
  public static List<Row> of(Profile before, Profile after) {
    Set<String> keys = new LinkedHashSet<>();
    before.functions().forEach(f -> keys.add(f.key()));
    after.functions().forEach(f -> keys.add(f.key()));
    List<Row> rows = new ArrayList<>();
    for (String k : keys) {
      rows.add(new Row(k, before.function(k).orElse(null), after.function(k).orElse(null)));
    }
    return List.copyOf(rows);
  }
}
