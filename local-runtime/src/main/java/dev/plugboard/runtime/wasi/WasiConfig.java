package dev.plugboard.runtime.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a guest is granted: its arguments, environment, preopened directories, standard streams
 * and network authorities. {@link #sandbox()} grants nothing: no arguments, an empty environment,
 * no directories, an empty stdin, discarded output, no network. Every {@code with…} returns a
 * new configuration.
 */
public record WasiConfig(List<String> arguments, Map<String, String> environment, List<Preopen> preopens,
    InputStream stdin, OutputStream stdout, OutputStream stderr, List<String> allowedHttp, List<String> allowedNet) {

  /** A host directory the guest sees at {@code guestPath}; with {@code readOnly}, nothing under it can change. */
  public record Preopen(Path hostPath, String guestPath, boolean readOnly) {}

  public WasiConfig {
    arguments = List.copyOf(arguments);
    environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    preopens = List.copyOf(preopens);
    allowedHttp = List.copyOf(allowedHttp);
    allowedNet = List.copyOf(allowedNet);
  }

  public static WasiConfig sandbox() {
    return new WasiConfig(List.of(), Map.of(), List.of(), InputStream.nullInputStream(),
        OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), List.of(), List.of());
  }

  /** The arguments the guest sees, the program name first (as {@code argv[0]}). */
  public WasiConfig withArguments(List<String> args) {
    return new WasiConfig(args, environment, preopens, stdin, stdout, stderr, allowedHttp, allowedNet);
  }

  public WasiConfig withEnvironment(Map<String, String> env) {
    return new WasiConfig(arguments, env, preopens, stdin, stdout, stderr, allowedHttp, allowedNet);
  }

  public WasiConfig withPreopen(Path host, String guest, boolean readOnly) {
    List<Preopen> more = new ArrayList<>(preopens);
    more.add(new Preopen(host, guest, readOnly));
    return new WasiConfig(arguments, environment, more, stdin, stdout, stderr, allowedHttp, allowedNet);
  }

  public WasiConfig withStdio(InputStream in, OutputStream out, OutputStream err) {
    return new WasiConfig(arguments, environment, preopens, in, out, err, allowedHttp, allowedNet);
  }

  public WasiConfig withNetwork(List<String> http, List<String> net) {
    return new WasiConfig(arguments, environment, preopens, stdin, stdout, stderr, http, net);
  }
}
