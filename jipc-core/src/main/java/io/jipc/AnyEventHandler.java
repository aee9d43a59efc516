package io.jipc;

/**
 * Receives events on a client together with their type; registered under the wildcard type {@code
 * "*"} it receives every event, lifecycle events included, as node-ipc's {@code '*'} handlers do.
 * Same threading and failure rules as {@link EventHandler}.
 */
@FunctionalInterface
public interface AnyEventHandler {
  /**
   * Handles one event.
   *
   * @param type the event type
   * @param data the payload
   * @throws Exception to report a failure; it does not affect the connection
   */
  void handle(String type, Object data) throws Exception;
}
