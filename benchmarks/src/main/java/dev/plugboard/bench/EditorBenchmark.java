package dev.plugboard.bench;

import dev.plugboard.editor.Completion;
import dev.plugboard.editor.FileDiagnostics;
import dev.plugboard.editor.Highlighting;
import dev.plugboard.editor.Outline;
import dev.plugboard.editor.PackageIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The WIT editor's work after a keystroke in a 5,000-line package (the text with one character
 * changed): the highlighting runs from the lexer (what the FX thread does before setting the
 * style spans), and the diagnostics, outline and symbol index (what the background check does).
 * Goals: highlighting ≤ 16 ms, diagnostics ≤ 100 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EditorBenchmark {
  private Path dir;
  private Path file;
  private String[] texts;
  private int next;

  @Setup
  public void setup() throws IOException {
    dir = Files.createTempDirectory("plugboard-editor-bench");
    file = dir.resolve("big.wit");
    String text = WitResolveBenchmark.generatedPackage(5_000);
    Files.writeString(file, text);
    // alternate between texts that differ by one typed character, as typing does
    int at = text.indexOf("record");
    texts = new String[] {text, text.substring(0, at) + " " + text.substring(at)};
  }

  @TearDown(Level.Trial)
  public void cleanup() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  private String text() {
    return texts[next++ & 1];
  }

  @Benchmark
  public List<Highlighting.Run> highlighting() {
    return Highlighting.of(text());
  }

  @Benchmark
  public List<FileDiagnostics.Problem> diagnostics() {
    return FileDiagnostics.of(file, text());
  }

  @Benchmark
  public List<Outline.Item> outline() {
    return Outline.of(text());
  }

  @Benchmark
  public Completion.Result indexAndCompletion() {
    String t = text();
    PackageIndex index = PackageIndex.of(file, Map.of(file, t));
    return Completion.at(index, file, t, t.indexOf("record") + 3);
  }
}
