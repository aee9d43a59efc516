package io.jipc;

/**
 * Receives events on a server together with their type; registered under the wildcard type {@code
 * "*"} it receives every event, lifecycle events included. Same threading and failure rules as
 * {@link SocketEventHandler}.
 */
@FunctionalInterface
public interface AnySocketEventHandler {
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
