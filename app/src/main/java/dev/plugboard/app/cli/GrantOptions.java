package dev.plugboard.app.cli;

import dev.plugboard.runtime.wasi.Grants;
import dev.plugboard.runtime.wasi.WasiConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    try {
      return new Grants(dirs, readOnlyDirs, env, allowHttp, allowNet)
          .applyTo(WasiConfig.sandbox().withArguments(argv), Path.of(""), System::getenv);
    } catch (Grants.Invalid e) {
      throw e.syntax() ? new UsageError(e.getMessage()) : new UserError(e.getMessage());
    }
  }
}
