package dev.plugboard.profile;

import dev.plugboard.runtime.trace.CallEvent;
import dev.plugboard.runtime.trace.CallStats;
import dev.plugboard.runtime.trace.CallTracer;
import java.io.IOException;
import java.nio.file.Path;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Writes a run's calls as JFR custom events ({@code jfr print --events dev.plugboard.ComponentCall},
 * JDK Mission Control): a {@link CallTracer} that commits one {@link ComponentCall} per call while
 * a recording runs, and one {@link FunctionSummary} per function when it stops. JFR stamps an event
 * when it is committed (after the call), so each call's own start and phases are fields.
 */
public final class JfrTracer implements CallTracer, AutoCloseable {
  private final Recording recording = new Recording();
  private final Path file;

  /** Starts a recording of Plugboard's events only, to be written to {@code file} by {@link #finish}. */
  public JfrTracer(Path file) {
    this.file = file;
    recording.enable(ComponentCall.class);
    recording.enable(FunctionSummary.class);
    recording.setToDisk(true);
    recording.start();
  }

  @Override
  public void onCall(CallEvent e) {
    ComponentCall c = new ComponentCall();
    if (!c.isEnabled()) {
      return;
    }
    c.callId = e.id();
    c.parentId = e.parent();
    c.caller = e.caller();
    c.callee = e.callee();
    c.function = e.function();
    c.startNanoTime = e.startNanos();
    c.total = e.totalNanos();
    c.callerLift = e.callerLiftNanos();
    c.lower = e.lowerNanos();
    c.guest = e.guestNanos();
    c.lift = e.liftNanos();
    c.postReturn = e.postReturnNanos();
    c.callerLower = e.callerLowerNanos();
    c.bytesIn = e.bytesIn();
    c.bytesOut = e.bytesOut();
    c.reallocs = e.reallocCalls();
    c.transcodes = e.transcodes();
    c.fused = e.fused();
    c.trap = e.trap();
    c.commit();
  }

  /** Commits a summary per function of {@code profile}, stops the recording and writes the file. */
  public void finish(Profile profile) throws IOException {
    for (CallStats s : profile.functions()) {
      FunctionSummary f = new FunctionSummary();
      f.function = s.key();
      f.calls = s.calls();
      f.total = s.totalNanos();
      f.p50 = s.percentileNanos(50);
      f.p99 = s.percentileNanos(99);
      f.max = s.maxNanos();
      f.abiShare = s.abiShare();
      f.bytes = s.bytes();
      f.reallocs = s.reallocs();
      f.transcodes = s.transcodes();
      f.traps = s.traps();
      f.commit();
    }
    recording.stop();
    recording.dump(file);
  }

  @Override
  public void close() {
    recording.close();
  }

  /** One call across a component boundary. */
  @Name("dev.plugboard.ComponentCall")
  @Label("Component Call")
  @Category({"Plugboard", "Profile"})
  @Description("A call across a WebAssembly component boundary and its Canonical ABI costs")
  @StackTrace(false)
  public static final class ComponentCall extends Event {
    @Label("Call Id") public long callId;
    @Label("Parent Call Id") public long parentId;
    @Label("Caller") public String caller;
    @Label("Callee") public String callee;
    @Label("Function") public String function;
    @Label("Start (nanoTime)") public long startNanoTime;
    @Label("Total") @Timespan public long total;
    @Label("Caller Lift") @Timespan public long callerLift;
    @Label("Lower") @Timespan public long lower;
    @Label("Guest") @Timespan public long guest;
    @Label("Lift") @Timespan public long lift;
    @Label("Post-return") @Timespan public long postReturn;
    @Label("Caller Lower") @Timespan public long callerLower;
    @Label("Bytes In") @DataAmount public long bytesIn;
    @Label("Bytes Out") @DataAmount public long bytesOut;
    @Label("Realloc Calls") public int reallocs;
    @Label("Strings Transcoded") public int transcodes;
    @Label("Fused") public boolean fused;
    @Label("Trap") public String trap;
  }

  /** What the calls of one function added up to. */
  @Name("dev.plugboard.FunctionSummary")
  @Label("Component Function Summary")
  @Category({"Plugboard", "Profile"})
  @StackTrace(false)
  public static final class FunctionSummary extends Event {
    @Label("Function") public String function;
    @Label("Calls") public long calls;
    @Label("Total") @Timespan public long total;
    @Label("p50") @Timespan public long p50;
    @Label("p99") @Timespan public long p99;
    @Label("Max") @Timespan public long max;
    @Label("ABI Share") public double abiShare;
    @Label("Bytes") @DataAmount public long bytes;
    @Label("Realloc Calls") public long reallocs;
    @Label("Strings Transcoded") public long transcodes;
    @Label("Traps") public long traps;
  }
}
