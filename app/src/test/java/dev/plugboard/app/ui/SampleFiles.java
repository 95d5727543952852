package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.SampleWorkspace;
import java.io.IOException;
import java.nio.file.Path;

/** The sample workspace's files, unpacked for a test that does not open it in the window. */
final class SampleFiles {
  private SampleFiles() {}

  static Path greeter(Path config) throws IOException {
    return SampleWorkspace.unpack(config.resolve("sample-files")).root().resolve("components/greeter/greeter.wasm");
  }
}
