package dev.plugboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The WAT guests of {@code src/test/resources/wasi-guests}, made components with {@code plugboard
 * new} against the WASI WIT packages in {@code ../shared} (linked, not copied, into a temporary
 * {@code deps/}), and the real {@code plugboard} entry point in a child JVM to run them with the
 * process's own stdio.
 */
public final class WasiGuests implements BeforeEachCallback, AfterEachCallback {
  private final CliRunner cli = new CliRunner();
  private Path dir;
  private Path wit;

  /** A fresh folder with the WIT; skips the test (with a message) when {@code ../shared} is absent. */
  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("plugboard-wasi-guests");
    Path wasi = SharedData.require("conformance/wasi-wit/0.2.9/cli");
    wit = Files.createDirectories(dir.resolve("wit"));
    Files.copy(resource("guest.wit"), wit.resolve("guest.wit"));
    Path deps = Files.createDirectory(wit.resolve("deps"));
    Files.createSymbolicLink(deps.resolve("cli"), wasi);
    try (var packages = Files.list(wasi.resolve("deps"))) {
      for (Path p : packages.toList()) {
        Files.createSymbolicLink(deps.resolve(p.getFileName()), p);
      }
    }
  }

  private static Path resource(String name) throws Exception {
    return Path.of(WasiGuests.class.getResource("/wasi-guests/" + name).toURI());
  }

  /** {@code NAME.wat} as a component of {@code world}; returns its path. */
  public String build(String guest, String world) throws Exception {
    Path out = dir.resolve(guest + ".wasm");
    assertThat(cli.run("new", resource(guest + ".wat").toString(), "--wit", wit.toString(), "--world", world,
        "-o", out.toString())).as(cli.err()).isZero();
    return out.toString();
  }

  /** Removes the folder; the links into ../shared are removed, never followed. */
  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (dir == null) {
      return;
    }
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    dir = null;
  }

  /** What a child process gave: its stdout bytes, its stderr text and its exit code. */
  record Child(byte[] out, String err, int code) {}

  /** The command line of the real {@code plugboard} entry point in a child JVM (the test class path). */
  static List<String> plugboardCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "dev.plugboard.app.Main"));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code command} with {@code stdin} fed in, stderr kept in a file so neither pipe can fill. */
  Child exec(List<String> command, byte[] stdin) throws Exception {
    return exec(new ProcessBuilder(command), stdin, dir);
  }

  /** {@link #exec(List, byte[])} of a process as {@code builder} sets it up, stderr's file in {@code tempDir}. */
  static Child exec(ProcessBuilder builder, byte[] stdin, Path tempDir) throws Exception {
    Path errFile = Files.createTempFile(tempDir, "stderr", ".txt");
    List<String> command = builder.command();
    Process p = builder.redirectError(errFile.toFile()).start();
    Thread feeder = Thread.ofVirtual().start(() -> {
      try (var in = p.getOutputStream()) {
        in.write(stdin);
      } catch (java.io.IOException ignored) {
        // the child stopped reading; what it read is what it got
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    feeder.join();
    return new Child(out, Files.readString(errFile), p.exitValue());
  }
}
