package io.jipc;

/**
 * Receives one event on a server: the payload and the socket it arrived on (see {@link IpcServer}
 * for what each lifecycle event passes).
 *
 * <p>Handlers for one socket run one at a time, in wire order, on the socket's I/O loop thread by
 * default (or on {@code handlerExecutor}); handlers for different sockets may run at the same time.
 * A handler that blocks holds up every socket of its loop. A handler that throws is reported as an
 * {@code error} event and the next events still arrive.
 */
@FunctionalInterface
public interface SocketEventHandler {
  /**
   * Handles one event.
   *
   * @param data the payload; immutable when it came from the wire
   * @param socket the socket the event belongs to, or null for server-wide events
   * @throws Exception to report a failure; it does not affect the connection
   */
  void handle(Object data, IpcSocket socket) throws Exception;
}
