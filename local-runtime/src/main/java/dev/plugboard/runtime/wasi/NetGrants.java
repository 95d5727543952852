package dev.plugboard.runtime.wasi;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network a run grants ({@code --allow-net ADDR[:PORT]}): addresses, each with one port or
 * every port. A host name is resolved when the grant is made, and may then be looked up by the
 * guest. Nothing else is reachable.
 */
final class NetGrants {
  private record Grant(String name, List<InetAddress> addresses, int port) {}

  private final List<Grant> grants;

  private NetGrants(List<Grant> grants) {
    this.grants = List.copyOf(grants);
  }

  /**
   * Parses {@code 127.0.0.1:8080}, {@code localhost}, {@code [::1]:80}, {@code example.org:443}.
   *
   * @throws IllegalArgumentException with a one-line reason for text that is not such an address
   */
  static NetGrants parse(List<String> specs) {
    List<Grant> out = new ArrayList<>();
    for (String spec : specs) {
      String host = spec;
      int port = -1;
      int colon = spec.lastIndexOf(':');
      boolean bracketed = spec.startsWith("[");
      if (bracketed) {
        int close = spec.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("\"" + spec + "\": expected ADDR[:PORT]");
        }
        host = spec.substring(1, close);
        colon = spec.indexOf(':', close);
      } else if (colon >= 0 && spec.indexOf(':') == colon) {
        host = spec.substring(0, colon);
      } else {
        colon = -1; // a bare IPv6 address
      }
      if (colon >= 0) {
        try {
          port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = -2;
        }
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException("\"" + spec + "\": the port must be a number from 0 to 65535");
        }
      }
      if (host.isEmpty()) {
        throw new IllegalArgumentException("\"" + spec + "\": expected ADDR[:PORT]");
      }
      try {
        out.add(new Grant(host.toLowerCase(Locale.ROOT), List.of(InetAddress.getAllByName(host)), port));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("\"" + spec + "\": unknown host " + host);
      }
    }
    return new NetGrants(out);
  }

  boolean isEmpty() {
    return grants.isEmpty();
  }

  boolean allows(InetSocketAddress a) {
    for (Grant g : grants) {
      if ((g.port() < 0 || g.port() == a.getPort()) && g.addresses().contains(a.getAddress())) {
        return true;
      }
    }
    return false;
  }

  /** The addresses of a granted name (or of an address literal that is granted); empty if not granted. */
  List<InetAddress> lookup(String name) {
    List<InetAddress> out = new ArrayList<>();
    for (Grant g : grants) {
      if (g.name().equals(name.toLowerCase(Locale.ROOT))) {
        out.addAll(g.addresses());
      }
    }
    return out;
  }
}
