package io.jipc.internal.transport;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * How bytes travel to one endpoint: the seam every stream transport (Unix, TCP, TLS) implements in
 * one class. Everything above it (framing, events, reconnect, limits) is the same for all.
 */
public interface Transport {
  /** Returns the transport for {@code endpoint}, configured by {@code config}. */
  static Transport of(Endpoint endpoint, IpcConfig config) {
    if (endpoint instanceof Endpoint.Unix unix) {
      return new UnixTransport(unix, config);
    }
    Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
    return config.tls() != null ? new TlsTransport(tcp, config) : new TcpTransport(tcp, config);
  }

  /**
   * Binds the endpoint for a server.
   *
   * @throws IOException naming the endpoint when binding fails
   */
  Acceptor bind() throws IOException;

  /**
   * Opens one connection for a client.
   *
   * @param attempt receives each channel before it connects, so that another thread can abort a
   *     connect that takes too long, or that its client no longer wants, by closing it
   * @throws IOException naming the endpoint when connecting fails
   */
  Conduit connect(Consumer<Closeable> attempt) throws IOException;
}
