package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.UdpEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link PeerLink} to a UDP target. UDP has no clients (node-ipc neither), so this is a UDP
 * endpoint of its own on a free port, on loopback when the target is loopback and else on every
 * address, that sends each event in one datagram to the target and reports whatever reaches it. It
 * can send as soon as it is bound; loss is not reported. Thread-safe.
 */
final class UdpLink implements PeerLink {
  private final UdpEndpoint local;
  private final InetSocketAddress target;

  private UdpLink(UdpEndpoint local, InetSocketAddress target) {
    this.local = local;
    this.target = target;
  }

  /**
   * Binds the local endpoint and calls the listener's {@code opened}.
   *
   * @throws UncheckedIOException if binding fails
   */
  static UdpLink open(Endpoint.Udp target, IpcConfig config, Listener listener) {
    String host = isLoopback(target.host()) ? loopback(target) : wildcard(target);
    Endpoint.Udp bind = target.ipv6() ? Endpoint.udp6(host, 0) : Endpoint.udp4(host, 0);
    UdpEndpoint local = UdpEndpoint.create(bind, config);
    local.on(
        "*",
        (type, data, socket) -> {
          if (!EventLines.isLifecycle(type, data)) {
            listener.event(type, data);
          }
        });
    local.on("error", (data, socket) -> listener.error((Throwable) data));
    try {
      local.start();
    } catch (IOException e) {
      local.close();
      throw new UncheckedIOException(e);
    }
    UdpLink link = new UdpLink(local, new InetSocketAddress(target.host(), target.port()));
    listener.opened();
    return link;
  }

  @Override
  public CompletableFuture<?> connected() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean emit(String type, Object data) {
    return local.emit(target, type, data);
  }

  @Override
  public boolean write(String text) {
    return local.emit(target, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public long pendingBytes() {
    return 0;
  }

  @Override
  public CompletableFuture<Void> flush() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Endpoint localEndpoint() {
    return local.endpoint();
  }

  @Override
  public void close() {
    local.close();
  }

  private static String loopback(Endpoint.Udp target) {
    return target.ipv6() ? "::1" : "127.0.0.1";
  }

  private static String wildcard(Endpoint.Udp target) {
    return target.ipv6() ? "::" : "0.0.0.0";
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
