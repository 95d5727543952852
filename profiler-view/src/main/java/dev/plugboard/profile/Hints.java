package dev.plugboard.profile;

import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.CallStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Explanations of costs, computed from a profile's per-function figures. */
public final class Hints {
  /** A function whose ABI share is above this spends "most of its time" in the ABI. */
  public static final double ABI_SHARE = 0.5;
  /** More {@code realloc} calls per call than this suggests one per element. */
  public static final double REALLOCS_PER_CALL = 4;

  /** What a hint is about. */
  public enum Kind { TRANSCODING, COPIED_TWICE, REALLOC_PER_ELEMENT, ABI_BOUND, TRAPS }

  /** One hint: the function it is about and what to tell the user. */
  public record Hint(Kind kind, String function, String message) {}

  private Hints() {}

  public static List<Hint> of(Profile p) {
    List<Hint> out = new ArrayList<>();
    for (CallStats f : p.functions()) {
      if (f.calls() == 0) {
        continue;
      }
      String name = f.key();
      if (f.transcodes() > 0 && f.callerEncoding() != null && !f.callerEncoding().equals(f.calleeEncoding())) {
        out.add(new Hint(Kind.TRANSCODING, name, String.format(Locale.ROOT,
            "%s: strings are transcoded on every call (%.1f per call) because the caller uses %s and the callee %s; "
                + "build both with the same string encoding", name, (double) f.transcodes() / f.calls(),
            f.callerEncoding(), f.calleeEncoding())));
      }
      boolean betweenComponents = !CallEvent.HOST.equals(f.caller());
      if (betweenComponents && f.fusedCalls() < f.calls() && f.bytes() > 0) {
        out.add(new Hint(Kind.COPIED_TWICE, name, String.format(Locale.ROOT,
            "%s: lists and strings are copied twice per call (out of the caller into the host, then into the callee; "
                + "%,d bytes per call) because the signature is outside the fused adapters' subset (scalars, "
                + "utf8 strings, lists of integers)", name, f.bytes() / f.calls())));
      }
      double reallocs = (double) f.reallocs() / f.calls();
      if (reallocs > REALLOCS_PER_CALL) {
        out.add(new Hint(Kind.REALLOC_PER_ELEMENT, name, String.format(Locale.ROOT,
            "%s: %.1f realloc calls per call, about one per element of a list of strings or lists; a flat list "
                + "(bytes, numbers) or one joined string needs one", name, reallocs)));
      }
      if (f.abiShare() > ABI_SHARE) {
        out.add(new Hint(Kind.ABI_BOUND, name, String.format(Locale.ROOT,
            "%s: %.0f%% of its time is in the Canonical ABI (lifting, lowering, copying) rather than in the "
                + "guest; fewer, larger calls amortise it", name, 100 * f.abiShare())));
      }
      if (f.traps() > 0) {
        out.add(new Hint(Kind.TRAPS, name, String.format(Locale.ROOT, "%s: %,d of %,d calls trapped", name,
            f.traps(), f.calls())));
      }
    }
    return List.copyOf(out);
  }
}
