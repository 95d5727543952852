package dev.plugboard.runtime.wasi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a run grants, written as {@code plugboard run} takes it: directories ({@code HOST::GUEST},
 * or {@code HOST} for the same path), read-only directories, environment variables ({@code
 * NAME=VALUE}, or {@code NAME} to pass the host's value), outgoing HTTP authorities and socket
 * addresses. The command line and the IDE's run configurations both keep grants in this form and
 * turn them into a {@link WasiConfig} here, so they are read one way.
 */
public record Grants(List<String> dirs, List<String> readOnlyDirs, List<String> env, List<String> allowHttp,
    List<String> allowNet) {

  /** Nothing granted: the sandbox. */
  public static final Grants NONE = new Grants(List.of(), List.of(), List.of(), List.of(), List.of());

  /**
   * A grant that cannot be read: {@code option} is the command-line option it belongs to
   * ({@code --dir}); {@code syntax} tells a malformed spec from one naming something absent.
   */
  public static final class Invalid extends IllegalArgumentException {
    private final String option;
    private final boolean syntax;

    public Invalid(String option, String message, boolean syntax) {
      super(option + ": " + message);
      this.option = option;
      this.syntax = syntax;
    }

    public String option() {
      return option;
    }

    public boolean syntax() {
      return syntax;
    }
  }

  public Grants {
    dirs = List.copyOf(dirs);
    readOnlyDirs = List.copyOf(readOnlyDirs);
    env = List.copyOf(env);
    allowHttp = List.copyOf(allowHttp);
    allowNet = List.copyOf(allowNet);
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * {@code base} plus these grants: the environment (a bare {@code NAME} takes {@code hostEnv}'s
   * value, and is left out when the host has none), the directories (relative host paths resolved
   * against {@code relativeTo}) and the network authorities.
   *
   * @throws Invalid for a malformed spec or a host directory that is not one
   */
  public WasiConfig applyTo(WasiConfig base, Path relativeTo, Function<String, String> hostEnv) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq == 0 || e.isEmpty()) {
        throw new Invalid("--env", "expected NAME=VALUE or NAME, got \"" + e + "\"", true);
      }
      if (eq > 0) {
        environment.put(e.substring(0, eq), e.substring(eq + 1));
      } else if (hostEnv.apply(e) != null) {
        environment.put(e, hostEnv.apply(e));
      }
    }
    WasiConfig c = base.withEnvironment(environment);
    for (String d : dirs) {
      c = preopen(c, "--dir", d, false, relativeTo);
    }
    for (String d : readOnlyDirs) {
      c = preopen(c, "--dir-ro", d, true, relativeTo);
    }
    return c.withNetwork(allowHttp, allowNet);
  }

  private static WasiConfig preopen(WasiConfig c, String option, String spec, boolean readOnly, Path relativeTo) {
    int sep = spec.indexOf("::");
    String host = sep < 0 ? spec : spec.substring(0, sep);
    String guest = sep < 0 ? spec : spec.substring(sep + 2);
    if (host.isEmpty() || guest.isEmpty()) {
      throw new Invalid(option, "expected HOST::GUEST or HOST, got \"" + spec + "\"", true);
    }
    Path dir = relativeTo.resolve(host);
    if (!Files.isDirectory(dir)) {
      throw new Invalid(option, host + ": not a directory", false);
    }
    return c.withPreopen(dir, guest, readOnly);
  }

  /** The grants as {@code plugboard run} options, in the order they are applied. */
  public List<String> options() {
    List<String> out = new ArrayList<>();
    dirs.forEach(d -> out.addAll(List.of("--dir", d)));
    readOnlyDirs.forEach(d -> out.addAll(List.of("--dir-ro", d)));
    env.forEach(e -> out.addAll(List.of("--env", e)));
    allowHttp.forEach(h -> out.addAll(List.of("--allow-http", h)));
    allowNet.forEach(n -> out.addAll(List.of("--allow-net", n)));
    return out;
  }
}
