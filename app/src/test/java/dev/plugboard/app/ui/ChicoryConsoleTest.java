package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Chicory's own "using interpreted mode" warning, from a real compile: a component whose one
 * function is too big for a JVM method is run on its Run page, and Chicory's compiler falls back
 * to the interpreter for it, saying so on System.err. The Console shows it (it used to reach
 * only the terminal).
 */
class ChicoryConsoleTest extends IdeTest {
  @Test
  void theCompilersFallbackWarningReachesTheConsole() throws Exception {
    Path dir = config.resolve("sample-workspace/components/big");
    Files.createDirectories(dir);
    StringBuilder wat = new StringBuilder("(module\n  (func (export \"big\") (result i32) (local i32)\n");
    int steps = 20_000; // ~140 KB of code in one function: far past a JVM method's 64 KB
    for (int i = 0; i < steps; i++) {
      wat.append("    (local.set 0 (i32.add (local.get 0) (i32.const 1)))\n");
    }
    wat.append("    (local.get 0)))\n");
    Files.writeString(dir.resolve("big.wat"), wat);
    Files.writeString(dir.resolve("big.wit"), "package local:big@0.1.0;\n\nworld big {\n  export big: func() -> u32;\n}\n");
    StringWriter out = new StringWriter();
    var cli = Cli.create(null);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    assertThat(cli.execute("new", dir.resolve("big.wat").toString(), "--wit", dir.resolve("big.wit").toString(),
        "-o", dir.resolve("big.wasm").toString())).as(out.toString()).isZero();

    openAndWait(dir.resolve("big.wasm"));
    interact(() -> window().showPage("run"));
    javafx.scene.control.TextField call = lookup("#run-call").queryAs(javafx.scene.control.TextField.class);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> call.getText().equals("big()"));
    interact(() -> lookup("#run-button").queryButton().fire());
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window().runHistory().isEmpty());
    assertThat(window().runHistory().getFirst().outcome().text()).isEqualTo(Integer.toString(steps));
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window().consoleText().contains("interpreted mode"));
    assertThat(window().consoleText()).contains("chicory: Warning: using interpreted mode for");
  }
}
