package io.jipc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a server listens or a client connects: a Unix domain socket path, a TCP host and port (TLS
 * when the config has {@link IpcConfig#tls() tls} options), or a UDP host and port.
 *
 * <p>Endpoints are immutable values. {@code toString()} gives the form used in every message that
 * names the endpoint: the socket path, {@code host:port} ({@code [::1]:8000} for IPv6), or {@code
 * udp4 host:port}.
 */
public sealed interface Endpoint permits Endpoint.Unix, Endpoint.Tcp, Endpoint.Udp {

  /**
   * Returns a Unix domain socket endpoint.
   *
   * @throws NullPointerException if {@code path} is null
   */
  static Unix unix(Path path) {
    return new Unix(path);
  }

  /**
   * Returns a TCP endpoint.
   *
   * @param host a host name or IP literal; for a server, the address to bind
   * @param port 0 to 65535; a server given 0 binds a free port, which {@link IpcServer#endpoint()}
   *     reports after {@link IpcServer#start()}
   * @throws IllegalArgumentException if the port is out of range or the host is empty
   */
  static Tcp tcp(String host, int port) {
    return new Tcp(host, port);
  }

  /**
   * Returns a UDP endpoint over IPv4: node-ipc's {@code serveNet(host, port, 'udp4')}. As in
   * node-ipc, host {@code ::1} binds {@code 127.0.0.1}.
   *
   * @throws IllegalArgumentException if the port is out of range or the host is empty
   */
  static Udp udp4(String host, int port) {
    return new Udp(host.equals("::1") ? "127.0.0.1" : host, port, false);
  }

  /**
   * Returns a UDP endpoint over IPv6: node-ipc's {@code serveNet(host, port, 'udp6')}.
   *
   * @throws IllegalArgumentException if the port is out of range or the host is empty
   */
  static Udp udp6(String host, int port) {
    return new Udp(host, port, true);
  }

  /**
   * A Unix domain socket at {@code path}.
   *
   * @param path the socket file
   */
  record Unix(Path path) implements Endpoint {
    /** Checks the path. */
    public Unix {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  /**
   * A TCP endpoint.
   *
   * @param host host name or IP literal
   * @param port port number, 0 to 65535
   */
  record Tcp(String host, int port) implements Endpoint {
    /** Checks host and port. */
    public Tcp {
      Objects.requireNonNull(host, "host");
      if (host.isEmpty()) {
        throw new IllegalArgumentException("host must not be empty");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
      }
    }

    @Override
    public String toString() {
      return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /**
   * A UDP endpoint. UDP has no connections: a server on it receives datagrams from any sender and
   * sends datagrams to addresses (see {@link UdpEndpoint#emit(java.net.InetSocketAddress, String,
   * Object)}).
   *
   * @param host host name or IP literal to bind
   * @param port port number, 0 to 65535 (0 binds a free port)
   * @param ipv6 true for {@code udp6}, false for {@code udp4}
   */
  record Udp(String host, int port, boolean ipv6) implements Endpoint {
    /** Checks host and port. */
    public Udp {
      new Tcp(host, port); // same checks, same messages
    }

    /** Returns {@code udp4} or {@code udp6}. */
    public String type() {
      return ipv6 ? "udp6" : "udp4";
    }

    @Override
    public String toString() {
      return type() + " " + new Tcp(host, port);
    }
  }
}
