package io.jipc;

/**
 * Receives one event on a client: {@code data} is the event's payload (see {@link IpcClient} for
 * what each lifecycle event passes).
 *
 * <p>All handlers of one client run one at a time, in the order their events happened: on the
 * client's I/O loop thread by default, so a handler that blocks holds up every socket of that loop
 * (run such handlers on {@code handlerExecutor}). A handler that throws is reported as an {@code
 * error} event (or logged, if the error handler throws) and the next events still arrive.
 */
@FunctionalInterface
public interface EventHandler {
  /**
   * Handles one event.
   *
   * @param data the payload; immutable when it came from the wire
   * @throws Exception to report a failure; it does not affect the connection
   */
  void handle(Object data) throws Exception;
}
