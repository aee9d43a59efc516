package io.jipc.interop;

import static io.jipc.interop.NodeIpcPeer.obj;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.TlsOptions;
import io.jipc.testing.TempEndpoints;
import io.jipc.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each side of one transport is set up: Java configs and endpoints, and the matching {@code
 * serve}/{@code connect} commands for {@code peer.mjs}. TLS uses the shared test PKI: servers
 * present {@code server} (for 127.0.0.1 and ::1), clients verify it against {@code ca}; with mutual
 * auth servers demand a client certificate signed by {@code ca} and clients present {@code client}.
 * Unix sockets live in a private temp directory that {@link #close()} removes; everything else is
 * loopback. Not thread-safe.
 */
final class Wiring implements AutoCloseable {
  private final Net net;
  private final TempEndpoints endpoints = new TempEndpoints();
  private final TestPki pki;

  Wiring(Net net) {
    this.net = net;
    this.pki = net.tls() ? TestPki.shared() : null;
  }

  Net net() {
    return net;
  }

  /** A fresh endpoint for a Java server: a Unix path, or loopback port 0. */
  Endpoint javaServerEndpoint() {
    return switch (net) {
      case UNIX -> endpoints.unix();
      case TCP, TLS, MTLS -> Endpoint.tcp(net.host(), 0);
      case UDP4 -> Endpoint.udp4(net.host(), 0);
      case UDP6 -> Endpoint.udp6(net.host(), 0);
    };
  }

  /** A fresh address for a Node server, as a Java client reaches it. */
  Endpoint nodeServerEndpoint() {
    return switch (net) {
      case UNIX -> endpoints.unix();
      case TCP, TLS, MTLS -> Endpoint.tcp(net.host(), freeTcpPort());
      case UDP4 -> Endpoint.udp4(net.host(), freeUdpPort());
      case UDP6 -> Endpoint.udp6(net.host(), freeUdpPort());
    };
  }

  /** Java server config: quiet, and TLS as the transport wants. */
  IpcConfig.Builder javaServer() {
    IpcConfig.Builder config = IpcConfig.builder().silent(true);
    return switch (net) {
      case TLS -> config.tls(pki.server().tls().build());
      case MTLS -> config.tls(pki.serverOptions());
      default -> config;
    };
  }

  /** Java client config: quiet, and TLS as the transport wants. */
  IpcConfig.Builder javaClient() {
    IpcConfig.Builder config = IpcConfig.builder().silent(true);
    return switch (net) {
      case TLS -> config.tls(TlsOptions.builder().trustedConnections(pki.caFile()).build());
      case MTLS -> config.tls(pki.clientOptions());
      default -> config;
    };
  }

  /** The command that makes Node endpoint {@code name} serve at {@code at}. */
  Map<String, Object> nodeServe(String name, Endpoint at, Map<String, Object> config) {
    Map<String, Object> cmd = obj("cmd", "serve", "name", name, "config", config);
    address(cmd, at);
    if (net.tls()) {
      Map<String, Object> tls =
          obj(
              "private", pki.server().keyFile().toString(),
              "public", pki.server().certFile().toString());
      if (net == Net.MTLS) {
        tls.put("trustedConnections", pki.caFile().toString());
        tls.put("requestCert", true);
        tls.put("rejectUnauthorized", true);
      }
      cmd.put("tls", tls);
    }
    return cmd;
  }

  /** The command that connects Node client {@code name} to the server at {@code at}. */
  Map<String, Object> nodeConnect(String name, Endpoint at, Map<String, Object> config) {
    Map<String, Object> cmd = obj("cmd", "connect", "name", name, "config", config);
    address(cmd, at);
    if (net.tls()) {
      Map<String, Object> tls =
          obj("trustedConnections", pki.caFile().toString(), "rejectUnauthorized", true);
      if (net == Net.MTLS) {
        tls.put("public", pki.client().certFile().toString());
        tls.put("private", pki.client().keyFile().toString());
      }
      cmd.put("tls", tls);
    }
    return cmd;
  }

  /** A config map for Node: node-ipc option names and values, in pairs. */
  static Map<String, Object> config(Object... keyValues) {
    return new LinkedHashMap<>(obj(keyValues));
  }

  private static void address(Map<String, Object> cmd, Endpoint at) {
    if (at instanceof Endpoint.Unix unix) {
      cmd.put("transport", "unix");
      cmd.put("path", unix.path().toString());
    } else if (at instanceof Endpoint.Tcp tcp) {
      cmd.put("transport", "tcp");
      cmd.put("host", tcp.host());
      cmd.put("port", tcp.port());
    } else if (at instanceof Endpoint.Udp udp) {
      cmd.put("transport", udp.type());
      cmd.put("host", udp.host());
      cmd.put("port", udp.port());
    }
  }

  /** A free loopback TCP port: node-ipc's serveNet takes port 0 as "use networkPort" (8000). */
  private int freeTcpPort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(net.host()))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free loopback UDP port, for the same reason. */
  private int freeUdpPort() {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(net.host(), 0))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    endpoints.close();
  }
}
