package dev.plugboard.runtime.wasi;

import dev.plugboard.binary.Component;
import dev.plugboard.runtime.ComponentInstance;
import dev.plugboard.runtime.Imports;
import dev.plugboard.runtime.LoadedComponent;
import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WASI 0.2 host for one component instance: {@code wasi:io}, {@code wasi:clocks},
 * {@code wasi:random}, {@code wasi:cli}, {@code wasi:filesystem}, {@code wasi:sockets} (TCP and UDP, to granted addresses only) and outgoing
 * {@code wasi:http} (to granted authorities only),
 * giving the guest only what its {@link WasiConfig} grants. A component may import any 0.2.x
 * version of an interface: the host serves whatever functions of it the component declares.
 *
 * <pre>{@code
 * WasiHost wasi = new WasiHost(WasiConfig.sandbox().withStdio(System.in, System.out, System.err));
 * ComponentInstance c = loaded.instantiate(wasi.imports(loaded), RuntimeConfig.DEFAULT);
 * int status = wasi.run(c);   // wasi:cli/run, the guest's exit status
 * }</pre>
 */
public final class WasiHost implements AutoCloseable {
  private static final Pattern WASI_NAME = Pattern.compile("(wasi:[a-z0-9-]+/[a-z0-9-]+)@0\\.2\\.(\\d+)");
  /** The interfaces of the packages asked for so far ({@code wasi:io/streams} → its functions). */
  private final Map<String, WasiInterface> interfaces = new HashMap<>();
  /** The packages ({@code wasi:io}) whose interfaces are in {@link #interfaces}. */
  private final java.util.Set<String> registered = new java.util.HashSet<>();
  private final IoHost io;
  private final CliHost cli;
  private final FilesystemHost filesystem;
  private final SocketsHost sockets;
  private final HttpHost http;

  /** @throws IllegalArgumentException when a network grant is not an address ({@code ADDR[:PORT]}) */
  public WasiHost(WasiConfig config) {
    Object signal = new Object();
    io = new IoHost(signal);
    cli = new CliHost(config, io, signal);
    filesystem = new FilesystemHost(config, io);
    sockets = new SocketsHost(io, NetGrants.parse(config.allowedNet()), signal);
    http = new HttpHost(io, config.allowedHttp(), signal);
    // The interfaces' functions are made when a component first imports their package: a host
    // is made per instance (plugboard serve: per request), and most components import a few of
    // the seven packages (a wasi:http handler needs neither sockets nor the filesystem).
  }

  /** The interface served under an unversioned name ({@code wasi:io/streams}), registering its package first. */
  private WasiInterface interfaceNamed(String unversioned) {
    String pkg = unversioned.substring(0, unversioned.indexOf('/'));
    if (registered.add(pkg)) {
      switch (pkg) {
        case "wasi:io" -> io.register(interfaces);
        case "wasi:cli" -> cli.register(interfaces);
        case "wasi:clocks" -> new ClocksHost(io).register(interfaces);
        case "wasi:random" -> new RandomHost().register(interfaces);
        case "wasi:filesystem" -> filesystem.register(interfaces);
        case "wasi:sockets" -> sockets.register(interfaces);
        case "wasi:http" -> http.register(interfaces);
        default -> { }
      }
    }
    return interfaces.get(unversioned);
  }

  /**
   * The imports for {@code component}: each of its instance imports served by this host.
   *
   * @throws LoadedComponent.LinkError naming every import the host does not provide (before
   *     anything is instantiated)
   */
  public Imports imports(LoadedComponent component) {
    Imports imports = Imports.none();
    List<String> missing = new ArrayList<>();
    for (Component.Section s : component.component().sections()) {
      if (!(s instanceof Component.ImportSection is)) {
        continue;
      }
      for (Component.Import imp : is.imports()) {
        if (imp.type() instanceof Component.ExternType.Type) {
          continue; // a bare resource type import needs nothing from the host
        }
        String name = imp.name().name();
        WasiInterface served = imp.type() instanceof Component.ExternType.InstanceType ? serving(name) : null;
        if (served == null) {
          missing.add("import \"" + name + "\" (" + Component.sortOf(imp.type()).label() + ")");
        } else {
          imports.instance(name, served);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new LoadedComponent.LinkError(component.name() + ": " + String.join(", ", missing)
          + (missing.size() == 1 ? " was" : " were") + " not given (the host provides WASI 0.2: wasi:io, "
          + "wasi:clocks, wasi:random, wasi:cli, wasi:filesystem, wasi:sockets, wasi:http)");
    }
    return imports;
  }

  /** The host's implementation for an import name, matched by semver compatibility ({@code 0.2.x}). */
  private WasiInterface serving(String importName) {
    Matcher m = WASI_NAME.matcher(importName);
    return m.matches() ? interfaceNamed(m.group(1)) : null;
  }

  /** The interface served under an unversioned name ({@code wasi:io/streams}), for tests. */
  WasiInterface served(String unversionedName) {
    return interfaceNamed(unversionedName);
  }

  /** Whether this host serves {@code importName} (any {@code 0.2.x} of a WASI interface it implements). */
  public boolean provides(String importName) {
    return serving(importName) != null;
  }

  /** The component's {@code wasi:cli/run} export, if it has one. */
  public static Optional<ComponentInstance.Export> runExport(ComponentInstance instance) {
    return instance.functions().stream()
        .filter(e -> e.interfaceName() != null && e.functionName().equals("run")
            && WASI_NAME.matcher(e.interfaceName()).matches() && e.interfaceName().startsWith("wasi:cli/run@"))
        .findFirst();
  }

  /** The component's {@code wasi:http/incoming-handler} {@code handle} export, if it has one. */
  public static Optional<ComponentInstance.Export> httpHandler(ComponentInstance instance) {
    return instance.functions().stream()
        .filter(e -> e.interfaceName() != null && e.functionName().equals("handle")
            && WASI_NAME.matcher(e.interfaceName()).matches()
            && e.interfaceName().startsWith("wasi:http/incoming-handler@"))
        .findFirst();
  }

  /**
   * Serves one HTTP request with the instance's {@code wasi:http/incoming-handler} on the calling
   * thread: the status and headers the guest sets go to {@code response} as soon as it sets them,
   * its body as it writes it. Returns the status (500 when the guest set an error or nothing).
   *
   * @throws dev.plugboard.runtime.abi.Trap when the guest traps
   * @throws IOException when the response cannot be sent (the client went away)
   * @throws IllegalArgumentException when the component does not export the handler
   */
  public int serveHttp(ComponentInstance instance, HttpServing.Request request, HttpServing.Response response)
      throws java.io.IOException {
    ComponentInstance.Export handler = httpHandler(instance).orElseThrow(() -> new IllegalArgumentException(
        instance.name() + " does not export wasi:http/incoming-handler"));
    return serveHttp(instance, handler.qualifiedName(), request, response);
  }

  /**
   * {@link #serveHttp(ComponentInstance, HttpServing.Request, HttpServing.Response)} with the
   * handler's qualified name already known (every instance of one component has the same), as a
   * server looks it up once rather than per request.
   */
  public int serveHttp(ComponentInstance instance, String handlerName, HttpServing.Request request,
      HttpServing.Response response) throws java.io.IOException {
    return http.serve(instance, handlerName, request, response);
  }

  /**
   * Runs the component's {@code wasi:cli/run} on the calling thread and returns the guest's exit
   * status: 0 for {@code ok}, 1 for {@code err}, or what it passed to {@code exit}.
   *
   * @throws Trap when the guest traps (an {@code exit} is not a trap)
   * @throws IllegalArgumentException when the component does not export {@code wasi:cli/run}
   */
  public int run(ComponentInstance instance) {
    ComponentInstance.Export run = runExport(instance).orElseThrow(() -> new IllegalArgumentException(
        instance.name() + " does not export wasi:cli/run"));
    try {
      Value r = instance.function(run.qualifiedName()).call();
      return ((Value.ResultValue) r).isOk() ? 0 : 1;
    } catch (Trap t) {
      OptionalInt status = exitStatus();
      if (status.isPresent()) {
        return status.getAsInt();
      }
      throw t;
    }
  }

  /** The status the guest passed to {@code wasi:cli/exit}, if it called it. */
  public OptionalInt exitStatus() {
    Integer s = cli.exitStatus();
    return s == null ? OptionalInt.empty() : OptionalInt.of(s);
  }

  /** Closes the files and streams the guest still holds. */
  @Override
  public void close() {
    filesystem.close();
    sockets.close();
    io.close();
  }
}
