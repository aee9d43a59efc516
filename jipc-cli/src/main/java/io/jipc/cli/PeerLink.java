package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.cli.bench.Link;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of {@code emit}, {@code listen} and {@code bench client}: a {@link ClientLink}
 * for stream targets (unix, tcp, tls); for UDP targets, which have no clients, a {@link UdpLink}
 * that sends from a port of its own, as node-ipc's UDP examples do. Thread-safe.
 */
interface PeerLink extends Link, AutoCloseable {

  /** What a link reports; called on the link's own thread, one call at a time. */
  interface Listener {
    /** The link can send: connected (after every reconnect too), or for UDP, bound. */
    default void opened() {}

    /** A wire event arrived (in the raw profile: {@code data} with a {@code byte[]}). */
    void event(String type, Object data);

    /** Something failed: a connect attempt, the connection, or a handler. */
    void error(Throwable failure);

    /** The connection closed (stream targets only). */
    void closed();
  }

  /** Returns a future completed once the link can send, or failed if connecting failed. */
  CompletableFuture<?> connected();

  /** Sends one event; false if not connected. */
  boolean emit(String type, Object data);

  /** Sends text in the raw profile (UTF-8, the command's only encoding); false if not connected. */
  boolean write(String text);

  /** Returns the bytes queued and not yet written (always 0 over UDP). */
  long pendingBytes();

  /** Returns a future completed when what was queued so far is written. */
  CompletableFuture<Void> flush();

  /** Returns where this link is bound, for UDP; null for stream targets. */
  default Endpoint localEndpoint() {
    return null;
  }

  /** Closes the link, flushing for up to {@code closeTimeout}. Idempotent. */
  @Override
  void close();

  /**
   * Opens a link to {@code endpoint} and starts connecting.
   *
   * @throws UncheckedIOException if a UDP link cannot bind its local endpoint
   */
  static PeerLink open(Endpoint endpoint, IpcConfig config, Listener listener) {
    return endpoint instanceof Endpoint.Udp udp
        ? UdpLink.open(udp, config, listener)
        : new ClientLink(endpoint, config, listener);
  }
}
