package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.internal.transport.Conduit;
import io.jipc.internal.transport.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's connect attempts: each is bounded by {@code connectTimeout}, even where the system has
 * no timeout (a Unix socket whose listen backlog is full), and {@link #abort()} ends one in
 * progress at once. Used by one session thread; {@link #abort()} may be called from any thread.
 */
final class Connector {
  private final Transport transport;
  private final Endpoint endpoint;
  private final long timeoutNanos;
  private final long timeoutMillis;
  private volatile Closeable attempt; // The channel being connected, if any.

  Connector(Transport transport, Endpoint endpoint, IpcConfig config) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.timeoutNanos = config.connectTimeout().toNanos();
    this.timeoutMillis = config.connectTimeout().toMillis();
  }

  /**
   * Connects once.
   *
   * @throws IOException naming the endpoint when the attempt fails, times out or is aborted
   */
  Conduit connect() throws IOException {
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> guard =
        Timer.schedule(
            () -> {
              timedOut.set(true);
              abort();
            },
            timeoutNanos);
    Conduit conduit;
    try {
      conduit = transport.connect(channel -> attempt = channel);
    } catch (IOException e) {
      throw timedOut.get() ? timedOut(e) : e;
    } finally {
      guard.cancel(false);
      attempt = null;
    }
    if (timedOut.get()) {
      conduit.close(); // the guard fired just as the connect succeeded: honour the timeout
      throw timedOut(null);
    }
    return conduit;
  }

  /** Ends a connect in progress, if any, with an exception in {@link #connect()}. */
  void abort() {
    Closeable channel = attempt;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Aborting a connect: the channel is unusable either way.
      }
    }
  }

  private ConnectException timedOut(IOException cause) {
    ConnectException timeout =
        new ConnectException(
            "cannot connect to "
                + endpoint
                + ": no answer within connectTimeout ("
                + timeoutMillis
                + " ms)");
    timeout.initCause(cause);
    return timeout;
  }
}
