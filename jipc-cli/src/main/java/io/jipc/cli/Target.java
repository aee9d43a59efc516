package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What a command serves or connects to, as typed: a Unix socket path, a service id, or a network
 * address with a scheme.
 *
 * <table>
 *   <caption>Target forms</caption>
 *   <tr><th>typed</th><th>means</th></tr>
 *   <tr><td>{@code /run/app.sock}, {@code ./app.sock}, {@code unix:///run/app.sock}</td>
 *       <td>Unix socket at that path (anything with a {@code /})</td></tr>
 *   <tr><td>{@code world}</td><td>Unix socket {@code socketRoot + appspace + id}, as node-ipc's
 *       {@code serve(id)} and {@code connectTo(id)}</td></tr>
 *   <tr><td>{@code tcp://127.0.0.1:8000} or {@code 127.0.0.1:8000}</td><td>TCP</td></tr>
 *   <tr><td>{@code tls://localhost:8000}</td><td>TLS over TCP</td></tr>
 *   <tr><td>{@code udp4://127.0.0.1:8001}, {@code udp6://[::1]:8001}</td><td>UDP</td></tr>
 * </table>
 *
 * <p>IPv6 hosts go in brackets. Port 0 lets a server bind a free port. Immutable.
 *
 * @param scheme {@code unix}, {@code id}, {@code tcp}, {@code tls}, {@code udp4} or {@code udp6}
 * @param host the host, or the id for scheme {@code id}; null for {@code unix}
 * @param port the port; 0 for {@code unix} and {@code id}
 * @param path the socket path for {@code unix}, else null
 */
record Target(String scheme, String host, int port, Path path) {

  /**
   * Parses a typed target.
   *
   * @throws IllegalArgumentException saying which forms are accepted
   */
  static Target parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a target must not be empty");
    }
    int schemeEnd = text.indexOf("://");
    if (schemeEnd >= 0) {
      String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      String rest = text.substring(schemeEnd + 3);
      return switch (scheme) {
        case "unix" -> unix(rest);
        case "tcp", "tls", "udp4", "udp6" -> network(scheme, rest);
        default ->
            throw new IllegalArgumentException(
                "unknown scheme "
                    + scheme
                    + ":// in "
                    + text
                    + " (use unix, tcp, tls, udp4 or udp6)");
      };
    }
    if (text.indexOf('/') >= 0) {
      return unix(text);
    }
    if (text.indexOf(':') >= 0) {
      return network("tcp", text);
    }
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an id must not contain NUL");
    }
    return new Target("id", text, 0, null);
  }

  private static Target unix(String path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("a unix:// target needs a path");
    }
    return new Target("unix", null, 0, Path.of(path).toAbsolutePath());
  }

  private static Target network(String scheme, String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          scheme + " target needs host:port ([host]:port for IPv6), not " + address);
    }
    String host = address.substring(0, colon);
    String portText = address.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "put an IPv6 host in brackets, as [" + host + "]:" + portText);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException(scheme + " target needs a host, not " + address);
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not \"" + portText + "\"");
    }
    return new Target(scheme, host, port, null);
  }

  /** Returns true for UDP targets. */
  boolean isUdp() {
    return scheme.startsWith("udp");
  }

  /** Returns true for a {@code tls://} target. */
  boolean isTls() {
    return scheme.equals("tls");
  }

  /** Returns the transport's name: unix (also for ids), tcp, tls, udp4 or udp6. */
  String transport() {
    return scheme.equals("id") ? "unix" : scheme;
  }

  /**
   * Returns the endpoint; an id becomes {@code socketRoot + appspace + id} of {@code config}.
   *
   * @throws IllegalArgumentException if the id is not a valid one
   */
  Endpoint endpoint(IpcConfig config) {
    return switch (scheme) {
      case "unix" -> Endpoint.unix(path);
      case "id" -> {
        IpcConfig.builder().id(host); // the same checks as node-ipc ids
        yield Endpoint.unix(
            config.socketFile().resolvedRoot().resolve(config.socketFile().appspace() + host));
      }
      case "udp4" -> Endpoint.udp4(host, port);
      case "udp6" -> Endpoint.udp6(host, port);
      default -> Endpoint.tcp(host, port);
    };
  }

  @Override
  public String toString() {
    return switch (scheme) {
      case "unix" -> path.toString();
      case "id" -> host;
      default -> scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    };
  }

  /** Converts a command-line argument; picocli reports its exception as a usage error. */
  static final class Converter implements ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
