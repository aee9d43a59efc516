package io.jipc.internal.transport;

import io.jipc.Endpoint;
import java.io.Closeable;
import java.io.IOException;

/**
 * A bound server endpoint of any transport. Thread-safe; {@link #close()} wakes {@link #accept()}.
 */
public interface Acceptor extends Closeable {
  /**
   * Waits for the next connection.
   *
   * @throws IOException on failure, or when closed meanwhile
   */
  Conduit accept() throws IOException;

  /** Returns the endpoint as bound (a TCP port 0 replaced by the real one). */
  Endpoint endpoint();

  /** Stops listening and removes what binding created (a Unix socket file); idempotent. */
  @Override
  void close();
}
