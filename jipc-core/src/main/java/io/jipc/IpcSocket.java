package io.jipc;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
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
   * Returns what this socket has done so far: its frames and bytes each way, the bytes it has
   * queued now, the errors reported with it, and the requests sent on it. Cheap, safe from any
   * thread, also after the socket closed (the final counts); see {@link IpcStats} for what each
   * count means and how a snapshot relates to the counts at the time.
   */
  IpcStats stats();

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
   * Asks the peer: sends a request of {@code type} and returns a future of the peer's answer,
   * waiting at most {@code requestTimeout}. See {@link #request(String, Object, Duration)}.
   */
  CompletableFuture<Object> request(String type, Object data);

  /**
   * Asks the peer: sends {@code data} as a request of {@code type} (a {@code jipc.request} frame,
   * see {@code docs/PROTOCOL.md}) and returns a future of the answer that the peer's request
   * handler for {@code type} gives. The future completes on the socket's handler thread (its loop,
   * or {@code handlerExecutor}), in order with the socket's events, and fails:
   *
   * <ul>
   *   <li>with an {@link IpcRemoteException} carrying the peer's code and message when the peer
   *       answers with an error (its handler threw, it has none for {@code type});
   *   <li>with a {@link java.util.concurrent.TimeoutException} naming the type, the id and the time
   *       waited when no answer came within {@code timeout}; an answer after it is reported as an
   *       {@code error} ({@link IpcProtocolException#UNKNOWN_REPLY}) and dropped;
   *   <li>with an {@link java.io.IOException} as soon as the socket closes or fails before the
   *       answer (the cause is the failure, if any), or when it was closed already;
   *   <li>with an {@link IpcProtocolException} ({@link IpcProtocolException#TOO_MANY_REQUESTS}) at
   *       once, unsent, when {@code maxPendingRequests} requests wait already.
   * </ul>
   *
   * <p>Its {@code get()} and {@code join()} refuse to wait on the thread that would complete it.
   * Stream sockets only.
   *
   * @param type the request type, checked by the profile's event-name rules as an event type
   * @param data the request's payload, as {@link #emit(String, Object)} takes it
   * @param timeout how long to wait for the answer, 1 ms to 1 day
   * @throws IllegalArgumentException as {@link #emit(String, Object)}, or for a bad timeout
   * @throws IllegalStateException in the raw profile
   * @throws UnsupportedOperationException on a UDP endpoint's socket
   */
  CompletableFuture<Object> request(String type, Object data, Duration timeout);

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
