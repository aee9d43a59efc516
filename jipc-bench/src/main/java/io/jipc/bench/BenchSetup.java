package io.jipc.bench;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.Profile;
import io.jipc.cli.bench.Workload;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the bench server and client share: the implementation name, the transports jipc-bench
 * speaks, address parsing (loopback and Unix paths only), the endpoint config and the servers'
 * lifetime bound. Stateless.
 */
final class BenchSetup {
  /** The {@code impl} field of every result line. */
  static final String IMPL = "jipc@0.1.0";

  private BenchSetup() {}

  /** Returns the {@code runtime} field: {@code "java <version>"}. */
  static String runtime() {
    return "java " + Runtime.version();
  }

  /**
   * Returns the endpoint for the harness's {@code --transport} and {@code --addr}.
   *
   * @throws IllegalArgumentException for an unknown transport, a relative Unix path or a host that
   *     is not a loopback literal
   */
  static Endpoint endpoint(String transport, String addr) {
    switch (transport) {
      case "unix" -> {
        Path path = Path.of(addr);
        if (!path.isAbsolute()) {
          throw new IllegalArgumentException("unix socket path must be absolute, not " + addr);
        }
        return Endpoint.unix(path);
      }
      case "tcp", "tls" -> {
        return tcp(addr);
      }
      case "udp4" -> {
        Endpoint.Tcp where = tcp(addr);
        return Endpoint.udp4(where.host(), where.port());
      }
      default -> {
        throw new IllegalArgumentException(
            "--transport must be unix, tcp, tls or udp4, not " + transport);
      }
    }
  }

  private static Endpoint.Tcp tcp(String addr) {
    int colon = addr.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("address must be host:port, not " + addr);
    }
    String host = addr.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.equals("localhost")) {
      host = "127.0.0.1";
    }
    int port;
    try {
      port = Integer.parseInt(addr.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in " + addr);
    }
    if (port < 1 || port > 65535 || !isLoopbackLiteral(host)) {
      throw new IllegalArgumentException(
          "refusing " + addr + ": only loopback host:port is allowed");
    }
    return Endpoint.tcp(host, port);
  }

  private static boolean isLoopbackLiteral(String host) {
    boolean literal = host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    try {
      return literal && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Returns the profile named by {@code --profile} (node-ipc's names: fast, guarded, ...).
   *
   * @throws IllegalArgumentException for another name or raw, which has no events to bench
   */
  static Profile profile(String name) {
    Profile profile = Profile.ofNodeName(name.toLowerCase(Locale.ROOT));
    if (profile == Profile.RAW) {
      throw new IllegalArgumentException("--profile raw has no events; use fast or guarded");
    }
    return profile;
  }

  /** Returns the builder of an endpoint's config in {@code profile}, logging nothing. */
  static IpcConfig.Builder config(Profile profile) {
    IpcConfig.Builder builder = IpcConfig.builder().profile(profile).silent(true);
    if (profile == Profile.ASSURED) {
      builder.allowedEvents(Workload.events());
    }
    return builder;
  }

  /**
   * Holds the calling thread for {@code seconds}, the server's lifetime bound, or until it is
   * interrupted.
   */
  static void awaitTimeout(long seconds) {
    CountDownLatch never = new CountDownLatch(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      try {
        never.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
