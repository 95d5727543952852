package dev.plugboard.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConsoleCaptureTest {
  @Test
  void chicorysWarningsGoToTheSinkAndEverythingElseThrough() {
    PrintStream before = System.err;
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    List<String> console = new CopyOnWriteArrayList<>();
    try {
      try (ConsoleCapture capture = ConsoleCapture.install(console::add)) {
        System.err.println("Warning: using interpreted mode for function 12");
        System.err.println("an unrelated error line");
        System.err.print("Warn"); // a partial line that could still be Chicory's stays until its end
        System.err.println("ing: using interpreted mode for function 13");
        System.getLogger("chicory").log(System.Logger.Level.WARNING, "from the logger");
        System.getLogger("someone-else").log(System.Logger.Level.DEBUG, "not ours");
      }
      System.err.println("after closing");
    } finally {
      System.setErr(before);
    }
    assertThat(console).containsExactly("chicory: Warning: using interpreted mode for function 12",
        "chicory: Warning: using interpreted mode for function 13", "chicory warning: from the logger");
    assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo("an unrelated error line\nafter closing\n");
  }
}
