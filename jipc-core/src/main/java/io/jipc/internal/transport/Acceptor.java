package io.jipc.internal.transport;

import io.jipc.Endpoint;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;

/**
 * A bound server endpoint of any transport, non-blocking: the loop registers its {@link #channel()}
 * for accepts and calls {@link #accept()} when it is ready. Loop thread only, but {@link #close()}.
 */
public interface Acceptor {
  /** Returns the listening channel, non-blocking, for registration with a loop. */
  ServerSocketChannel channel();

  /**
   * Accepts one pending connection without waiting.
   *
   * @return the new connection's conduit, or null when none is pending
   * @throws IOException when accepting fails (the listener stays usable unless it was closed)
   */
  Conduit accept() throws IOException;

  /** Returns the endpoint as bound (a TCP port 0 replaced by the real one). */
  Endpoint endpoint();

  /** Stops listening and removes what binding created (a Unix socket file); idempotent. */
  void close();
}
