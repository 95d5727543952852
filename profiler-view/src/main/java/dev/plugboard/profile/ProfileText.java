package dev.plugboard.profile;

import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.runtime.trace.CallTracer;
import dev.plugboard.runtime.trace.TraceRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A profile as text: the table {@code plugboard profile} prints, and CSV. */
public final class ProfileText {
  static final String[] COLUMNS = {"function", "calls", "total", "mean", "p50", "p99", "max", "abi", "bytes",
      "reallocs", "transcodes", "traps"};

  private ProfileText() {}

  /** A duration for people: {@code 132 ns}, {@code 4.1 µs}, {@code 2.35 ms}, {@code 1.20 s}. */
  public static String nanos(double ns) {
    if (ns < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", ns);
    }
    if (ns < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
    }
    if (ns < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
  }

  /** A row of the table, in {@link #COLUMNS} order, formatted for people. */
  static String[] row(CallStats s) {
    return new String[] {s.key(), String.format(Locale.ROOT, "%,d", s.calls()), nanos(s.totalNanos()),
        nanos(s.meanNanos()), nanos(s.percentileNanos(50)), nanos(s.percentileNanos(99)), nanos(s.maxNanos()),
        String.format(Locale.ROOT, "%.0f%%", 100 * s.abiShare()), String.format(Locale.ROOT, "%,d", s.bytes()),
        String.format(Locale.ROOT, "%,d", s.reallocs()), String.format(Locale.ROOT, "%,d", s.transcodes()),
        String.format(Locale.ROOT, "%,d", s.traps())};
  }

  /** The functions table, the wires table and the hints, aligned in columns. */
  public static String table(Profile p) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s: %s, %,d calls across component boundaries in %s (%s mode)%n",
        p.source(), p.workload(), p.calls(), nanos(p.wallNanos()), p.mode().name().toLowerCase(Locale.ROOT)));
    b.append('\n');
    b.append(grid(p.functions()));
    b.append('\n');
    List<CallStats> wires = p.wires();
    List<String[]> wireRows = new ArrayList<>();
    wireRows.add(new String[] {"wire", "calls", "total", "p50", "p99", "abi", "bytes", "transcodes"});
    for (CallStats w : wires) {
      String[] r = row(w);
      wireRows.add(new String[] {r[0], r[1], r[2], r[4], r[5], r[7], r[8], r[10]});
    }
    b.append(align(wireRows));
    List<Hints.Hint> hints = Hints.of(p);
    if (!hints.isEmpty()) {
      b.append('\n').append("hints:\n");
      hints.forEach(h -> b.append("  - ").append(h.message()).append('\n'));
    }
    if (p.mode() == TraceRecorder.Mode.AGGREGATE && p.calls() > CallTracer.FULL_CALLS) {
      b.append(String.format(Locale.ROOT, "%n(aggregate mode samples: past a call site's first %,d calls, one call "
          + "in %d is measured and counts for %d; figures are estimates from there on)%n", CallTracer.FULL_CALLS,
          TraceRecorder.DEFAULT_SAMPLE_EVERY, TraceRecorder.DEFAULT_SAMPLE_EVERY));
    }
    if (p.droppedEvents() > 0) {
      b.append(String.format(Locale.ROOT, "%n(%,d events past the exact mode's bound were counted but not kept)%n",
          p.droppedEvents()));
    }
    return b.toString();
  }

  private static String grid(List<CallStats> stats) {
    List<String[]> rows = new ArrayList<>();
    rows.add(COLUMNS);
    stats.forEach(s -> rows.add(row(s)));
    return align(rows);
  }

  private static String align(List<String[]> rows) {
    int[] width = new int[rows.getFirst().length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String cell = r[i];
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i == 0 ? cell + pad : pad + cell).append(i == r.length - 1 ? "" : "  ");
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /** CSV, a row per function (and per wire, with {@code kind} telling which), raw numbers in nanoseconds and bytes. */
  public static String csv(Profile p) {
    StringBuilder b = new StringBuilder(
        "kind,key,caller,callee,calls,total_ns,mean_ns,p50_ns,p99_ns,max_ns,abi_ns,guest_ns,bytes_in,bytes_out,"
            + "reallocs_in,reallocs_out,transcodes,traps,fused_calls\n");
    for (CallStats s : p.functions()) {
      csvRow(b, "function", s);
    }
    for (CallStats s : p.wires()) {
      csvRow(b, "wire", s);
    }
    return b.toString();
  }

  private static void csvRow(StringBuilder b, String kind, CallStats s) {
    b.append(kind).append(',').append(csvCell(s.key())).append(',').append(csvCell(s.caller())).append(',')
        .append(csvCell(s.callee())).append(',').append(s.calls()).append(',').append(s.totalNanos()).append(',')
        .append(String.format(Locale.ROOT, "%.1f", s.meanNanos())).append(',').append(s.percentileNanos(50))
        .append(',').append(s.percentileNanos(99)).append(',').append(s.maxNanos()).append(',')
        .append(s.abiNanos()).append(',').append(s.guestNanos()).append(',').append(s.bytesIn()).append(',')
        .append(s.bytesOut()).append(',').append(s.reallocsIn()).append(',').append(s.reallocsOut()).append(',')
        .append(s.transcodes()).append(',').append(s.traps()).append(',').append(s.fusedCalls()).append('\n');
  }

  private static String csvCell(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
