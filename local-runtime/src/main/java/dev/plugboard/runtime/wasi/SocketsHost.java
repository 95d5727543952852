package dev.plugboard.runtime.wasi;

import dev.plugboard.runtime.abi.Trap;
import dev.plugboard.types.Value;
import java.util.Map;

/**
 * {@code wasi:sockets}, denied: a guest gets its network handle, but creating a TCP or UDP
 * socket and resolving a name answer {@code access-denied}, so no socket ever exists and the
 * socket methods are unreachable. (Sockets for granted addresses are not implemented yet.)
 */
final class SocketsHost {
  private final ResourceTable<Object> networks = new ResourceTable<>("network");

  void register(Map<String, WasiInterface> into) {
    Value denied = WasiValues.err(new Value.EnumValue("access-denied"));
    into.put("wasi:sockets/network", new WasiInterface().resource("network", networks)
        .function("network-error-code", a -> Value.none()));
    into.put("wasi:sockets/instance-network", new WasiInterface()
        .function("instance-network", a -> networks.own(new Object())));
    into.put("wasi:sockets/tcp-create-socket", new WasiInterface().function("create-tcp-socket", a -> denied));
    into.put("wasi:sockets/udp-create-socket", new WasiInterface().function("create-udp-socket", a -> denied));
    into.put("wasi:sockets/ip-name-lookup", new WasiInterface().function("resolve-addresses", a -> denied)
        .otherwise(SocketsHost::unreachable));
    into.put("wasi:sockets/tcp", new WasiInterface().otherwise(SocketsHost::unreachable));
    into.put("wasi:sockets/udp", new WasiInterface().otherwise(SocketsHost::unreachable));
  }

  private static Value unreachable(Value[] args) {
    throw new Trap("wasi:sockets: no socket exists without a network grant");
  }
}
