package io.jipc;

import io.jipc.internal.RealIpcServer;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A server on a Unix socket, TCP, TLS or UDP endpoint: accepts many sockets, receives their events,
 * emits to one and broadcasts to all. node-ipc's {@code ipc.server}.
 *
 * <p>On a UDP endpoint there are no connections: each sender (address and port) is a "socket" that
 * exists from its first datagram until it has been silent for {@code udpPeerTimeout}; {@code
 * connect} fires once when the endpoint is bound (with a null socket, as node-ipc does), {@code
 * broadcast} sends to every sender heard from, and {@link UdpEndpoint} (the type such a server has)
 * also sends to any address. One frame travels in one datagram.
 *
 * <h2>Lifecycle and events</h2>
 *
 * <p>{@link #start()} binds and returns, or throws. The server then accepts until {@link #close()}.
 * Handlers registered with {@code on} receive {@code (data, socket)}:
 *
 * <table>
 *   <caption>Lifecycle events of a server</caption>
 *   <tr><th>event</th><th>data</th><th>socket</th><th>when</th></tr>
 *   <tr><td>{@code start}</td><td>null</td><td>null</td>
 *       <td>bound, inside {@code start()}, before any socket is accepted</td></tr>
 *   <tr><td>{@code connect}</td><td>null</td><td>the socket</td>
 *       <td>accepted, before its first event</td></tr>
 *   <tr><td><i>type</i></td><td>the payload</td><td>the socket</td><td>a frame arrived</td></tr>
 *   <tr><td>{@code data}</td><td>{@code byte[]}</td><td>the socket</td>
 *       <td>raw profile: bytes arrived</td></tr>
 *   <tr><td>{@code error}</td><td>the {@link Throwable}</td><td>the socket, or null</td>
 *       <td>a socket failed (e.g. {@link IpcProtocolException}) or a handler threw; null socket:
 *       accepting failed or {@code allowedPeerUsers}/{@code allowedPeerGroups} refused a peer
 *       (an {@link IOException}; the peer is closed unread and never connects)</td></tr>
 *   <tr><td>{@code socket.disconnected}</td><td>the socket's id</td><td>the socket</td>
 *       <td>exactly once per socket, after its last event and its {@code error}</td></tr>
 *   <tr><td>{@code close}</td><td>null</td><td>the socket</td>
 *       <td>right after {@code socket.disconnected}</td></tr>
 * </table>
 *
 * <p>node-ipc passes {@code (socket, id)} to {@code socket.disconnected}; jipc passes {@code (id,
 * socket)} so the socket is always the typed second argument.
 *
 * <h2>Threads</h2>
 *
 * <p>The accepted sockets are spread over {@code ioThreads} shared I/O loops; each socket's
 * handlers run one at a time in wire order, on its loop thread (or on {@code handlerExecutor}), and
 * handlers of sockets on different loops may run at the same time. Emitting never blocks. All
 * methods are thread-safe; {@link #close()} called from a handler does not wait. See {@code
 * docs/THREADING.md}.
 */
public interface IpcServer extends AutoCloseable {

  /** Returns a server for {@code endpoint} with default config; call {@link #start()} next. */
  static IpcServer create(Endpoint endpoint) {
    return create(endpoint, IpcConfig.defaults());
  }

  /** Returns a server for {@code endpoint} with {@code config}; call {@link #start()} next. */
  static IpcServer create(Endpoint endpoint, IpcConfig config) {
    if (endpoint instanceof Endpoint.Udp udp) {
      return UdpEndpoint.create(udp, config);
    }
    return new RealIpcServer(endpoint, config);
  }

  /**
   * Returns the endpoint: after {@link #start()}, the bound one (a TCP port 0 replaced by the port
   * the system chose).
   */
  Endpoint endpoint();

  /** Returns this server's config. */
  IpcConfig config();

  /**
   * Binds the endpoint, fires {@code start}, and begins accepting sockets.
   *
   * @throws IOException if binding fails (the message names the endpoint), including a live server
   *     on the same Unix path, a non-socket file there, or an unsafe socket root
   * @throws IllegalStateException if already started or closed, or if {@code allowedPeerUsers} or
   *     {@code allowedPeerGroups} is set and the endpoint is not a Unix socket
   */
  void start() throws IOException;

  /**
   * Registers a handler for events of {@code type}; {@code "*"} receives every event. The same
   * handler registered twice runs twice.
   *
   * @return this server
   */
  IpcServer on(String type, Handler handler);

  /** Registers a handler that ignores the event's data and socket. */
  IpcServer on(String type, Runnable handler);

  /** Registers a handler that also receives the type; under {@code "*"} it sees every event. */
  IpcServer on(String type, AnyHandler handler);

  /**
   * Removes one registration of {@code handler} (the same object given to {@code on}) for {@code
   * type}; nothing happens when it is not registered.
   *
   * @return this server
   */
  IpcServer off(String type, Handler handler);

  /**
   * Removes one registration of {@code handler} for {@code type}, as {@link #off(String, Handler)}.
   */
  IpcServer off(String type, Runnable handler);

  /**
   * Removes one registration of {@code handler} for {@code type}, as {@link #off(String, Handler)}.
   */
  IpcServer off(String type, AnyHandler handler);

  /**
   * Answers requests of {@code type} from any socket with {@code handler} (stream servers),
   * replacing any handler set for it before; requests of a type without a handler are answered with
   * {@link IpcRemoteException#NO_HANDLER}. The handler runs as event handlers do: on the socket's
   * loop (or {@code handlerExecutor}), in order with the socket's events. Ask a socket with {@link
   * IpcSocket#request}.
   *
   * @return this server
   * @throws UnsupportedOperationException on a UDP endpoint, which has no connection to answer on
   */
  IpcServer onRequest(String type, RequestHandler handler);

  /**
   * Sends one event to {@code socket}: the same as {@code socket.emit(type, data)}.
   *
   * @see IpcSocket#emit(String, Object)
   */
  boolean emit(IpcSocket socket, String type, Object data);

  /** Sends one event with empty-object data to {@code socket}. */
  boolean emit(IpcSocket socket, String type);

  /** Sends raw bytes to {@code socket} (raw profile). */
  boolean emit(IpcSocket socket, byte[] bytes);

  /**
   * Sends one event to every open socket. The frame is encoded once; a socket whose queue is full
   * is closed with an error and the others still get it.
   *
   * @return how many sockets it was queued on
   * @throws IllegalArgumentException as {@link IpcSocket#emit(String, Object)}
   */
  int broadcast(String type, Object data);

  /** Broadcasts one event with empty-object data. */
  int broadcast(String type);

  /** Broadcasts raw bytes (raw profile). */
  int broadcast(byte[] bytes);

  /**
   * Returns the connected socket whose {@link IpcSocket#id()} is {@code id}: the server-assigned
   * id, or with {@code identifyPeer} the id the peer declared (an id claimed by two peers finds the
   * first in accept order); empty if none is connected. So node-ipc code that keeps sockets by
   * client name ({@code server.emit(clientName, …)} in ipcio, {@code send(topic, data, clientId)}
   * in socket-ipc) translates to {@code server.socket(name).ifPresent(s -> s.emit(…))}.
   */
  Optional<IpcSocket> socket(String id);

  /**
   * Returns the connected sockets, in accept order (a snapshot; a TLS socket from its {@code
   * connect} on).
   */
  List<IpcSocket> sockets();

  /**
   * Returns what this server has done since it was made: the sockets open now and ever accepted,
   * frames and bytes each way and bytes queued over all of them (closed sockets' counts are folded
   * in when they close), its errors by code, and the requests its sockets sent. A UDP server counts
   * its peers and datagrams. Safe from any thread, before start and after close; costs a walk over
   * the open sockets. See {@link IpcStats}.
   */
  IpcStats stats();

  /** Same as {@link #close()}: node-ipc's {@code ipc.server.stop()}. */
  void stop();

  /**
   * Stops the server: stops accepting, removes its Unix socket file, closes every socket gracefully
   * (pending writes flushed and events the peers sent before they saw the close still dispatched,
   * for up to {@code closeTimeout}), and waits, bounded, until their events have run and the
   * listening port is free. Idempotent. Called from a handler it starts the close and returns at
   * once: the handler's own socket could not finish while it waits.
   */
  @Override
  void close();

  /** Answers one kind of request from the server's sockets; see {@link IpcServer#onRequest}. */
  @FunctionalInterface
  interface RequestHandler {
    /**
     * Returns the answer to one request: a value as {@code emit} takes for data, or a {@link
     * java.util.concurrent.CompletionStage} of one, answered when it completes. To answer with an
     * error, throw (or complete the stage with) an {@link IpcRemoteException} with your code;
     * anything else thrown answers {@link IpcRemoteException#HANDLER_FAILED} and is reported to
     * this server's {@code error} handlers.
     *
     * @param data the request's payload
     * @param socket the socket that asked; answer it only through the return value
     */
    Object answer(Object data, IpcSocket socket) throws Exception;
  }

  /**
   * Receives one event on a server: the payload and the socket it arrived on (see {@link IpcServer}
   * for what each lifecycle event passes).
   *
   * <p>Handlers for one socket run one at a time, in wire order, on the socket's I/O loop thread by
   * default (or on {@code handlerExecutor}); handlers for different sockets may run at the same
   * time. A handler that blocks holds up every socket of its loop. A handler that throws is
   * reported as an {@code error} event and the next events still arrive.
   */
  @FunctionalInterface
  interface Handler {
    /**
     * Handles one event.
     *
     * @param data the payload; immutable when it came from the wire
     * @param socket the socket the event belongs to, or null for server-wide events
     * @throws Exception to report a failure; it does not affect the connection
     */
    void handle(Object data, IpcSocket socket) throws Exception;
  }

  /**
   * Receives events on a server together with their type; registered under the wildcard type {@code
   * "*"} it receives every event, lifecycle events included. Same threading and failure rules as
   * {@link Handler}.
   */
  @FunctionalInterface
  interface AnyHandler {
    /**
     * Handles one event.
     *
     * @param type the event type
     * @param data the payload
     * @param socket the socket the event belongs to, or null for server-wide events
     * @throws Exception to report a failure; it does not affect the connection
     */
    void handle(String type, Object data, IpcSocket socket) throws Exception;
  }
}
