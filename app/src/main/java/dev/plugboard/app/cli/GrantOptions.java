package dev.plugboard.app.cli;

import dev.plugboard.runtime.wasi.WasiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The WASI grants {@code run} and {@code serve} share: directories, environment variables and
 * network authorities. Nothing given, nothing granted.
 */
final class GrantOptions {
  @Option(names = "--dir", paramLabel = "HOST[::GUEST]",
      description = "Grant a host directory, read-write, seen by the guest at GUEST (default: the same path).")
  List<String> dirs = new ArrayList<>();

  @Option(names = "--dir-ro", paramLabel = "HOST[::GUEST]", description = "Grant a host directory, read-only.")
  List<String> readOnlyDirs = new ArrayList<>();

  @Option(names = "--env", paramLabel = "NAME[=VALUE]",
      description = "Set a variable in the guest's environment (NAME alone passes the host's value).")
  List<String> env = new ArrayList<>();

  @Option(names = "--allow-http", paramLabel = "HOST[:PORT]",
      description = "Allow outgoing HTTP (wasi:http) to an authority: that host, on that port or any.")
  List<String> allowHttp = new ArrayList<>();

  @Option(names = "--allow-net", paramLabel = "ADDR[:PORT]",
      description = "Allow TCP and UDP to (and listening or binding on) an address, on one port or all; a host name may be looked up.")
  List<String> allowNet = new ArrayList<>();

  /** The sandbox plus what the options grant, with {@code argv} as the guest's arguments. */
  WasiConfig config(List<String> argv) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq == 0 || e.isEmpty()) {
        throw new UsageError("--env: expected NAME=VALUE or NAME, got \"" + e + "\"");
      }
      if (eq > 0) {
        environment.put(e.substring(0, eq), e.substring(eq + 1));
      } else if (System.getenv(e) != null) {
        environment.put(e, System.getenv(e));
      }
    }
    WasiConfig c = WasiConfig.sandbox().withArguments(argv).withEnvironment(environment);
    for (String d : dirs) {
      c = preopen(c, "--dir", d, false);
    }
    for (String d : readOnlyDirs) {
      c = preopen(c, "--dir-ro", d, true);
    }
    return c.withNetwork(allowHttp, allowNet);
  }

  private static WasiConfig preopen(WasiConfig c, String option, String spec, boolean readOnly) {
    int sep = spec.indexOf("::");
    String host = sep < 0 ? spec : spec.substring(0, sep);
    String guest = sep < 0 ? spec : spec.substring(sep + 2);
    if (host.isEmpty() || guest.isEmpty()) {
      throw new UsageError(option + ": expected HOST::GUEST or HOST, got \"" + spec + "\"");
    }
    Path dir = Path.of(host);
    if (!Files.isDirectory(dir)) {
      throw new UserError(option + ": " + host + ": not a directory");
    }
    return c.withPreopen(dir, guest, readOnly);
  }
}
