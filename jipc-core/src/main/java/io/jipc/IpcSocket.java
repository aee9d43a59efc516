package io.jipc;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One connection accepted by an {@link IpcServer}: what server handlers receive as {@code socket}.
 *
 * <p>Thread-safe: any thread may emit to a socket. Sending never blocks and never throws for a
 * closed socket: it returns false. Bytes queued on one socket beyond {@code maxPendingBytes} close
 * that socket with an {@link IpcProtocolException} ({@code ERR_IPC_BACKPRESSURE}).
 */
public interface IpcSocket {

  /**
   * Returns this socket's id: assigned by the server ({@code "1"}, {@code "2"}, ... in accept
   * order), or the {@code data.id} the peer sent when {@code identifyPeer} is on (unauthenticated;
   * see {@link #peerCredentials()} for an identity the peer cannot forge).
   */
  String id();

  /**
   * Returns the peer's address: an {@link java.net.InetSocketAddress} for TCP; for Unix sockets the
   * {@link java.net.UnixDomainSocketAddress} the peer bound, usually unnamed (empty path).
   */
  SocketAddress remoteAddress();

  /**
   * Returns the peer's certificate chain, leaf first, as the TLS handshake presented it: verified
   * when the server verifies client certificates (mutual TLS), empty when the peer sent none or the
   * endpoint is not TLS.
   */
  default List<X509Certificate> peerCertificates() {
    return List.of();
  }

  /**
   * Returns the user and group of the peer process as the kernel recorded them when it connected
   * ({@code SO_PEERCRED}), read the first time this is called (later calls return the same) or when
   * {@code allowedPeerUsers}/{@code allowedPeerGroups} check the peer at accept. Present for
   * sockets of a Unix socket server on systems that report peer credentials (Linux, macOS); empty
   * for TCP and TLS, where the system does not report them, and when first called after the socket
   * closed (ask in {@code connect} to have them later).
   */
  default Optional<PeerCredentials> peerCredentials() {
    return Optional.empty();
  }

  /** Returns true until this socket starts closing. */
  boolean isOpen();

  /**
   * Sends one event to this socket.
   *
   * @param type the event type
   * @param data the payload: null, Boolean, Number, String, List, Map with String keys, arrays
   * @return true if the frame was queued; false if the socket is closing or closed
   * @throws IllegalArgumentException if the profile refuses the type or the frame size (the cause
   *     is an {@link IpcProtocolException} with the code) or the payload cannot be written as JSON;
   *     nothing is sent
   * @throws IllegalStateException in the raw profile
   */
  boolean emit(String type, Object data);

  /**
   * Sends one event whose data is an empty object, as node-ipc does when data is omitted.
   *
   * @see #emit(String, Object)
   */
  boolean emit(String type);

  /**
   * Sends raw bytes (raw profile only).
   *
   * @return true if queued; false if the socket is closing or closed
   * @throws IllegalStateException in a framed profile
   */
  boolean emit(byte[] bytes);

  /**
   * Sends a string in the raw profile, encoded with {@code encoding}; node-ipc's raw {@code
   * emit(socket, string)}.
   *
   * @return true if queued; false if the socket is closing or closed
   * @throws IllegalStateException in a framed profile
   */
  boolean write(String text);

  /**
   * Returns a future that completes when every byte queued so far has been handed to the operating
   * system, or completes exceptionally if the socket closes first.
   */
  CompletableFuture<Void> flush();

  /** Returns the number of bytes queued on this socket and not yet written. */
  long pendingBytes();

  /**
   * Closes this socket gracefully: queued writes are flushed for up to {@code closeTimeout}, then
   * the connection closes and the server fires {@code socket.disconnected} and {@code close}.
   * Idempotent; does not wait.
   */
  void close();
}
