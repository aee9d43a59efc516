package io.jipc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a server listens or a client connects: a Unix domain socket path or a TCP host and port.
 *
 * <p>Endpoints are immutable values. {@code toString()} gives the form used in every message that
 * names the endpoint: the socket path, or {@code host:port} ({@code [::1]:8000} for IPv6).
 */
public sealed interface Endpoint permits Endpoint.Unix, Endpoint.Tcp {

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
}
